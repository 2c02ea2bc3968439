"""Summarise every indexed document and print how well each summary is cited and supported.

    python -m eval.summary_report [--llm local|openai|extractive] [--length brief|page]

The copilot-tasks target: every summary sentence cites a paragraph and ≥ 0.9 of them
are supported by the paragraphs they cite.
"""

from __future__ import annotations

import argparse
import time

from rag.answer import Answerer
from core.config import load_settings
from rag.summarise import summarise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--llm", default=None, help="local | openai | extractive (default from config)")
    parser.add_argument("--length", default="brief", choices=["brief", "page"])
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.llm:
        settings.llm.backend = args.llm
    answerer = Answerer(settings)
    docs = sorted({chunk.doc for chunk in answerer.retriever.chunks.values()})
    print(f"| document ({answerer.llm.model_id}, {args.length}) | sentences | cited | supported | left out | seconds |")
    print("|---|---|---|---|---|---|")
    totals = [0, 0, 0]
    for doc in docs:
        started = time.perf_counter()
        summary = summarise(answerer, doc=doc, length=args.length)
        n = len(summary.sentences)
        cited = sum(1 for s in summary.sentences if s["citations"])
        supported = sum(1 for s in summary.sentences if s["supported"])
        totals = [totals[0] + n, totals[1] + cited, totals[2] + supported]
        print(f"| {doc} | {n} | {cited / max(n, 1):.2f} | {supported / max(n, 1):.2f} | {len(summary.left_out)} | {time.perf_counter() - started:.1f} |")
    n = max(totals[0], 1)
    print(f"| **all** | {totals[0]} | {totals[1] / n:.2f} | {totals[2] / n:.2f} | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
