"""Before the model answers: do the passages it will read state what each ask asks for? A calibrated P.

A near miss names an entity the papers hold and an attribute they do not ("the maximum subsidy a
single project can get" under the $3 billion scheme): its words are all in the passages but one,
so word coverage and cosine (rag/relevance.LexicalScorer) cannot tell it from an answer (tune,
grouped CV: near misses refused 0.20). The local model can, when asked the narrow question
"do the passages state the specific information this question asks for?" and read by its P(yes)
(rag/generation.yes_probability), not by the words of a reply.

The message is the answer's own system prompt and passages block followed by one ask, so
llama.cpp reuses the system prompt's KV cache, and the answer that follows reuses the passages'.
An ask judged not covered is left out of what the model is asked to answer and named in the
answer's "not covered" note; when no ask is covered the question is refused before any token
is generated. ``AskModel`` weighs the model's log-odds with the best lexical score of the shown
sentences; its weights are fitted on the tune split of eval/questions only (``make fit-ask-check``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from rag.asks import split_asks, with_subject
from rag.context import ShownPassage, render
from rag.support import LogisticModel, log_odds

WEIGHTS_FILE = Path(__file__).resolve().parent / "ask_weights.json"
ASK_PROMPT = (
    "Passages:\n\n{passages}\n\nQuestion: {ask}\n"
    "Do the passages state the specific information this question asks for (not only its topic)? "
    "Reply with one word: yes or no."
)
FEATURE_NAMES = ("model_log_odds", "lexical")

Probability = Callable[[Sequence[tuple[str, str]]], "float | None"]  # Generator.yes_probability


def messages(system: str, passages_block: str, ask: str) -> list[tuple[str, str]]:
    """The ask-check conversation: the answer's system prompt, then the passages block and the ask."""
    return [("system", system), ("user", ASK_PROMPT.format(passages=passages_block, ask=ask))]


def features(p_yes: float, lexical: float) -> list[float]:
    """The fit's inputs: the model's clipped log-odds of yes, and the best lexical score of a shown sentence."""
    return [log_odds(p_yes), lexical]


@dataclass(frozen=True)
class AskModel(LogisticModel):
    """P(the passages give what the ask asks) over ``features``; ``threshold`` decides."""

    refit: ClassVar[str] = "make fit-ask-check"


@lru_cache(maxsize=1)
def fitted() -> AskModel:
    """The model fitted on the tune questions, from ask_weights.json."""
    if not WEIGHTS_FILE.is_file():
        raise FileNotFoundError(f"{WEIGHTS_FILE} is missing: run `make fit-ask-check` to fit it on the tune split.")
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return AskModel(tuple(data["weights"]), data["bias"], data["threshold"])


@dataclass(frozen=True)
class AskVerdicts:
    """Each ask with its probability of being covered by the shown passages; ``covered`` in ask order."""

    asks: tuple[str, ...]
    probabilities: tuple[float | None, ...]  # None: the model gave no verdict (the ask is kept)
    threshold: float

    @property
    def covered(self) -> tuple[str, ...]:
        return tuple(a for a, p in zip(self.asks, self.probabilities) if p is None or p >= self.threshold)

    @property
    def asked(self) -> str:
        """The covered asks as the question put to the model, each ending with its question mark."""
        return " ".join(a if a.endswith(("?", "？")) else f"{a}?" for a in self.covered)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(a for a, p in zip(self.asks, self.probabilities) if p is not None and p < self.threshold)


def check_asks(asks: Sequence[str], judged: Sequence[str], passages_block: str, lexical: Sequence[float],
               probability: Probability, system: str, model: AskModel | None = None) -> AskVerdicts:
    """One P(yes) call per ask (``judged``: the ask as the model reads it, with its subject where it refers back)."""
    model = model or fitted()
    out: list[float | None] = []
    for ask, best in zip(judged, lexical):
        p_yes = probability(messages(system, passages_block, ask))
        out.append(None if p_yes is None else model.probability(features(p_yes, best)))
    return AskVerdicts(tuple(asks), tuple(out), model.threshold)


def check_shown(question: str, shown: Sequence[ShownPassage], scores: Callable[[str, Sequence[str]], list[float]],
                probability: Probability, system: str, model: AskModel | None = None) -> AskVerdicts:
    """``check_asks`` for each ask of ``question`` against the passages as the answer's prompt shows them; ``scores``
    is the answerability score (rag/relevance.AskJudge.scores) of each shown sentence for an ask."""
    asks = split_asks(question)
    judged = [with_subject(a, asks[0]) for a in asks]
    sentences = [s for p in shown for s in p.sentences]
    lexical = [max(scores(a, sentences), default=0.0) for a in judged]
    return check_asks(asks, judged, render(shown), lexical, probability, system, model)
