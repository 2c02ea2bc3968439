"""How well the "on an ask" judges agree with hand labels of drafted sentences (eval/drafting_labels).

``eval --drafting`` reports the share of draft sentences "on an ask" as the relevance model judges it; this
measures that judge (and the local model's yes/no, where one runs) against an engineer's labels, so the
reported share can be read for what it is worth.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eval.draft_scoring import Scores, on_ask
from rag.relevance import Chat, model_says

LABELS = Path(__file__).parent / "drafting_labels" / "labels.jsonl"
Judge = Callable[[str, Sequence[str]], bool]  # (sentence, the part's asks) -> on an ask?


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    """The labelled (sentence, asks, on_ask) rows; a malformed line is an error naming it."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({"id": row["id"], "sentence": row["sentence"], "asks": list(row["asks"]),
                         "on_ask": bool(row["on_ask"])})
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a label row ({exc}); each line needs id, sentence, asks, on_ask")
    return rows


def relevance_judge(scores: Scores) -> Judge:
    return lambda sentence, asks: on_ask([sentence], asks, scores)[0]


def model_judge(chat: Chat) -> Judge:
    """The local model's yes/no (the answerability issue's JUDGE_QUESTION), yes if it says so for any ask."""
    return lambda sentence, asks: any(model_says(chat, ask, sentence) for ask in asks)


def agreement(rows: Sequence[dict[str, Any]], judge: Judge) -> dict[str, float]:
    """Agreement, balanced accuracy and both on-ask shares of ``judge`` against the labels."""
    said = [judge(row["sentence"], row["asks"]) for row in rows]
    truth = [row["on_ask"] for row in rows]
    positives = sum(truth) or 1
    negatives = (len(truth) - sum(truth)) or 1
    true_pos = sum(s and t for s, t in zip(said, truth))
    true_neg = sum(not s and not t for s, t in zip(said, truth))
    return {
        "n": float(len(rows)),
        "agreement": sum(s == t for s, t in zip(said, truth)) / max(len(rows), 1),
        "balanced_accuracy": (true_pos / positives + true_neg / negatives) / 2,
        "labelled_on_ask": sum(truth) / max(len(rows), 1),
        "judged_on_ask": sum(said) / max(len(rows), 1),
    }
