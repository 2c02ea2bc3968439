"""The pre-answer ask check (rag/ask_check): its prompt shares the answer's prefix, its fitted model points the
right way, and the answer path refuses or names an ask the passages do not cover."""

from __future__ import annotations

import pytest
from fakes import ScriptedLLM

from rag import ask_check
from rag.answer import Answerer
from rag.ask_check import AskModel, AskVerdicts, check_asks, fitted, messages
from rag.llm import LLMHandle
from rag.prompts import SYSTEM_PROMPT, user_prompt

BLOCK = "[1] LCQ20 reply (2025), para 2\nSince mid-2024, the Government has commenced the pilot use of HKPilot."


def test_check_prompt_starts_like_the_answer_prompt_so_the_kv_cache_is_shared() -> None:
    system, user = messages(SYSTEM_PROMPT, BLOCK, "What is HKPilot?")
    answer_user = user_prompt(BLOCK, "What is HKPilot and how many officers use it?", False)
    shared = answer_user.split("Question:")[0] + "Question: "
    assert system == ("system", SYSTEM_PROMPT)
    assert user[1].startswith(shared)


def test_fitted_model_loads_and_rises_with_the_models_yes_and_the_lexical_score() -> None:
    model = fitted()
    assert len(model.weights) == len(ask_check.FEATURE_NAMES) and 0 < model.threshold < 1
    assert model.probability(ask_check.features(0.95, 0.5)) > model.probability(ask_check.features(0.05, 0.5))
    assert model.probability(ask_check.features(0.95, 0.5)) >= model.threshold > model.probability(
        ask_check.features(0.02, 0.2))


@pytest.mark.parametrize("probabilities, covered, missing", [
    ((0.9, 0.1), ("a",), ("b",)),
    ((0.1, 0.1), (), ("a", "b")),
    ((None, 0.1), ("a",), ("b",)),  # no verdict from the model: the ask is kept
    ((0.5, 0.49), ("a",), ("b",)),  # at the threshold counts as covered
])
def test_verdicts_split_asks_at_the_threshold(probabilities, covered, missing) -> None:
    verdicts = AskVerdicts(("a", "b"), probabilities, 0.5)
    assert verdicts.covered == covered and verdicts.missing == missing


def test_check_asks_asks_once_per_ask_with_its_subject() -> None:
    asked = []

    def probability(msgs):
        asked.append(msgs[-1][1])
        return 0.05 if "how many" in msgs[-1][1].split("Question:")[-1] else 0.9

    model = AskModel((1.0, 0.0), 0.0, 0.5)
    verdicts = check_asks(["What is HKPilot", "how many civil servants use it"],
                          ["What is HKPilot", "how many civil servants use it (What is HKPilot)"],
                          BLOCK, [0.5, 0.5], probability, SYSTEM_PROMPT, model)
    assert len(asked) == 2 and "how many civil servants use it (What is HKPilot)" in asked[1]
    assert verdicts.covered == ("What is HKPilot",) and verdicts.missing == ("how many civil servants use it",)


def _answerer(built_index, retriever, reply: str, ask_no: list[str]) -> tuple[Answerer, ScriptedLLM]:
    llm = ScriptedLLM(reply=reply, prompts=[], ask_no=ask_no, ask_prompts=[])
    return Answerer(built_index, retriever=retriever, llm=LLMHandle(llm, "scripted", "test")), llm


def test_question_no_passage_covers_is_refused_before_the_model_answers(built_index, retriever) -> None:
    answerer, llm = _answerer(built_index, retriever, "The maximum is $3 billion [1].", ask_no=["maximum"])
    result = answerer.answer("What is the maximum subsidy a single project can get under the AI Subsidy Scheme?")
    assert result.refused and result.outcome == "refused"
    assert result.reason == "no passage gives what was asked" and result.unanswered
    assert llm.ask_prompts and not llm.prompts  # asked whether the passages cover it; no answer generated
    assert "ask_check_ms" in result.timings


def test_compound_question_sends_only_the_covered_ask_and_names_the_other(built_index, retriever) -> None:
    answerer, llm = _answerer(
        built_index, retriever,
        "HKPilot is a generative AI document processing copilot application piloted by the Government [1].",
        ask_no=["how many civil servants"])
    result = answerer.answer("What is HKPilot and how many civil servants use it?")
    assert len(llm.ask_prompts) == 2
    assert "Question: What is HKPilot?\n" in llm.prompts[-1]  # the model is not asked for the count
    assert result.outcome == "partial" and not result.refused
    assert result.unanswered == ["how many civil servants use it?"]
    assert result.answer.endswith("The documents do not say: how many civil servants use it.")


def test_answer_without_the_ask_check_asks_the_whole_question(built_index, retriever) -> None:
    built = built_index.model_copy(update={"answer": built_index.answer.model_copy(update={"ask_check": False})})
    answerer, llm = _answerer(built, retriever, "The AISC provides about 1 300 petaFLOPS [1].", ask_no=[])
    answerer.answer("What computing power does the AI Supercomputing Centre provide?")
    assert not llm.ask_prompts
    assert "Question: What computing power does the AI Supercomputing Centre provide?" in llm.prompts[0]


def test_fallback_after_a_failed_answer_must_still_give_what_was_asked(built_index, retriever) -> None:
    """The ask check let a near miss through and the model invented the count: the passages' topical sentences
    about the chatbot are not taken as its answer."""
    answerer, llm = _answerer(built_index, retriever, "The 1823 chatbot handles 2 million enquiries a year [1].",
                              ask_no=[])
    llm.statement_no = ["2 million"]
    result = answerer.answer("How many enquiries does the 1823 AI chatbot handle per year?")
    assert llm.ask_prompts and result.refused
    assert "2 million" not in result.answer
