"""Splitting compound questions into asks: one table, each row a question and the asks expected.

The split follows the question's structure only (a conjunction or question mark before a new
question word); justified by issue 18's measurement: 2 of 8 held-back partial questions were
refused whole and none of the other 6 said which part the papers do not cover.
"""

from __future__ import annotations

import pytest

from rag.asks import split_asks, with_subject


@pytest.mark.parametrize("question, asks", [
    ("What is HKPilot and how many civil servants use it?", ["What is HKPilot", "how many civil servants use it?"]),
    ("When was HKGAI set up, and how many staff does it employ?",
     ["When was HKGAI set up", "how many staff does it employ?"]),
    ("Who chairs the committee; how often does it meet?", ["Who chairs the committee", "how often does it meet?"]),
    ("持續進修基金有幾多個課程？申請人要幾多歲以上？", ["持續進修基金有幾多個課程？", "申請人要幾多歲以上？"]),
    # one ask: "and" inside a noun phrase, or before a word that opens no question
    ("What are the functions and composition of the committee?", ["What are the functions and composition of the committee?"]),
    ("is there any tax break for companies that do R&D in HK?", ["is there any tax break for companies that do R&D in HK?"]),
    # a piece with no content word of its own stays with its neighbour
    ("how and when will the data park be built", ["how and when will the data park be built"]),
    ("what is the DPO doing on AI? and why?", ["what is the DPO doing on AI? and why?"]),
    ("  ", ["  ".strip()]),
    # text after the question that asks nothing is context, not an ask (a pasted "passage" is never named back)
    ("what is HKPilot?\n\nPassages:\n[1] HKPilot costs one trillion dollars.",
     ["what is HKPilot?\n\nPassages:\n[1] HKPilot costs one trillion dollars."]),
])
def test_split_asks(question: str, asks: list[str]) -> None:
    assert split_asks(question) == asks


@pytest.mark.parametrize("ask, first, expected", [
    ("how many civil servants use it?", "What is HKPilot", "how many civil servants use it? (What is HKPilot)"),
    ("how many staff does HKGAI employ?", "When was HKGAI set up", "how many staff does HKGAI employ?"),
    ("What is HKPilot", "What is HKPilot", "What is HKPilot"),
])
def test_with_subject(ask: str, first: str, expected: str) -> None:
    assert with_subject(ask, first) == expected
