"""A model answer that fills a gap with a value of its own is refused, not replaced by topical passage sentences."""

from __future__ import annotations

import pytest

from index.retrieval import Hit
from rag.acceptance import INVENTED, UNSUPPORTED, Decision, refused_if_filled
from rag.asks import split_asks
from rag.invented import filled_gaps, invented_values

SCHEME = ("Meanwhile, the Government has also launched a three-year AI Subsidy Scheme of $3 billion in October last "
          "year to subsidise eligible users to leverage the computing power provided by the AISC.")
BUDGET = "In the 2023-2024 Budget, a sum of about $200 million has been earmarked to enhance the operation of iAM Smart."
LEGCO = "10 May 2023 Question 19: Artificial intelligence chatbot ChatGPT"


@pytest.mark.parametrize(
    ("sentence", "passages", "question", "expected"),
    [
        # a figure no passage has: the model answered a near miss with its own value (tune run s31-tune-local)
        ("The maximum subsidy per project is $300 million [1].", [SCHEME],
         "what is the max subsidy per project under the $3 billion AI Subsidy Scheme?", ["300 million"]),
        ("The scheme is worth $3bn [1].", [SCHEME], "How big is the AI Subsidy Scheme?", []),  # same value, other form
        # a name the asker used is an echo, not an invention ("LegCo" is in no passage)
        ("The LegCo question on ChatGPT was on 10 May 2023.", [LEGCO],
         "when did a LegCo council question deal with the AI chatbot ChatGPT?", []),
        ("The four universities are HKUST and the University of Macau.", [SCHEME],
         "Apart from HKUST, which universities take part?", ["University of Macau"]),
        ("The scheme was launched in 2019 [1].", [SCHEME], "When was the scheme launched?", ["2019"]),
        ("The Government launched the AI Subsidy Scheme [1].", [SCHEME], "What is the AI Subsidy Scheme?", []),
        ("", [SCHEME], "anything?", []),
        # the passage's figure in another house style is not the model's own (dev set, local model)
        ("Cyberport 5 will have a gross floor area of around 66, 000 square meters.",
         ["Cyberport 5 will provide a gross floor area of about 66 000 square metres."], "How big is Cyberport 5?", []),
        ("The AISC provides around 1.300 petaFLOPS.", ["The AISC provides computing power of around 1 300 petaFLOPS."],
         "How much computing power does the AISC provide?", []),
        ("The AISC provides around 1.400 petaFLOPS.", ["The AISC provides computing power of around 1 300 petaFLOPS."],
         "How much computing power does the AISC provide?", ["1.400"]),
    ],
)
def test_invented_values(sentence: str, passages: list[str], question: str, expected: list[str]) -> None:
    assert invented_values(sentence, passages, question) == expected


def test_a_value_borrowed_from_another_passage_is_filled_in_too() -> None:
    """"$200 million" is in passage [2] (a budget), not in the cited [1]: given as a saving, it is the model's own."""
    text = "The 'Be the Smart Regulator' measures saved businesses about $200 million [1]."
    question = "How much compliance cost did the 'Be the Smart Regulator' measures save?"
    assert filled_gaps(text, [SCHEME, BUDGET], question) == ["200 million"]


def test_supported_sentences_and_connectives_are_not_read() -> None:
    text = "Here is what I found: The Government launched a three-year AI Subsidy Scheme of $3 billion [1]."
    assert filled_gaps(text, [SCHEME], "What is the AI Subsidy Scheme?") == []


def _hit(text: str, label: str = "Progress report (Jan 2025), para 9") -> Hit:
    return Hit("c1", "doc.txt", "Progress report", "2025-01", label, "", 0, len(text), text, 1.0, 1)


def test_a_value_from_a_passage_heading_the_model_read_is_not_its_own() -> None:
    """The model read "[1] LCQ13 reply (2)" above the passage; citing the reply by name invents no "2"."""
    text = "According to the LCQ13 reply (2), the DPO worked with 47 B/Ds."
    hit = _hit("In 2024-25 the DPO worked with 47 B/Ds in proposing some 180 measures.", label="LCQ13 reply (2)")
    question = "how many B/Ds did the DPO work with?"
    assert filled_gaps(text, [hit.evidence], question) == ["2"]
    assert filled_gaps(text, [hit.evidence], question, "LCQ13 reply (2)") == []
    assert refused_if_filled(Decision(False, UNSUPPORTED), text, [hit], question).reason == UNSUPPORTED


@pytest.mark.parametrize(
    ("reason", "text", "refused_as"),
    [
        (UNSUPPORTED, "The maximum subsidy per project is $300 million [1].", INVENTED),
        (UNSUPPORTED, "The AI Subsidy Scheme is worth $3 billion [1].", UNSUPPORTED),  # only doubted: fallback stays
        ("the text is a refusal", "The documents do not say. The maximum is $300 million [1].", "the text is a refusal"),
    ],
)
def test_only_an_unsupported_answer_with_a_value_of_its_own_is_refused_as_invented(
        reason: str, text: str, refused_as: str) -> None:
    question = "What is the max subsidy per project under the $3 billion scheme, and who runs it?"
    decision = refused_if_filled(Decision(False, reason), text, [_hit(SCHEME)], question)
    assert decision.reason == refused_as and not decision.accepted
    if refused_as == INVENTED:  # every ask is named as not covered
        assert decision.unanswered == tuple(split_asks(question)) and len(decision.unanswered) == 2
