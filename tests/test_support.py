"""The support model: check families as features, the fitted weights, and how ``judge`` combines checks and P(yes)."""

from __future__ import annotations

import json

import pytest

from rag import support
from rag.citations import CheckedSentence
from rag.model_check import MODEL_REASON, ModelCheck, judge, quoted, recheck
from rag.verifier import Failure, Inspection, Verifier

PASSAGE = ("The Government launched the AI Subsidy Scheme with a budget of $3 billion in 2024. "
           "The Hong Kong AI Research Institute is expected to be set up by 2026.")
CHECKS = Verifier(load_models=False)  # the atom checks alone: no embedding model, so the test is deterministic
# Hand-set weights: a missing figure sinks a claim whatever the model says; a wording flag can be outvoted.
HAND_SET = support.SupportModel(weights=(-9.0, -3.0, -3.0, -3.0, -1.0, -2.0, -1.5, -0.5, 0.0, 1.0),
                                bias=0.0, threshold=0.5)


def inspection(*codes: str) -> Inspection:
    return Inspection(tuple(Failure(c, c) for c in codes), 0.8, 1.0, 0.0, "", False)


@pytest.mark.parametrize(
    ("codes", "family"),
    [
        (("figure_absent",), "figure_absent"),
        (("figure_elsewhere",), "figure_misplaced"),
        (("figure_misbound",), "figure_misplaced"),
        (("year_elsewhere",), "date"),
        (("month",), "date"),
        (("name_absent",), "name_absent"),
        (("modality_hedge",), "modality"),
        (("meaning",), "wording"),
        (("addition", "negation"), "wording"),
    ],
)
def test_each_failed_check_sets_its_family(codes: tuple[str, ...], family: str) -> None:
    row = support.features(inspection(*codes))
    assert row[list(support.FAMILIES).index(family)] == 1.0
    assert sum(row[: len(support.FAMILIES)]) == len({f for f, cs in support.FAMILIES.items() if set(cs) & set(codes)})


def test_model_log_odds_are_clipped() -> None:
    assert support.features(inspection(), 0.5)[-1] == pytest.approx(0.0)
    assert support.features(inspection(), 1.0)[-1] == support.LOGIT_CLIP
    assert support.features(inspection(), 0.0)[-1] == -support.LOGIT_CLIP
    assert len(support.features(inspection(), 0.9)) == len(support.features(inspection())) + 1


@pytest.mark.parametrize("prompt", ["evidence", "fresh", "after_answer"])
def test_the_committed_weights_load_and_say_how_they_were_fitted(prompt: str) -> None:
    record = json.loads(support.WEIGHTS_FILE.read_text(encoding="utf-8"))
    model = support.with_model(prompt)
    assert len(model.weights) == len(record["features"]) == len(support.features(inspection(), 0.5))
    assert record["fitted_on"]["files"] and all(f.endswith("_tune.jsonl") for f in record["fitted_on"]["files"])
    assert len(record["fitted_on"]["sha256"]) == 64
    # The fit must have learned the obvious: the model's "yes" raises support, a missing figure lowers it.
    assert model.weights[-1] > 0 and model.weights[0] < 0
    with pytest.raises(ValueError, match="make fit-verifier"):
        model.probability([0.0])


def test_an_unknown_prompt_says_how_to_fit_it() -> None:
    with pytest.raises(KeyError, match="make fit-verifier"):
        support.with_model("another prompt")


def scripted(p_yes: float | None, asked: list[str]) -> ModelCheck:
    def probability(messages):  # type: ignore[no-untyped-def]
        asked.append(messages[-1][1].split("Statement:")[1].split("\n")[0].strip())
        return p_yes

    return ModelCheck(lambda messages, max_tokens: pytest.fail("the text reply is not used"), yes_probability=probability)


@pytest.mark.parametrize(
    ("claim", "p_yes", "supported", "asked", "reason"),
    [
        ("The AI Subsidy Scheme has a budget of $3 billion.", 0.9, True, True, ""),
        ("The AI Subsidy Scheme has a budget of $3 billion.", 0.1, False, True, MODEL_REASON),
        # a missing figure: no model answer could clear it, so the model is not asked
        ("The AI Subsidy Scheme has a budget of $5 billion.", 0.99, False, False, "the figure 5 billion is not in"),
        # no verdict from the model: the checks' own rule decides
        ("The AI Subsidy Scheme has a budget of $3 billion.", None, True, True, ""),
    ],
)
def test_judge_combines_the_checks_and_the_model(claim: str, p_yes: float | None, supported: bool, asked: bool,
                                                 reason: str) -> None:
    questions: list[str] = []
    ok, probability, why = judge(claim, [PASSAGE], scripted(p_yes, questions), CHECKS, HAND_SET)
    assert ok is supported and why.startswith(reason)
    assert bool(questions) is asked
    if asked and p_yes is not None:
        assert probability is not None and (probability >= 0.5) is supported


def test_a_confident_model_clears_a_soft_flag_but_not_a_hard_one() -> None:
    soft, hard = inspection("meaning"), inspection("figure_absent")
    assert HAND_SET.model_can_change(soft) and not HAND_SET.model_can_change(hard)
    assert HAND_SET.probability(support.features(soft, 0.95)) >= 0.5
    assert HAND_SET.probability(support.features(hard, 0.95)) < 0.5


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The Government launched the AI Subsidy Scheme with a budget of $3 billion in 2024 [1].", True),
        ("The  Government launched the AI Subsidy Scheme\nwith a budget of $3 billion in 2024.", True),  # spacing
        ("The Government launched the AI Subsidy Scheme with a budget of $3 billion in 2025 [1].", False),
        ("$3 billion [1].", False),  # too short to stand as a quoted sentence
    ],
)
def test_quoted_passage_text(claim: str, expected: bool) -> None:
    assert quoted(claim, [PASSAGE]) is expected


def test_recheck_asks_about_model_written_sentences_against_their_cited_passages() -> None:
    other = "Passage two: the pilot use of HKPilot began in mid-2024."
    sentences = [CheckedSentence("The Government launched the AI Subsidy Scheme with a budget of $3 billion in 2024 [1].",
                                 [1], True),
                 CheckedSentence("The scheme's budget is $3 billion [1].", [1], True),
                 CheckedSentence("HKPilot started in mid-2024 [2].", [2], True)]
    asked: list[str] = []
    out = recheck(sentences, scripted(0.1, asked), [PASSAGE, other], HAND_SET)
    assert asked == ["The scheme's budget is $3 billion.", "HKPilot started in mid-2024."]  # the quote is not asked
    assert [s.supported for s in out] == [True, False, False]
    assert out[1].reason == MODEL_REASON and sentences[1].supported  # the input is not changed
