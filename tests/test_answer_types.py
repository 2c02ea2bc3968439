"""The answer-type cues of rag/answer_types: what kind of value an ask names, and whether a sentence gives one."""

from __future__ import annotations

import pytest

from rag.answer_types import DATE, MONEY, PERCENT, asked_kind, gives_kind


@pytest.mark.parametrize("ask, kind", [
    ("how much did the Microelectronics Centre in Yuen Long InnoPark cost to build?", MONEY),
    ("what is the max subsidy per project under the $3 billion AI Subsidy Scheme?", MONEY),
    ("How much does Cyberport charge per GPU-hour for AISC computing power?", MONEY),
    ("what are the tuition fees for HKIIT's AI programmes?", MONEY),
    ("樂齡及康復創科應用基金每件科技產品最多資助幾多錢？", MONEY),
    ("when was the funding for the institute approved?", DATE),  # a "when" opening asks a date
    ("What is the application deadline for the AI for Science Education Funding Programme?", DATE),
    ("創科產業引導基金幾時正式開始投資？", DATE),
    ("what percentage of AISC's computing power is currently utilised", PERCENT),
    ("What's the current vacancy rate of data centre floor space in HK?", PERCENT),
    ("How many junctions currently use TD's Real-time Adaptive Traffic Signal System?", None),
    ("how much computing power will the AISC reach?", None),  # a quantity, not money
    ("What is HKPilot?", None),
])
def test_asked_kind(ask: str, kind: str | None) -> None:
    assert asked_kind(ask) == kind


@pytest.mark.parametrize("sentence, kind, gives", [
    ("The Government allocated $1 billion in 2018 to set up the I&T Fund.", MONEY, True),
    ("A HK$3 billion AI funding programme has been launched.", MONEY, True),
    ("The fund of 100億元 was set up.", MONEY, True),
    ("The Microelectronics Centre in Yuen Long InnoPark is planned to be commissioned within 2024.", MONEY, False),
    ("The AISC provides computing power of around 1 300 petaFLOPS.", MONEY, False),
    ("The Microelectronics Centre is planned to be commissioned within 2024.", DATE, True),
    ("The pilot started in mid-2024.", DATE, True),
    ("Applications close in March.", DATE, True),
    ("The centre supports 16 laboratories.", DATE, False),
    ("About 38% of financial institutions have adopted GenAI.", PERCENT, True),
    ("Adoption rose by 12 per cent.", PERCENT, True),
    ("Adoption rose sharply among institutions.", PERCENT, False),
    ("Anything at all.", None, True),
])
def test_gives_kind(sentence: str, kind: str | None, gives: bool) -> None:
    assert gives_kind(sentence, kind) is gives


@pytest.mark.parametrize("ask, kind", [
    ("Who runs the AI Subsidy Scheme?", None),  # "Subsidy" is part of a name here
    ("what's the deadline to apply for funding?", DATE),
    ("Funding for the institute: how much?", MONEY),  # the first word is never read as a name
])
def test_names_give_no_cue(ask: str, kind: str | None) -> None:
    assert asked_kind(ask) == kind
