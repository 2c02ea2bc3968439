"""Fit the answerability score (rag/relevance.LexicalScorer) on the tune questions: prints weights and a CV table.

Each ask of eval/questions/own_tune.jsonl (English; the Chinese ones keep the rule) is paired with
the retrieved sentence that scores best on (coverage + cosine + typed); label: the ask is
answerable (answerable questions and the answered part of a partial one) or not (near miss, out
of scope, a partial question's unanswered part). A class-balanced logistic regression over
(coverage, cosine, typed) is scored by grouped 5-fold cross-validation (folds by question) at
several thresholds, then fitted on all tune asks. Never reads the held-out split.
Usage: python -m eval.fit_answerability
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from core.config import Settings
from core.text import has_cjk
from index.retrieval import HybridRetriever
from rag.answerability import TermStats, features
from rag.asks import split_asks, with_subject
from rag.evidence import content_words
from rag.extractive import quotable
from rag.similarity import SimilarityCache

TUNE = Path(__file__).resolve().parent / "questions" / "own_tune.jsonl"
THRESHOLDS = (0.3, 0.33, 0.35, 0.37, 0.4, 0.5)


def ask_rows(retriever: HybridRetriever, stats: TermStats, similarity: SimilarityCache,
             top_k: int) -> list[tuple[str, str, list[float], int]]:
    """(question id, label kind, features of the best sentence, answerable) per English tune ask."""
    rows = []
    for line in TUNE.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        asks = split_asks(q["question"])
        sentences = list(dict.fromkeys(s for _, _, s in quotable(retriever.retrieve(q["question"], top_k=top_k))))
        missing = content_words(q.get("unanswered", ""))
        for ask in asks:
            if has_cjk(ask) or not sentences:
                continue
            kind = q["kind"]
            if kind == "partial":
                kind = "partial-no" if len(content_words(ask) & missing) >= max(1, len(content_words(ask)) // 3) else "partial-yes"
            full = with_subject(ask, asks[0])
            cosines = similarity(full, sentences)
            rows_of_ask = []
            for sentence, cosine in zip(sentences, cosines):
                coverage, _, _, typed = features(stats, full, sentence)
                rows_of_ask.append([coverage, cosine, float(typed)])
            best = max(rows_of_ask, key=sum)
            rows.append((q["id"], kind, best, int(kind in ("answerable", "partial-yes"))))
    return rows


def main() -> None:
    settings = Settings()
    retriever = HybridRetriever(settings)
    stats = TermStats(c.text for c in retriever.chunks.values())
    similarity = SimilarityCache(lambda texts: retriever.embedder.encode(texts))
    rows = ask_rows(retriever, stats, similarity, settings.answer.top_k)
    x = np.array([r[2] for r in rows])
    y = np.array([r[3] for r in rows])
    groups, kinds = [r[0] for r in rows], [r[1] for r in rows]
    model = LogisticRegression(class_weight="balanced", max_iter=1000)
    p = cross_val_predict(model, x, y, cv=GroupKFold(5), groups=groups, method="predict_proba")[:, 1]
    print(f"{len(rows)} tune asks ({int(y.sum())} answerable); grouped 5-fold, share refused by kind:\n")
    names = sorted(set(kinds))
    print("| P threshold | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for t in THRESHOLDS:
        refused = {k: np.mean([pi < t for pi, ki in zip(p, kinds) if ki == k]) for k in names}
        print(f"| {t:.2f} | " + " | ".join(f"{refused[k]:.2f}" for k in names) + " |")
    model.fit(x, y)
    w = model.coef_[0]
    print(f"\nweights: coverage {w[0]:.3f}, cosine {w[1]:.3f}, typed {w[2]:.3f}, bias {model.intercept_[0]:.3f}")


if __name__ == "__main__":
    main()
