"""Draft a written reply to a Legislative Council question, part by part, every sentence cited.

Each numbered part is retrieved for separately (a Member's question paragraphs are
skipped: their words are views, not Government facts), drafted from its own
passages, and checked. A part the documents cannot answer gets an explicit
placeholder instead of text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.text import MARKER
from index.retrieval import Filters, Hit
from rag.answer import Answerer
from rag.extractive import extractive_answer
from rag.citations import CheckedSentence, check_answer, clean_citations
from rag.context import render, select_sentences
from rag.prompts import DRAFT_SYSTEM_PROMPT, draft_part_prompt

PLACEHOLDER = "[No information in the indexed documents — input needed from the responsible bureau]"
NO_INFORMATION = "NO INFORMATION"
UNVERIFIED = "[unverified: check against the sources]"
_MEMBER = re.compile(
    r"question (?:by|raised by)\s+((?:(?:Dr|Prof|Ir|Mr|Mrs|Ms|Miss)\s+)?the Hon\.?\s+[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)"
)
_PART_START = re.compile(r"(?:^|\n|[;:]\s+(?:and\s+)?)\s*\((\d{1,2})\)\s+")
_QUESTION_SECTION = re.compile(r"Question:\s*\n(.*?)(?:\n\s*Reply:|\Z)", re.S)


class DraftInputError(ValueError):
    """The pasted text is not a question the drafter can work with."""


@dataclass
class ParsedQuestion:
    member: str
    preamble: str
    parts: list[tuple[str, str]]  # ("(1)", text)


@dataclass
class DraftPart:
    number: str
    question: str
    text: str
    placeholder: bool
    citations: list[dict[str, Any]] = field(default_factory=list)  # global numbering, as in Draft.sources
    sentences: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    engine: str = "llm"  # "extractive" (no LLM) or "extractive-fallback" (the model's draft failed the check)


@dataclass
class Draft:
    member: str
    opening: str
    parts: list[DraftPart]
    sources: list[dict[str, Any]]
    llm: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.member, "opening": self.opening, "llm": self.llm, "sources": self.sources,
            "parts": [part.__dict__ for part in self.parts], "markdown": self.markdown(),
        }

    def markdown(self) -> str:
        lines = ["# Draft reply", "", self.opening, ""]
        for part in self.parts:
            lines += [f"{part.number} {part.text}".strip(), ""]
        if self.sources:
            lines += ["## Sources", ""]
            lines += [f"[{s['n']}] {s['label']} ({s['date'] or 'undated'}), {s['doc']}" for s in self.sources]
        return "\n".join(lines).rstrip() + "\n"

    def to_docx(self, path: Path) -> None:
        """A Word document: the reply, then the numbered source list (python-docx has no footnote API)."""
        from docx import Document

        document = Document()
        document.add_heading("Draft reply", level=1)
        document.add_paragraph(self.opening)
        for part in self.parts:
            document.add_paragraph(f"{part.number} {part.text}".strip())
        if self.sources:
            document.add_heading("Sources", level=2)
            for s in self.sources:
                document.add_paragraph(f"[{s['n']}] {s['label']} ({s['date'] or 'undated'}), {s['doc']}")
        document.save(str(path))


def parse_question(text: str) -> ParsedQuestion:
    """The Member's name, the lead-in and the numbered parts of a pasted LegCo question."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise DraftInputError("Paste the text of a Legislative Council question (with its numbered parts).")
    member_match = _MEMBER.search(text)
    section = _QUESTION_SECTION.search(text)
    body = (section.group(1) if section else text).strip()
    starts = list(_PART_START.finditer(body))
    if not starts:
        return ParsedQuestion(member_match.group(1) if member_match else "", "", [("", body)])
    preamble = body[: starts[0].start()].strip()
    parts = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(body)
        # keep the separator that ended the previous part (";") out of this one
        part_text = body[match.end() : end].strip().rstrip(";").strip()
        parts.append((f"({match.group(1)})", part_text))
    return ParsedQuestion(member_match.group(1) if member_match else "", preamble, parts)


def opening_line(member: str) -> str:
    if member:
        return f"In respect of the question raised by {member}, my reply is as follows:"
    return "My reply to the question is as follows:"


def draft_reply(
    answerer: Answerer,
    question_text: str,
    filters: Filters | None = None,
    top_k: int | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> Draft:
    """Draft every part of the question; see the module docstring."""
    parsed = parse_question(question_text)
    part_filters = replace(filters or Filters(), member_text=False)
    sources: dict[str, dict[str, Any]] = {}  # chunk_id -> source entry with its global number
    parts: list[DraftPart] = []
    for i, (number, part_text) in enumerate(parsed.parts):
        if progress:
            progress(i / len(parsed.parts), f"Drafting part {number or 1} of {len(parsed.parts)}")
        parts.append(_draft_part(answerer, number, part_text, parsed.preamble, part_filters, top_k, sources))
    if progress:
        progress(1.0, "Draft ready")
    ordered = sorted(sources.values(), key=lambda s: s["n"])
    return Draft(parsed.member, opening_line(parsed.member), parts, ordered, answerer.llm.model_id)


def _draft_part(
    answerer: Answerer, number: str, part_text: str, preamble: str, filters: Filters,
    top_k: int | None, sources: dict[str, dict[str, Any]],
) -> DraftPart:
    query = f"{preamble} {part_text}" if len(part_text.split()) < 12 else part_text
    hits = answerer.retriever.retrieve(query, top_k=top_k or answerer.settings.retrieval.draft_top_k, filters=filters)
    result = DraftPart(number, part_text, PLACEHOLDER, True)
    if not hits:
        return result
    settings = answerer.settings.answer
    direct = lambda: extractive_answer(part_text, hits, chinese=False, max_sentences=5, similarity=answerer.similarity)  # noqa: E731
    if not answerer.generator.available:
        result.engine = "extractive"
        checked = _checked(direct(), hits)
    else:
        shown = select_sentences(hits[: settings.prompt_passages], part_text, settings.prompt_words, answerer.similarity)
        completion = answerer.complete(DRAFT_SYSTEM_PROMPT, draft_part_prompt(render(shown), part_text))
        result.prompt_tokens, result.completion_tokens = completion.prompt_tokens, completion.completion_tokens
        checked = _checked(completion.text, hits)
        if checked is None:  # the small model said "no information" or cited nothing the passages support
            result.engine = "extractive-fallback"
            checked = _checked(direct(), hits)
    if checked is None:
        return result
    # A reply part is an overview: the direct answer, then each remaining passage's most informative sentences
    checked = answerer.complete_from_passages(checked, hits, part_text, broad=True, max_extra=settings.draft_extra_sentences)
    local_to_global = {n: _source_number(hits[n - 1], sources) for s in checked for n in s.citations}
    renumber = lambda t: MARKER.sub(lambda m: f"[{local_to_global.get(int(m.group(1)), m.group(1))}]", t)  # noqa: E731
    result.sentences = [
        {**s.to_dict(), "text": renumber(s.text), "citations": [local_to_global[n] for n in s.citations]} for s in checked
    ]
    result.text = " ".join(s["text"] + ("" if s["supported"] else f" {UNVERIFIED}") for s in result.sentences)
    result.placeholder = False
    used = sorted({n for s in result.sentences for n in s["citations"]})
    result.citations = [next(s for s in sources.values() if s["n"] == n) for n in used]
    return result


def _checked(text: str, hits: list[Hit]) -> list[CheckedSentence] | None:
    """The draft's checked sentences, or None when it says nothing the passages support."""
    text = clean_citations(text, len(hits))
    if not text or NO_INFORMATION in text.upper():
        return None
    checked = check_answer(text, [h.evidence for h in hits])
    return checked if any(s.supported for s in checked) else None


def _source_number(hit: Hit, sources: dict[str, dict[str, Any]]) -> int:
    if hit.chunk_id not in sources:
        sources[hit.chunk_id] = {
            "n": len(sources) + 1, "doc": hit.doc, "label": hit.label, "date": hit.date,
            "start": hit.start, "end": hit.end, "text": hit.text,
        }
    return int(sources[hit.chunk_id]["n"])
