"""Issue 18's measures in the harness: refusals by kind of gap, partial answers, repeats, leave-one-out."""

from __future__ import annotations

import pytest

from eval.dataset import Question, Source
from eval.leave_out import answers
from eval.metrics import decision_pairs, has_repeat, names_gap

NEAR = Question("n1", "What is the hourly price of the AISC?", "unanswerable", kind="near_miss")
PARTIAL = Question("p1", "What is HKPilot and how many civil servants use it?", "partial", must_include=("copilot",),
                   kind="partial", unanswered="how many civil servants use HKPilot")
FACT = Question("f1", "How many labs?", "factoid", must_include=("16",), sources=(Source("d.txt", "established 16 R&D laboratories"),))


def _answer(refused: bool, text: str = "", unanswered: tuple[str, ...] = (), sentences: tuple[str, ...] = ()) -> dict:
    return {"refused": refused, "answer": text, "unanswered": list(unanswered),
            "sentences": [{"text": s} for s in sentences]}


@pytest.mark.parametrize("question, answer, metric, pair", [
    (NEAR, _answer(True), "near_miss_refused", (1.0, 1.0)),
    (NEAR, _answer(False, "The AISC has 3,000 petaFLOPS [1]."), "near_miss_refused", (0.0, 1.0)),
    (NEAR, _answer(True), "out_of_scope_refused", (0.0, 0.0)),  # not an out-of-scope question: counts nowhere
    (PARTIAL, _answer(False, "x", ("how many civil servants use it?",)), "partial_named", (1.0, 1.0)),
    (PARTIAL, _answer(False, "x"), "partial_named", (0.0, 1.0)),  # answered without naming the gap
    (PARTIAL, _answer(True), "partial_not_refused", (0.0, 1.0)),
    (FACT, _answer(False, "There are 16 labs [1].", sentences=("There are 16 labs [1].",)), "answer_words", (5.0, 1.0)),
    (FACT, _answer(True), "answer_words", (0.0, 0.0)),  # a refusal has no length to count
])
def test_decision_pairs(question: Question, answer: dict, metric: str, pair: tuple[float, float]) -> None:
    assert decision_pairs(question, answer)[metric] == pair


def test_leave_out_counts_only_for_its_system() -> None:
    assert decision_pairs(FACT, _answer(True))["leave_out_abstained"] == (0.0, 0.0)
    assert decision_pairs(FACT, _answer(True), leave_out=True)["leave_out_abstained"] == (1.0, 1.0)
    assert decision_pairs(FACT, _answer(False, "16 labs"), leave_out=True)["leave_out_abstained"] == (0.0, 1.0)


@pytest.mark.parametrize("sentences, repeat", [
    (["HKPilot is a copilot for officers [1].", "Since mid-2024 the Government has piloted HKPilot, a copilot for officers [1]."], True),
    (["HKPilot is a copilot [1].", "About 60 B/Ds take part in the pilot [1]."], False),
    (["One sentence only [1]."], False),
])
def test_has_repeat(sentences: list[str], repeat: bool) -> None:
    assert has_repeat(sentences) is repeat


@pytest.mark.parametrize("unanswered, asks, named", [
    ("how many civil servants use HKPilot", ["how many civil servants use it?"], True),
    ("how many civil servants use HKPilot", ["when was it launched?"], False),
    ("the cost", [], False),
])
def test_names_gap(unanswered: str, asks: list[str], named: bool) -> None:
    assert names_gap(unanswered, {"unanswered": asks}) is named


@pytest.mark.parametrize("text, holds", [
    ("The cluster has established 16 R&D laboratories so far.", True),
    ("The cluster focuses on AI and robotics.", False),
])
def test_leave_out_drops_the_answering_passage(text: str, holds: bool) -> None:
    assert answers(FACT, text) is holds
