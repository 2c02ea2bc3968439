"""Structure-aware chunking: one chunk per numbered paragraph, reply part or list item.

Government papers are cited by their own numbering ("para 24", "reply (2)",
"(iii)"), so a chunk carries the label a civil servant would write in a
footnote, plus character offsets into the cleaned text. Long paragraphs are
split at sentence boundaries ("para 24, part 2"); blocks too small to stand
alone are merged with a neighbour; unnumbered documents fall back to
heading + paragraph labels.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Literal

from index.metadata import DocumentMeta
from core.sentences import sentence_spans

CHUNKER_VERSION = 4  # bump when chunk boundaries, labels or cleaning change, so ingest re-chunks
BlockKind = Literal["numbered", "part", "roman", "letter", "item", "footnote", "heading", "para"]

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+\S")
_PART = re.compile(r"^\((\d{1,2})\)\s+\S")
_ROMAN = re.compile(r"^\(((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv))\)\s+\S")
_LETTER = re.compile(r"^-?\s*\(([a-z])\)\s+\S")
_DASH_ITEM = re.compile(r"^[-•]\s*\((\d{1,2})\)\s+\S")
_FOOTNOTE = re.compile(r"^Footnote (\d+): ")
_MODE_HEADING = re.compile(r"^(question|reply)\s*:?\s*$", re.IGNORECASE)


@dataclass
class Block:
    """One line of cleaned text with its structural role."""

    kind: BlockKind
    start: int
    end: int
    text: str
    number: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Chunk:
    """A retrievable, citable passage of one document."""

    chunk_id: str
    doc: str
    title: str
    date: str
    kind: str
    issuer: str
    section: str
    label: str
    start: int
    end: int
    text: str
    groups: list[str] = field(default_factory=list)
    context: str = ""  # for list items: the lead-in sentence of their paragraph

    def as_metadata(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("text")
        return data


def _is_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 14 or len(text) > 110 or "\t" in text:
        return False
    if text.endswith((".", ";", ",", "。", "；", "，")):
        return False
    first = text[0]
    return first.isupper() or first == "(" or "\u4e00" <= first <= "\u9fff"


def classify(text: str) -> tuple[BlockKind, str]:
    """The structural role of a line and its number, if it has one."""
    for kind, pattern in (
        ("footnote", _FOOTNOTE),
        ("numbered", _NUMBERED),
        ("roman", _ROMAN),
        ("item", _DASH_ITEM),
        ("letter", _LETTER),
    ):
        match = pattern.match(text)
        if match:
            return kind, match.group(1)  # type: ignore[return-value]
    part = _PART.match(text)
    if part:
        return ("heading" if _is_heading(text) else "part"), part.group(1)
    if _is_heading(text):
        return "heading", ""
    return "para", ""


def split_blocks(text: str) -> list[Block]:
    """Non-empty lines of the cleaned text, classified, with their offsets."""
    blocks = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        kind, number = classify(stripped)
        blocks.append(Block(kind, start, start + len(stripped), stripped, number))
    return blocks


@dataclass
class _Unit:
    """Consecutive blocks that share one citation label."""

    label: str
    section: str
    start: int
    end: int
    words: int
    context: str = ""  # lead-in of the paragraph a list item belongs to


class _Labeller:
    """Tracks headings, numbering and question/reply mode while walking the blocks."""

    def __init__(self, short: str, title: str, use_headings: bool) -> None:
        self.short = short
        self.title = _norm(title)
        self.use_headings = use_headings
        self.major = ""  # "(3) Governance and Regulation"
        self.minor = ""  # "Data Governance"
        self.mode = ""  # "question" / "reply" in LegCo question papers
        self.para = ""  # current numbered paragraph
        self.part = ""  # current (n) part
        self.count_in_context = 0
        self.unnumbered_total = 0

    def _is_title(self, heading: str) -> bool:
        norm = _norm(heading)
        return norm == self.title or (len(norm.split()) >= 4 and norm in self.title)

    @property
    def section(self) -> str:
        return " > ".join(s for s in (self.mode.capitalize(), self.major, self.minor) if s)

    def heading(self, block: Block) -> None:
        mode = _MODE_HEADING.match(block.text)
        if not mode and (not self.use_headings or self._is_title(block.text)):
            return
        if block.text == "Footnotes":
            self.major, self.minor, self.mode, self.part, self.para = "Footnotes", "", "", "", ""
        elif mode:
            self.mode, self.part, self.para = mode.group(1).lower(), "", ""
        elif block.number:
            self.major, self.minor, self.para = block.text, "", ""
        else:
            self.minor, self.para = block.text, ""
        self.count_in_context = 0

    def label(self, block: Block) -> str:
        s = self.short
        kind = block.kind
        if kind == "footnote":
            return f"{s}, footnote {block.number}"
        if kind == "numbered":
            self.para, self.count_in_context = block.number, 1
            return f"{s}, para {block.number}"
        if kind == "part":
            self.part, self.count_in_context = block.number, 1
            return f"{s} {self.mode or 'part'} ({block.number})".replace(" part (", " (")
        if kind == "roman" and self.part:
            return f"{s} {self.mode or 'part'} ({self.part})({block.number})".replace(" part (", " (")
        if kind in ("letter", "roman") and self.para:
            return f"{s}, para {self.para}({block.number})"
        if kind == "item":
            return f"{s}, {self.minor or self.major or 'list'}, item ({block.number})"
        return self._unnumbered()

    def _unnumbered(self) -> str:
        s = self.short
        self.count_in_context += 1
        self.unnumbered_total += 1
        n = self.count_in_context
        suffix = f", para {n}" if n > 1 else ""
        if self.part:
            return f"{s} {self.mode or 'part'} ({self.part}){suffix}".replace(" part (", " (")
        if self.para:
            return f"{s}, para {self.para}" + (f" (cont. {n - 1})" if n > 2 else "")
        if self.mode == "reply":
            return f"{s} reply, opening{suffix}"
        if self.mode == "question":
            return f"{s} question, preamble{suffix}"
        heading = self.minor or self.major
        if heading:
            return f"{s}, {heading}{suffix}"
        return f"{s}, para {self.unnumbered_total}"


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _last_sentence(text: str, max_words: int = 40) -> str:
    spans = sentence_spans(text)
    last = text[spans[-1][0] : spans[-1][1]] if spans else text
    return " ".join(last.split()[-max_words:])


def _units(blocks: list[Block], meta: DocumentMeta, min_words: int) -> list[_Unit]:
    headings = sum(1 for b in blocks if b.kind == "heading" and not _MODE_HEADING.match(b.text))
    labeller = _Labeller(meta.short, meta.title, use_headings=headings >= 2)
    units: list[_Unit] = []
    pending_start: int | None = None  # a tiny line waiting to prefix the next unit
    lead_in = ""
    for block in blocks:
        if block.kind == "heading":
            labeller.heading(block)
            continue
        if block.kind == "para" and block.words < min_words:
            # "President,", bylines, sign-offs: attach to a neighbour without consuming a number.
            if units and units[-1].section == labeller.section and pending_start is None:
                units[-1].end, units[-1].words = block.end, units[-1].words + block.words
            elif pending_start is None:
                pending_start = block.start
            continue
        label = labeller.label(block)
        is_item = block.kind in ("letter", "roman", "item")
        context = lead_in if is_item else ""
        if not is_item:
            lead_in = _last_sentence(block.text)
        if pending_start is not None:
            block = Block(block.kind, pending_start, block.end, block.text, block.number)
            pending_start = None
        if units and units[-1].label == label:
            units[-1].end, units[-1].words = block.end, units[-1].words + block.words
        else:
            units.append(_Unit(label, labeller.section, block.start, block.end, block.words, context))
    if pending_start is not None:  # tiny lines at the very end, or a document of tiny lines
        last = blocks[-1]
        if units:
            units[-1].end = last.end
        else:
            units.append(_Unit(f"{meta.short}, para 1", labeller.section, pending_start, last.end, 1))
    if not units and blocks:  # only heading-like lines (a short note, Chinese lines without 。): keep the text
        units.append(_Unit(f"{meta.short}, para 1", labeller.section, blocks[0].start, blocks[-1].end,
                           sum(b.words for b in blocks)))
    return units


def _bounded_spans(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """Sentence spans, with any sentence over ``max_words`` cut at clauses, then at words."""
    spans: list[tuple[int, int]] = []
    for s, e in sentence_spans(text[start:end], start):
        if len(text[s:e].split()) <= max_words:
            spans.append((s, e))
            continue
        cuts = [m.end() for m in re.finditer(r"[;:,]\s+", text[s:e])]
        words = [m.start() for m in re.finditer(r"\S+", text[s:e])]
        piece_start = 0
        for i, w in enumerate(words):
            if i and i % max_words == 0:
                near = [c for c in cuts if piece_start < c <= w]
                cut = near[-1] if near else w
                spans.append((s + piece_start, s + cut))
                piece_start = cut
        spans.append((s + piece_start, e))
    return [(a, b - (len(text[a:b]) - len(text[a:b].rstrip()))) for a, b in spans if text[a:b].strip()]


def _split_long(text: str, unit: _Unit, max_words: int) -> list[tuple[str, int, int]]:
    """(label, start, end) pieces of a unit, cut at sentence boundaries under ``max_words``."""
    if unit.words <= max_words:
        return [(unit.label, unit.start, unit.end)]
    pieces: list[tuple[int, int]] = []
    cur_start, cur_end, cur_words = -1, -1, 0
    for s, e in _bounded_spans(text, unit.start, unit.end, max_words):
        words = len(text[s:e].split())
        if cur_start >= 0 and cur_words + words > max_words:
            pieces.append((cur_start, cur_end))
            cur_start, cur_words = -1, 0
        if cur_start < 0:
            cur_start = s
        cur_end, cur_words = e, cur_words + words
    if cur_start >= 0:
        pieces.append((cur_start, cur_end))
    if len(pieces) == 1:
        return [(unit.label, unit.start, unit.end)]
    return [(f"{unit.label}, part {i}", s, e) for i, (s, e) in enumerate(pieces, 1)]


def chunk_document(
    text: str, meta: DocumentMeta, max_words: int = 170, min_words: int = 12
) -> list[Chunk]:
    """Chunks of one cleaned document, in reading order; empty for a document with no text."""
    if not text.strip():
        return []
    units = _units(split_blocks(text), meta, min_words)
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for unit in units:
        for label, start, end in _split_long(text, unit, max_words):
            if label in seen:  # the same number used twice (e.g. an annex list): keep labels unique
                seen[label] += 1
                label = f"{label} [{seen[label]}]"
            else:
                seen[label] = 1
            body = text[start:end]
            digest = hashlib.sha1(f"{meta.doc}|{start}|{body}".encode()).hexdigest()[:12]
            chunks.append(
                Chunk(
                    chunk_id=f"{meta.doc}#{digest}",
                    doc=meta.doc,
                    title=meta.title,
                    date=meta.date,
                    kind=meta.kind,
                    issuer=meta.issuer,
                    section=unit.section,
                    label=label,
                    start=start,
                    end=end,
                    text=body,
                    groups=list(meta.groups),
                    context=unit.context,
                )
            )
    return chunks
