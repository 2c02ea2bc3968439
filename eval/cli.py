"""``policy-copilot eval``: score our system against baselines on a question set; ``eval compare``.

The sub-app's callback *is* the run (``invoke_without_command=True``), so the
command reads as the issue wrote it — ``policy-copilot eval --dataset F.jsonl`` —
while ``eval compare RUN_A RUN_B`` and ``eval report RUN`` (re-render a finished
run from its results.jsonl) are subcommands. Run options go before a subcommand's
name and are ignored by it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from rag.cli_common import CorpusOpt, IndexDirOpt, fail, settings_for

eval_app = typer.Typer(
    help="Evaluate answers (ours vs baselines) on a JSONL question set, or compare two runs.",
    invoke_without_command=True,
    no_args_is_help=True,
)

INPUT_ERROR = 2  # a bad dataset, thresholds file, option or model: the user must fix something
GATE_FAILED = 1


def _systems(value: str) -> list[str]:
    from eval.systems import SYSTEM_NAMES

    names = [s.strip() for s in value.split(",") if s.strip()]
    unknown = [s for s in names if s not in SYSTEM_NAMES]
    if not names or unknown:
        fail(f"--systems {value!r}: choose a comma-separated subset of {','.join(SYSTEM_NAMES)}.", INPUT_ERROR)
    return list(dict.fromkeys(names))


@eval_app.callback()
def run(
    ctx: typer.Context,
    dataset: Annotated[Path | None, typer.Option("--dataset", help="Questions, one JSON object a line (see ../shared/eval/README.md).")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="Generator for ours/vanilla/bm25: local | openai | extractive.")] = None,
    systems: Annotated[str, typer.Option("--systems", help="Comma-separated: ours,vanilla,bm25,extractive.")] = "ours,vanilla,bm25,extractive",
    out: Annotated[Path | None, typer.Option("--out", help="Output folder (default runs/<date-time>).")] = None,
    judge: Annotated[str | None, typer.Option("--judge", help="Also ask an LLM judge: local | openai.")] = None,
    drafting: Annotated[Path | None, typer.Option("--drafting", help="Leave-one-out drafting set (drafting.jsonl format).")] = None,
    top_k: Annotated[int | None, typer.Option("--top-k", min=1, max=20, help="Passages per answer (default from config).")] = None,
    gguf: Annotated[Path | None, typer.Option("--gguf", help="GGUF file for --llm local ('smollm2' for the tiny test model).")] = None,
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 if a metric crosses its threshold.")] = False,
    thresholds: Annotated[Path | None, typer.Option("--thresholds", help="Gate thresholds (default eval/thresholds.toml).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep finished answers in --out and do only the rest.")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed (fixed: reports are reproducible).")] = 20250101,
    resamples: Annotated[int, typer.Option("--resamples", min=100, help="Bootstrap resamples.")] = 2000,
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Run every system on the dataset; write report.md, report.html, plots, results.jsonl, summary.json."""
    if ctx.invoked_subcommand is not None:
        return
    from eval.dataset import DatasetError
    from eval.gate import DEFAULT_THRESHOLDS, GateConfigError, load_thresholds
    from eval.harness import EvalOptions, evaluate
    from index.store import IndexError_
    from rag.llm import BACKENDS, LLMUnavailable
    from rag.models import ModelFileError

    if dataset is None:
        fail("--dataset is required: policy-copilot eval --dataset questions.jsonl (see --help).", INPUT_ERROR)
        return
    for name, value in (("--llm", llm), ("--judge", judge)):
        if value is not None and value not in BACKENDS:
            fail(f"{name} {value!r}: use one of {', '.join(BACKENDS)}.", INPUT_ERROR)
    if judge == "extractive":
        fail("--judge needs an LLM: use --judge local or --judge openai.", INPUT_ERROR)
    settings = settings_for(index_dir, corpus)
    if llm is not None:
        settings.llm.backend = llm  # type: ignore[assignment]
    if gguf is not None:
        settings.llm.gguf_path = gguf
    out = out or Path("runs") / datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        limits = load_thresholds(thresholds or DEFAULT_THRESHOLDS) if (gate or thresholds) else None
        options = EvalOptions(dataset=dataset, out_dir=out, systems=_systems(systems), drafting=drafting,
                              judge=judge, top_k=top_k, thresholds=limits, resume=resume, seed=seed,
                              resamples=resamples)
        summary = evaluate(settings, options, progress=lambda message: typer.echo(message, err=True))
    except (DatasetError, GateConfigError, IndexError_, LLMUnavailable, ModelFileError) as exc:
        fail(str(exc), INPUT_ERROR)
        return
    _print_summary(summary, out)
    if summary.get("gate") and not summary["gate"]["passed"]:
        raise typer.Exit(GATE_FAILED)


def _print_summary(summary: dict, out: Path) -> None:  # type: ignore[type-arg]
    from eval.metrics import HEADLINE
    from eval.report import headline

    typer.echo("\n".join(headline(summary["qa"], HEADLINE)))
    if summary.get("gate"):
        typer.echo("Gate: " + ("PASS" if summary["gate"]["passed"] else "FAIL"))
        typer.echo("\n".join("  " + c for c in summary["gate"]["checks"]))
    typer.echo(f"Report: {out / 'report.html'} (and report.md, results.jsonl, summary.json)")


@eval_app.command()
def report(
    run_dir: Annotated[Path, typer.Argument(help="A run folder written by `policy-copilot eval --out`.")],
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 if a metric crosses its threshold.")] = False,
    thresholds: Annotated[Path | None, typer.Option("--thresholds", help="Gate thresholds (default eval/thresholds.toml).")] = None,
    rescore: Annotated[bool, typer.Option("--rescore", help="Check the stored answers again with the current checker.")] = False,
) -> None:
    """Re-aggregate and re-render a run's report from its results.jsonl, without loading any model."""
    from eval.dataset import DatasetError
    from eval.gate import DEFAULT_THRESHOLDS, GateConfigError, load_thresholds
    from eval.harness import rebuild_report

    try:
        limits = load_thresholds(thresholds or DEFAULT_THRESHOLDS) if (gate or thresholds) else None
        summary = rebuild_report(run_dir, limits, rescore)
    except (FileNotFoundError, GateConfigError, DatasetError) as exc:
        fail(str(exc), INPUT_ERROR)
        return
    _print_summary(summary, run_dir)
    if summary.get("gate") and not summary["gate"]["passed"]:
        raise typer.Exit(GATE_FAILED)


@eval_app.command("draft-labels")
def draft_labels(
    labels: Annotated[Path | None, typer.Option("--labels", help="Label file (default eval/drafting_labels/labels.jsonl).")] = None,
    judge: Annotated[str | None, typer.Option("--judge", help="Also score the LLM judge: local | openai.")] = None,
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Agreement of the drafting 'on an ask' judges with the hand-labelled draft sentences."""
    from eval.draft_labels import LABELS, agreement, load_labels, model_judge, relevance_judge
    from rag.cli_common import answerer_for

    try:
        rows = load_labels(labels or LABELS)
    except (OSError, ValueError) as exc:
        fail(str(exc), INPUT_ERROR)
        return
    answerer = answerer_for(index_dir, corpus, judge or "extractive")
    judges = {"relevance model (P >= 0.40)": relevance_judge(answerer.judge.scores)}
    if judge:
        judges[f"LLM judge ({judge})"] = model_judge(
            lambda message: answerer.generator.chat([("user", message)], max_tokens=3))
    for name, fn in judges.items():
        result = agreement(rows, fn)
        typer.echo(f"{name}: n={result['n']:.0f} agreement {result['agreement']:.2f}, balanced accuracy "
                   f"{result['balanced_accuracy']:.2f}; on an ask: labelled {result['labelled_on_ask']:.2f}, "
                   f"judged {result['judged_on_ask']:.2f}")


@eval_app.command()
def compare(
    run_a: Annotated[Path, typer.Argument(help="The earlier run folder.")],
    run_b: Annotated[Path, typer.Argument(help="The later run folder.")],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the comparison to this Markdown file.")] = None,
) -> None:
    """Show what changed from RUN_A to RUN_B: aggregates with paired CIs, then question by question."""
    from eval.compare import RunFolderError, compare_runs

    try:
        text = compare_runs(run_a, run_b)
    except RunFolderError as exc:
        fail(str(exc), INPUT_ERROR)
        return
    typer.echo(text)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
