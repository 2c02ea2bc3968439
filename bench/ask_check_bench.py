"""What the pre-answer ask check (rag/ask_check) costs, or saves, a local-model answer: off and on in one run.

For each held-out question (answerable and not, in file order) the same index answers twice, with
``answer.ask_check`` off and on, in alternating order. Before every answer the model is warmed on the
system prompt alone, so llama.cpp's cache holds only that prefix and both sides prefill the passages
themselves: without this the second side found the first side's passages cached, which made the
first token look 3.5 s (off) against 9.0 s (on) in stop 29's run. The check shares the answer's
prefix (system prompt and passages), so its own time is mostly prefill the answer then skips; a
question it refuses is not generated at all. Prints medians of time to the first token and of the
whole answer; never asserts a time.

    .venv/bin/python -m bench.ask_check_bench --n 8     # Qwen2.5-Coder-1.5B, ~8 min on 2 cores
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.common import ROOT, log, machine, table
from core.config import load_settings
from eval.dataset import load_questions
from index.retrieval import HybridRetriever
from rag.answer import Answerer
from rag.llm import build_llm

QUESTIONS = ROOT / "eval" / "questions" / "own_heldout.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="held-out questions to time (first N of the file)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args()
    questions = load_questions(args.questions)[: args.n]
    settings = load_settings()
    handle = build_llm(settings, "local")
    retriever = HybridRetriever(settings)
    answerers = {flag: Answerer(settings.model_copy(update={"answer": settings.answer.model_copy(
        update={"ask_check": flag})}), retriever=retriever, llm=handle) for flag in (False, True)}
    answerers[True].warm_up()
    first: dict[bool, list[float]] = {False: [], True: []}
    total: dict[bool, list[float]] = {False: [], True: []}
    check_ms: list[float] = []
    refused_early = 0
    for i, question in enumerate(questions):
        for flag in ((False, True) if i % 2 == 0 else (True, False)):
            answerers[flag].warm_up()  # the cache holds the system prompt only: each side prefills its passages
            started = time.perf_counter()
            answer = answerers[flag].answer(question.question)
            total[flag].append(time.perf_counter() - started)
            first[flag].append(answer.timings["first_token_ms"] / 1000)
            if flag:
                check_ms.append(answer.timings.get("ask_check_ms", 0.0))
                refused_early += answer.refused and answer.model_text == ""
        log(f"{i + 1}/{len(questions)} {question.id} ({question.kind})")

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.1f}" if values else "-"

    print(machine())
    print(table(f"Ask check on {len(questions)} held-out questions (local model, first N of {args.questions.name})",
                ["measure", "check off", "check on"],
                [["median time to first token, s", median(first[False]), median(first[True])],
                 ["median answer total, s", median(total[False]), median(total[True])],
                 ["the ask check itself, median s", "-", median([m / 1000 for m in check_ms])],
                 ["refused before generating", "-", f"{refused_early} of {len(questions)}"]]))


if __name__ == "__main__":
    main()
