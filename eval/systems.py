"""The systems an evaluation run compares, each behind one small adapter.

* ``ours``       — the product: hybrid retrieval + our prompt + the citation checker;
* ``bm25``       — the same generation and checker fed by BM25 alone;
* ``extractive`` — our retrieval with the no-LLM extractive composer;
* ``vanilla``    — llama-index's default ``VectorStoreIndex`` query engine (default
  ``SentenceSplitter``, dense top-2, the same MiniLM embedder and LLM), answering
  without [n] markers, so its sentences are scored as uncited.

Every adapter returns a ``rag.answer.Answer``, so scoring never knows which system
produced a record. With ``--llm extractive`` there is no LLM: vanilla then composes
an extractive answer over its own top-2 passages.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from llama_index.core.base.llms.types import ChatResponse, CompletionResponse
from llama_index.core.instrumentation import get_dispatcher
from llama_index.core.instrumentation.event_handlers import BaseEventHandler
from llama_index.core.instrumentation.events import BaseEvent
from llama_index.core.instrumentation.events.llm import LLMChatEndEvent, LLMCompletionEndEvent
from llama_index.core.retrievers import BaseRetriever

from eval.dataset import Question
from eval.leave_out import LeaveOutRetriever
from core.text import has_cjk
from index.retrieval import Hit, HybridRetriever
from rag.acceptance import decide_unchecked
from rag.answer import Answer, Answerer, Context
from rag.extractive import extractive_answer
from rag.generation import generator_for
from core.config import Settings
from rag.llm import LLMHandle, build_llm, usage_of
from rag.prompts import REFUSAL_EN, REFUSAL_ZH

SYSTEM_NAMES = ("ours", "vanilla", "bm25", "extractive", "leave-out")
WARM_UP_QUERIES = ("artificial intelligence policy", "人工智能政策")  # English and Chinese retrieval paths


class System(Protocol):
    name: str
    description: str
    streamed: bool  # reports time to first token

    def answer(self, question: Question) -> Answer: ...

    def warm_up(self) -> None:
        """Load lazily loaded models now, so the first question's latency is not a load time."""
        ...

    def document_text(self, doc: str) -> str:
        """The text this system's passage offsets point into (for locating gold quotes)."""
        ...


class BM25OnlyRetriever(HybridRetriever):
    """The published index searched by BM25 alone (no dense retriever, no fusion partner)."""

    def _retrievers(self, query: str, k: int) -> list[BaseRetriever]:
        return [self._bm25(k)]


@dataclass
class AnswererSystem:
    """Any configuration of the product's own pipeline."""

    name: str
    description: str
    answerer: Answerer
    top_k: int | None = None
    streamed: bool = True

    def answer(self, question: Question) -> Answer:
        retriever = self.answerer.retriever
        if isinstance(retriever, LeaveOutRetriever):
            retriever.question = question
        return self.answerer.answer(question.question, top_k=self.top_k, qid=question.id)

    def warm_up(self) -> None:
        for probe in WARM_UP_QUERIES:
            self.answerer.retriever.retrieve(probe, top_k=1)

    def document_text(self, doc: str) -> str:
        return self.answerer.retriever.document_text(doc)


class _UsageRecorder(BaseEventHandler):
    """Adds up the token usage the server reports for each LLM call llama-index makes."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @classmethod
    def class_name(cls) -> str:
        return "EvalUsageRecorder"

    def reset(self) -> None:
        self.prompt_tokens = self.completion_tokens = 0

    def handle(self, event: BaseEvent, **kwargs: Any) -> None:
        if isinstance(event, (LLMChatEndEvent, LLMCompletionEndEvent)):
            response: ChatResponse | CompletionResponse | None = event.response
            prompt, completion = usage_of(response.raw if response is not None else None)
            self.prompt_tokens += prompt
            self.completion_tokens += completion


class VanillaSystem:
    """llama-index defaults over the same documents (read by the project's loaders).

    Documents come from the same loaders as ours, so the comparison isolates chunking,
    retrieval and prompting rather than PDF extraction. The in-memory index is built
    once per run.
    """

    name = "vanilla"
    streamed = False

    def __init__(self, settings: Settings, llm: LLMHandle, docs: Sequence[str], top_k: int = 2) -> None:
        from llama_index.core import Document, VectorStoreIndex

        from index.embedders import SentenceTransformerEmbedding
        from index.loaders import load_file

        self.llm = llm
        self.texts = {doc: load_file(settings.paths.corpus_dir / doc) for doc in docs}
        documents = [Document(text=text, id_=doc, metadata={"file_name": doc}) for doc, text in self.texts.items()]
        self.embedder = SentenceTransformerEmbedding(settings.embedding.model, settings.embedding.batch_size)
        self.index = VectorStoreIndex.from_documents(documents, embed_model=self.embedder)
        # similarity_top_k=2 is llama-index's default, stated here so the report can say it.
        generates = generator_for(llm).available
        self.engine = self.index.as_query_engine(llm=llm.llm, similarity_top_k=top_k) if generates else None
        self.retriever = self.index.as_retriever(similarity_top_k=top_k)
        self.usage = _UsageRecorder()
        if generates:
            get_dispatcher().add_event_handler(self.usage)
        mode = f"same LLM ({llm.model_id})" if generates else "extractive composer (no LLM configured)"
        self.description = f"llama-index VectorStoreIndex defaults: SentenceSplitter, MiniLM dense top-{top_k}, {mode}"

    def _similarity(self, question: str, sentences: list[str]) -> list[float]:
        """The same MiniLM cosine our extractive composer uses, so only retrieval differs."""
        vectors = self.embedder.encode([question, *sentences])
        return [float(v) for v in vectors[1:] @ vectors[0]]

    def close(self) -> None:
        """Detach the usage recorder from llama-index's global dispatcher."""
        dispatcher = get_dispatcher()
        dispatcher.event_handlers = [h for h in dispatcher.event_handlers if h is not self.usage]

    def document_text(self, doc: str) -> str:
        return self.texts[doc]

    def warm_up(self) -> None:
        for probe in WARM_UP_QUERIES:
            self.retriever.retrieve(probe)

    def _hits(self, nodes: Sequence[Any]) -> list[Hit]:
        hits = []
        for rank, scored in enumerate(nodes, 1):
            node = scored.node
            doc = str(node.metadata.get("file_name", node.ref_doc_id or ""))
            text = node.get_content()
            start = node.start_char_idx if node.start_char_idx is not None else max(0, self.texts.get(doc, "").find(text))
            end = node.end_char_idx if node.end_char_idx is not None else start + len(text)
            # The label is the file name, which llama-index's default prompt also shows the model.
            hits.append(Hit(chunk_id=node.node_id, doc=doc, title=doc, date="", label=doc,
                            section="", start=start, end=end, text=text, score=float(scored.score or 0.0), rank=rank))
        return hits

    def answer(self, question: Question) -> Answer:
        from llama_index.core.schema import QueryBundle

        started = time.perf_counter()
        bundle = QueryBundle(question.question)
        nodes = self.retriever.retrieve(bundle)
        retrieve_ms = (time.perf_counter() - started) * 1000
        hits = self._hits(nodes)
        result = Answer(question=question.question, answer="", refused=False, contexts=[Context.of(h) for h in hits],
                        llm=self.llm.model_id, id=question.id, standalone_question=question.question)
        if self.engine is None:  # raw text keeps its hard line breaks; the composer needs sentences
            flat = [replace(h, text=" ".join(h.text.split())) for h in hits]
            text = extractive_answer(question.question, flat, has_cjk(question.question), similarity=self._similarity)
        else:
            self.usage.reset()
            text = str(self.engine.synthesize(bundle, nodes).response or "")
            result.prompt_tokens, result.completion_tokens = self.usage.prompt_tokens, self.usage.completion_tokens
        total_ms = (time.perf_counter() - started) * 1000
        result.timings = {"retrieve_ms": round(retrieve_ms, 1), "total_ms": round(total_ms, 1)}
        if not decide_unchecked(text).accepted:
            result.refused = True
            text = text.strip() or (REFUSAL_ZH if has_cjk(question.question) else REFUSAL_EN)
        result.answer = text.strip()
        return result


def build_systems(
    settings: Settings, names: Sequence[str], llm: LLMHandle | None = None, top_k: int | None = None
) -> list[System]:
    """Load each requested system once; they share the LLM and, where possible, the index."""
    unknown = [n for n in names if n not in SYSTEM_NAMES]
    if unknown:
        raise ValueError(f"Unknown system(s) {', '.join(unknown)}; choose from {', '.join(SYSTEM_NAMES)}.")
    llm = llm or build_llm(settings)
    hybrid = HybridRetriever(settings)
    k = top_k or settings.retrieval.top_k
    systems: list[System] = []
    for name in names:
        if name == "ours":
            systems.append(AnswererSystem("ours", f"hybrid retrieval top-{k}, {llm.model_id}, citation checker",
                                          Answerer(settings, hybrid, llm), top_k))
        elif name == "bm25":
            systems.append(AnswererSystem("bm25", f"BM25 alone top-{k}, same generation and checker",
                                          Answerer(settings, BM25OnlyRetriever(settings), llm), top_k))
        elif name == "leave-out":
            systems.append(AnswererSystem("leave-out", "ours with the answering passages removed (expect no answer)",
                                          Answerer(settings, LeaveOutRetriever(settings), llm), top_k))
        elif name == "extractive":
            systems.append(AnswererSystem("extractive", f"hybrid retrieval top-{k}, extractive composer (no LLM)",
                                          Answerer(settings, hybrid, LLMHandle(None, "extractive", "extractive")), top_k,
                                          streamed=False))
        else:
            docs = sorted({chunk.doc for chunk in hybrid.chunks.values()})
            systems.append(VanillaSystem(settings, llm, docs))
    return systems


def close_systems(systems: Sequence[System]) -> None:
    for system in systems:
        close = getattr(system, "close", None)
        if close is not None:
            close()
