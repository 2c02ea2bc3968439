"""Translation glue of the answer path: a Chinese question is answered in English, then translated back.

The 1.5B model answers Chinese questions poorly (measured: 1 of 5 dev questions fully right),
so the model reads and writes English and only the checked answer is translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from core.text import has_cjk
from rag.acceptance import Decision
from rag.asks import split_asks
from rag.citations import CheckedSentence, strip_markers
from rag.evidence import missing_figures
from rag.llm import LLMHandle, LLMUnavailable


def to_english(llm: LLMHandle, question: str) -> str:
    """The question in English for the model (retrieval already used the Chinese original); the original when
    the model's translation is not a faithful question (rag/translate.translate_question)."""
    from rag.translate import translate_question

    try:
        english = translate_question(llm, question)
    except LLMUnavailable:
        return question
    return english if english and not has_cjk(english) else question


def to_chinese(llm: LLMHandle, checked: list[CheckedSentence]) -> list[CheckedSentence]:
    """Each checked English sentence in Traditional Chinese, keeping its citations and verdict.

    One translation call for the whole answer (a line per sentence); a sentence whose
    translation lost a figure, or gained one the English does not hold, is flagged, never passed
    off as supported (held-out run s29-h30-askcheck: "… 預計在 2022 和 2026 之間，將提供 700,000 平方公尺"
    was shown as supported, translated from a sentence with neither figure).
    """
    from rag.translate import TranslationInputError, translate

    bodies = [strip_markers(s.text) for s in checked]
    try:
        lines = [line.strip() for line in translate(llm, "\n".join(bodies), "zh-Hant").text.splitlines() if line.strip()]
        if len(lines) != len(bodies):  # the model merged or split lines: one call per sentence instead
            lines = [translate(llm, body, "zh-Hant").text.replace("\n", " ").strip() for body in bodies]
    except (TranslationInputError, LLMUnavailable):  # keep the checked English rather than lose the answer
        return checked
    result = []
    for sentence, english, chinese in zip(checked, bodies, lines):
        lost, added = missing_figures(english, chinese), missing_figures(chinese, english)
        markers = "".join(f"[{n}]" for n in sentence.citations)
        reason = sentence.reason or (f"translation lost figure(s): {', '.join(lost)}" if lost else
                                     f"translation added figure(s): {', '.join(added)}" if added else "")
        result.append(CheckedSentence(strip_markers(chinese) + markers, sentence.citations,
                                      sentence.supported and not lost and not added, reason))
    return result


def unanswered_in_chinese(llm: LLMHandle, question: str, english: str, decision: Decision) -> Decision:
    """``decision`` with its uncovered asks named in the Chinese ``question``'s words (``english``: what the model read)."""
    named = asks_in_chinese(llm, question, split_asks(english), decision.unanswered)
    return replace(decision, unanswered=tuple(named))


def asks_in_chinese(llm: LLMHandle, question: str, english_asks: Sequence[str], named: Sequence[str]) -> list[str]:
    """The asks a Chinese question's answer names as not covered, in Chinese.

    The model answered the English translation, so its uncovered asks are English ("The documents do
    not say: how many staff does it employ" closed a Chinese answer, stop 29). Where the Chinese question
    splits into as many asks as the English one, the ask at the same place is the question's own wording;
    any other is translated (one call for all of them); a translation that is not Chinese, or that
    loses a line, keeps the English rather than lose the ask.
    """
    from rag.translate import TranslationInputError, TranslationUnavailable, translate

    own = split_asks(question)
    same_shape = len(own) == len(english_asks)
    named_zh: list[str | None] = [own[list(english_asks).index(a)] if same_shape and a in english_asks else None
                                  for a in named]
    todo = [a for a, zh in zip(named, named_zh) if zh is None]
    if todo:
        try:
            lines = [line.strip() for line in translate(llm, "\n".join(todo), "zh-Hant").text.splitlines() if line.strip()]
        except (TranslationInputError, TranslationUnavailable, LLMUnavailable):
            lines = []
        translated = iter(lines if len(lines) == len(todo) and all(has_cjk(line) for line in lines) else todo)
        named_zh = [zh if zh is not None else next(translated) for zh in named_zh]
    return [zh for zh in named_zh if zh is not None]
