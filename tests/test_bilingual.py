"""A Chinese question reaches the model as an English *question*: a reply that answers it, or adds a figure, is
rejected and the original question is used (rag/translate.translate_question, rag/bilingual.to_english)."""

from __future__ import annotations

import pytest
from fakes import ScriptedLLM

from rag.bilingual import to_english
from rag.llm import LLMHandle
from rag.translate import translate_question

QUESTION = "樂齡及康復創科應用基金每件科技產品最多資助幾多錢？"


@pytest.mark.parametrize("reply, expected", [
    ("How much funding is available for each technology product under the Fund?",
     "How much funding is available for each technology product under the Fund?"),
    ("What is the maximum subsidy per product", "What is the maximum subsidy per product"),  # a question word opens it
    ("The maximum funding for each technology product is HK$1 million.", None),  # answered, with an invented figure
    ("The fund subsidises technology products.", None),  # a statement, not a question
    ("How much was given in 2018 for each product?", None),  # a figure the question does not hold
    ("", None),
])
def test_translate_question_keeps_only_faithful_questions(reply: str, expected: str | None) -> None:
    llm = ScriptedLLM(reply=reply, prompts=[])
    assert translate_question(LLMHandle(llm, "scripted", "test"), QUESTION) == expected
    assert "never answer it" in llm.prompts[0] and QUESTION in llm.prompts[0]


def test_to_english_falls_back_to_the_original_question() -> None:
    answered = ScriptedLLM(reply="The maximum funding is HK$1 million.", prompts=[])
    assert to_english(LLMHandle(answered, "scripted", "test"), QUESTION) == QUESTION
    asked = ScriptedLLM(reply="How much can each product get?", prompts=[])
    assert to_english(LLMHandle(asked, "scripted", "test"), QUESTION) == "How much can each product get?"


@pytest.mark.parametrize("reply, supported, reason", [
    ("數碼港5號將提供約66 000平方米總樓面面積。", True, ""),
    ("數碼港5號將提供約66 000平方米總樓面面積，於2022年起提供700,000平方米。", False, "translation added figure(s)"),
    ("數碼港5號將提供總樓面面積。", False, "translation lost figure(s)"),
])
def test_translated_sentence_that_changes_a_figure_is_flagged(reply: str, supported: bool, reason: str) -> None:
    from rag.bilingual import to_chinese
    from rag.citations import CheckedSentence

    english = CheckedSentence("Cyberport 5 will provide about 66 000 square metres of gross floor area [1].", [1], True, "")
    (chinese,) = to_chinese(LLMHandle(ScriptedLLM(reply=reply, prompts=[]), "scripted", "test"), [english])
    assert chinese.supported is supported and chinese.reason.startswith(reason)
    assert chinese.text.endswith("[1]")


@pytest.mark.parametrize("question, english_asks, reply, expected, calls", [
    # as many asks in Chinese as in English: the question's own words, no model call
    ("數碼港是甚麼？它有多少員工？", ["What is Cyberport?", "how many staff does it have?"], "unused",
     ["它有多少員工？"], 0),
    # one Chinese ask, two English ones: the uncovered ask is translated
    ("HKPilot係咩，有幾多公務員用？", ["What is HKPilot", "how many civil servants use it?"], "有多少公務員使用",
     ["有多少公務員使用"], 1),
    # a translation that is not Chinese keeps the English ask (never lost)
    ("HKPilot係咩，有幾多公務員用？", ["What is HKPilot", "how many civil servants use it?"],
     "how many civil servants use it", ["how many civil servants use it?"], 1),
])
def test_uncovered_asks_are_named_in_chinese(question: str, english_asks: list[str], reply: str,
                                             expected: list[str], calls: int) -> None:
    from rag.bilingual import asks_in_chinese

    llm = ScriptedLLM(reply=reply, prompts=[])
    named = asks_in_chinese(LLMHandle(llm, "scripted", "test"), question, english_asks, english_asks[1:])
    assert named == expected
    assert len(llm.prompts) == calls
