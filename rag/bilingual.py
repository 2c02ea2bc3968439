"""Translation glue of the answer path: a Chinese question is answered in English, then translated back.

The 1.5B model answers Chinese questions poorly (measured: 1 of 5 dev questions fully right),
so the model reads and writes English and only the checked answer is translated.
"""

from __future__ import annotations

from core.text import has_cjk
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
