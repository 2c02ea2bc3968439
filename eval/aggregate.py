"""Aggregate result rows into the numbers a report shows, each with a bootstrap 95% interval.

Per system: every metric overall and per question type; the judge's Cohen's kappa;
latency percentiles; error counts. Between systems: the paired difference
``ours - baseline`` on the same questions, so "better" is a claim with an interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from eval.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, Estimate, paired_diff_ci, ratio_ci
from eval.judge import kappa
from eval.scoring import metric_names

REFERENCE = "ours"


def aligned_pairs(rows: Sequence[dict[str, Any]], metric: str, ids: Sequence[str]) -> tuple[list[float], list[float]]:
    """(numerators, denominators) aligned to ``ids``; a missing row or metric counts as (0, 0)."""
    by_id = {r["id"]: r for r in rows}
    num, den = [], []
    for rid in ids:
        pair = by_id.get(rid, {}).get("metrics", {}).get(metric, (0.0, 0.0))
        den.append(float(pair[1]))
        num.append(float(pair[0]) if pair[1] else 0.0)  # a metric that does not apply counts nothing
    return num, den


def _estimates(rows: Sequence[dict[str, Any]], metrics: Sequence[str], resamples: int, seed: int) -> dict[str, dict]:
    ids = [r["id"] for r in rows]
    return {m: ratio_ci(*aligned_pairs(rows, m, ids), resamples=resamples, seed=seed).to_dict() for m in metrics}


def _judge_agreement(rows: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Checker-vs-judge confusion counts on cited sentences, and Cohen's kappa."""
    cited = [s for r in rows for s in r["sentences"] if s.get("citations")]
    if not any("judge" in s and s["judge"] is not None for s in cited):
        return None
    pairs = [(s["supported"], s["judge"]) for s in cited if s.get("judge") is not None]
    checker, judge = zip(*pairs)
    return {
        "both_supported": sum(c and j for c, j in pairs), "checker_only": sum(c and not j for c, j in pairs),
        "judge_only": sum(j and not c for c, j in pairs), "neither": sum(not c and not j for c, j in pairs),
        "unparsed": sum(s.get("judge") is None for s in cited), "kappa": kappa(checker, judge),
    }


def _latency(rows: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    values = [r["metrics"]["latency_s"][0] for r in rows if "latency_s" in r["metrics"]]
    if not values:
        return {"p50": None, "p95": None, "max": None}
    p50, p95 = np.percentile(values, [50, 95])
    return {"p50": float(p50), "p95": float(p95), "max": float(max(values))}


def summarise_kind(rows: Sequence[dict[str, Any]], systems: Sequence[str], kind: str,
                   resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Aggregates for one kind of row ("qa" or "drafting")."""
    rows = [r for r in rows if r["kind"] == kind]
    metrics = metric_names(rows)
    ids = list(dict.fromkeys(r["id"] for r in rows))
    out: dict[str, Any] = {"systems": {}, "diffs": {}, "metrics": metrics, "n": len(ids)}
    for name in systems:
        mine = [r for r in rows if r["system"] == name]
        if not mine:
            continue
        types = sorted({r["type"] for r in mine})
        out["systems"][name] = {
            "overall": _estimates(mine, metrics, resamples, seed),
            "by_type": {t: _estimates([r for r in mine if r["type"] == t], metrics, resamples, seed) for t in types}
            if kind == "qa" else {},
            "n": len(mine),
            "errors": sum(1 for r in mine if r.get("error")),
            "judge": _judge_agreement(mine),
            "latency": _latency(mine),
        }
    reference = [r for r in rows if r["system"] == REFERENCE]
    if reference:
        for name in systems:
            other = [r for r in rows if r["system"] == name]
            if name == REFERENCE or not other:
                continue
            out["diffs"][name] = {
                m: paired_diff_ci(aligned_pairs(reference, m, ids), aligned_pairs(other, m, ids), resamples, seed).to_dict()
                for m in metrics
            }
    return out


def estimate(data: dict[str, Any] | None) -> Estimate:
    return Estimate.from_dict(data or {})
