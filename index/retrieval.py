"""Hybrid retrieval over a published index: dense (FAISS) + BM25, fused by reciprocal rank.

Traditional Chinese questions also query a multilingual dense index, because the
English-only MiniLM cannot match Chinese to English. Filters (documents, date
range, access groups) are applied after fusion over an enlarged candidate pool,
so a filtered query still returns ``top_k`` hits when enough exist.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from llama_index.core import StorageContext, load_index_from_storage
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.schema import NodeWithScore

from core.config import Settings
from core.text import has_cjk, is_member_text
from index.chunking import Chunk
from index.embedders import SentenceTransformerEmbedding, multilingual_embedder
from index.store import (
    IndexMissing,
    Manifest,
    check_compatible,
    current_generation,
    read_chunks,
)
from index.vectors import BulkFaissVectorStore, set_search_depth

MAX_QUERY_CHARS = 2000  # what retrieval reads of a query (drafting passes long question parts)
MAX_QUESTION_CHARS = 2000  # what a user may type as a question: longer text would overflow the LLM's context


_LOCATOR = re.compile(
    r",?\s*\b(?:para|part|item|footnote)\s*\(?\d+\)?(?:\([a-z0-9]+\))*|(?<=reply|stion)(?:\s*\([a-z0-9]+\))+",
    re.IGNORECASE,
)
_PARAGRAPH_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:\d{1,3}\.|\(\d{1,3}\))\s+")


@dataclass
class Filters:
    """Restrictions on what a query may return. Empty means no restriction."""

    docs: set[str] = field(default_factory=set)  # only these documents
    exclude_docs: set[str] = field(default_factory=set)
    date_from: str = ""  # ISO prefix, inclusive
    date_to: str = ""
    groups: set[str] | None = None  # the user's groups; None = no access control
    skip_sections: set[str] = field(default_factory=set)
    member_text: bool = True  # False: leave out a Member's question or motion wording (``is_member_text``)

    @property
    def active(self) -> bool:
        return bool(
            self.docs or self.exclude_docs or self.date_from or self.date_to or self.groups is not None or self.skip_sections
            or not self.member_text
        )

    def allows(self, chunk: Chunk) -> bool:
        if self.docs and chunk.doc not in self.docs:
            return False
        if chunk.doc in self.exclude_docs:
            return False
        if self.date_from and chunk.date and chunk.date < self.date_from[: len(chunk.date)]:
            return False
        if self.date_to and chunk.date and chunk.date[: len(self.date_to)] > self.date_to:
            return False
        if self.groups is not None and chunk.groups and not (set(chunk.groups) & self.groups):
            return False
        if not self.member_text and is_member_text(chunk.section):
            return False
        return chunk.section not in self.skip_sections


@dataclass
class Hit:
    """One retrieved passage, in the shape the CLI, UI and eval share."""

    chunk_id: str
    doc: str
    title: str
    date: str
    label: str
    section: str
    start: int
    end: int
    text: str
    score: float
    rank: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def evidence(self) -> str:
        """What the checker holds a claim against: the passage with its document name and date.

        Paragraph, part and item numbers ("para 12", a leading "12.") locate the passage; they
        are not figures it states, so "12 people have registered" is not supported by para 12.
        """
        label = _LOCATOR.sub("", self.label)
        return f"{label} (dated {self.date or 'undated'}): {_PARAGRAPH_NUMBER.sub('', self.text)}"


class QueryError(ValueError):
    """A question that cannot be searched (empty, or only symbols)."""


def normalise_query(query: str) -> str:
    cleaned = "".join(ch for ch in query if ch.isprintable() or ch in "\n\t").strip()
    if not re.search(r"[^\W_]", cleaned):  # a letter or digit in any script; "_" alone is a symbol
        raise QueryError("The question is empty. Type a question about the indexed documents.")
    return cleaned[:MAX_QUERY_CHARS]


def clean_question(question: str) -> str:
    """``question`` without control characters and unpaired surrogates (which tokenizers and
    UTF-8 cannot take), line breaks kept, surrounding space removed."""
    text = question.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    ).strip()


def check_question(question: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """A question typed by a user, cleaned (``clean_question``) for every later step, or a
    ``QueryError`` saying what to do.

    Entry points (CLI ``ask``/``retrieve``, the web app) call this before any model work, so
    an empty or pasted-document "question" fails at once with a message, not deep inside
    the LLM server with a context-overflow error, and no NUL, terminal escape or lone
    surrogate reaches the prompt, the tokenizer or the audit log.
    """
    cleaned = clean_question(question)
    if len(cleaned) > limit:
        raise QueryError(
            f"The question is {len(cleaned):,} characters long; the limit is {limit:,}. Ask about one thing "
            "at a time (to answer a whole LegCo question, use draft-reply)."
        )
    normalise_query(cleaned)  # empty, or only symbols
    return cleaned


class HybridRetriever:
    """Loads the live index generation once and answers many queries."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        index_dir = settings.paths.index_dir
        gen = current_generation(index_dir)
        if gen is None:
            raise IndexMissing(
                f"No index found in {index_dir}. Build it with: policy-copilot ingest --index-dir {index_dir}"
            )
        self.generation: Path = gen
        self.manifest = Manifest.from_json((gen / "manifest.json").read_text(encoding="utf-8"))
        ml_model = settings.embedding.multilingual_model if settings.embedding.multilingual else None
        check_compatible(self.manifest, settings.embedding.model, ml_model)
        self.chunks: dict[str, Chunk] = {c.chunk_id: c for c in read_chunks(gen)}
        self.embedder = SentenceTransformerEmbedding(settings.embedding.model, settings.embedding.batch_size)
        self._dense = self._load_vector_index(gen / "storage", self.embedder)
        self._multilingual = None
        if ml_model:
            self._multilingual = self._load_vector_index(
                gen / "multilingual", multilingual_embedder(ml_model, settings.llm.threads)
            )
        self._bm25_model = self._load_bm25(gen / "bm25")

    @staticmethod
    def _load_vector_index(path: Path, embed_model):  # type: ignore[no-untyped-def]
        store = BulkFaissVectorStore.from_persist_dir(str(path))
        set_search_depth(store.client)
        context = StorageContext.from_defaults(vector_store=store, persist_dir=str(path))
        return load_index_from_storage(context, embed_model=embed_model)

    @staticmethod
    def _load_bm25(path: Path):  # type: ignore[no-untyped-def]
        import bm25s

        return bm25s.BM25.load(str(path), load_corpus=True, show_progress=False)

    def _bm25(self, k: int) -> BaseRetriever:
        import Stemmer
        from llama_index.retrievers.bm25 import BM25Retriever

        return BM25Retriever(
            existing_bm25=self._bm25_model, stemmer=Stemmer.Stemmer("english"), similarity_top_k=k
        )

    def _retrievers(self, query: str, k: int) -> list[BaseRetriever]:
        if has_cjk(query) and self._multilingual is not None:
            # English BM25 and MiniLM only add noise for a Chinese question.
            return [self._multilingual.as_retriever(similarity_top_k=k)]
        return [self._dense.as_retriever(similarity_top_k=k), self._bm25(k)]

    def retrieve(self, query: str, top_k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        """The ``top_k`` best passages for ``query`` that pass ``filters``."""
        query = normalise_query(query)
        top_k = top_k or self.settings.retrieval.top_k
        filters = filters or Filters()
        n = len(self.chunks)
        pool = self.settings.retrieval.candidates_k
        if filters.active:
            pool = max(pool * 10, 200)
        pool = max(1, min(n, max(pool, top_k)))
        fusion = QueryFusionRetriever(
            self._retrievers(query, pool),
            llm=MockLLM(),  # never generate extra queries, never ask for an API key
            mode="reciprocal_rerank",
            num_queries=1,
            similarity_top_k=pool * 2,
            use_async=False,
        )
        hits: list[Hit] = []
        for result in fusion.retrieve(query):
            chunk = self._chunk_of(result)
            if chunk is None or not filters.allows(chunk):
                continue
            hits.append(self._hit(chunk, result.score or 0.0, len(hits) + 1))
            if len(hits) == top_k:
                break
        return hits

    def _chunk_of(self, result: NodeWithScore) -> Chunk | None:
        node_id = result.node.metadata.get("chunk_id") or result.node.node_id
        return self.chunks.get(str(node_id))

    @staticmethod
    def _hit(chunk: Chunk, score: float, rank: int) -> Hit:
        shared = {f.name: getattr(chunk, f.name) for f in fields(Hit) if hasattr(chunk, f.name)}
        return Hit(**shared, score=round(score, 6), rank=rank)

    def document_hits(self, doc: str, filters: Filters | None = None) -> list[Hit]:
        """Every passage of one document in reading order (for whole-document summaries)."""
        filters = filters or Filters()
        chunks = sorted((c for c in self.chunks.values() if c.doc == doc and filters.allows(c)), key=lambda c: c.start)
        return [self._hit(c, 0.0, i) for i, c in enumerate(chunks, 1)]

    def document_text(self, doc: str) -> str:
        """The cleaned text of a document, which hit offsets point into."""
        return (self.generation / "texts" / f"{doc}.txt").read_text(encoding="utf-8")
