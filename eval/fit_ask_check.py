"""Fit the pre-answer ask check (rag/ask_check) on the tune questions; optionally score it on held-out.

Each ask of eval/questions/own_tune.jsonl is put to the local model the way the answer path
puts it: the answer's system prompt, the passages block the answer would show (same retrieval
and sentence selection), then the ask. Its P(yes) is cached on disk (a refit asks only new
prompts). Label per ask: answerable (an answerable question, the answered part of a partial
one) or not (near miss, out of scope, a partial question's unanswered part). A class-balanced
logistic regression over rag/ask_check.features is scored by grouped 5-fold CV (folds by
question) and fitted on all tune asks; the threshold is the CV one that keeps tune's false
refusals at most ``MAX_FALSE_REFUSALS``. ``--heldout`` then prints the held-out split's
question-level outcomes with the fitted weights (it never changes them).

Usage: python -m eval.fit_ask_check [--llm local] [--heldout] [--write]   (make fit-ask-check)
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from core.text import has_cjk
from eval.fit_verifier import CachedProbability
from rag import ask_check
from rag.asks import split_asks, with_subject
from rag.evidence import content_words

QUESTIONS = Path(__file__).resolve().parent / "questions"
MAX_FALSE_REFUSALS = 0.05  # the bound on answerable questions refused
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.81, 0.05))
C = 1.0
POSITIVE = ("answerable", "partial-yes")


@dataclass
class AskRow:
    qid: str
    question_kind: str
    kind: str  # answerable, near_miss, out_of_scope, partial-yes, partial-no
    ask: str
    p_yes: float | None
    lexical: float

    @property
    def label(self) -> int:
        return int(self.kind in POSITIVE)


def ask_kind(question: dict, ask: str, asks: list[str]) -> str:
    """The label kind of one ask: a partial question's ask sharing a third of its words with the unanswered part
    is the unanswered one."""
    if question["kind"] != "partial":
        return question["kind"]
    if len(asks) == 1:
        return "partial-yes"  # one ask that is partly answered: it must not be refused (the answer names the gap)
    missing = content_words(question.get("unanswered", ""))
    words = content_words(ask)
    return "partial-no" if len(words & missing) >= max(1, len(words) // 3) else "partial-yes"


def collect(split: str, backend: str) -> list[AskRow]:
    """The ask rows of one split, asking the model (through the cache) as the answer path would."""
    from core.config import load_settings
    from rag import bilingual
    from rag.answer import Answerer
    from rag.context import render, select_sentences
    from rag.generation import generator_for
    from rag.llm import build_llm
    from rag.prompts import SYSTEM_PROMPT

    settings = load_settings()
    handle = build_llm(settings, backend)
    generator = generator_for(handle)
    if not generator.available:
        raise SystemExit("The ask check needs an LLM: use --llm local or --llm openai.")
    answerer = Answerer(settings, llm=handle)
    cache = CachedProbability(handle.model_id, generator.yes_probability, settings.paths.cache_dir / "ask_p_yes.jsonl")
    translations = _TranslationCache(settings.paths.cache_dir / "ask_translations.json")
    rows: list[AskRow] = []
    lines = (QUESTIONS / f"own_{split}.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        q = json.loads(line)
        hits = answerer.retriever.retrieve(q["question"], top_k=settings.answer.top_k)
        english = q["question"]
        if has_cjk(english):
            english = translations.get(english, lambda text: bilingual.to_english(handle, text))
        shown = select_sentences(hits[: settings.answer.prompt_passages], english, settings.answer.prompt_words,
                                 answerer.similarity)
        block = render(shown)
        sentences = [s for p in shown for s in p.sentences]
        asks = split_asks(english)
        for ask in asks:
            judged = with_subject(ask, asks[0])
            lexical = max(answerer.judge.scores(judged, sentences), default=0.0)
            p_yes = cache(ask_check.messages(SYSTEM_PROMPT, block, judged)) if shown else 0.0
            rows.append(AskRow(q["id"], q["kind"], ask_kind(q, ask, asks), judged, p_yes, lexical))
        print(f"\r{split}: {n}/{len(lines)} questions", end="", flush=True)
    print()
    return rows


class _TranslationCache:
    """Chinese questions' English wording, kept so refits read the same prompts (and hit the P(yes) cache)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, str] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def get(self, text: str, translate) -> str:
        if text not in self.data:
            self.data[text] = translate(text)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8")
        return self.data[text]


def matrix(rows: list[AskRow]) -> np.ndarray:
    return np.array([ask_check.features(r.p_yes if r.p_yes is not None else 0.5, r.lexical) for r in rows])


def outcomes(rows: list[AskRow], p: np.ndarray, threshold: float) -> dict[str, float]:
    """Question-level: refused when every ask is below ``threshold``; a partial question's gap named when its
    unanswered ask is below and another is above."""
    by_q: dict[str, list[tuple[AskRow, float]]] = defaultdict(list)
    for row, pi in zip(rows, p):
        by_q[row.qid].append((row, pi))
    refused = {qid: all(pi < threshold for _, pi in asks) for qid, asks in by_q.items()}
    kind = {qid: asks[0][0].question_kind for qid, asks in by_q.items()}

    def share(qids: list[str], hit) -> float:
        return float(np.mean([hit(q) for q in qids])) if qids else float("nan")

    partial = [q for q in by_q if kind[q] == "partial"]
    return {
        "false refusals": share([q for q in by_q if kind[q] == "answerable"], refused.__getitem__),
        "near misses refused": share([q for q in by_q if kind[q] == "near_miss"], refused.__getitem__),
        "out of scope refused": share([q for q in by_q if kind[q] == "out_of_scope"], refused.__getitem__),
        "partial not refused": share(partial, lambda q: not refused[q]),
        "partial gap named": share(partial, lambda q: not refused[q] and any(
            r.kind == "partial-no" and pi < threshold for r, pi in by_q[q])),
    }


def table(rows: list[AskRow], p: np.ndarray, thresholds) -> str:
    lines = []
    for t in thresholds:
        o = outcomes(rows, p, t)
        if not lines:
            lines += ["| P threshold | " + " | ".join(o) + " |", "|---|" + "---|" * len(o)]
        lines.append(f"| {t:.2f} | " + " | ".join(f"{v:.2f}" for v in o.values()) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--llm", default="local")
    parser.add_argument("--heldout", action="store_true", help="also print the held-out split (never fitted on)")
    parser.add_argument("--write", action="store_true", help=f"write the fit to {ask_check.WEIGHTS_FILE.name}")
    parser.add_argument("--rows", type=Path, help="write the held-out asks with their probabilities here (JSON lines)")
    args = parser.parse_args()
    rows = collect("tune", args.llm)
    x, y = matrix(rows), np.array([r.label for r in rows])
    groups = [r.qid for r in rows]
    model = LogisticRegression(class_weight="balanced", C=C, max_iter=1000)
    p_cv = cross_val_predict(model, x, y, cv=GroupKFold(5), groups=groups, method="predict_proba")[:, 1]
    print(f"{len(rows)} tune asks ({int(y.sum())} covered); grouped 5-fold CV, question level:\n")
    print(table(rows, p_cv, THRESHOLDS))
    raw = np.array([r.p_yes if r.p_yes is not None else 0.5 for r in rows])
    print("\nthe model's P(yes) alone:\n" + table(rows, raw, THRESHOLDS))
    allowed = [t for t in THRESHOLDS if outcomes(rows, p_cv, t)["false refusals"] <= MAX_FALSE_REFUSALS]
    threshold = max(allowed) if allowed else min(THRESHOLDS)
    model.fit(x, y)
    fit = ask_check.AskModel(tuple(round(float(w), 4) for w in model.coef_[0]), round(float(model.intercept_[0]), 4),
                             float(threshold))
    print(f"\nfitted: weights {dict(zip(ask_check.FEATURE_NAMES, fit.weights))}, bias {fit.bias}, threshold {threshold}")
    if args.write:
        tune_file = QUESTIONS / "own_tune.jsonl"
        ask_check.WEIGHTS_FILE.write_text(json.dumps({
            "features": list(ask_check.FEATURE_NAMES), "weights": list(fit.weights), "bias": fit.bias,
            "threshold": fit.threshold, "C": C,
            "tune_sha256": hashlib.sha256(tune_file.read_bytes()).hexdigest(),
            "tune_cv_at_threshold": {k: round(v, 3) for k, v in outcomes(rows, p_cv, threshold).items()},
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {ask_check.WEIGHTS_FILE}")
    if args.heldout:
        held = collect("heldout", args.llm)
        p_held = np.array([fit.probability(row) for row in matrix(held)])
        if args.rows:
            args.rows.write_text("".join(json.dumps({**row.__dict__, "p": round(float(pi), 3)}, ensure_ascii=False) + "\n"
                                         for row, pi in zip(held, p_held)), encoding="utf-8")
        print(f"\nheld-out, {len(held)} asks, fitted weights:\n" + table(held, p_held, (threshold,)))
        raw = np.array([r.p_yes if r.p_yes is not None else 0.5 for r in held])
        print("\nheld-out, the model's P(yes) alone:\n" + table(held, raw, THRESHOLDS))


if __name__ == "__main__":
    main()
