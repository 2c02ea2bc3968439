"""Report figures (PNG): metric bars with CI whiskers, per-type breakdown, latency histogram.

Figures are built with ``matplotlib.figure.Figure`` directly (no pyplot), which
renders with the Agg canvas and keeps no global state: safe in a server or a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from eval.aggregate import estimate
from eval.metrics import METRICS

COLOURS = {"ours": "#1f6feb", "vanilla": "#b0b0b0", "bm25": "#e3a008", "extractive": "#2da44e"}


def _colour(system: str, i: int) -> str:
    return COLOURS.get(system, f"C{i}")


def _bars(ax: Any, groups: Sequence[str], systems: Sequence[str], table: dict[str, dict[str, dict]]) -> None:
    """Grouped bars (one group per x label, one bar per system) with 95% CI whiskers."""
    width = 0.8 / max(1, len(systems))
    x = np.arange(len(groups))
    for i, system in enumerate(systems):
        values, low_err, high_err = [], [], []
        for group in groups:
            est = estimate(table.get(system, {}).get(group))
            value = est.value if est.value is not None else np.nan
            values.append(value)
            low_err.append(value - est.low if est.low is not None else 0)
            high_err.append(est.high - value if est.high is not None else 0)
        ax.bar(x + (i - (len(systems) - 1) / 2) * width, values, width, label=system, color=_colour(system, i),
               yerr=[np.maximum(low_err, 0), np.maximum(high_err, 0)], capsize=3, error_kw={"elinewidth": 1})
    ax.set_xticks(x, groups, rotation=20, ha="right")
    ax.set_ylim(0, 1.05)
    ax.grid(axis="y", alpha=0.3)


def metric_bars(summary: dict[str, Any], metrics: Sequence[str], path: Path, title: str) -> Path:
    systems = list(summary["systems"])
    table = {s: summary["systems"][s]["overall"] for s in systems}
    shown = [m for m in metrics if any(estimate(table[s].get(m)).value is not None for s in systems)]
    fig = Figure(figsize=(max(6, 1.1 * len(shown) + 2), 4.2), layout="constrained")
    ax = fig.subplots()
    _bars(ax, shown, systems, table)
    ax.set_xticks(range(len(shown)), [METRICS[m].label for m in shown], rotation=20, ha="right")
    ax.set_title(f"{title} (bars: value; whiskers: bootstrap 95% CI)")
    fig.legend(*ax.get_legend_handles_labels(), ncols=len(systems), loc="outside lower center", fontsize="small")
    fig.savefig(path, dpi=110)
    return path


def per_type(summary: dict[str, Any], metrics: Sequence[str], path: Path) -> Path:
    systems = list(summary["systems"])
    types = sorted({t for s in systems for t in summary["systems"][s]["by_type"]})
    fig = Figure(figsize=(max(7, 1.2 * len(types) + 2), 3.2 * len(metrics)), layout="constrained")
    axes = np.atleast_1d(fig.subplots(len(metrics), 1))
    for ax, metric in zip(axes, metrics):
        table = {s: {t: summary["systems"][s]["by_type"].get(t, {}).get(metric) for t in types} for s in systems}
        _bars(ax, types, systems, table)
        ax.set_ylabel(METRICS[metric].label)
    axes[0].set_title("By question type (whiskers: 95% CI; no bar = metric does not apply)")
    fig.legend(*axes[0].get_legend_handles_labels(), ncols=len(systems), loc="outside lower center",
               fontsize="small")
    fig.savefig(path, dpi=110)
    return path


def latency_histogram(rows: Sequence[dict[str, Any]], systems: Sequence[str], path: Path) -> Path:
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    values = {s: [r["metrics"]["latency_s"][0] for r in rows if r["system"] == s and "latency_s" in r["metrics"]]
              for s in systems}
    everything = [v for vs in values.values() for v in vs]
    top = max(everything, default=1.0) or 1.0
    bins = np.linspace(0, top * 1.02, 30)
    for i, system in enumerate(systems):
        if values[system]:
            ax.hist(values[system], bins=bins, histtype="step", linewidth=1.8, label=system, color=_colour(system, i))
    ax.set_xlabel("seconds per question (retrieval + generation + checking)")
    ax.set_ylabel("questions")
    ax.set_title("Latency")
    ax.legend(fontsize="small")
    fig.savefig(path, dpi=110)
    return path
