"""Incremental ingest: read → clean → chunk → embed → write a new index generation.

Unchanged documents (same bytes, same metadata) keep their chunks and vectors;
changed ones are re-chunked and only their new chunk texts are embedded;
removed ones drop out. A document that fails to load is reported and, if an
earlier version was indexed, that version is kept: nothing is lost on failure.
A byte-identical copy of another document (same groups) is reported and skipped,
so answers do not cite the same paragraph twice. An ingest that changes nothing
(every new file failed, or nothing new at all) leaves the live generation as it is.
One ingest at a time per index folder (a file lock), whoever starts it: CLI or web app.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout
from llama_index.core import StorageContext, VectorStoreIndex
from llama_index.core.schema import TextNode
from tqdm import tqdm

from core.config import Settings
from core.hashing import sha256_file
from index.chunking import CHUNKER_VERSION, Chunk, chunk_document
from index.cleaning import clean_text
from index.embedders import SentenceTransformerEmbedding, multilingual_embedder
from index.loaders import DocumentLoadError, is_document, load_file
from index.metadata import DocumentMeta, MetadataCatalog, MetadataError
from index.store import (
    CRASH_ENV,  # noqa: F401 - re-exported for tests
    SCHEMA_VERSION,
    EmbeddingCache,
    Manifest,
    cache_model_key,
    clean_index_dir,
    crash_point,
    current_generation,
    new_generation_dir,
    publish_generation,
    read_chunks,
    text_key,
    write_chunks,
)
from index.vectors import BulkFaissVectorStore, choose_index_type, make_faiss_index

log = logging.getLogger(__name__)
ProgressFn = Callable[[float, str], None]
LOCK_FILE = ".ingest.lock"
EMBED_METADATA_KEYS = ("title", "section", "context")


class IngestError(RuntimeError):
    """Ingest could not produce an index; the message says why and what to do."""


@dataclass
class IngestReport:
    """What one ingest run did, for the CLI, the UI and tests."""

    index_dir: str
    generation: str = ""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"Indexed {self.chunks} chunks from {len(self.added) + len(self.changed) + len(self.unchanged)} "
            f"documents in {self.seconds:.1f}s ({self.embedded} chunks embedded).",
            f"  added {len(self.added)}, changed {len(self.changed)}, unchanged {len(self.unchanged)}, "
            f"removed {len(self.removed)}, failed {len(self.failed)}",
        ]
        for doc, why in self.failed.items():
            lines.append(f"  ! {why}")
        return "\n".join(lines)


def embed_text(chunk: Chunk) -> str:
    """What the embedder reads: document, label, section and a list item's lead-in give a
    bare paragraph its topic (the stored chunk text stays exactly the document's)."""
    head = [chunk.title, chunk.section, chunk.context]
    return "\n".join([h for h in head if h] + [chunk.text])


def _fingerprint(content_sha: str, meta: dict[str, object], chunker: dict[str, int]) -> str:
    extra = json.dumps({"meta": meta, "chunker": chunker}, sort_keys=True).encode()
    return content_sha + ":" + hashlib.sha256(extra).hexdigest()[:16]


class _Embedders:
    """The dense models an index uses, loaded once per ingest."""

    def __init__(self, settings: Settings) -> None:
        self.main = SentenceTransformerEmbedding(settings.embedding.model, settings.embedding.batch_size)
        self.multilingual = (
            multilingual_embedder(settings.embedding.multilingual_model, settings.llm.threads)
            if settings.embedding.multilingual
            else None
        )


def _embed_missing(
    chunks: list[Chunk],
    model_key: str,
    encode: Callable[[list[str]], np.ndarray],
    cache: EmbeddingCache,
    desc: str,
    progress: ProgressFn | None,
    show_bar: bool,
) -> int:
    """Embed chunk texts the cache lacks, in batches, with a progress bar. Returns the count."""
    todo: dict[str, str] = {}
    for chunk in chunks:
        text = embed_text(chunk)
        key = text_key(text)
        if cache.get(model_key, key) is None:
            todo[key] = text
    # Longest first, like SentenceTransformer.encode does within one call: batches of similar lengths pad
    # less, so ingesting in progress-bar batches costs no more than one big encode.
    keys = sorted(todo, key=lambda k: len(todo[k]), reverse=True)
    batch = 64
    with tqdm(total=len(keys), desc=desc, unit="chunk", disable=not show_bar or not keys) as bar:
        for i in range(0, len(keys), batch):
            part = keys[i : i + batch]
            vectors = encode([todo[k] for k in part])
            for key, vector in zip(part, vectors):
                cache.put(model_key, key, vector)
            bar.update(len(part))
            if progress:
                progress(min(1.0, (i + len(part)) / len(keys)), desc)
    return len(keys)


def _nodes(chunks: list[Chunk], model_key: str, cache: EmbeddingCache) -> list[TextNode]:
    nodes = []
    for chunk in chunks:
        metadata = chunk.as_metadata()
        vector = cache.get(model_key, text_key(embed_text(chunk)))
        nodes.append(
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.text,
                metadata=metadata,
                excluded_embed_metadata_keys=[k for k in metadata if k not in EMBED_METADATA_KEYS],
                excluded_llm_metadata_keys=list(metadata),
                embedding=vector.tolist() if vector is not None else None,
            )
        )
    return nodes


def _write_vector_index(nodes: list[TextNode], dim: int, index_type: str, embed_model, out: Path) -> None:
    store = BulkFaissVectorStore(faiss_index=make_faiss_index(dim, index_type))
    context = StorageContext.from_defaults(vector_store=store)
    VectorStoreIndex(nodes, storage_context=context, embed_model=embed_model, show_progress=False)
    context.persist(persist_dir=str(out))


def _write_bm25(nodes: list[TextNode], out: Path) -> None:
    import Stemmer
    from llama_index.retrievers.bm25 import BM25Retriever

    retriever = BM25Retriever.from_defaults(
        nodes=nodes, stemmer=Stemmer.Stemmer("english"), language="english", similarity_top_k=20
    )
    retriever.persist(str(out))


def _old_text(gen: Path | None, doc: str) -> str:
    """The cleaned text a previous generation stored for ``doc``."""
    assert gen is not None
    return (gen / "texts" / f"{doc}.txt").read_text(encoding="utf-8")


def ingest(
    settings: Settings,
    rebuild: bool = False,
    progress: ProgressFn | None = None,
    show_bar: bool = True,
) -> IngestReport:
    """Bring the index in ``settings.paths.index_dir`` up to date with the corpus folder.

    Waits for an ingest already running on the same index folder (another process or thread).
    """
    index_dir = settings.paths.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning("Another ingest is running on %s; waiting for it to finish.", index_dir)
        if progress:
            progress(0.0, "Waiting for another ingest of this index to finish")
        lock.acquire()
    try:
        return _ingest(settings, rebuild, progress, show_bar)
    finally:
        lock.release()


@dataclass
class _Previous:
    """The live generation, when its chunks and vectors can be reused (same schema and embedding model)."""

    gen: Path | None = None
    manifest: Manifest | None = None
    reusable: bool = False
    chunks: dict[str, list[Chunk]] = field(default_factory=dict)  # document -> its chunks

    @classmethod
    def load(cls, settings: Settings, rebuild: bool) -> _Previous:
        gen = None if rebuild else current_generation(settings.paths.index_dir)
        manifest = Manifest.from_json((gen / "manifest.json").read_text()) if gen else None
        reusable = bool(manifest and manifest.schema_version == SCHEMA_VERSION
                        and manifest.embedding_model == settings.embedding.model)
        chunks: dict[str, list[Chunk]] = {}
        if gen and reusable:
            for chunk in read_chunks(gen):
                chunks.setdefault(chunk.doc, []).append(chunk)
        return cls(gen, manifest, reusable, chunks)


@dataclass
class _Corpus:
    """What this ingest read: per document its cleaned text, manifest entry and chunks."""

    files: list[Path]
    texts: dict[str, str] = field(default_factory=dict)
    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    chunks_of: dict[str, list[Chunk]] = field(default_factory=dict)

    @property
    def documents(self) -> dict[str, dict[str, object]]:
        """Manifest entries in corpus (file name) order, whatever order the files were read in."""
        return {p.name: self.entries[p.name] for p in self.files if p.name in self.entries}

    @property
    def all_chunks(self) -> list[Chunk]:
        return [c for p in self.files for c in self.chunks_of.get(p.name, [])]


def _ingest(settings: Settings, rebuild: bool, progress: ProgressFn | None, show_bar: bool) -> IngestReport:
    started = time.perf_counter()
    corpus_dir, index_dir = settings.paths.corpus_dir, settings.paths.index_dir
    if not corpus_dir.is_dir():
        raise IngestError(f"Corpus folder {corpus_dir} does not exist. Pass --corpus DIR or create it.")
    report = IngestReport(index_dir=str(index_dir))
    chunker = {"max_words": settings.chunking.max_words, "min_words": settings.chunking.min_words}
    chunker_id = {**chunker, "version": CHUNKER_VERSION}
    embedders = _Embedders(settings)
    main_key = cache_model_key(settings.embedding.model)
    ml_key = cache_model_key(settings.embedding.multilingual_model)
    previous = _Previous.load(settings, rebuild)
    cache = EmbeddingCache.load(previous.gen if previous.reusable else None)
    corpus = _read_corpus(corpus_dir, previous, chunker, chunker_id, report, progress, show_bar)
    all_chunks = corpus.all_chunks
    if not all_chunks:
        problems = "; ".join(report.failed.values()) or f"no supported documents in {corpus_dir}"
        raise IngestError(f"Nothing to index: {problems}")

    report.embedded = _embed_missing(all_chunks, main_key, embedders.main.encode, cache, "Embedding", progress, show_bar)
    ml_embedded = 0
    if embedders.multilingual:
        ml_embedded = _embed_missing(
            all_chunks, ml_key, embedders.multilingual.encode, cache, "Embedding (multilingual)", progress, show_bar
        )
    index_type = choose_index_type(len(all_chunks), settings.retrieval.index_type, settings.retrieval.approximate_above)
    manifest = Manifest(
        schema_version=SCHEMA_VERSION, embedding_model=settings.embedding.model,
        embedding_dim=embedders.main.dimension, chunker=chunker_id, index_type=index_type,
        multilingual_model=settings.embedding.multilingual_model if embedders.multilingual else None,
        documents=corpus.documents, failed=report.failed, created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )
    if previous.gen is not None and _same_index(previous, manifest, report, ml_embedded):
        clean_index_dir(index_dir)  # nothing to write, but clear what an interrupted ingest left behind
        return _finished(report, previous.gen.name, len(all_chunks), started, progress, "Index unchanged")
    final = _write_generation(index_dir, corpus, manifest, embedders, cache, main_key, ml_key)
    return _finished(report, final.name, len(all_chunks), started, progress, "Index ready")


def _read_corpus(corpus_dir: Path, previous: _Previous, chunker: dict[str, int], chunker_id: dict[str, int],
                 report: IngestReport, progress: ProgressFn | None, show_bar: bool) -> _Corpus:
    """Read every document, reusing unchanged ones' chunks; the report records what happened to each."""
    catalog = MetadataCatalog(corpus_dir)
    corpus = _Corpus(sorted(p for p in corpus_dir.iterdir() if is_document(p)))
    indexed_as: dict[tuple[str, tuple[str, ...]], str] = {}  # (sha256 of the bytes, groups) -> document
    # Documents already indexed go first, so of two identical copies the indexed one stays.
    order = sorted(corpus.files, key=lambda p: (p.name not in previous.chunks, p.name))
    for i, path in enumerate(tqdm(order, desc="Reading documents", unit="doc", disable=not show_bar)):
        doc = path.name
        if progress:
            progress(i / max(1, len(corpus.files)), f"Reading {doc}")
        try:
            meta = catalog.for_file(path)
            digest = sha256_file(path)
            same = indexed_as.get((digest, tuple(sorted(meta.groups))))
            if same is not None:  # a deliberate skip: no earlier version of the copy is kept
                report.failed[doc] = f"{doc}: the same bytes as {same}, so it was skipped (one copy is enough; delete the other)."
                continue
            fingerprint = _fingerprint(digest, meta.as_dict(), chunker_id)
            chunks = _read_document(path, meta, fingerprint, previous, chunker, corpus, report)
        except Exception as exc:  # one unreadable file never stops the rest of the corpus
            _keep_last_good(doc, exc, previous, corpus, report)
            continue
        corpus.entries[doc] = {**meta.as_dict(), "fingerprint": fingerprint, "chunks": len(chunks)}
        corpus.chunks_of[doc] = chunks
        indexed_as[(digest, tuple(sorted(meta.groups)))] = doc
    for name in ("added", "changed", "unchanged"):
        getattr(report, name).sort()
    if previous.manifest:
        report.removed = sorted(set(previous.manifest.documents) - {p.name for p in corpus.files})
    return corpus


def _read_document(path: Path, meta: DocumentMeta, fingerprint: str, previous: _Previous, chunker: dict[str, int],
                   corpus: _Corpus, report: IngestReport) -> list[Chunk]:
    """One document's chunks: the previous ones when its fingerprint is unchanged, else cleaned and chunked anew."""
    doc = path.name
    before = previous.manifest.documents.get(doc) if (previous.manifest and previous.reusable) else None
    if before and before.get("fingerprint") == fingerprint and doc in previous.chunks:
        corpus.texts[doc] = _old_text(previous.gen, doc)
        report.unchanged.append(doc)
        return previous.chunks[doc]
    cleaned = clean_text(load_file(path))
    chunks = chunk_document(cleaned, meta, **chunker)
    if not chunks:
        raise DocumentLoadError(f"{doc}: no text left after cleaning.")
    corpus.texts[doc] = cleaned
    (report.changed if before else report.added).append(doc)
    return chunks


def _keep_last_good(doc: str, exc: Exception, previous: _Previous, corpus: _Corpus, report: IngestReport) -> None:
    """Report a document that failed to read and keep the version indexed before, if any."""
    if not isinstance(exc, (DocumentLoadError, MetadataError, OSError)):
        log.exception("Unexpected error reading %s", doc)
        exc = DocumentLoadError(f"{doc}: could not be read ({type(exc).__name__}: {exc}).")
    report.failed[doc] = str(exc) if str(exc).startswith(f"{doc}:") else f"{doc}: {exc}"
    if doc in previous.chunks and previous.manifest:
        corpus.chunks_of[doc] = previous.chunks[doc]
        corpus.texts[doc] = _old_text(previous.gen, doc)
        corpus.entries[doc] = previous.manifest.documents[doc]


def _same_index(previous: _Previous, manifest: Manifest, report: IngestReport, ml_embedded: int) -> bool:
    """Whether the live generation already is this index (nothing read, embedded or configured differs)."""
    old, fields = previous.manifest, ("documents", "chunker", "index_type", "multilingual_model", "embedding_dim")
    return bool(
        old is not None and previous.reusable
        and not (report.added or report.changed or report.removed or report.embedded or ml_embedded)
        and all(getattr(old, name) == getattr(manifest, name) for name in fields)
    )


def _write_generation(index_dir: Path, corpus: _Corpus, manifest: Manifest, embedders: _Embedders,
                      cache: EmbeddingCache, main_key: str, ml_key: str) -> Path:
    """Write texts, chunks, vector and BM25 indexes and the manifest to a new generation, then publish it."""
    all_chunks = corpus.all_chunks
    tmp = new_generation_dir(index_dir)
    crash_point("after_tmp")
    (tmp / "texts").mkdir()
    for doc, text in corpus.texts.items():
        (tmp / "texts" / f"{doc}.txt").write_text(text, encoding="utf-8")
    write_chunks(tmp, all_chunks)
    main_nodes = _nodes(all_chunks, main_key, cache)
    _write_vector_index(main_nodes, embedders.main.dimension, manifest.index_type, embedders.main, tmp / "storage")
    crash_point("after_storage")
    if embedders.multilingual:
        ml_nodes = _nodes(all_chunks, ml_key, cache)
        _write_vector_index(ml_nodes, embedders.multilingual.dimension, manifest.index_type, embedders.multilingual,
                            tmp / "multilingual")
    _write_bm25(main_nodes, tmp / "bm25")
    keep = {main_key: {text_key(embed_text(c)) for c in all_chunks}}
    if embedders.multilingual:
        keep[ml_key] = keep[main_key]
    cache.save(tmp / "embeddings.npz", keep)
    (tmp / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    crash_point("before_publish")
    return publish_generation(index_dir, tmp)


def _finished(report: IngestReport, generation: str, chunks: int, started: float,
              progress: ProgressFn | None, message: str) -> IngestReport:
    """Fill in the report's outcome (both the unchanged and the published path end here)."""
    report.generation, report.chunks, report.seconds = generation, chunks, time.perf_counter() - started
    if progress:
        progress(1.0, message)
    return report
