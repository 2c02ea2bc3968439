"""Answer quality on a dataset: fact recall, refusals, supported sentences, latency, prompt size.

    python -m eval.answer_report --dataset ../shared/eval/dev_qa.jsonl --llm extractive
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from eval.dataset import fact_present, load_questions
from rag.answer import Answer, Answerer
from rag.config import load_settings


def score(rows: list[tuple[object, Answer]]) -> dict[str, float]:
    answerable = [(q, a) for q, a in rows if q.answerable]  # type: ignore[attr-defined]
    unanswerable = [(q, a) for q, a in rows if not q.answerable]  # type: ignore[attr-defined]
    facts = [fact_present(f, a.answer) for q, a in answerable for f in q.must_include]  # type: ignore[attr-defined]
    sentences = [s["supported"] for _, a in rows for s in a.sentences]
    ttft = [a.timings.get("first_token_ms", 0.0) for _, a in rows if not a.refused]
    return {
        "fact_recall": sum(facts) / max(1, len(facts)),
        "correct_refusals": sum(a.refused for _, a in unanswerable) / max(1, len(unanswerable)),
        "false_refusals": sum(a.refused for _, a in answerable) / max(1, len(answerable)),
        "supported_share": sum(sentences) / max(1, len(sentences)),
        "median_first_token_ms": statistics.median(ttft) if ttft else 0.0,
        "median_prompt_tokens": statistics.median([a.prompt_tokens for _, a in rows]) if rows else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("../shared/eval/dev_qa.jsonl"))
    parser.add_argument("--llm", default=None)
    parser.add_argument("--out", type=Path, default=None, help="write every answer as JSON lines")
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.llm:
        settings.llm.backend = args.llm
    answerer = Answerer(settings)
    rows = []
    for question in load_questions(args.dataset):
        rows.append((question, answerer.answer(question.question, qid=question.id)))
    if args.out:
        with args.out.open("w", encoding="utf-8") as handle:
            for _, answer in rows:
                handle.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
    metrics = score(rows)
    print(f"| metric ({answerer.llm.model_id}) | value |\n|---|---|")
    for name, value in metrics.items():
        print(f"| {name} | {value:.2f} |" if value < 100 else f"| {name} | {value:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
