"""Is a passage sentence fit to stand alone in a reply? Whole, Government's own words, not apparatus.

A reply is read sentence by sentence by a Member; a quoted fragment ("Guangdong and Hong Kong” with the
Department of Science and Technology …", cut where a chunk began), a list marker ("- (c) to provide …"),
a footnote line ("Footnote 1: Including: …") or a panel paper's record of Members' views ("Members were
concerned …", which is not what the Government says) reads as a drafting error. Measured on the issue-19
baseline (extractive drafts of the 11 parts of ../shared/eval/drafting.jsonl, run draft-base, 137 sentences):
3 started mid-sentence at a chunk boundary (an unbalanced quote), 1 footnote line, 3 Members' views and 2
pronoun starts; each rule below removes one of those kinds and keeps every whole sentence of the real replies (tests/test_whole_sentence.py).

The checks are on form (case, punctuation, balanced quotes and brackets), plus one short list of the
subjects a panel paper reports views with; none decides on topic.
"""

from __future__ import annotations

import re

# A paragraph number or list marker ("12.", "(c)", "- (iii)", "•") is dropped before the sentence is read:
# "(a) The Government will ..." is whole, "(c) to provide funding;" is a piece of an enumeration.
_LEAD_MARKER = re.compile(r"^\s*(?:[-•–·*]\s*)?(?:\d{1,3}\.(?!\d)|\((?:\d{1,2}|[ivx]{1,4}|[a-h])\))?\s*", re.IGNORECASE)
# A sentence starts as English prose does: a capital, a figure or currency, or a quote/bracket before one.
_PROSE_START = re.compile(r"^[\"“‘'(\[]?(?:[A-Z]|\d|HK\$|\$|US\$|RMB)")
# ... and ends with a full stop, question or exclamation mark, maybe inside a closing quote or bracket.
_PROSE_END = re.compile(r"[.!?][\"”’')\]]*$")
# Notes and source lines: they locate, they do not state (the footnote line of issue 19's LCQ13 draft).
_APPARATUS_LINE = re.compile(r"^(?:Footnote|Note|Notes|Source|Sources|Remarks?)\s*\d*\s*[:：]", re.IGNORECASE)
# The subjects a panel paper reports views with: "Members were concerned", "Some members suggested",
# "The Panel noted", "Deputations urged" (3 of the 137 baseline draft sentences, none of them Government facts).
_VIEWS_SUBJECT = re.compile(
    r"^(?:(?:Some|Several|Many|A few|Other|The|Individual)\s+)?(?:Members?|members|Deputations?|the Panel|Panel|"
    r"Subcommittee|the Subcommittee)\b(?!\s+(?:of the (?:public|community)|States))",
)
# A pronoun or demonstrative subject points at the sentence before it, which the reply does not quote
# ("It is a key industry that ...", "These institutions and companies ..."): 3 of the 212 sentences drafted
# in the issue-19 baseline and first new run. The impersonal "It is expected that ..." stands alone.
_REFERS_BACK = re.compile(r"^(?:It|Its|They|Their|These|Those|This|Such|He|She)\b(?!\s+is\s+\w+ed\s+that\b)")
_PAIRS = (("“", "”"), ("(", ")"), ("[", "]"))


def is_whole_sentence(sentence: str) -> bool:
    """Whether ``sentence`` can be quoted on its own as the Government's statement (see the module docstring)."""
    return not rejection(sentence)


def rejection(sentence: str) -> str:
    """Why ``sentence`` cannot stand alone ("" when it can): the eval report counts these by name."""
    text = _LEAD_MARKER.sub("", sentence.strip(), count=1)
    checks = (
        ("empty", not text),
        ("footnote or source line", bool(_APPARATUS_LINE.match(text))),
        ("Members' view", bool(_VIEWS_SUBJECT.match(text))),
        ("starts mid-sentence", not _PROSE_START.match(text)),
        ("refers back", bool(_REFERS_BACK.match(text))),
        ("no sentence end", not _PROSE_END.search(text)),
        ("unbalanced quotes or brackets",
         text.count('"') % 2 == 1 or any(text.count(left) != text.count(right) for left, right in _PAIRS)),
    )
    return next((name for name, failed in checks if failed), "")
