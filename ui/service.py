"""The web app's logic, without the web: one object per server process.

``CopilotService`` holds the settings, one shared ``HybridRetriever``, the LLM
handles (loaded on first use, once), the users, the audit log and the document
manager. Every call takes the ``Viewer`` it acts for and narrows retrieval to
what that viewer may see, so the Gradio layer only draws and never decides.
Tests drive this class directly; the browser tests drive the same code through
the page.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.ingest import IngestReport
from core.text import ISO_DATE, has_cjk
from index.retrieval import Filters, HybridRetriever, check_question
from rag.answer import Answer, Answerer, Turn
from core.config import Settings
from rag.llm import BACKENDS, LLMHandle, build_llm
from ui.access import LOCAL_VIEWER, AccessDenied, Viewer
from ui.audit import AuditLog
from ui.auth import UserStore
from ui.documents import DocumentManager, DocumentRow, visible_documents
from ui.redact import redact_figures

ProgressFn = Callable[[float, str], None]
LANGUAGES = {"auto": "Same as the question", "en": "English", "zh-Hant": "Traditional Chinese (繁體中文)"}


class FeatureUnavailable(RuntimeError):
    """A screen whose engine is not installed yet; the message says so plainly."""


@dataclass
class AskOptions:
    """The settings drawer: how one question is answered."""

    backend: str = ""
    top_k: int | None = None
    docs: Sequence[str] = ()
    date_from: str = ""
    date_to: str = ""
    language: str = "auto"

    def filters(self) -> Filters:
        for value in (self.date_from, self.date_to):
            if value and not ISO_DATE.match(value.strip()):
                raise ValueError(f"Date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD (for example 2025-01).")
        return Filters(docs=set(self.docs), date_from=self.date_from.strip(), date_to=self.date_to.strip())


@dataclass
class AskResult:
    answer: Answer
    record_id: str
    translated: str = ""  # the answer in the requested language, when it differs
    note: str = ""  # why a requested translation is missing


class CopilotService:
    """Shared models + per-viewer access + audit; see the module docstring."""

    def __init__(self, settings: Settings, retriever: HybridRetriever | None = None,
                 users: UserStore | None = None, audit: AuditLog | None = None,
                 llms: dict[str, LLMHandle] | None = None) -> None:
        self.settings = settings
        self.users = users
        self.audit = audit or AuditLog(settings.ui.audit_log, settings.ui.audit_retention_days)
        self._retriever = retriever or HybridRetriever(settings)
        self._llms: dict[str, LLMHandle] = dict(llms or {})  # backend -> handle; preloaded ones skip build_llm
        self._llm_lock = threading.Lock()
        self._owners: dict[str, str] = {}  # audit record id -> user, so feedback cannot rate others' answers
        self.documents = DocumentManager(settings, login_required=users is not None)

    # ---- who ---------------------------------------------------------------------------
    @property
    def login_required(self) -> bool:
        return self.users is not None

    def viewer(self, username: str | None) -> Viewer:
        if self.users is None:
            return LOCAL_VIEWER
        user = self.users.get(username or "")
        if user is None:
            raise AccessDenied("You are not signed in (or your account was removed). Sign in again.")
        return Viewer(user.name, user.groups, user.admin)

    # ---- models ------------------------------------------------------------------------
    @property
    def retriever(self) -> HybridRetriever:
        return self._retriever

    def llm_loaded(self, backend: str) -> bool:
        return backend == "extractive" or backend in self._llms

    def llm(self, backend: str = "") -> LLMHandle:
        """The handle for ``backend``, built once (the local model takes ~5-10 s to load)."""
        backend = backend or self.settings.llm.backend
        if backend not in BACKENDS:
            raise ValueError(f"Unknown LLM backend {backend!r}; choose one of {', '.join(BACKENDS)}.")
        with self._llm_lock:
            if backend not in self._llms:
                self._llms[backend] = build_llm(self.settings, backend)
            return self._llms[backend]

    def answerer(self, backend: str = "") -> Answerer:
        return Answerer(self.settings, retriever=self._retriever, llm=self.llm(backend))

    # ---- documents ---------------------------------------------------------------------
    def list_documents(self, viewer: Viewer) -> list[DocumentRow]:
        return visible_documents(self._retriever.manifest, viewer)

    def visible_doc_ids(self, viewer: Viewer) -> set[str]:
        return {row.doc for row in self.list_documents(viewer)}

    def _reload(self, report: IngestReport, progress: ProgressFn | None) -> IngestReport:
        """Swap in the new index generation; questions already running finish on the old one."""
        if progress:
            progress(1.0, "Loading the updated index")
        self._retriever = HybridRetriever(self.settings)
        return report

    def add_document(self, viewer: Viewer, upload: Path, meta: dict[str, Any],
                     progress: ProgressFn | None = None) -> IngestReport:
        return self._reload(self.documents.add(viewer, upload, meta, progress), progress)

    def delete_document(self, viewer: Viewer, doc: str, progress: ProgressFn | None = None) -> IngestReport:
        return self._reload(self.documents.delete(viewer, doc, progress), progress)

    def reindex(self, viewer: Viewer, progress: ProgressFn | None = None) -> IngestReport:
        return self._reload(self.documents.reindex(viewer, progress), progress)

    # ---- ask ---------------------------------------------------------------------------
    def ask(self, viewer: Viewer, question: str, history: Sequence[Turn] = (),
            options: AskOptions | None = None) -> Iterator[tuple[str, Any]]:
        """("sources", [Hit]), ("token", str)*, then ("done", AskResult). Records the answer in the audit log.

        An empty or over-long question raises ``QueryError`` before any model work; control
        characters are removed before the question reaches the models or the audit log.
        """
        question = check_question(question)
        options = options or AskOptions()
        filters = viewer.filters(options.filters())
        answerer = self.answerer(options.backend)
        answer: Answer | None = None
        for event, payload in answerer.stream(question, history, options.top_k, filters):
            if event == "answer":
                answer = payload
            else:  # "sources" first, then "token"s: passed straight through
                yield event, payload
        assert answer is not None, "Answerer.stream always ends with the answer"
        translated, note = "", ""
        if options.language != "auto" and not answer.refused:
            translated, note = self._in_language(answer.answer, options.language, answerer.llm)
        stored = answer.to_dict()
        record_id = self.audit.record(
            user=viewer.name, kind="answer", question=question, answer=answer.answer, refused=answer.refused,
            retrieved=stored["contexts"], citations=stored["citations"], index=answerer.retriever.manifest.digest,
            llm=answer.llm,
            extra={
                "standalone_question": answer.standalone_question,
                "outcome": answer.outcome, "reason": answer.reason, "unanswered": "; ".join(answer.unanswered),
                "filters": {"docs": sorted(filters.docs), "date_from": filters.date_from, "date_to": filters.date_to},
                "unsupported": sum(1 for s in answer.sentences if not s.supported),
                "timings": answer.timings,
                **({"translation": translated} if translated else {}),
            },
        )
        self._owners[record_id] = viewer.name
        yield "done", AskResult(answer, record_id, translated, note)

    def _in_language(self, text: str, language: str, llm: LLMHandle) -> tuple[str, str]:
        """The answer in ``language`` if it is not already; else ("", why not)."""
        if (language == "zh-Hant") == has_cjk(text):
            return "", ""
        try:
            from rag.translate import (
                TranslationInputError,
                TranslationUnavailable,
                translate,
            )
        except ImportError:
            return "", "Answers in another language are not available yet."
        try:
            return translate(llm, text, to=language).text, ""
        except (TranslationUnavailable, TranslationInputError) as exc:
            return "", f"Not translated: {exc}"

    def feedback(self, viewer: Viewer, record_id: str, rating: str, comment: str = "") -> None:
        if self._owners.get(record_id) != viewer.name:
            raise AccessDenied("You can rate only your own answers from this session.")
        self.audit.feedback(record_id, user=viewer.name, rating=rating, comment=comment)

    # ---- draft / summarise / translate ------------------------------------------------
    def draft(self, viewer: Viewer, question_text: str, backend: str = "",
              progress: ProgressFn | None = None) -> tuple[Any, str]:
        try:
            from rag.drafting import draft_reply
        except ImportError as exc:
            raise FeatureUnavailable("Drafting replies is not available yet.") from exc
        answerer = self.answerer(backend)
        draft = draft_reply(answerer, question_text, filters=viewer.filters(), progress=progress)
        citations = [c for part in draft.parts for c in part.citations]
        record_id = self._record_task(viewer, "draft", question_text, draft.markdown(), citations,
                                      answerer, refused=all(p.placeholder for p in draft.parts))
        return draft, record_id

    def summarise(self, viewer: Viewer, *, doc: str | None = None, topic: str | None = None, length: str = "brief",
                  audience: str = "", bullets: bool = False, backend: str = "",
                  progress: ProgressFn | None = None) -> tuple[Any, str]:
        try:
            from rag.summarise import summarise
        except ImportError as exc:
            raise FeatureUnavailable("Summaries are not available yet.") from exc
        if doc and doc not in self.visible_doc_ids(viewer):
            raise AccessDenied(f"No indexed document named {doc!r} is available to you. Pick one from the list.")
        answerer = self.answerer(backend)
        summary = summarise(answerer, doc=doc or None, topic=topic or None, length=length, audience=audience,
                            bullets=bullets, filters=viewer.filters(), progress=progress)
        record_id = self._record_task(viewer, "summary", doc or topic or "", summary.text, summary.citations,
                                      answerer, extra={"length": length, "audience": audience})
        return summary, record_id

    def translate(self, viewer: Viewer, text: str, to: str, backend: str = "") -> Any:
        try:
            from rag.translate import TranslationUnavailable, translate
        except ImportError as exc:
            raise FeatureUnavailable("Translation is not available yet.") from exc
        answerer = self.answerer(backend)
        try:
            result = translate(answerer.llm, text, to=to)
        except TranslationUnavailable as exc:
            raise FeatureUnavailable(str(exc)) from exc
        self._record_task(viewer, "translation", text, result.text, [], answerer,
                          extra={"to": to, "missing_numbers": redact_figures(list(result.missing_numbers), text)})
        return result

    def _record_task(self, viewer: Viewer, kind: str, question: str, output: str, citations: Sequence[dict[str, Any]],
                     answerer: Answerer, refused: bool = False, extra: dict[str, Any] | None = None) -> str:
        record_id = self.audit.record(user=viewer.name, kind=kind, question=question, answer=output, refused=refused,
                                      citations=citations, index=answerer.retriever.manifest.digest,
                                      llm=answerer.llm.model_id, extra=extra)
        self._owners[record_id] = viewer.name
        return record_id
