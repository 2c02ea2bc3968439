"""Retrieval quality gate on the development question set (hit@5 against gold quotes)."""

from __future__ import annotations

import pytest
from conftest import SHARED_EVAL

from eval.dataset import load_questions
from eval.retrieval_report import evaluate
from index.retrieval import HybridRetriever

DEV = SHARED_EVAL / "dev_qa.jsonl"


@pytest.mark.skipif(not DEV.is_file(), reason="development set not present beside the repo")
def test_hit_at_5_meets_targets(retriever: HybridRetriever) -> None:
    rows, _ = evaluate(retriever, load_questions(DEV), k=5)
    def hit_rate(rows_: list[dict[str, object]]) -> float:
        return sum(1 for r in rows_ if r["rank"] is not None and r["rank"] <= 5) / len(rows_)  # type: ignore[operator]

    english = [r for r in rows if r["type"] != "chinese"]
    chinese = [r for r in rows if r["type"] == "chinese"]
    assert all(r["spans"] for r in rows), "every gold quote must be located in the cleaned text"
    assert hit_rate(english) >= 0.95
    assert hit_rate(chinese) >= 0.85
