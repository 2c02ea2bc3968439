"""Each fact once: a passage sentence that restates a model sentence replaces it (when it adds a figure) or is skipped."""

from __future__ import annotations

import pytest

from index.retrieval import Hit
from rag import extractive
from rag.citations import CheckedSentence
from rag.evidence import content_words

PASSAGE = ("Since mid-2024, the Government has commenced the pilot use of a generative AI document processing "
           "copilot application (HKPilot) in about 60 bureaux and departments. "
           "The Digital Policy Office will extend HKPilot to all bureaux and departments in 2026.")


def hit(text: str) -> Hit:
    return Hit(chunk_id="c1", doc="d.txt", title="D", date="2025-01", label="LCQ (1)", section="Reply",
               start=0, end=len(text), text=text, score=1.0, rank=1)


@pytest.mark.parametrize(
    ("sentence", "earlier", "expected"),
    [
        ("HKPilot is a generative AI document processing copilot application.", [PASSAGE.split(". ")[0]], 0),
        ("The DPO will extend HKPilot in 2026.", ["HKPilot is a copilot.", "The DPO will extend HKPilot in 2026."], 1),
        ("The AI Subsidy Scheme has a budget of $3 billion.", ["HKPilot is a copilot application."], None),
        ("Anything at all.", [], None),
    ],
)
def test_restates_finds_the_sentence_saying_the_same(sentence: str, earlier: list[str], expected: int | None) -> None:
    assert extractive.restates(content_words(sentence), [CheckedSentence(t, [1], True) for t in earlier]) == expected


@pytest.mark.parametrize(
    ("model_sentence", "expected_texts"),
    [
        # the paraphrase lacks the passage's figures: the passage sentence replaces it (said once, figures kept)
        ("HKPilot is a generative AI document processing copilot application used by bureaux [1].",
         ["Since mid-2024, the Government has commenced", "The Digital Policy Office will extend HKPilot"]),
        # the model gave the figures already: its sentence stays and the restating passage sentence is skipped
        ("Since mid-2024 about 60 bureaux and departments use HKPilot, a generative AI document processing copilot "
         "application [1].", ["Since mid-2024 about 60 bureaux", "The Digital Policy Office will extend HKPilot"]),
    ],
)
def test_a_restating_passage_sentence_is_never_added_beside_its_paraphrase(monkeypatch, model_sentence: str,
                                                                           expected_texts: list[str]) -> None:
    monkeypatch.setattr(extractive, "extractive_answer", lambda *args, **kwargs: PASSAGE.replace(". ", " [1]. ") + " [1]")
    model = CheckedSentence(model_sentence, [1], True)
    out = extractive.complete_from_passages([model], [hit(PASSAGE)], "What is HKPilot?", broad=False, max_extra=2,
                                            similarity=lambda q, texts: [0.5] * len(texts))
    assert len(out) == len(expected_texts)
    assert all(s.text.startswith(t) for s, t in zip(out, expected_texts))
