"""A follow-up question made standalone for retrieval: the LLM rewrites it against the last turns, else a heuristic."""

from __future__ import annotations

from collections.abc import Sequence

from core.policy import POLICY
from rag.acceptance import looks_like_refusal
from rag.citations import strip_markers
from rag.generation import Generator
from rag.prompts import CONDENSE_PROMPT
from rag.questions import Turn, condense_heuristic


def condense(generator: Generator, question: str, history: Sequence[Turn]) -> str:
    """The standalone question; the heuristic's when there is no model or the model's rewrite is unusable."""
    if not history:
        return question
    fallback = condense_heuristic(question, history)
    if not generator.available or fallback == question:
        return fallback
    transcript = "\n".join(f"User: {t.question}\nAssistant: {strip_markers(t.answer)[:POLICY.condense_answer_chars]}"
                           for t in history[-POLICY.condense_turns:])
    rewritten = generator.rewrite(CONDENSE_PROMPT.format(history=transcript, question=question), POLICY.condense_max_tokens)
    if not rewritten or len(rewritten) > POLICY.condense_max_chars or looks_like_refusal(rewritten):
        return fallback
    return rewritten
