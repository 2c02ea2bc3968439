"""One evaluation run end to end: load systems → answer → score → aggregate → report (+ gate).

Everything a later reader needs to trust or reproduce the numbers is written next
to them: ``results.jsonl`` (every answer and check), ``summary.json`` (every
aggregate with its interval, the dataset hash, code version, model ids, seed).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from eval.aggregate import summarise_kind
from eval.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED
from eval.dataset import load_drafting, load_questions
from eval.gate import Thresholds, check
from eval.fit_verifier import cached_check
from eval.judge import Judge
from eval.report import write_report
from eval.verifier_eval import report_section as verifier_section
from eval.runner import RESULTS_FILE, Progress, Runner, read_rows
from eval.scoring import rescore_qa
from eval.systems import build_systems, close_systems
from core.config import PROJECT_ROOT, Settings
from rag.generation import generator_for
from rag.llm import build_llm

SUMMARY_FILE = "summary.json"


@dataclass
class EvalOptions:
    dataset: Path
    out_dir: Path
    systems: Sequence[str] = ("ours", "vanilla", "bm25", "extractive")
    drafting: Path | None = None
    judge: str | None = None  # an LLM backend name, or None
    top_k: int | None = None
    thresholds: Thresholds | None = None
    resume: bool = False
    seed: int = DEFAULT_SEED
    resamples: int = DEFAULT_RESAMPLES
    notes: list[str] = field(default_factory=list)


def _git_version() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                              text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                               timeout=5, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("+uncommitted" if dirty else "")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evaluate(settings: Settings, options: EvalOptions, progress: Progress | None = None) -> dict[str, Any]:
    """Run, score, aggregate and report; returns the summary (also written to summary.json)."""
    questions = load_questions(options.dataset)
    records = load_drafting(options.drafting) if options.drafting else []
    llm = build_llm(settings)
    judge = None
    if options.judge:
        judge_llm = llm if options.judge == settings.llm.backend else build_llm(settings, options.judge)
        judge = Judge(judge_llm, settings.paths.cache_dir / "judge" / "verdicts.jsonl")
    notes = list(options.notes)
    if not generator_for(llm).available and {"ours", "extractive"} <= set(options.systems):
        notes.append("With --llm extractive, `ours` and `extractive` are the same system; vanilla and bm25 use the "
                     "extractive composer over their own passages.")
    started = datetime.now().isoformat(timespec="seconds")
    previous = options.out_dir / SUMMARY_FILE
    if options.resume and previous.is_file():  # a resumed run keeps the date its first answers were made
        started = json.loads(previous.read_text(encoding="utf-8"))["run"].get("started", started)
    systems = build_systems(settings, options.systems, llm, options.top_k)
    runner = Runner(options.out_dir, judge, options.resume, progress)
    try:
        for system in systems:
            runner.run_qa(system, questions)
            if records:
                runner.run_drafting(system, records)
    finally:
        close_systems(systems)
    run_info = {
        "started": started, "finished": datetime.now().isoformat(timespec="seconds"),
        "dataset": str(options.dataset), "dataset_sha256": _sha256(options.dataset),
        "drafting_dataset": str(options.drafting) if options.drafting else None,
        "llm": llm.model_id, "judge": judge.model_id if judge else None, "git": _git_version(),
        "systems": {s.name: s.description for s in systems}, "seed": options.seed,
        "resamples": options.resamples, "top_k": options.top_k or settings.retrieval.top_k,
        "judge_calls": judge.calls if judge else 0, "notes": notes,
        "verifier": verifier_section(judge.verdict if judge else None,
                                     cached_check(judge.generator, judge.model_id, settings.paths.cache_dir)
                                     if judge else None),
    }
    return finish(options.out_dir, run_info, runner.rows, options.thresholds)


def finish(out_dir: Path, run_info: dict[str, Any], rows: list[dict[str, Any]],
           thresholds: Thresholds | None) -> dict[str, Any]:
    """Aggregate rows, apply the gate, write summary.json and the report; returns the summary."""
    names = list(run_info["systems"])
    seed, resamples = int(run_info["seed"]), int(run_info["resamples"])
    has_drafting = any(r["kind"] == "drafting" for r in rows)
    summary: dict[str, Any] = {
        "run": run_info,
        "qa": summarise_kind(rows, names, "qa", resamples, seed),
        "drafting": summarise_kind(rows, names, "drafting", resamples, seed) if has_drafting else None,
    }
    if thresholds is not None:
        summary["gate"] = check(summary["qa"], thresholds).to_dict()
    (out_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    write_report(out_dir, summary, rows)
    return summary


def rebuild_report(out_dir: Path, thresholds: Thresholds | None = None, rescore: bool = False) -> dict[str, Any]:
    """Re-aggregate and re-render a finished run from its results.jsonl (no model is loaded).

    With ``rescore``, every stored answer is checked again by the current checker against
    the run's dataset first, so a checker change is measured without regenerating answers.
    """
    summary_path, results = out_dir / SUMMARY_FILE, out_dir / RESULTS_FILE
    if not summary_path.is_file() or not results.is_file():
        raise FileNotFoundError(f"{out_dir} has no {SUMMARY_FILE} and {RESULTS_FILE}; run `policy-copilot eval` first.")
    run_info = json.loads(summary_path.read_text(encoding="utf-8"))["run"]
    rows = read_rows(results)
    if rescore:
        questions = {q.id: q for q in load_questions(Path(run_info["dataset"]))}
        rows = [rescore_qa(r, questions[r["id"]]) if r["kind"] == "qa" and r["id"] in questions else r for r in rows]
        with results.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        run_info = {**run_info, "rescored": datetime.now().isoformat(timespec="seconds"), "git_rescore": _git_version()}
    return finish(out_dir, run_info, rows, thresholds)
