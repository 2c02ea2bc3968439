"""Print retrieval quality on a dataset: hit@1, hit@k and MRR per question type, plus latency.

    python -m eval.retrieval_report --dataset ../shared/eval/dev_qa.jsonl [--k 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from eval.dataset import Question, load_questions
from eval.retrieval_metrics import first_hit_rank, gold_spans
from index.retrieval import HybridRetriever
from core.config import Settings, load_settings


def evaluate(
    retriever: HybridRetriever, questions: list[Question], k: int
) -> tuple[list[dict[str, object]], list[float]]:
    """Per-question rows (id, type, rank) and per-query latencies in ms."""
    doc_text: dict[str, str] = {}
    rows, latencies = [], []
    for question in questions:
        if not question.sources:
            continue
        for source in question.sources:
            if source.doc not in doc_text:
                try:
                    doc_text[source.doc] = retriever.document_text(source.doc)
                except FileNotFoundError:
                    doc_text[source.doc] = ""
        started = time.perf_counter()
        hits = retriever.retrieve(question.question, top_k=k)
        latencies.append((time.perf_counter() - started) * 1000)
        spans = gold_spans(question, doc_text)
        rows.append({"id": question.id, "type": question.type, "rank": first_hit_rank(hits, spans), "spans": len(spans)})
    return rows, latencies


def table(rows: list[dict[str, object]], k: int) -> str:
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        groups["chinese" if row["type"] == "chinese" else "english"].append(row)
        if row["type"] != "chinese":
            groups[f"  {row['type']}"].append(row)
    lines = [f"| group | n | hit@1 | hit@{k} | MRR |", "|---|---|---|---|---|"]
    for name in ["english", "chinese"] + sorted(g for g in groups if g.startswith("  ")):
        group = groups.get(name, [])
        if not group:
            continue
        ranks = [r["rank"] for r in group]
        hit1 = sum(1 for r in ranks if r == 1) / len(ranks)
        hitk = sum(1 for r in ranks if r is not None and r <= k) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)  # type: ignore[operator]
        lines.append(f"| {name.strip()} | {len(group)} | {hit1:.2f} | {hitk:.2f} | {mrr:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("../shared/eval/dev_qa.jsonl"))
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    settings = settings or load_settings()
    retriever = HybridRetriever(settings)
    rows, latencies = evaluate(retriever, load_questions(args.dataset), args.k)
    print(table(rows, args.k))
    print(f"\nretrieval latency: p50 {statistics.median(latencies):.1f} ms, "
          f"max {max(latencies):.1f} ms over {len(latencies)} queries")
    if args.show_misses:
        for row in rows:
            if row["rank"] is None or row["rank"] > args.k:  # type: ignore[operator]
                print("miss:", row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
