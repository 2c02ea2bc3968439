"""Retrieval metrics against gold quotes: hit@k and reciprocal rank.

A hit is a retrieved chunk of the gold document that contains the quote or
overlaps the quote's span in the cleaned text (quotes are verbatim from the raw
file, so both sides are normalised the way cleaning normalises them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eval.dataset import Question
from index.cleaning import clean_text
from index.retrieval import Hit


def _norm_with_map(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with runs of non-word characters collapsed, and a map back to offsets."""
    out: list[str] = []
    positions: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isalnum():
            out.append(ch.lower())
            positions.append(i)
            space = False
        elif not space:
            out.append(" ")
            positions.append(i)
            space = True
    return "".join(out), positions


def normalise(text: str) -> str:
    return _norm_with_map(text)[0].strip()


@dataclass(frozen=True)
class GoldSpan:
    doc: str
    start: int
    end: int
    quote: str


def _locate(norm_text: str, quote: str) -> tuple[int, int]:
    """(start, length) of a quote in normalised text: whole, then its longest matching start.

    The quote is tried as cleaning would leave it and as written, so the same gold
    quote is found in our cleaned text and in a baseline's raw text.
    """
    forms = list(dict.fromkeys([normalise(clean_text(quote)), normalise(quote)]))
    for form in forms:
        found = norm_text.find(form)
        if found >= 0:
            return found, len(form)
    for cut in (120, 80, 50):
        for form in forms:
            found = norm_text.find(form[:cut])
            if found >= 0:
                return found, len(form[:cut])
    return -1, 0


def gold_spans(question: Question, doc_text: dict[str, str]) -> list[GoldSpan]:
    """Where each gold quote sits in the cleaned document text (by normalised matching)."""
    spans = []
    for source in question.sources:
        text = doc_text.get(source.doc)
        if text is None:
            continue
        norm_text, positions = _norm_with_map(text)
        found, length = _locate(norm_text, source.quote)
        if found >= 0:
            end = positions[min(found + length, len(positions)) - 1] + 1
            spans.append(GoldSpan(source.doc, positions[found], end, source.quote))
    return spans


def is_hit(hit: Hit, spans: Sequence[GoldSpan]) -> bool:
    for span in spans:
        if hit.doc == span.doc and hit.start < span.end and span.start < hit.end:
            return True
    return False


def first_hit_rank(hits: Sequence[Hit], spans: Sequence[GoldSpan]) -> int | None:
    """1-based rank of the first retrieved chunk that holds gold evidence, or None."""
    for rank, hit in enumerate(hits, 1):
        if is_hit(hit, spans):
            return rank
    return None
