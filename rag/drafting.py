"""Draft a written reply to a Legislative Council question, part by part, ask by ask, every sentence verified.

Each numbered part is read into its asks (rag/draft_asks: the Member's lead-in is context), each ask gets
its own evidence within the part's word budget (rag/draft_evidence: whole sentences of Government text, most
relevant first), and every sentence is verified against its passage. With an LLM, the model rewrites the
verified evidence in reply style and only its verified sentences are kept; without one, the evidence is the
draft. An ask the documents do not answer gets a placeholder that names it, for the responsible bureau.
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
from core.whole_sentence import is_whole_sentence
from rag.acceptance import echoes_question
from rag.citations import CheckedSentence, check_answer, clean_citations, strip_markers
from rag.draft_asks import PartAsks, read_part
from rag.draft_evidence import AskEvidence, restates_any, retrieve_for_asks, select_evidence
from rag.extractive import cite_sentences
from rag.model_check import ModelCheck, recheck
from rag.prompts import DRAFT_SYSTEM_PROMPT, draft_part_prompt

NO_INFORMATION = "NO INFORMATION"
# The placeholder an officer fills in; it names the ask the documents do not cover (eval finds it by GAP).
GAP_PREFIX = "[Input needed from the responsible bureau: "
GAP = re.compile(re.escape(GAP_PREFIX) + r"[^\]]*\]")
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
    # Each ask of the part: {"ask", "facets", "answered", "evidence": [{"text", "doc", "label", "score"}],
    # "sentences": [index into ``sentences``]}: what the Draft screen shows an officer per ask
    asks: list[dict[str, Any]] = field(default_factory=list)


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
    read = read_part(part_text)
    k = top_k or answerer.settings.retrieval.draft_top_k
    query = f"{preamble} {part_text}" if len(part_text.split()) < 12 else part_text
    retrieve = lambda text, n: answerer.retriever.retrieve(text, top_k=n, filters=filters)  # noqa: E731
    retrieved = retrieve_for_asks(retrieve, query, read.asks, k)
    hits = retrieved.hits
    result = DraftPart(number, part_text, "", True)
    settings = answerer.settings.answer
    found = select_evidence(read.asks, retrieved, answerer.judge.scores, answerer.similarity, settings.draft_part_words)
    extractive = [_checked_evidence(chosen, hits) for chosen in found]
    by_ask = extractive
    if not answerer.generator.available:
        result.engine = "extractive"
    elif any(extractive):
        by_ask = _model_written(answerer, read, found, extractive, hits, result)
    result.asks = [
        {"ask": chosen.ask.core, "facets": list(chosen.ask.facets), "answered": chosen.answered and bool(sentences),
         "evidence": [{"text": e.sentence, "doc": hits[e.passage - 1].doc, "label": hits[e.passage - 1].label,
                       "score": round(e.score, 3)} for e in chosen.evidence]}
        for chosen, sentences in zip(found, by_ask)
    ]
    result.sentences = _renumber([s for sentences in by_ask for s in sentences], hits, sources)
    pieces: list[str] = []
    first = 0
    for entry, sentences in zip(result.asks, by_ask):
        entry["sentences"] = list(range(first, first + len(sentences)))
        first += len(sentences)
        pieces += [result.sentences[i]["text"] for i in entry["sentences"]]
        if not entry["answered"]:  # related sentences may stand, but the bureau must say what they do not
            pieces.append(placeholder(entry["ask"]))
    result.text = " ".join(pieces)
    result.placeholder = not result.sentences
    used = sorted({n for s in result.sentences for n in s["citations"]})
    result.citations = [next(s for s in sources.values() if s["n"] == n) for n in used]
    return result


def placeholder(ask: str) -> str:
    """The placeholder for an ask the documents do not cover."""
    return f"{GAP_PREFIX}{ask}]"


def _checked_evidence(chosen: AskEvidence, hits: list[Hit]) -> list[CheckedSentence]:
    """The ask's evidence cited and verified against its passages; a sentence the verifier rejects is left out."""
    if not chosen.evidence:
        return []
    text = cite_sentences([(e.passage, e.sentence) for e in chosen.evidence])
    return [s for s in check_answer(text, [h.evidence for h in hits]) if s.supported]


def _model_written(answerer: Answerer, read: PartAsks, found: list[AskEvidence], extractive: list[list[CheckedSentence]],
                   hits: list[Hit], result: DraftPart) -> list[list[CheckedSentence]]:
    """The model rewrites the verified evidence in reply style; its sentences that fail the verifier are dropped.

    Each written sentence belongs to the ask it answers best (the relevance score). After an ask's written
    sentences come its verified evidence sentences that they do not restate, while the part's budget lasts:
    the small model drops facts (LCQ20 (1): none of 7 reply facts in its 201 words), the evidence keeps them.
    """
    settings = answerer.settings.answer
    evidence = "\n".join(
        f"Ask {i}: {chosen.ask.core}\n" + "\n".join(s.text for s in sentences)
        for i, (chosen, sentences) in enumerate(zip(found, extractive), 1) if sentences
    )
    prompt = draft_part_prompt(evidence, read.context, settings.draft_tokens * 3 // 4)  # ~0.75 words a token
    completion = answerer.complete(DRAFT_SYSTEM_PROMPT, prompt, max_tokens=settings.draft_tokens)
    result.prompt_tokens, result.completion_tokens = completion.prompt_tokens, completion.completion_tokens
    written = _checked(completion.text, hits) or []
    written = [s for s in written if s.supported and is_whole_sentence(strip_markers(s.text))
               and not echoes_question(s.text, _own_words(read), [hits[n - 1].text for n in s.citations])]
    if written and settings.model_check:  # the model's check of each sentence against its cited passages
        written = [s for s in recheck(written, ModelCheck.of(answerer.generator), [h.evidence for h in hits])
                   if s.supported]
    if not written:
        result.engine = "extractive-fallback"
        return extractive
    result.engine = "llm"
    asks = [chosen.ask.core for chosen in found]
    table = [answerer.judge.scores(ask, [s.text for s in written]) for ask in asks]  # one call an ask
    owner = [max(range(len(asks)), key=lambda i: table[i][j]) for j in range(len(written))]
    by_ask = [[s for s, o in zip(written, owner) if o == i] for i in range(len(asks))]
    words_left = settings.draft_part_words - sum(len(strip_markers(s.text).split()) for s in written)
    kept = [s.text for s in written]
    for mine, evidence_sentences in zip(by_ask, extractive):
        for sentence in evidence_sentences:
            words = len(strip_markers(sentence.text).split())
            if words <= words_left and not restates_any(sentence.text, kept, answerer.similarity):
                mine.append(sentence)
                kept.append(sentence.text)
                words_left -= words
    return by_ask


def _own_words(read: PartAsks) -> str:
    """The part's own words (lead-in and asks) that a model sentence must not hand back as a fact."""
    return " ".join([read.context, *(ask.text for ask in read.asks)])


def _renumber(checked: list[CheckedSentence], hits: list[Hit], sources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentences as dicts, their markers renumbered to the draft's global source list."""
    local_to_global = {n: _source_number(hits[n - 1], sources) for s in checked for n in s.citations}
    renumber = lambda t: MARKER.sub(lambda m: f"[{local_to_global.get(int(m.group(1)), m.group(1))}]", t)  # noqa: E731
    return [{**s.to_dict(), "text": renumber(s.text), "citations": [local_to_global[n] for n in s.citations]}
            for s in checked]


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
