"""The model check's prompt and reply parsing (a scripted chat; the real model runs in the end-to-end test)."""

from __future__ import annotations

import pytest

from rag.model_check import ModelCheck, numbered_passages, parse_verdicts


@pytest.mark.parametrize(
    ("reply", "n", "expected"),
    [
        ("1: yes\n2: no", 2, [True, False]),
        ("1. Yes\n2) NO\n3 - yes", 3, [True, False, True]),
        ("**1**: no", 1, [False]),  # Markdown emphasis around the number
        ("yes", 1, [True]),  # a bare verdict answers a single statement
        ("yes", 2, [None, None]),  # ...but not two
        ("2: no", 2, [None, False]),  # a statement without a line gets no verdict
        ("1: yes\n1: no", 1, [True]),  # the first verdict for a number stands
        ("1: yes\n1: no\n1: yes", 3, [True, False, True]),  # every line numbered 1: read in order
        ("1: yes\n1: no", 3, [True, None, None]),  # ...but only with one line per statement
        ("7: yes", 2, [None, None]),  # a number out of range is ignored
        ("I cannot tell.", 1, [None]),
        ("", 3, [None, None, None]),
    ],
)
def test_parse_verdicts(reply: str, n: int, expected: list[bool | None]) -> None:
    assert parse_verdicts(reply, n) == expected


def test_one_call_for_all_claims_after_the_passages() -> None:
    calls: list[tuple[list[tuple[str, str]], int]] = []

    def chat(messages, max_tokens):  # type: ignore[no-untyped-def]
        calls.append((list(messages), max_tokens))
        return "1: yes\n2: no"

    check = ModelCheck(chat, system="SYSTEM")
    block = numbered_passages(["Alpha was launched in 2024.", "Beta is planned."])
    assert check.check(block, ["Alpha was launched in 2024 [1].", "Beta was completed [2]."]) == [True, False]
    assert len(calls) == 1
    messages, max_tokens = calls[0]
    assert messages[0] == ("system", "SYSTEM")
    user = messages[1][1]
    # The passages come first, as in the answer prompt, so the server reuses their KV cache.
    assert user.startswith("Passages:\n\n[1] Alpha was launched in 2024.\n\n[2] Beta is planned.\n\n")
    assert "1. Alpha was launched in 2024." in user and "[1]." not in user  # markers stripped from statements
    assert max_tokens >= 2 * 4


def test_no_claims_no_call() -> None:
    check = ModelCheck(lambda messages, max_tokens: pytest.fail("called"), system="")
    assert check.check("[1] x", []) == []


def test_failed_call_gives_no_verdicts() -> None:
    check = ModelCheck(lambda messages, max_tokens: None)
    assert check.check("[1] x", ["a", "b"]) == [None, None]


def test_recheck_flags_what_the_model_rejects_and_keeps_the_rest() -> None:
    from rag.citations import CheckedSentence
    from rag.model_check import MODEL_REASON, recheck

    sentences = [CheckedSentence("A [1].", [1], True), CheckedSentence("B [1].", [1], False, "the year 2030 ..."),
                 CheckedSentence("C [2].", [2], True), CheckedSentence("D [2].", [2], True)]
    seen: list[str] = []

    def chat(messages, max_tokens):  # type: ignore[no-untyped-def]
        seen.append(messages[-1][1])
        return "1: no\n2: yes"  # nothing for the third statement

    out = recheck(sentences, ModelCheck(chat), "[1] x\n\n[2] y")
    assert "1. A" in seen[0] and "2. C" in seen[0] and "3. D" in seen[0] and "B" not in seen[0].split("Statements:")[1]
    assert [(s.supported, s.reason) for s in out] == [(False, MODEL_REASON), (False, "the year 2030 ..."),
                                                       (True, ""), (True, "")]
    assert sentences[0].supported  # the input is not changed


def test_decide_judges_the_asks_on_rechecked_sentences() -> None:
    from index.retrieval import Hit
    from rag import acceptance
    from rag.model_check import recheck

    text = "The AI Subsidy Scheme has a budget of $3 billion [1]."
    hit = Hit(chunk_id="c1", doc="d.txt", title="D", date="2025-01", label="LCQ9 reply (1)", section="Reply",
              start=0, end=60, text="The AI Subsidy Scheme has a budget of $3 billion.", score=1.0, rank=1)
    check = ModelCheck(lambda messages, max_tokens: "1: no")
    decision = acceptance.decide(text, [hit], "How much is the budget?",
                                 recheck=lambda s: recheck(s, check, "[1] x"))
    assert decision.reason == acceptance.UNSUPPORTED and not decision.accepted
    assert acceptance.decide(text, [hit], "How much is the budget?").accepted
