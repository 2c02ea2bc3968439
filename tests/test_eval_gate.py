"""The release gate: the extractive system on the dev set must meet eval/thresholds.toml.

This is the fast evaluation `make test` runs. It uses the real index and embedders;
the extractive backend makes it deterministic and quick. It is skipped only when the
shared dev set is not checked out next to the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED_EVAL, make_settings

from eval.gate import Thresholds, check, load_thresholds
from eval.harness import EvalOptions, evaluate
from core.config import Settings

DEV_SET = SHARED_EVAL / "dev_qa.jsonl"


@pytest.mark.skipif(not DEV_SET.is_file(), reason=f"dev set {DEV_SET} is not checked out")
def test_release_gate_extractive_on_dev_set(built_index: Settings, tmp_path: Path) -> None:
    settings = make_settings(built_index.paths.corpus_dir, built_index.paths.index_dir, llm__backend="extractive")
    thresholds = load_thresholds()
    summary = evaluate(settings, EvalOptions(dataset=DEV_SET, out_dir=tmp_path, systems=["ours"],
                                             thresholds=thresholds, resamples=500))
    gate = summary["gate"]
    assert gate["passed"], "release gate failed (see report.md in the test's tmp dir):\n" + "\n".join(gate["checks"])
    assert len(gate["checks"]) == len(thresholds.minimum) + len(thresholds.maximum)


def _summary(**values: float | None) -> dict:
    return {"systems": {"ours": {"overall": {k: {"value": v, "low": v, "high": v, "n": 10} for k, v in values.items()}}}}


def test_gate_fails_on_a_metric_below_its_minimum_or_above_its_maximum() -> None:
    limits = Thresholds(minimum={"hit_at_5": 0.9, "supported": 0.95}, maximum={"false_refusal": 0.2})
    assert check(_summary(hit_at_5=0.95, supported=1.0, false_refusal=0.1), limits).passed
    result = check(_summary(hit_at_5=0.85, supported=1.0, false_refusal=0.3), limits)
    assert not result.passed
    assert [line.split()[0] for line in result.checks] == ["FAIL", "ok", "FAIL"]


def test_gate_fails_when_the_metric_or_system_is_missing() -> None:
    assert not check(_summary(hit_at_5=None), Thresholds(minimum={"hit_at_5": 0.5})).passed
    assert not check(_summary(hit_at_5=1.0), Thresholds(system="vanilla", minimum={"hit_at_5": 0.5})).passed


def test_shipped_thresholds_cover_the_three_gated_metrics() -> None:
    limits = load_thresholds()
    assert {"hit_at_5", "refusal_accuracy", "supported"} <= set(limits.minimum)
