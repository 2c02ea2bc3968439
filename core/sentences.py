"""Sentence spans with character offsets, shared by chunking and the answer checker."""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "prof", "dr", "mr", "mrs", "ms", "hon", "no", "nos", "para", "paras", "e.g", "i.e", "etc",
    "co", "ltd", "inc", "vs", "cf", "approx", "st", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "fig", "art", "cap", "ref",
}
# End of sentence: terminal punctuation, optional closing quote/bracket, then space and a capital,
# digit, opening bracket or quote; or CJK terminal punctuation.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’)\]]*)\s+(?=[A-Z0-9(\"“‘\[])|(?<=[。！？])()")


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, shifted by ``offset``; whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        cut = match.start() + len(match.group(1) or match.group(2) or "")
        head = text[start:cut].rstrip()
        last_word = re.findall(r"([A-Za-z.]+)\.?$", head)
        if last_word and last_word[0].lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if head.strip():
            spans.append((start, cut))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        segment = text[s:e]
        left = len(segment) - len(segment.lstrip())
        right = len(segment.rstrip())
        trimmed.append((offset + s + left, offset + s + right))
    return trimmed


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]
