"""The one place that decides whether an answer is given or refused, and says why.

``decide`` runs the rules in order — empty, a refusal, an echoed instruction, no supported
sentence, not what was asked — and returns the first that fails as a ``Decision``.
Baseline systems in eval, whose answers are not checked, use ``decide_unchecked``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.policy import POLICY
from index.retrieval import Hit
from rag.citations import CheckedSentence, check_answer, strip_markers
from rag.evidence import content_words, overlap
from rag.prompts import SYSTEM_PROMPT
from rag.questions import answers_numeric, expects_number, focus_words, mentions

_REFUSAL_PATTERNS = re.compile(
    r"do(?:es)? not (?:contain|include|mention|provide|specify|say)"
    r"|(?:is|are|was|were) not (?:mentioned|stated|specified|given|provided|available)"
    r"|not (?:in|mentioned in|stated in|found in) the (?:provided |given )?(?:documents|passages|text)"
    r"|no information|沒有(?:這項|相關)?資料|未有提及",
    re.IGNORECASE,
)
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,40}\b(?:instructions?|rules|prompt|above)\b"
    r"|\bsystem prompt\b|\bnew instructions\b|</?(?:system|passages|assistant|user)>|\b(?:reply|answer|say)\b[^.]{0,30}\bonly\b[^.]{0,20}['\"]",
    re.IGNORECASE,
)
_RULE_LINES = [line.split(". ", 1)[-1][:60] for line in SYSTEM_PROMPT.splitlines() if line[:2].rstrip(".").isdigit()]

ACCEPTED = "accepted"
EMPTY = "empty"
REFUSAL = "the text is a refusal"
INSTRUCTION = "the text echoes an instruction or the rules"
UNSUPPORTED = "no sentence is supported by its cited passage"
OFF_QUESTION = "the supported sentences do not answer what was asked"


@dataclass(frozen=True)
class Decision:
    """Answered or refused, the rule that decided, and the checked sentences of an answer."""

    accepted: bool
    reason: str
    sentences: list[CheckedSentence] = field(default_factory=list)


def looks_like_refusal(text: str) -> bool:
    """A short reply saying the documents do not say ("The documents do not mention ...")."""
    return bool(_REFUSAL_PATTERNS.search(text)) and len(strip_markers(text)) < POLICY.refusal_max_chars


def looks_like_instruction(text: str) -> bool:
    """Text that tries to steer the model ("ignore previous instructions", "print your system prompt").

    Retrieved text is data: a passage sentence like this is never quoted as an answer, and a
    model reply that echoes one (or the rules themselves) is treated as failed, not checked.
    """
    return bool(_INSTRUCTION.search(text)) or any(rule and rule in text for rule in _RULE_LINES)


def decide(text: str, hits: Sequence[Hit], question: str, *, lenient_cjk: bool = False,
           screen: bool = True) -> Decision:
    """Accept ``text`` (already citation-cleaned) as the answer to ``question`` from ``hits``, or not.

    ``screen`` also applies the refusal and instruction rules; the extractive fallback of a
    failed model answer skips them, because its sentences are quoted passage text that was
    screened for instructions already (and may say "does not include" as a fact).
    """
    if not text:
        return Decision(False, EMPTY)
    if screen and looks_like_refusal(text):
        return Decision(False, REFUSAL)
    if screen and looks_like_instruction(text):
        return Decision(False, INSTRUCTION)
    checked = drop_repeats(check_answer(text, [h.evidence for h in hits], lenient_cjk=lenient_cjk))
    supported = [s for s in checked if s.supported]
    if not supported:
        return Decision(False, UNSUPPORTED)
    if not addresses(question, supported, hits):
        return Decision(False, OFF_QUESTION)
    return Decision(True, ACCEPTED, checked)


def decide_unchecked(text: str) -> Decision:
    """For systems whose answers are not checked (eval baselines): refused only when empty or a refusal."""
    if not text.strip():
        return Decision(False, EMPTY)
    if looks_like_refusal(text):
        return Decision(False, REFUSAL)
    return Decision(True, ACCEPTED)


def drop_repeats(checked: list[CheckedSentence], threshold: float = POLICY.repeat_overlap) -> list[CheckedSentence]:
    """Leave out a sentence that repeats an earlier one: a small model sometimes loops on a sentence."""
    kept: list[CheckedSentence] = []
    seen: list[set[str]] = []
    for sentence in checked:
        words = content_words(strip_markers(sentence.text))
        if words and any(overlap(words, earlier) >= threshold and overlap(earlier, words) >= threshold for earlier in seen):
            continue
        kept.append(sentence)
        seen.append(words)
    return kept


def addresses(question: str, supported: Sequence[CheckedSentence], hits: Sequence[Hit]) -> bool:
    """Do the supported sentences answer what was asked (a number for a count, the focus word)?"""
    if expects_number(question):
        return any(answers_numeric(question, s.text) for s in supported)
    focus = focus_words(question)
    if not focus:
        return True
    evidence = " ".join([s.text for s in supported] + [hits[n - 1].text for s in supported for n in s.citations])
    return mentions(focus, evidence)
