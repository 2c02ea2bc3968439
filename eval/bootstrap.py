"""Bootstrap confidence intervals for ratio-of-sums metrics, resampling questions.

Every metric in the harness is a per-question (numerator, denominator) pair, so a
sentence-level share (supported sentences / sentences) and a question-level rate
(hits / questions with gold) use the same code. Questions, not sentences, are
resampled: sentences of one answer are not independent. The seed is fixed so a
report is reproducible to the last digit; a resample whose denominator sums to
zero yields NaN and is ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20250101
LEVEL = 0.95


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its percentile-bootstrap interval (None when undefined)."""

    value: float | None
    low: float | None
    high: float | None
    n: int  # questions that contribute (denominator > 0)

    def to_dict(self) -> dict[str, float | int | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, float | int | None]) -> Estimate:
        return cls(data.get("value"), data.get("low"), data.get("high"), int(data.get("n") or 0))  # type: ignore[arg-type]

    def excludes_zero(self) -> bool:
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _resample_sums(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Column sums of ``values`` under each row of resample ``counts`` (B x n)."""
    return counts @ values


def _counts(n: int, resamples: int, seed: int) -> np.ndarray:
    """How often each of ``n`` questions is drawn in each resample (multinomial = with replacement)."""
    rng = np.random.default_rng(seed)
    return rng.multinomial(n, np.full(n, 1.0 / n), size=resamples).astype(float)


def _interval(stats: np.ndarray) -> tuple[float | None, float | None]:
    finite = stats[np.isfinite(stats)]
    if finite.size == 0:
        return None, None
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(finite, [tail, 100 - tail])
    return float(low), float(high)


def ratio_ci(
    num: Sequence[float], den: Sequence[float], resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> Estimate:
    """sum(num) / sum(den) over questions with den > 0, and its 95% interval."""
    n_arr, d_arr = np.asarray(num, float), np.asarray(den, float)
    keep = d_arr > 0
    n_arr, d_arr = n_arr[keep], d_arr[keep]
    if d_arr.size == 0:
        return Estimate(None, None, None, 0)
    value = float(n_arr.sum() / d_arr.sum())
    counts = _counts(d_arr.size, resamples, seed)
    low, high = _interval(_ratio(_resample_sums(n_arr, counts), _resample_sums(d_arr, counts)))
    return Estimate(value, low, high, int(d_arr.size))


def paired_diff_ci(
    a: tuple[Sequence[float], Sequence[float]],
    b: tuple[Sequence[float], Sequence[float]],
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Estimate:
    """ratio(a) - ratio(b) on the same questions, resampled jointly (rows must be aligned).

    Pairing removes the between-question variance the two systems share, so a real
    difference shows up with far fewer questions than two separate intervals need.
    """
    na, da = np.asarray(a[0], float), np.asarray(a[1], float)
    nb, db = np.asarray(b[0], float), np.asarray(b[1], float)
    if not (len(na) == len(da) == len(nb) == len(db)):
        raise ValueError("paired_diff_ci needs aligned rows: the same questions in the same order for both systems")
    keep = (da > 0) | (db > 0)
    na, da, nb, db = na[keep], da[keep], nb[keep], db[keep]
    if da.sum() == 0 or db.sum() == 0:
        return Estimate(None, None, None, int(keep.sum()))
    value = float(na.sum() / da.sum() - nb.sum() / db.sum())
    counts = _counts(int(keep.sum()), resamples, seed)
    stats = _ratio(_resample_sums(na, counts), _resample_sums(da, counts)) - _ratio(
        _resample_sums(nb, counts), _resample_sums(db, counts)
    )
    low, high = _interval(stats)
    return Estimate(value, low, high, int(keep.sum()))
