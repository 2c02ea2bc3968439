"""Question analysis, rule by rule: each classifier pinned by a table of hand-written questions."""

from __future__ import annotations

import pytest

from index.retrieval import Filters
from rag.questions import (
    Language,
    Turn,
    answer_filters,
    answers_numeric,
    condense_heuristic,
    expects_number,
    focus_words,
    is_broad,
    mentions,
)


@pytest.mark.parametrize("question, numeric", [
    ("How many enquiries does the 1823 chatbot handle?", True),
    ("how much funding is given to the AI Subsidy Scheme", True),
    ("How long will the pilot run?", True),
    ("What percentage of firms use AI?", True),
    ("When was the Hong Kong AI Research and Development Institute set up?", True),
    ("In what year will the supercomputing centre open?", True),
    ("人工智能資助計劃有多少資金？", True),
    ("數碼港何時成立？", True),
    ("What is the AI Subsidy Scheme?", False),
    ("Who is the director of the institute?", False),
    ("Tell me when possible about AI", False),  # "when" counts only at the start
])
def test_expects_number(question: str, numeric: bool) -> None:
    assert expects_number(question) is numeric


@pytest.mark.parametrize("question, focus", [
    ("How many enquiries does the 1823 chatbot handle?", {"enquiri"}),  # X is a word, not the figure after it
    ("How many of the projects were approved?", {"project"}),  # "of the" skipped; "were" is a stop word
    ("Who is the director of the institute?", {"director"}),
    ("Who will be the new chairman?", {"chairman"}),
    ("How many people are employed?", set()),  # a generic word is no focus
    ("What is the AI Subsidy Scheme?", set()),
])
def test_focus_words(question: str, focus: set[str]) -> None:
    assert focus_words(question) == focus  # stemmed content words


@pytest.mark.parametrize("focus, text, spoken_of", [
    ({"laboratori"}, "The laboratories opened in 2024.", True),
    ({"lab"}, "Three laboratories were set up.", True),  # a shared stem prefix counts
    ({"director"}, "The direction of the policy is clear.", False),  # one way only: director ≠ direction
    ({"enquiri"}, "The chatbot runs day and night.", False),
])
def test_mentions(focus: set[str], text: str, spoken_of: bool) -> None:
    assert mentions(focus, text) is spoken_of


@pytest.mark.parametrize("question, sentence, answers", [
    ("How many projects were approved?", "In total 12 projects were approved under the scheme [2].", True),
    ("How many projects were approved?", "Ten key projects were approved [1].", True),  # a count in words
    ("How many projects were approved?", "The projects were approved in 2024 [1].", False),  # a year is no count
    ("How many projects were approved?", "The projects received $3 billion [1].", False),  # nor money
    ("How many projects were approved?", "Projects were approved on 3 March [1].", False),  # nor a date
    ("How many projects were approved?", "12 universities took part [1].", False),  # the focus must be named
    ("How much is the budget?", "The AI Subsidy Scheme has a budget of $3 billion [1].", True),
    ("When did the scheme launch?", "It was launched in October 2024 [1].", True),
    ("What is the 2024 target?", "The 2024 target is ambitious [1].", False),  # only the question's own number
    ("How many projects were approved?", "3. Projects were approved quickly [1].", False),  # list numbering
])
def test_answers_numeric(question: str, sentence: str, answers: bool) -> None:
    assert answers_numeric(question, sentence) is answers


@pytest.mark.parametrize("question, broad", [
    ("Summarise the AI Subsidy Scheme", True),
    ("sum up the LCQ13 reply", True),
    ("What are the key points of the report?", True),
    ("What measures support AI talent?", True),
    ("What is being done about data centres?", True),
    ("總結人工智能政策", True),
    ("How much is the budget?", False),
    ("Who is the director of the institute?", False),
])
def test_is_broad(question: str, broad: bool) -> None:
    assert is_broad(question) is broad, f"{question!r} should be {'broad' if broad else 'narrow'}"


@pytest.mark.parametrize("question, member_text", [
    ("What did Members ask about AI?", True),
    ("What was the motion on AI Plus about?", True),
    ("議員就人工智能提出了甚麼質詢？", True),
    ("What is the AI Subsidy Scheme?", False),
])
def test_answer_filters_leave_out_member_text_unless_asked_about(question: str, member_text: bool) -> None:
    assert answer_filters(question, None).member_text is member_text
    assert answer_filters(question, Filters(docs={"a.txt"})).docs == {"a.txt"}  # the user's filters are kept


PREVIOUS = [Turn("What is the AI Subsidy Scheme?", "A $3 billion scheme [1].")]


@pytest.mark.parametrize("question, history, condensed", [
    ("And how much is it?", PREVIOUS, "What is the AI Subsidy Scheme? And how much is it?"),
    ("What about its budget?", PREVIOUS, "What is the AI Subsidy Scheme? What about its budget?"),
    ("Who runs the Cyberport incubation programme?", PREVIOUS, "Who runs the Cyberport incubation programme?"),
    ("And how much is it?", [], "And how much is it?"),  # nothing to carry over
    ("And " + "very " * 20 + "long?", PREVIOUS, "And " + "very " * 20 + "long?"),  # a long question stands alone
])
def test_condense_heuristic(question: str, history: list[Turn], condensed: str) -> None:
    assert condense_heuristic(question, history) == condensed


@pytest.mark.parametrize("text, language", [
    ("What is the AI Subsidy Scheme?", Language.ENGLISH),
    ("人工智能資助計劃是甚麼？", Language.CHINESE),
    ("AI Subsidy Scheme 是甚麼？", Language.CHINESE),
    ("\uf900 compatibility ideograph", Language.CHINESE),  # the one CJK range includes U+F900–U+FAFF
])
def test_language_of_a_question(text: str, language: Language) -> None:
    assert Language.of(text) is language


@pytest.mark.parametrize("question, items, words", [
    ("give me 3 bullet points on the AISC", 3, None),
    ("three key points about the CEF please", 3, None),
    ("brief a PS on HKPilot in 100 words", None, 100),
    ("用100字簡介HKPilot", None, 100),
    ("how many points does the scheme score?", None, None),  # "points" with no count: no shape asked
    ("What is HKPilot?", None, None),
])
def test_asked_shape(question: str, items: int | None, words: int | None) -> None:
    from rag.questions import asked_shape

    assert (asked_shape(question).items, asked_shape(question).words) == (items, words)


@pytest.mark.parametrize("lengths, budget, kept", [
    ([10, 10, 10], 25, 2),
    ([40], 10, 1),  # the first sentence is always kept
    ([5, 5], 90, 2),
])
def test_within_budget(lengths: list[int], budget: int, kept: int) -> None:
    from rag.citations import CheckedSentence
    from rag.presentation import within_budget

    sentences = [CheckedSentence(" ".join(["word"] * n), [1], True) for n in lengths]
    assert len(within_budget(sentences, budget)) == kept
