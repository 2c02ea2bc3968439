"""What every benchmark shares: the machine line, percentiles, tables, memory, ports.

Benchmarks print Markdown tables (so a run can be pasted into the README as is)
and compare against a baseline measured in the same run, because on a shared
2-core machine absolute numbers drift with whatever else is running.
"""

from __future__ import annotations

import json
import math
import os
import platform
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEV_QA = ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"
RESULTS_DIR = ROOT / "runs" / "bench"


def machine() -> str:
    """One line naming the CPU, cores, RAM and load, printed above every table."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, {ram_gib:.0f} GiB RAM, no GPU; load average at start {load}"


def pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype="float64"), q)) if len(values) else float("nan")


def fmt(value: object) -> str:
    """Numbers to as many digits as their size deserves; strings unchanged."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):  # not measured
            return "–"
        digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table with a bold title line."""
    lines = [f"**{title}**", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def report(name: str, tables: Sequence[str], data: object) -> None:
    """Print the tables and keep them (and the raw numbers) under runs/bench/ for the README."""
    text = f"_{machine()}_\n\n" + "\n\n".join(tables) + "\n"
    print(text, flush=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{name}.md").write_text(text, encoding="utf-8")
    (RESULTS_DIR / f"{name}.json").write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


def rss_mb(pid: int | None = None, peak: bool = False) -> float:
    """Resident memory of a process from /proc (VmHWM = the peak so far)."""
    field = "VmHWM" if peak else "VmRSS"
    status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} missing from /proc/{pid}/status; memory can only be measured on Linux.")


def descendants(pid: int) -> list[int]:
    """Child processes, recursively (the native llama-server runs as a child of the app)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def tree_rss_mb(pid: int, peak: bool = False) -> float:
    """RSS of a process and its descendants; with ``peak``, the sum of each one's peak (an upper bound)."""
    total = 0.0
    for member in [pid, *descendants(pid)]:
        try:
            total += rss_mb(member, peak=peak)
        except (OSError, RuntimeError):  # a child that exited in between
            continue
    return total


def process_names(pids: list[int]) -> list[str]:
    names = []
    for pid in pids:
        try:
            names.append(Path(f"/proc/{pid}/comm").read_text().strip())
        except OSError:
            continue
    return names


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the tables."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """``with stopwatch() as t: ...`` then ``t[0]`` is the elapsed seconds."""
    box: list[float] = []
    started = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - started)
