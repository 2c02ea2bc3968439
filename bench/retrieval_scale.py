"""Dense retrieval at 10k / 100k / 1M chunks: exact FAISS vs HNSW vs IVF.

Why FAISS directly: embedding a million texts with MiniLM would take hours on two
cores, so the vectors are synthetic (see ``bench.synthetic``) and the indexes are
built from matrices. HNSW is built with the product's own constructor
(``index.vectors.make_faiss_index``), so its row measures what ``ingest`` writes.
Queries are real: the dev questions and reworded copies, embedded by MiniLM.
Latency is one query at a time (as the app searches), recall@10 is against the
exact flat index on the same vectors.

    .venv/bin/python -m bench.retrieval_scale            # 10k, 100k, 1M (~6 min)
    .venv/bin/python -m bench.retrieval_scale --quick    # 10k, 30k
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from typing import Any

import faiss
import numpy as np

from bench.common import DEV_QA, log, pct, report, rss_mb, table
from bench.synthetic import expand, perturbed_passages, query_texts, random_unit
from index.embedders import SentenceTransformerEmbedding
from index.ingest import embed_text
from index.store import (
    EmbeddingCache,
    cache_model_key,
    current_generation,
    read_chunks,
    text_key,
)
from index.vectors import (
    HNSW_EF_SEARCH,
    HNSW_M,
    choose_index_type,
    make_faiss_index,
    set_search_depth,
)
from core.config import Settings, load_settings

K = 10
EF_SEARCH_SWEEP = (64, 128, 256, 512, 1024)


def base_vectors(settings: Settings, embedder: SentenceTransformerEmbedding, n_perturbed: int) -> np.ndarray:
    """The real index's MiniLM vectors plus freshly embedded perturbed passages."""
    gen = current_generation(settings.paths.index_dir)
    if gen is None:
        raise SystemExit(f"No index in {settings.paths.index_dir}. Build it first: policy-copilot ingest")
    chunks = read_chunks(gen)
    cache = EmbeddingCache.load(gen)
    key = cache_model_key(settings.embedding.model)
    real = [v for c in chunks if (v := cache.get(key, text_key(embed_text(c)))) is not None]
    if not real:
        raise SystemExit("The index holds no cached MiniLM vectors. Rebuild it: policy-copilot ingest --rebuild")
    passages = perturbed_passages([c.text for c in chunks], n_perturbed)
    return np.vstack([np.asarray(real, dtype="float32"), embedder.encode(passages)])


def latencies_ms(index: Any, queries: np.ndarray, threads: int = 1) -> list[float]:
    """One query at a time, the way the app searches."""
    faiss.omp_set_num_threads(threads)
    out = []
    for row in queries:
        started = time.perf_counter()
        index.search(row[None, :], K)
        out.append((time.perf_counter() - started) * 1000)
    faiss.omp_set_num_threads(2)
    return out


def recall(truth: np.ndarray, found: np.ndarray) -> float:
    return float(np.mean([len(set(t) & set(f)) / K for t, f in zip(truth, found)]))


def build_ivf(data: np.ndarray) -> tuple[Any, str]:
    """IVF-Flat with ~√N lists (a power of two), trained on a sample of 40 points per list."""
    n, dim = data.shape
    nlist = 2 ** max(4, round(math.log2(math.sqrt(n))))
    nprobe = max(16, nlist // 32)
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = data[np.random.default_rng(0).choice(n, min(n, 40 * nlist), replace=False)]
    index.train(sample)
    index.add(data)
    index.nprobe = nprobe
    return index, f"IVF{nlist}, nprobe {nprobe}"


def build_hnsw(data: np.ndarray) -> tuple[Any, str]:
    index = make_faiss_index(data.shape[1], "hnsw")
    index.add(data)
    return index, f"HNSW M={HNSW_M}, efSearch {HNSW_EF_SEARCH}"


def build_flat(data: np.ndarray) -> tuple[Any, str]:
    index = make_faiss_index(data.shape[1], "flat")
    index.add(data)
    return index, "flat (exact)"


def measure(label: str, data: np.ndarray, queries: np.ndarray, builder: Callable[[np.ndarray], tuple[Any, str]],
            truth: np.ndarray | None, flat_p50: float | None) -> tuple[dict[str, Any], np.ndarray, Any]:
    started = time.perf_counter()
    index, name = builder(data)
    build_s = time.perf_counter() - started
    lat = latencies_ms(index, queries)
    _, found = index.search(queries, K)
    row = {
        "data": label, "n": len(data), "index": name, "build_s": build_s,
        "memory_mb": faiss.serialize_index(index).nbytes / 2**20,
        "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95),
        "recall_at_10": 1.0 if truth is None else recall(truth, found),
    }
    row["speedup"] = (flat_p50 / row["p50_ms"]) if flat_p50 else 1.0
    log(f"{label} {len(data):,} {name}: build {build_s:.1f}s p50 {row['p50_ms']:.2f} ms recall {row['recall_at_10']:.3f}")
    return row, found, index


def search_depths(index: Any, queries: np.ndarray, truth: np.ndarray, label: str) -> list[list[object]]:
    """Recall and latency of one HNSW graph at several efSearch values (a search-time setting)."""
    rows: list[list[object]] = []
    for ef in EF_SEARCH_SWEEP:
        set_search_depth(index, ef)
        lat = latencies_ms(index, queries)
        _, found = index.search(queries, K)
        rows.append([label, ef, "✓" if ef == HNSW_EF_SEARCH else "", pct(lat, 50), pct(lat, 95),
                     f"{recall(truth, found):.3f}"])
    set_search_depth(index)
    return rows


def run_size(label: str, data: np.ndarray, queries: np.ndarray, settings: Settings, hnsw_max: int,
             thread_rows: list[list[object]], depth_rows: list[list[object]]) -> list[dict[str, Any]]:
    flat_row, truth, flat = measure(label, data, queries, build_flat, None, None)
    two = pct(latencies_ms(flat, queries[:60], threads=2), 50)
    one = pct(latencies_ms(flat, queries[:60], threads=1), 50)
    thread_rows.append([f"{len(data):,}", one, two, two / one])
    del flat
    rows = [flat_row]
    builders = [build_ivf] + ([build_hnsw] if len(data) <= hnsw_max else [])
    for builder in builders:
        row, _, index = measure(label, data, queries, builder, truth, flat_row["p50_ms"])
        rows.append(row)
        if builder is build_hnsw:
            depth_rows += search_depths(index, queries, truth, f"{label} {len(data):,}")
    auto = choose_index_type(len(data), settings.retrieval.index_type, settings.retrieval.approximate_above)
    for row in rows:
        row["product_choice"] = row["index"].lower().startswith(auto)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated corpus sizes")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--perturbed", type=int, default=300, help="perturbed passages embedded for real")
    parser.add_argument("--hnsw-max", type=int, default=100_000,
                        help="largest size at which HNSW is built (1M takes minutes: run it on its own)")
    parser.add_argument("--random-at", type=int, default=100_000, help="also run random unit vectors at this size (0: no)")
    parser.add_argument("--quick", action="store_true", help="10k and 30k, 60 queries (for development)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.queries, args.perturbed, args.random_at = "10000,30000", 60, 60, 10_000
    sizes = [int(s) for s in args.sizes.split(",")]

    settings = load_settings()
    embedder = SentenceTransformerEmbedding(settings.embedding.model, settings.embedding.batch_size)
    log("embedding perturbed passages and queries")
    base = base_vectors(settings, embedder, args.perturbed)
    queries = embedder.encode(query_texts(str(DEV_QA), args.queries))
    rows: list[dict[str, Any]] = []
    thread_rows: list[list[object]] = []
    depth_rows: list[list[object]] = []
    for n in sizes:
        rows += run_size("perturbed real", expand(base, n), queries, settings, args.hnsw_max, thread_rows,
                         depth_rows)
    if args.random_at:
        rows += run_size("random unit", random_unit(args.random_at, base.shape[1]), queries, settings,
                         args.hnsw_max, [], depth_rows)

    headers = ["vectors", "n", "index", "auto picks", "build s", "index MB", "p50 ms", "p95 ms", "recall@10",
               "p50 speed-up vs flat"]
    body = [[r["data"], r["n"], r["index"], "✓" if r["product_choice"] else "", r["build_s"], r["memory_mb"],
             r["p50_ms"], r["p95_ms"], f"{r['recall_at_10']:.3f}", r["speedup"]]
            for r in rows]
    tables = [
        table(f"Dense search, one {len(queries)}-query pass per index (MiniLM dim {base.shape[1]}, k={K}, "
              f"FAISS search threads 1; product threshold approximate_above={settings.retrieval.approximate_above:,})",
              headers, body),
        table("Flat search p50 (ms) by FAISS thread count, same run", ["n", "1 thread", "2 threads", "2/1 ratio"],
              thread_rows),
        table(f"HNSW search depth (M={HNSW_M}; ✓ = the product's efSearch)",
              ["vectors", "efSearch", "product", "p50 ms", "p95 ms", "recall@10"], depth_rows),
        f"Peak RSS of the benchmark process: {rss_mb(peak=True):,.0f} MB.",
    ]
    report("retrieval_scale", tables, {"rows": rows, "threads": thread_rows, "hnsw_depth": depth_rows})


if __name__ == "__main__":
    main()
