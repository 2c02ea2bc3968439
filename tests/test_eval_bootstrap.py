"""Bootstrap intervals: right point estimates, reproducible, honest width, and ~95% coverage."""

import numpy as np
import pytest

from eval.bootstrap import paired_diff_ci, ratio_ci


def test_ratio_of_sums_over_rows_where_the_metric_applies() -> None:
    est = ratio_ci([2, 1, 0, 5], [2, 2, 0, 0])  # the last two rows do not apply (den 0)
    assert est.value == pytest.approx(3 / 4) and est.n == 2
    assert est.low is not None and est.high is not None and est.low <= est.value <= est.high


def test_same_seed_same_interval_and_no_data_no_estimate() -> None:
    data = (np.arange(30) % 3 == 0).astype(float), np.ones(30)
    assert ratio_ci(*data, seed=7) == ratio_ci(*data, seed=7)
    assert ratio_ci([1, 1], [0, 0]).value is None


def test_fewer_questions_give_a_wider_interval() -> None:
    small = ratio_ci([1, 0] * 5, [1] * 10)
    large = ratio_ci([1, 0] * 100, [1] * 200)
    assert (small.high - small.low) > 2 * (large.high - large.low)


def test_interval_covers_the_true_rate_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(1)
    covered = 0
    for trial in range(200):
        sample = (rng.random(60) < 0.7).astype(float)
        est = ratio_ci(sample, np.ones(60), resamples=1000, seed=trial)
        covered += est.low <= 0.7 <= est.high
    assert 0.88 <= covered / 200 <= 0.99


def test_paired_difference_detects_a_consistent_gain_and_not_a_non_difference() -> None:
    rng = np.random.default_rng(2)
    base = (rng.random(40) < 0.5).astype(float)
    better = np.maximum(base, (rng.random(40) < 0.4).astype(float))  # never worse, often better
    ones = np.ones(40)
    gain = paired_diff_ci((better, ones), (base, ones))
    assert gain.value > 0 and gain.excludes_zero()
    same = paired_diff_ci((base, ones), (base, ones))
    assert same.value == 0 and not same.excludes_zero()
    with pytest.raises(ValueError, match="aligned"):
        paired_diff_ci((base, ones), (base[:-1], ones[:-1]))
