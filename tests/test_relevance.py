"""The per-ask decision: answered, partial or refused, from sentence scores (hand-set here) and the model's yes/no.

The real score (rag/relevance.LexicalScorer) is fitted by eval/fit_answerability.py; these tests pin
the decision logic around it, the model's yes/no, and the rule used for Chinese asks.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from index.retrieval import Hit
from rag import acceptance
from rag.acceptance import decide
from rag.relevance import AskJudge

PASSAGE = ("HKPilot is a document processing copilot used by officers of about 60 B/Ds. "
           "The AI Subsidy Scheme has a budget of $3 billion.")
HITS = [Hit(chunk_id="c1", doc="d.txt", title="Doc", date="2025-01", label="LCQ20 reply (1)", section="Reply",
            start=0, end=len(PASSAGE), text=PASSAGE, score=1.0, rank=1)]


class KeywordScorer:
    """Scores a sentence 0.9 for an ask when the ask's key words are paired with a word it holds, else 0.1."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys  # ask words -> sentence word that answers them

    def scores(self, ask: str, sentences: Sequence[str]) -> list[float]:
        return [0.9 if any(k in ask.lower() and v in s.lower() for k, v in self.keys.items()) else 0.1
                for s in sentences]


JUDGE = AskJudge(scorer=KeywordScorer({"what is hkpilot": "copilot", "budget": "$3 billion"}))  # type: ignore[arg-type]
ANSWER = "HKPilot is a document processing copilot used by officers of about 60 B/Ds [1]."


@pytest.mark.parametrize("question, outcome, reason, unanswered", [
    ("What is HKPilot?", acceptance.ANSWERED, acceptance.ACCEPTED, ()),
    ("What is HKPilot and how many civil servants use it?", acceptance.PARTIAL, acceptance.SOME_NOT_GIVEN,
     ("how many civil servants use it?",)),
    ("How many patents has HKPilot produced?", acceptance.REFUSED, acceptance.NOT_GIVEN,
     ("How many patents has HKPilot produced?",)),
])
def test_decision_by_ask(question: str, outcome: str, reason: str, unanswered: tuple[str, ...]) -> None:
    decision = decide(ANSWER, HITS, question, judge=JUDGE)
    assert (decision.outcome, decision.reason, decision.unanswered) == (outcome, reason, unanswered)
    assert bool(decision.sentences) is (outcome != acceptance.REFUSED)


@pytest.mark.parametrize("with_model, kept", [
    (True, [ANSWER]),  # the model's answer keeps only sentences that answer an ask
    (False, [ANSWER, "The AI Subsidy Scheme has a budget of $3 billion [1]."]),  # quoted passages stay; the budget trims
])
def test_which_sentences_stay(with_model: bool, kept: list[str]) -> None:
    text = ANSWER + " The AI Subsidy Scheme has a budget of $3 billion [1]."
    decision = decide(text, HITS, "What is HKPilot?", judge=JUDGE, chat=(lambda _: "yes") if with_model else None)
    assert [s.text for s in decision.sentences] == kept


def test_count_question_needs_a_count_even_when_scored_high() -> None:
    judge = AskJudge(scorer=KeywordScorer({"how many": "copilot"}))  # type: ignore[arg-type]
    decision = decide("HKPilot is a document processing copilot [1].", HITS, "How many officers use HKPilot?", judge=judge)
    assert decision.outcome == acceptance.REFUSED


@pytest.mark.parametrize("reply, said", [
    ("yes", True), ("Yes.", True), ("no", False), ("No, they do not.", False), ("是", True), ("否", False),
    ("The passages say [1].", None), (None, None),  # neither: the word score decides
])
def test_model_says(reply: str | None, said: bool | None) -> None:
    from rag.relevance import model_says

    assert model_says(lambda _: reply, "how many staff", "About 60 B/Ds take part.") is said


@pytest.mark.parametrize("reply, outcome", [
    ("no", acceptance.REFUSED),     # the model sees no answer in its passages: refused though the score passed
    ("yes", acceptance.ANSWERED),
    ("unsure", acceptance.ANSWERED),  # no yes/no: the score decides
])
def test_the_model_has_the_last_word(reply: str, outcome: str) -> None:
    decision = decide(ANSWER, HITS, "What is HKPilot?", judge=JUDGE, chat=lambda _: reply)
    assert decision.outcome == outcome


def test_model_yes_keeps_the_best_sentence_when_no_score_passes() -> None:
    judge = AskJudge(scorer=KeywordScorer({}))  # type: ignore[arg-type]
    decision = decide(ANSWER, HITS, "What is HKPilot?", judge=judge, chat=lambda _: "yes")
    assert decision.outcome == acceptance.ANSWERED and len(decision.sentences) == 1


@pytest.mark.parametrize("ask, sentence, answers", [
    ("How many B/Ds take part?", "Officers of about 60 B/Ds take part.", True),
    ("How many B/Ds take part?", "Officers of many B/Ds take part.", False),  # no count
    ("Who is the director of the scheme?", "The scheme has a budget of $3 billion.", False),  # no director
    ("What does the scheme fund?", "The scheme funds AI projects.", True),  # no focus word: any sentence
])
def test_rule_without_a_score(ask: str, sentence: str, answers: bool) -> None:
    assert AskJudge(scorer=None).scores(ask, [sentence]) == [float(answers)]
