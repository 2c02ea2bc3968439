"""What an officer needs from a drafted reply part, measured (issue 19): facts within the budget, length
against the real reply part, sentences on an ask, fragments, placeholders, seconds.

Fact recall alone rewarded padding (the old drafter found 0.60 of the facts at a median 599 words a part),
so every count here is per part and beside its length. "On an ask" is judged by the answerability issue's
relevance model (rag/relevance.LexicalScorer, P at or above ``POLICY.answerability_min``) against the part's
asks; its agreement with hand labels is measured in eval/drafting_labels (see its README).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from core.policy import POLICY
from core.whole_sentence import rejection
from rag.citations import strip_markers
from rag.drafting import GAP

Scores = Callable[[str, list[str]], list[float]]
Pair = tuple[float, float]
_REPLY = re.compile(r"^Reply:\s*$", re.MULTILINE)
_PART_LINE = re.compile(r"^\((\d{1,2})\)\s", re.MULTILINE)
_SIGN_OFF = re.compile(r"^(?:Ends/|Issued at|NNNN)", re.MULTILINE)


def without_placeholders(text: str) -> str:
    """The drafted text an officer keeps: a placeholder names an ask, it does not answer it."""
    return GAP.sub(" ", text)


def words(text: str) -> int:
    """Words a reader reads: citation markers and placeholders do not count."""
    return len(strip_markers(without_placeholders(text)).split())


def reply_part(document: str, part: str) -> str:
    """The real reply's text for a part ("(2)") of a LegCo question-and-reply document, or "" if not found."""
    found = _REPLY.search(document)
    if not found:
        return ""
    reply = document[found.end():]
    end = _SIGN_OFF.search(reply)
    reply = reply[: end.start()] if end else reply
    starts = list(_PART_LINE.finditer(reply))
    number = part.strip("() ")
    for i, match in enumerate(starts):
        if match.group(1) == number:
            stop = starts[i + 1].start() if i + 1 < len(starts) else len(reply)
            return reply[match.start(): stop].strip()
    return ""


def on_ask(sentences: Sequence[str], asks: Sequence[str], scores: Scores) -> list[bool]:
    """For each sentence: does it give what one of the part's asks asks (relevance model, P >= threshold)?"""
    plain = [strip_markers(s) for s in sentences]
    if not plain or not asks:
        return [False] * len(plain)
    best = [max(ps) for ps in zip(*(scores(ask, plain) for ask in asks))]
    return [p >= POLICY.answerability_min for p in best]


def draft_pairs(parts: Sequence[Any], reply_words: Sequence[int], scores: Scores | None) -> dict[str, Pair]:
    """The per-record pairs for the drafting metrics (see eval/metrics.py for their definitions)."""
    texts = [s["text"] for part in parts for s in part.sentences]
    asks = [a for part in parts for a in part.asks]
    drafted = sum(words(part.text) for part in parts)
    pairs: dict[str, Pair] = {
        "part_words": (float(drafted), float(len(parts))),
        "fragments": (float(sum(bool(rejection(strip_markers(t))) for t in texts)), float(len(texts))),
        "asks_placeholder": (float(sum(not a["answered"] for a in asks)), float(len(asks))),
    }
    if any(reply_words):
        pairs["words_vs_reply"] = (float(drafted), float(sum(reply_words)))
    if scores is not None:
        flags = [flag for part in parts
                 for flag in on_ask([s["text"] for s in part.sentences], [a["ask"] for a in part.asks], scores)]
        pairs["on_ask"] = (float(sum(flags)), float(len(flags)))
    return pairs
