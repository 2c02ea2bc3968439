"""Scores the claim verifier itself on labelled (claim, passages, label, kind) items.

Balanced accuracy is the headline: the mean of faithful-claims-passed and
wrong-claims-caught, so a checker that passes everything scores 0.50, not the
share of faithful items. Per-kind detection and bootstrap intervals (items
resampled, fixed seed) go into the report; tune on ``*_tune.jsonl`` only and
report ``*_heldout.jsonl``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eval.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, Estimate, ratio_ci

if TYPE_CHECKING:
    from rag.model_check import ModelCheck

SET_DIR = Path(__file__).resolve().parent / "verifier_set"
Check = Callable[[str, Sequence[str]], bool]


@dataclass(frozen=True)
class Item:
    id: str
    claim: str
    passages: tuple[str, ...]
    faithful: bool
    kind: str


def load_items(paths: Sequence[Path]) -> list[Item]:
    """Items from JSON-lines files; a bad line names its file and line number."""
    items = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                items.append(Item(str(row["id"]), row["claim"], tuple(row["passages"]),
                                  row["label"] == "faithful", row["kind"]))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path.name} line {number}: not a labelled item ({exc})") from exc
    return items


def split_files(split: str) -> list[Path]:
    """``tune`` or ``heldout``: every ``*_<split>.jsonl`` under eval/verifier_set/; ``real``: the hand-labelled
    sentences of real answers (eval/verifier_set/real_answers/, held out too)."""
    if split == "real":
        return [SET_DIR / "real_answers" / "heldout.jsonl"]
    if split not in {"tune", "heldout"}:
        raise ValueError("split must be 'tune', 'heldout' or 'real'")
    return sorted(SET_DIR.glob(f"*_{split}.jsonl"))


@dataclass
class VerifierScore:
    balanced_accuracy: Estimate
    faithful_passed: Estimate
    wrong_caught: Estimate
    per_kind: dict[str, Estimate]
    median_ms: float
    errors: list[tuple[Item, bool]]

    def table(self, title: str) -> str:
        def cell(e: Estimate) -> str:
            if e.value is None:
                return "–"
            return f"{e.value:.2f} [{e.low:.2f}, {e.high:.2f}] (n={e.n})"

        lines = [f"### {title}", "", "| measure | value [95% CI] |", "|---|---|",
                 f"| balanced accuracy | {cell(self.balanced_accuracy)} |",
                 f"| faithful claims passed | {cell(self.faithful_passed)} |",
                 f"| wrong claims caught | {cell(self.wrong_caught)} |"]
        lines += [f"| {'passed' if kind.startswith('faithful:') else 'caught'}: {kind.split(':', 1)[1]} | {cell(e)} |"
                  for kind, e in sorted(self.per_kind.items())]
        lines.append(f"| median time a claim | {self.median_ms:.1f} ms |")
        return "\n".join(lines)


def score(items: Sequence[Item], check: Check, *, seed: int = DEFAULT_SEED,
          resamples: int = DEFAULT_RESAMPLES) -> VerifierScore:
    """Run ``check`` on every item and measure it against the labels."""
    verdicts, times = [], []
    for item in items:
        start = time.perf_counter()
        verdicts.append(bool(check(item.claim, item.passages)))
        times.append((time.perf_counter() - start) * 1000)
    right = np.array([v == i.faithful for v, i in zip(verdicts, items)], dtype=float)
    faithful = np.array([i.faithful for i in items], dtype=float)
    wrong = 1 - faithful

    def share(mask: np.ndarray) -> Estimate:
        return ratio_ci(right * mask, mask, seed=seed, resamples=resamples)

    balanced = _balanced_ci(right, faithful, seed, resamples)
    kinds = {}
    for kind in sorted({i.kind for i in items}):
        mask = np.array([i.kind == kind for i in items], dtype=float)
        label = "faithful" if items[int(np.argmax(mask))].faithful else "wrong"
        kinds[f"{label}:{kind}"] = share(mask)
    errors = [(i, v) for i, v in zip(items, verdicts) if v != i.faithful]
    return VerifierScore(balanced, share(faithful), share(wrong), kinds, float(np.median(times)), errors)


def _balanced_ci(right: np.ndarray, faithful: np.ndarray, seed: int, resamples: int) -> Estimate:
    """Mean of the two class recalls, with items resampled (fixed seed)."""
    def value(rows: np.ndarray) -> float:
        f, r = faithful[rows], right[rows]
        if f.sum() == 0 or (1 - f).sum() == 0:
            return float("nan")
        return float(((r * f).sum() / f.sum() + (r * (1 - f)).sum() / (1 - f).sum()) / 2)

    n = len(right)
    point = value(np.arange(n))
    rng = np.random.default_rng(seed)
    stats = np.array([value(rng.integers(0, n, n)) for _ in range(resamples)])
    stats = stats[np.isfinite(stats)]
    low, high = (float(np.percentile(stats, 2.5)), float(np.percentile(stats, 97.5))) if len(stats) else (None, None)
    return Estimate(point, low, high, n)


def model_stage(backend: str, prompt: str = "evidence") -> Check:
    """The verifier's checks and the model's P(yes), combined by the fitted support model (``check --llm``).
    ``prompt``: "evidence" (the product's: the claim's aligned passage sentences), "fresh" (the whole passages) or
    "after_answer" (after the answer's passages block). The model's
    answers are cached on disk (eval/fit_verifier.CachedProbability), so a re-run asks once."""
    from eval.fit_verifier import cached_model_check

    return product_check(cached_model_check(backend), prompt)


def product_check(model: ModelCheck, prompt: str = "evidence") -> Check:
    """What the product does with a model (rag/model_check.recheck): passage text quoted word for word keeps the
    verifier's verdict; any other claim is judged by the checks and the model's P(yes) together."""
    from rag.model_check import AFTER_ANSWER, judge, numbered_passages, quoted
    from rag.verifier import shared_verifier

    verifier = shared_verifier()

    def check(claim: str, passages: Sequence[str]) -> bool:
        if quoted(claim, passages):
            return verifier.verify(claim, passages).supported
        if prompt == AFTER_ANSWER:
            return judge(claim, passages, model, verifier, shown=numbered_passages(passages),
                         cited=range(1, len(passages) + 1))[0]
        return judge(claim, passages, model, verifier, prompt=prompt)[0]

    return check


def report_section(judge: Callable[[str, Sequence[str]], bool | None] | None = None,
                   model: ModelCheck | None = None) -> str:
    """Markdown for the eval report: the verifier (no model) on the held-out labelled set; with a model, the
    verifier's checks and the model's P(yes) combined (the product's path with an LLM); and the LLM judge alone,
    scored against the same labels. Model answers are cached, so a re-run is free."""
    from rag.verifier import shared_verifier

    items = load_items(split_files("heldout"))
    verifier = shared_verifier()
    title = f"({len(items)} items, eval/verifier_set/*_heldout.jsonl)"
    parts = [score(items, lambda c, p: verifier.verify(c, p).supported).table(
        f"Claim verifier, no model, on its held-out labelled set {title}")]
    if model is not None:
        parts.append(score(items, product_check(model)).table(
            f"Claim verifier with the model's P(yes) (rag/support), held-out {title}"))
    if judge is not None:
        parts.append(score(items, lambda c, p: judge(c, p) is not False).table(
            "The LLM judge alone, against the same labels (no verdict counts as supported)"))
    return "\n\n".join(parts)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m eval.verifier_eval [tune|heldout|real] [--llm local]``: the verifier's table on one split
    (with ``--llm``, the verifier then the model's own check, one claim a call)."""
    import argparse

    from rag.verifier import shared_verifier

    parser = argparse.ArgumentParser(prog="python -m eval.verifier_eval")
    parser.add_argument("split", nargs="?", default="heldout", choices=["tune", "heldout", "real"])
    parser.add_argument("--llm", default=None, help="combine the checks with this model's P(yes) (local | openai)")
    parser.add_argument("--prompt", default="evidence", choices=["evidence", "fresh", "after_answer"],
                        help="the model's prompt: evidence (the product's), fresh (whole passages) or after_answer")
    args = parser.parse_args(argv)
    if args.llm:
        check = model_stage(args.llm, args.prompt)
        title = f"claim verifier + {args.llm} model P(yes), {args.prompt} prompt, {args.split} split"
    else:
        verifier = shared_verifier()
        check, title = (lambda c, p: verifier.verify(c, p).supported), f"claim verifier, {args.split} split"
    print(score(load_items(split_files(args.split)), check).table(title))


if __name__ == "__main__":
    main()
