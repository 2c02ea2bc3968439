"""A calibrated probability that a claim is supported: the verifier's checks and the model's P(yes), combined.

Neither signal is enough alone (issue 17). The atom checks are precise on a figure, year or
name that is missing, and blind to a changed relation or a plan stated as done; their soft
checks (word overlap, embedding floor, polarity and certainty cues) flag faithful paraphrases
too. The local model's yes/no is the reverse. So each failed check is a feature, and so is the
model's log-odds of "yes" (rag/generation.yes_probability); a class-balanced logistic regression
fitted on the verifier set's *tune* split only (``make fit-verifier``, eval/fit_verifier.py) weighs
them. Its weights, the fit's data hash and cross-validated scores live in support_weights.json.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from rag.verifier import Inspection

WEIGHTS_FILE = Path(__file__).resolve().parent / "support_weights.json"

# Failed-check codes grouped into the features the fit weighs: a family of rare codes shares one weight
# (the tune split has 1-26 items per code; a weight per rare code would fit its few items).
FAMILIES: dict[str, tuple[str, ...]] = {
    "figure_absent": ("figure_absent",),
    "figure_misplaced": ("figure_elsewhere", "figure_misbound"),
    "date": ("year_absent", "year_elsewhere", "month"),
    "name_absent": ("name_absent",),
    "name_elsewhere": ("name_elsewhere",),
    "negation": ("negation",),
    "modality": ("modality_done", "modality_hedge"),
    "wording": ("addition", "meaning", "mostly_absent"),
}
# The model's log-odds are clipped here: the 1.5B model's first-token odds on the tune split span about
# -4..+4, and a clip bounds how far one confident token can outvote the checks.
LOGIT_CLIP = 4.0


# Not features: the claim's word coverage and embedding similarity. Fitted with them, coverage took a *negative*
# weight (-2.2): the labelled set's wrong claims are single edits of a passage sentence (high coverage) and its
# faithful ones re-worded, an artefact of how the set was written that would sink a model sentence close to its
# passage. Grouped 5-fold CV on tune, C=1: with both 0.858, without both 0.842 (within noise of each other).
FEATURE_NAMES = (*FAMILIES, "chinese", "model_log_odds")


def features(found: Inspection, p_yes: float | None = None) -> list[float]:
    """The fit's inputs: one 0/1 per check family, whether the claim is Chinese, and the model's log-odds."""
    failed = set(found.failed_checks)
    row = [1.0 if failed & set(codes) else 0.0 for codes in FAMILIES.values()]
    row.append(float(found.cjk))
    if p_yes is not None:
        row.append(log_odds(p_yes))
    return row


def log_odds(p_yes: float) -> float:
    p = min(max(p_yes, 1e-6), 1 - 1e-6)
    return max(-LOGIT_CLIP, min(LOGIT_CLIP, math.log(p / (1 - p))))


@dataclass(frozen=True)
class LogisticModel:
    """A fitted logistic regression: P = sigmoid(bias + weights · row); ``threshold`` on P decides."""

    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5
    refit: ClassVar[str] = "make fit-verifier"  # the command that refits this model's weights

    def probability(self, row: Sequence[float]) -> float:
        if len(row) != len(self.weights):
            raise ValueError(f"expected {len(self.weights)} features, got {len(row)}: refit with {self.refit}")
        z = self.bias + sum(w * x for w, x in zip(self.weights, row))
        return 1 / (1 + math.exp(-z))


@dataclass(frozen=True)
class SupportModel(LogisticModel):
    """The support model over ``features``; ``threshold`` on its probability decides supported."""

    def model_can_change(self, found: Inspection) -> bool:
        """Whether any model answer could change the verdict (else the model call is skipped)."""
        low = self.probability(features(found, 1 / (1 + math.exp(LOGIT_CLIP))))
        high = self.probability(features(found, 1 / (1 + math.exp(-LOGIT_CLIP))))
        return (low >= self.threshold) != (high >= self.threshold)


@lru_cache(maxsize=4)
def with_model(prompt: str = "evidence") -> SupportModel:
    """The fitted combination of the checks and the model's P(yes) under ``prompt`` ("evidence", "fresh" or
    "after_answer", rag/model_check), from support_weights.json."""
    if not WEIGHTS_FILE.is_file():
        raise FileNotFoundError(f"{WEIGHTS_FILE} is missing: run `make fit-verifier` to fit it on the tune split.")
    fitted = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["prompts"]
    if prompt not in fitted:
        raise KeyError(f"no weights for the {prompt!r} prompt in {WEIGHTS_FILE.name}: run `make fit-verifier`")
    data = fitted[prompt]
    return SupportModel(tuple(data["weights"]), data["bias"], data["threshold"])
