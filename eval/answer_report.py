"""Answer quality of our system alone on a dataset (``make answer-report``): a thin front to the harness.

    python -m eval.answer_report --dataset ../shared/eval/dev_qa.jsonl --llm extractive [--out DIR]

For baselines, CIs per type, plots and the gate use ``policy-copilot eval``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from eval.harness import EvalOptions, evaluate
from eval.metrics import HEADLINE
from eval.report import headline
from core.config import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("../shared/eval/dev_qa.jsonl"))
    parser.add_argument("--llm", default=None)
    parser.add_argument("--out", type=Path, default=None, help="keep the run folder (results.jsonl, report) here")
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.llm:
        settings.llm.backend = args.llm
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        summary = evaluate(settings, EvalOptions(dataset=args.dataset, out_dir=out, systems=["ours"]))
        print("\n".join(headline(summary["qa"], HEADLINE)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
