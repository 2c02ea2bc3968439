"""The decision step's own cost: judging each ask with the calibrated score beside the rule it replaced, and the
never-mentioned-names check that runs before anything is composed.

For each held-out question of eval/questions (retrieved once, outside the timing), times
``decide`` on the extractive answer with the per-ask judge and with the older focus-word rule,
and prints a table of median milliseconds a question and the ratio to the rule. Never asserts a time.
Usage: .venv/bin/python -m bench.decision_bench [N]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from core.config import Settings
from index.retrieval import HybridRetriever
from rag.acceptance import decide
from rag.extractive import compose
from rag.index_state import name_vocabulary
from rag.answerability import TermStats
from rag.relevance import AskJudge, LexicalScorer
from rag.similarity import SimilarityCache

QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions" / "own_heldout.jsonl"


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    settings = Settings()
    retriever = HybridRetriever(settings)
    similarity = SimilarityCache(lambda texts: retriever.embedder.encode(texts))
    judge = AskJudge(LexicalScorer(TermStats(c.text for c in retriever.chunks.values()), similarity))
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    cases = []
    for row in rows:
        hits = retriever.retrieve(row["question"], top_k=settings.answer.top_k)
        text = compose(row["question"], hits, False, settings.answer.broad_extra_sentences, similarity)
        cases.append((row["question"], hits, text))
    timings: dict[str, list[float]] = {"focus-word rule (before)": [], "per-ask score (now)": [],
                                       "never-mentioned names (stop 32, before composing)": []}
    names = name_vocabulary(retriever)  # built once per index, outside the timing like the retrieval
    for question, hits, text in cases:  # warm every cache (verifier, vectors) for both, so order does not matter
        decide(text, hits, question, screen=False, judge=judge)
    for question, hits, text in cases:
        for name, use in (("focus-word rule (before)", None), ("per-ask score (now)", judge)):
            started = time.perf_counter()
            decide(text, hits, question, screen=False, judge=use)
            timings[name].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        names.unmentioned_in_every_ask(question, [h.text for h in hits])
        timings["never-mentioned names (stop 32, before composing)"].append((time.perf_counter() - started) * 1000)
    base = statistics.median(timings["focus-word rule (before)"]) or 1e-9
    print(f"Decision step (verification included, no LLM), {len(cases)} held-out questions\n")
    print("| decision | median ms a question | p90 ms | ratio to the rule |\n|---|---|---|---|")
    for name, values in timings.items():
        p90 = sorted(values)[int(0.9 * (len(values) - 1))]
        print(f"| {name} | {statistics.median(values):.1f} | {p90:.1f} | {statistics.median(values) / base:.2f} |")


if __name__ == "__main__":
    main()
