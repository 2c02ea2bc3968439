"""The model check's prompt and reply parsing (a scripted chat; the real model runs in the end-to-end test)."""

from __future__ import annotations

import pytest

from index.retrieval import Hit
from rag import acceptance
from rag.citations import CheckedSentence
from rag.model_check import ModelCheck, cited_label, numbered_passages, parse_verdicts, recheck
from rag.prompts import SYSTEM_PROMPT, user_prompt


@pytest.mark.parametrize(
    ("reply", "n", "expected"),
    [
        ("yes", 1, [True]),
        ("No.", 1, [False]),
        ("**Yes**", 1, [True]),
        ("1: no", 1, [False]),  # a numbered reply
        ("1: yes\n2: no", 2, [True, False]),
        ("1: yes\n1: no\n1: yes", 3, [True, False, True]),  # every line numbered 1: read in order
        ("1: yes\n1: no", 3, [True, None, None]),  # ...but only with one line per statement
        ("yes", 2, [None, None]),  # a bare verdict answers a single statement only
        ("7: yes", 2, [None, None]),  # a number out of range is ignored
        ("I cannot tell.", 1, [None]),
        ("", 1, [None]),
    ],
)
def test_parse_verdicts(reply: str, n: int, expected: list[bool | None]) -> None:
    assert parse_verdicts(reply, n) == expected


def test_one_short_call_a_claim_after_the_answers_system_prompt_and_passages() -> None:
    calls: list[tuple[list[tuple[str, str]], int]] = []
    replies = iter(["yes", "no"])

    def chat(messages, max_tokens):  # type: ignore[no-untyped-def]
        calls.append((list(messages), max_tokens))
        return next(replies)

    check = ModelCheck(chat)
    block = numbered_passages(["Alpha was launched in 2024.", "Beta is planned."])
    assert check.check(block, ["Alpha was launched in 2024 [1]."], cited=[1]) == [True]
    assert check.check(block, ["Beta was completed [2]."], cited=[2]) == [False]
    assert len(calls) == 2 and all(m[0] == ("system", SYSTEM_PROMPT) and t <= 4 for m, t in calls)
    first, second = calls[0][0][1][1], calls[1][0][1][1]
    prefix = first.split("Statement:")[0]
    # the answer's own prompt starts the same way, so llama.cpp reuses its KV cache for every check
    assert user_prompt(block, "What is Alpha?", False).startswith(prefix)
    assert second.startswith(prefix)
    assert "Statement: Alpha was launched in 2024." in first and "[1]." not in first.split("Statement:")[1]
    assert "stated in passage [1]?" in first and "stated in passage [2]?" in second


@pytest.mark.parametrize(("numbers", "label"), [([2], "passage [2]"), ([1, 3], "passages [1][3]")])
def test_cited_label(numbers: list[int], label: str) -> None:
    assert cited_label(numbers) == label


def test_without_cited_numbers_every_numbered_passage_is_named() -> None:
    block = numbered_passages(["Alpha.", "Beta.", "Gamma."])
    assert "stated in passages [1][2][3]?" in ModelCheck(lambda m, t: None).message(block, "Alpha.")


def test_no_claims_no_call() -> None:
    check = ModelCheck(lambda messages, max_tokens: pytest.fail("called"))
    assert check.check("[1] x", []) == []


def test_failed_call_gives_no_verdict() -> None:
    check = ModelCheck(lambda messages, max_tokens: None)
    assert check.check("[1] x", ["a", "b"]) == [None, None]


def test_decide_judges_the_asks_on_rechecked_sentences() -> None:
    text = "The AI Subsidy Scheme has a budget of $3 billion [1]."
    hit = Hit(chunk_id="c1", doc="d.txt", title="D", date="2025-01", label="LCQ9 reply (1)", section="Reply",
              start=0, end=60, text="The AI Subsidy Scheme has a budget of $3 billion.", score=1.0, rank=1)
    check = ModelCheck(lambda messages, max_tokens: "no")
    decision = acceptance.decide(text, [hit], "How much is the budget?",
                                 recheck=lambda s: recheck(s, check, ["x"]))
    assert decision.reason == acceptance.UNSUPPORTED and not decision.accepted
    assert acceptance.decide(text, [hit], "How much is the budget?").accepted
