"""What the model is shown (sentence selection under a word budget) and what is added beside its answer."""

from __future__ import annotations

import pytest

from core.text import is_member_text
from index.retrieval import Filters, Hit
from rag.acceptance import drop_repeats
from rag.extractive import overview_sentences
from rag.questions import answer_filters, is_broad
from rag.citations import CheckedSentence
from rag.context import passage_heading, render, select_sentences


def _hit(n: int, text: str, label: str = "", date: str = "2025-01", section: str = "Reply") -> Hit:
    return Hit(chunk_id=f"c{n}", doc=f"doc{n}.txt", title=f"Doc {n}", date=date, label=label or f"LCQ9 reply ({n})",
               section=section, start=0, end=len(text), text=text, score=1.0 / n, rank=n)


def _no_similarity(question: str, sentences: list[str]) -> list[float]:
    return [0.0] * len(sentences)


HITS = [
    _hit(1, "The AI Subsidy Scheme has a budget of $3 billion. It was launched in October 2024. "
            "The weather in the territory was mild that year and many tourists came to visit the harbour."),
    _hit(2, "The AI Subsidy Scheme supports universities and enterprises. In total 12 projects were approved under the scheme."),
    _hit(3, "Unrelated paragraph about road works in the New Territories and their completion schedule next year."),
]


def test_selection_keeps_the_relevant_sentences_within_the_budget_in_reading_order() -> None:
    shown = select_sentences(HITS, "What is the AI Subsidy Scheme budget and how many projects?", 30, _no_similarity)
    words = sum(len(s.split()) for p in shown for s in p.sentences)
    assert words <= 30
    assert [p.n for p in shown] == sorted(p.n for p in shown)  # passages keep their numbers, in rank order
    text = render(shown)
    assert "$3 billion" in text and "weather" not in text and "road works" not in text


def test_the_top_passage_is_shown_even_when_its_best_sentence_exceeds_the_budget() -> None:
    shown = select_sentences(HITS[:1], "AI Subsidy Scheme budget", 3, _no_similarity)
    assert shown and shown[0].n == 1 and len(shown[0].sentences) == 1


def test_the_embedding_similarity_ranks_sentences_that_share_no_words_with_the_question() -> None:
    def prefers_projects(question: str, sentences: list[str]) -> list[float]:
        return [1.0 if "projects" in s else 0.0 for s in sentences]

    shown = select_sentences(HITS, "How far along is it?", 10, prefers_projects)
    assert [p.n for p in shown] == [2] and "12 projects" in shown[0].text


def test_passage_heading_adds_the_date_only_when_the_label_lacks_the_year() -> None:
    assert passage_heading(1, _hit(1, "x", label="Progress report (Jan 2025), para 3")) == "[1] Progress report (Jan 2025), para 3"
    assert passage_heading(2, _hit(2, "x", label="LCQ20 reply (2)", date="2025-03-19")) == "[2] LCQ20 reply (2) (dated 2025-03-19)"


def test_member_text_is_left_out_of_answers_unless_the_question_is_about_members() -> None:
    assert is_member_text("Question") and is_member_text("(6) Deepening co-operation > Prof Hon X's motion on")
    assert not is_member_text("Reply") and not is_member_text("(4) Exploring Application Scenarios")
    assert answer_filters("What does the AI Subsidy Scheme fund?", None).member_text is False
    assert answer_filters("What did the Member ask about data centres?", None).member_text is True
    kept = answer_filters("What does the scheme fund?", Filters(docs={"a.txt"}))
    assert kept.docs == {"a.txt"} and not kept.member_text  # the user's own filters are kept


def test_broad_questions_get_one_informative_sentence_per_passage() -> None:
    assert is_broad("Summarise the AI measures in schools") and is_broad("What schemes help workers?")
    assert not is_broad("When was the AISC launched?")

    def similarity(question: str, sentences: list[str]) -> list[float]:
        return [0.1 if "road works" in s else 0.5 for s in sentences]

    text = overview_sentences("What does the AI Subsidy Scheme do?", HITS, 5, similarity)
    assert "[1]" in text and "[2]" in text and "[3]" not in text  # off-subject passage left out
    assert "$3 billion" in text and "12 projects" in text  # the sentence with a figure wins within a passage


def test_overview_takes_each_passage_best_sentence_before_any_second_one() -> None:
    def similarity(question: str, sentences: list[str]) -> list[float]:
        return [0.1 if "road works" in s else 0.5 for s in sentences]

    first_round = overview_sentences("Summarise the AI Subsidy Scheme", HITS, 2, similarity)
    assert "$3 billion" in first_round and "12 projects" in first_round and "October 2024" not in first_round
    two_rounds = overview_sentences("Summarise the AI Subsidy Scheme", HITS, 4, similarity)
    assert two_rounds.index("12 projects") < two_rounds.index("October 2024")  # passage 2's best before passage 1's second
    assert "weather" in two_rounds or "universities" in two_rounds
    assert is_broad("sum up the LCQ13 reply") and is_broad("What are the key points of the report?")


def test_a_sentence_the_model_repeats_is_kept_once() -> None:
    checked = [CheckedSentence("The TD built a Traffic Data Analytics System [2].", [2], True, ""),
               CheckedSentence("The TD built a Traffic Data Analytics System [2].", [2], True, ""),
               CheckedSentence("The TD also runs adaptive traffic signals [3].", [3], True, "")]
    kept = drop_repeats(checked)
    assert [s.text for s in kept] == [checked[0].text, checked[2].text]


@pytest.mark.parametrize("section, apparatus", [
    ("List of relevant papers", True), ("Footnotes", True), ("Relevant papers", True),
    ("Digital infrastructure", False), ("(2) R&D of I&T", False), ("Reply", False),
])
def test_reference_lists_and_footnotes_are_told_apart_from_policy_text(section: str, apparatus: bool) -> None:
    from core.text import is_apparatus

    assert is_apparatus(section) is apparatus
