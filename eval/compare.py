"""``eval compare RUN_A RUN_B``: what changed between two runs, in aggregate and question by question.

Aggregate changes are paired bootstrap differences on the questions both runs
share, so "fact recall went up 0.04" comes with whether that is more than noise.
Below them, every question whose outcome changed (refusal, facts found,
supported sentences, gold rank, errors) is listed, so a regression can be read,
not just counted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.aggregate import aligned_pairs
from eval.bootstrap import Estimate, paired_diff_ci
from eval.harness import SUMMARY_FILE
from eval.metrics import DRAFTING, HEADLINE, METRICS
from eval.report import _md_escape, _table, cell
from eval.runner import RESULTS_FILE, read_rows


class RunFolderError(ValueError):
    """A folder that is not a finished evaluation run."""


def load_run(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    summary, results = folder / SUMMARY_FILE, folder / RESULTS_FILE
    if not summary.is_file() or not results.is_file():
        raise RunFolderError(
            f"{folder} is not a finished evaluation run (needs {SUMMARY_FILE} and {RESULTS_FILE}). "
            "Pass folders written by `policy-copilot eval --out DIR`."
        )
    return json.loads(summary.read_text(encoding="utf-8")), read_rows(results)


def _outcome(row: dict[str, Any]) -> dict[str, str]:
    """The parts of a result a reviewer cares about, as short strings."""
    if row.get("error"):
        return {"status": "error"}
    out = {"status": "refused" if row["refused"] else "answered"}
    if row["facts"]:
        out["facts"] = f"{sum(row['facts'].values())}/{len(row['facts'])}"
    if row["sentences"]:
        out["unsupported sentences"] = str(sum(not s["supported"] for s in row["sentences"]))
    if row["metrics"].get("hit_at_1", (0, 0))[1]:
        out["gold rank"] = str(row["gold_rank"] or "missed")
    return out


def _text(row: dict[str, Any]) -> str:
    answer = row.get("answer") or {}
    return str(answer.get("answer") or answer.get("markdown") or "")


def question_changes(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]], system: str, kind: str) -> list[str]:
    a = {r["id"]: r for r in rows_a if r["system"] == system and r["kind"] == kind}
    b = {r["id"]: r for r in rows_b if r["system"] == system and r["kind"] == kind}
    table, text_only = [], 0
    for qid in [i for i in a if i in b]:
        before, after = _outcome(a[qid]), _outcome(b[qid])
        keys = [k for k in before if k in after]  # a refused answer has no sentences: its status says so
        changed = [f"{k}: {before[k]} → {after[k]}" for k in keys if before[k] != after[k]]
        if changed:
            table.append([qid, a[qid]["type"], "; ".join(changed), _md_escape(_text(a[qid]), 120),
                          _md_escape(_text(b[qid]), 120)])
        elif _text(a[qid]) != _text(b[qid]):
            text_only += 1
    lines = [f"**{system}** ({kind}): {len(table)} question(s) changed outcome, {text_only} changed wording only.", ""]
    if table:
        lines += _table(["id", "type", "change", "before", "after"], table)
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    if only_a or only_b:
        lines += [f"Only in A: {', '.join(only_a) or '—'} · only in B: {', '.join(only_b) or '—'}", ""]
    return lines


def aggregate_changes(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]], system: str, kind: str,
                      seed: int, resamples: int) -> list[str]:
    a = [r for r in rows_a if r["system"] == system and r["kind"] == kind]
    b = [r for r in rows_b if r["system"] == system and r["kind"] == kind]
    common = [r["id"] for r in a if r["id"] in {x["id"] for x in b}]
    names = [m for m in (HEADLINE if kind == "qa" else DRAFTING) if any(m in r["metrics"] for r in a + b)]
    table = []
    for metric in names:
        pa, pb = aligned_pairs(a, metric, common), aligned_pairs(b, metric, common)
        diff = paired_diff_ci(pb, pa, resamples, seed)
        if diff.value is None:
            continue
        before = Estimate(sum(pa[0]) / sum(pa[1]) if sum(pa[1]) else None, None, None, 0)
        after = Estimate(sum(pb[0]) / sum(pb[1]) if sum(pb[1]) else None, None, None, 0)
        real = diff.excludes_zero() and abs(diff.value) >= METRICS[metric].negligible
        mark = " **changed**" if real else ""
        table.append([METRICS[metric].label, cell(before, metric), cell(after, metric), cell(diff, metric, True) + mark])
    return [f"**{system}** ({kind}, {len(common)} shared questions)", ""] + _table(
        ["metric", "A", "B", "B − A (95% CI)"], table)


def compare_runs(folder_a: Path, folder_b: Path) -> str:
    """A Markdown account of what changed from run A to run B."""
    summary_a, rows_a = load_run(folder_a)
    summary_b, rows_b = load_run(folder_b)
    run_a, run_b = summary_a["run"], summary_b["run"]
    lines = [f"# Compare A = `{folder_a}` → B = `{folder_b}`", ""]
    for key in ("dataset", "dataset_sha256", "llm", "judge", "git", "top_k"):
        same = run_a.get(key) == run_b.get(key)
        lines.append(f"- {key}: {run_a.get(key)}" + ("" if same else f" → **{run_b.get(key)}**"))
    lines.append("")
    seed, resamples = int(run_b.get("seed", 0)), int(run_b.get("resamples", 2000))
    for kind in ("qa", "drafting"):
        systems = [s for s in (summary_a.get(kind) or {}).get("systems", {}) if s in
                   (summary_b.get(kind) or {}).get("systems", {})]
        if not systems:
            continue
        lines += [f"## {'Answers' if kind == 'qa' else 'Drafting'}: aggregates", ""]
        for system in systems:
            lines += aggregate_changes(rows_a, rows_b, system, kind, seed, resamples)
        lines += [f"## {'Answers' if kind == 'qa' else 'Drafting'}: question by question", ""]
        for system in systems:
            lines += question_changes(rows_a, rows_b, system, kind)
    return "\n".join(lines)
