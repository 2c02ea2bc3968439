"""The release gate: fail when a metric of the evaluated system crosses its threshold.

Thresholds live in a TOML file (default ``eval/thresholds.toml``) so a team can
tighten them in review; the gate compares point estimates, and the report shows
the confidence interval next to each so a near-miss is visible.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.metrics import METRICS

DEFAULT_THRESHOLDS = Path(__file__).with_name("thresholds.toml")


class GateConfigError(ValueError):
    """The thresholds file is missing or malformed; the message says what to fix."""


@dataclass
class Thresholds:
    system: str = "ours"
    minimum: dict[str, float] = field(default_factory=dict)
    maximum: dict[str, float] = field(default_factory=dict)


@dataclass
class GateResult:
    passed: bool
    checks: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "checks": self.checks}


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> Thresholds:
    if not path.is_file():
        raise GateConfigError(f"{path}: no thresholds file. Copy eval/thresholds.toml and edit it.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise GateConfigError(f"{path}: not valid TOML ({exc})") from exc
    result = Thresholds(system=str(data.get("system", "ours")))
    for section, target in (("min", result.minimum), ("max", result.maximum)):
        for name, value in data.get(section, {}).items():
            if name not in METRICS:
                raise GateConfigError(f"{path}: [{section}] {name} is not a metric; use one of {', '.join(METRICS)}")
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise GateConfigError(f"{path}: [{section}] {name} must be a number, got {value!r}")
            target[name] = float(value)
    if not (result.minimum or result.maximum):
        raise GateConfigError(f"{path}: no thresholds; add a [min] or [max] table, e.g. [min] hit_at_5 = 0.9")
    return result


def check(qa_summary: dict[str, Any], thresholds: Thresholds) -> GateResult:
    """Compare the gated system's overall metrics with the thresholds; a missing metric fails."""
    system = qa_summary["systems"].get(thresholds.system)
    if system is None:
        return GateResult(False, [f"system {thresholds.system!r} was not evaluated; add it to --systems"])
    checks, passed = [], True
    bounds = [(m, v, ">=") for m, v in thresholds.minimum.items()] + [(m, v, "<=") for m, v in thresholds.maximum.items()]
    for metric, bound, op in bounds:
        est = system["overall"].get(metric, {})
        value = est.get("value")
        ok = value is not None and (value >= bound if op == ">=" else value <= bound)
        passed &= ok
        shown = "n/a" if value is None else f"{value:.3f} [{est.get('low', 0):.2f}, {est.get('high', 0):.2f}]"
        checks.append(f"{'ok  ' if ok else 'FAIL'} {thresholds.system} {METRICS[metric].label}: {shown} {op} {bound}")
    return GateResult(passed, checks)
