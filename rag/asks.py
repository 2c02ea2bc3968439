"""Split a compound question into its asks, so each is answered, or named as not covered, on its own.

"What is HKPilot and how many civil servants use it?" holds two asks; the papers answer the
first only. Judged whole, such a question was refused or half-answered silently (issue 18: of
8 held-back partial questions, 2 refused and none of the 6 answers named the missing part).
The split is on the question's own structure (a conjunction or question mark followed by a new
question word), never on topic words, and a fragment too short to be a question stays joined.
"""

from __future__ import annotations

import re

from rag.evidence import content_words

# A new ask starts with a question word or an auxiliary that opens a yes/no question.
_ASK_START = (r"(?:what|what's|which|who|whom|whose|when|where|why|how|is|are|was|were|does|do|did|will|would"
              r"|has|have|had|can|could|should|whether)\b")
_BOUNDARY_EN = re.compile(rf"\s*(?:[?;]\s*|,?\s+(?:and|or|as well as|plus|also)\s+|,\s+)(?={_ASK_START})", re.IGNORECASE)
_BOUNDARY_ZH = re.compile(r"(?<=[？?；;])\s*(?=\S)")
_OPENS_ASK = re.compile(rf"\s*(?:and\s+|or\s+|also\s+)?{_ASK_START}", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those)\b", re.IGNORECASE)
MIN_ASK_WORDS = 1  # a piece with no content word ("how and when ...", "and why?") belongs to its neighbour


def split_asks(question: str) -> list[str]:
    """The asks of ``question`` in order; a simple question is one ask (itself, trimmed)."""
    text = question.strip()
    cuts = sorted({0, len(text), *(m.end() for m in _BOUNDARY_ZH.finditer(text)),
                   *(m.end() for m in _BOUNDARY_EN.finditer(text))})
    pieces = [text[a:b] for a, b in zip(cuts, cuts[1:])]
    asks: list[str] = []
    carry = ""  # a too-short leading piece joins the next one, in its original wording
    for piece in pieces:
        # A piece that neither opens with a question word nor ends with a question mark is context (a preamble,
        # or text pasted after the question), read with the ask before it.
        context = not _OPENS_ASK.match(piece) and not piece.rstrip().endswith(("?", "？"))
        if len(content_words(piece)) < MIN_ASK_WORDS or (context and asks):
            if asks:
                asks[-1] += piece
            else:
                carry += piece
            continue
        asks.append(carry + piece)
        carry = ""
    if carry:
        asks = [*asks[:-1], asks[-1] + carry] if asks else [carry]
    return [_trim(a) for a in asks if _trim(a)] or [text]


def _trim(ask: str) -> str:
    """An ask without the joining words left at its end ("..., and")."""
    return re.sub(r"(?:[\s,;]+(?:and|or|as well as|plus|also))?[\s,;]*$", "", ask.strip(), flags=re.IGNORECASE)


def with_subject(ask: str, first: str) -> str:
    """A later ask that refers back ("how many use it") with the first ask after it, in brackets.

    After, not before: the ask's own opening ("how many", "when") is what question analysis reads.
    """
    return f"{ask} ({first})" if ask != first and _PRONOUN.search(ask) else ask
