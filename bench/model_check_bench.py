"""What the model check (checks + the model's P(yes), rag/model_check.judge) adds to a local-model answer, beside the plain LLM judge, in one run.

For each question the same ``Answerer`` answers twice, with ``answer.model_check`` off and on
(the order alternates, so neither side always finds the other's prompt in llama.cpp's cache).
The check's model calls are timed inside the answer (quoted passage sentences, and sentences whose
verdict no model answer could change, cost none). The plain judge (eval/judge.py: one call a
sentence, its cited passages only, no shared prefix) then judges the same sentences. Prints a
table; never asserts a time.

    .venv/bin/python -m bench.model_check_bench --n 8     # Qwen2.5-Coder-1.5B, ~6 min on 2 cores
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.common import ROOT, log, machine, table
from core.config import load_settings
from eval.dataset import load_questions
from eval.judge import Judge
from index.retrieval import HybridRetriever
from rag import model_check
from rag.answer import Answerer
from rag.citations import strip_markers
from rag.llm import build_llm

QUESTIONS = ROOT / "eval" / "questions" / "own_heldout.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="answerable questions to time")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args()
    questions = [q for q in load_questions(args.questions) if q.kind == "answerable" and q.type == "factoid"][: args.n]
    settings = load_settings()
    handle = build_llm(settings, "local")
    retriever = HybridRetriever(settings)
    answerers = {flag: Answerer(settings.model_copy(update={"answer": settings.answer.model_copy(
        update={"model_check": flag})}), retriever=retriever, llm=handle) for flag in (False, True)}
    answerers[True].warm_up()
    check_s: list[float] = []  # the model's calls of one answer, summed
    calls: list[float] = []
    original = model_check.ModelCheck._ask  # every prompt's P(yes) call goes through it

    def timed(self: model_check.ModelCheck, messages: list[tuple[str, str]]) -> float | None:
        started = time.perf_counter()
        try:
            return original(self, messages)
        finally:
            calls.append(time.perf_counter() - started)

    model_check.ModelCheck._ask = timed  # type: ignore[method-assign]
    totals: dict[bool, list[float]] = {False: [], True: []}
    judged: list[tuple[str, list[str]]] = []
    asked: list[int] = []
    for i, question in enumerate(questions):
        for flag in ((False, True) if i % 2 == 0 else (True, False)):
            started, calls[:] = time.perf_counter(), []
            answer = answerers[flag].answer(question.question)
            totals[flag].append(time.perf_counter() - started)
            if flag:
                check_s.append(sum(calls))
                asked.append(len(calls))
                judged += [(s.text, [answer.contexts[n - 1].evidence for n in s.citations])
                           for s in answer.sentences if s.citations]
        log(f"{i + 1}/{len(questions)} {question.id}")
    model_check.ModelCheck._ask = original  # type: ignore[method-assign]
    judge = Judge(handle)
    judge_s = []
    for text, passages in judged:
        started = time.perf_counter()
        judge.verdict(strip_markers(text), passages)
        judge_s.append(time.perf_counter() - started)
    per_answer_judge = sum(judge_s) / max(1, len(questions))
    off, on = statistics.median(totals[False]), statistics.median(totals[True])
    print(machine())
    print(table(f"Model check on {len(questions)} held-out factoid questions (local model)",
                ["measure", "seconds"],
                [["median answer total, check off", f"{off:.1f}"], ["median answer total, check on", f"{on:.1f}"],
                 ["added to the median total", f"{on - off:+.1f}"],
                 ["the check, median per answer (one P(yes) call a model-written sentence)",
                  f"{statistics.median(check_s or [0]):.2f}"],
                 ["sentences asked about, median per answer", f"{statistics.median(asked or [0]):.0f}"],
                 ["plain LLM judge, one call a sentence, per answer", f"{per_answer_judge:.2f}"],
                 ["plain LLM judge, per sentence, median", f"{statistics.median(judge_s or [0]):.2f}"]]))


if __name__ == "__main__":
    main()
