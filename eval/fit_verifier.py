"""Fit the support model (rag/support) for both check prompts on the verifier set's tune split: writes
rag/support_weights.json.

Every tune item (eval/verifier_set/*_tune.jsonl; never the held-out files) is inspected by the
verifier and judged by the local model (P(yes) of the judge prompt, cached on disk by a hash of
model and prompt, so a refit asks the model only about new items). A class-balanced logistic
regression over rag/support.features is scored by grouped 5-fold cross-validation (folds by
passage, so no passage is in both halves of a fold) and then fitted on all tune items.

Usage: python -m eval.fit_verifier [--llm local]     (make fit-verifier; ~25 min the first time, then seconds)
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from filelock import FileLock
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from eval.verifier_eval import Item, load_items, split_files
from rag import support
from rag.generation import Generator
from rag.model_check import AFTER_ANSWER, EVIDENCE, FRESH, ModelCheck, Probability, model_p_yes
from rag.verifier import shared_verifier

PROMPTS = (EVIDENCE, FRESH, AFTER_ANSWER)
C = 1.0  # inverse regularisation; tune CV at 0.1 / 0.3 / 1 / 3 (80 items, first look): 0.89 / 0.90 / 0.91 / 0.89
SEED = 0


class CachedProbability:
    """A model's P(yes) per prompt, kept in a JSON-lines file so refits and evaluations ask once."""

    def __init__(self, model_id: str, probability: Probability, cache_file: Path) -> None:
        self.model_id, self._probability, self.cache_file = model_id, probability, cache_file
        self.cache: dict[str, float | None] = {}
        if cache_file.is_file():
            for line in cache_file.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                self.cache[record["key"]] = record["p_yes"]

    def __call__(self, messages: Sequence[tuple[str, str]]) -> float | None:
        key = hashlib.sha256(f"{self.model_id}\0{json.dumps(list(messages))}".encode()).hexdigest()
        if key not in self.cache:
            self.cache[key] = self._probability(messages)
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.cache_file) + ".lock"), self.cache_file.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"key": key, "model": self.model_id, "p_yes": self.cache[key]}) + "\n")
        return self.cache[key]


def cached_model_check(backend: str) -> ModelCheck:
    """The model check with its P(yes) answers cached under the cache directory (eval and fitting only)."""
    from core.config import load_settings
    from rag.generation import generator_for
    from rag.llm import build_llm

    settings = load_settings()
    handle = build_llm(settings, backend)
    generator = generator_for(handle)
    if not generator.available:
        raise SystemExit("The model check needs an LLM: use --llm local or --llm openai.")
    return cached_check(generator, handle.model_id, settings.paths.cache_dir)


def cached_check(generator: Generator, model_id: str, cache_dir: Path) -> ModelCheck:
    """``generator``'s model check, its P(yes) answers kept in ``cache_dir``/verifier_p_yes.jsonl."""
    cache = CachedProbability(model_id, generator.yes_probability, cache_dir / "verifier_p_yes.jsonl")
    return ModelCheck(generator.chat, yes_probability=cache)


def rows(items: Sequence[Item], check: ModelCheck, prompt: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Features (with the model's P(yes) under ``prompt``), labels and passage groups of ``items``."""
    verifier = shared_verifier()
    x, y, groups = [], [], []
    for n, item in enumerate(items, 1):
        found = verifier.inspect(item.claim, item.passages)
        p_yes = model_p_yes(check, prompt, item.claim, item.passages, found)
        x.append(support.features(found, 0.5 if p_yes is None else p_yes))
        y.append(int(item.faithful))
        groups.append(hashlib.sha256("\0".join(item.passages).encode()).hexdigest())
        if n % 50 == 0:
            print(f"  {prompt}: {n}/{len(items)} items", flush=True)
    return np.array(x), np.array(y), groups


def balanced(predicted: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    passed = float((predicted[y == 1]).mean())
    caught = float((~predicted[y == 0]).mean())
    return (passed + caught) / 2, passed, caught


def fit(x: np.ndarray, y: np.ndarray, groups: list[str], prompt: str) -> dict[str, object]:
    """Grouped 5-fold CV table (printed), then the fit on every tune item."""
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    cv = cross_val_predict(model, x, y, groups=groups, cv=GroupKFold(n_splits=5), method="predict_proba")[:, 1]
    print(f"\n{prompt} prompt: | threshold | balanced accuracy | faithful passed | wrong caught |  (grouped 5-fold CV)")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        print("| {:.1f} | {:.3f} | {:.3f} | {:.3f} |".format(threshold, *balanced(cv >= threshold, y)))
    rule = np.array([row[: len(support.FAMILIES)].sum() == 0 for row in x])
    print("| checks' own rule | {:.3f} | {:.3f} | {:.3f} |".format(*balanced(rule, y)))
    model.fit(x, y)
    return {"weights": [round(float(w), 4) for w in model.coef_[0]], "bias": round(float(model.intercept_[0]), 4),
            "threshold": 0.5, "tune_cv_at_0.5": dict(zip(("balanced_accuracy", "faithful_passed", "wrong_caught"),
                                                         (round(v, 3) for v in balanced(cv >= 0.5, y))))}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.fit_verifier")
    parser.add_argument("--llm", default="local", help="the model whose P(yes) is combined (local | openai)")
    parser.add_argument("--prompts", default=",".join(PROMPTS),
                        help="which prompts to refit (comma-separated); the others keep their weights in the file")
    args = parser.parse_args(argv)
    wanted = [p.strip() for p in args.prompts.split(",") if p.strip()]
    if unknown := set(wanted) - set(PROMPTS):
        raise SystemExit(f"Unknown prompt(s) {sorted(unknown)}: choose from {', '.join(PROMPTS)}.")
    files = split_files("tune")
    items = load_items(files)
    print(f"Fitting on {len(items)} tune items ({', '.join(f.name for f in files)})")
    check = cached_model_check(args.llm)
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    previous = json.loads(support.WEIGHTS_FILE.read_text(encoding="utf-8")) if support.WEIGHTS_FILE.is_file() else {}
    kept = previous.get("prompts", {}) if previous.get("fitted_on", {}).get("sha256") == digest else {}
    prompts = {**kept, **{prompt: fit(*rows(items, check, prompt), prompt) for prompt in wanted}}
    record = {"prompts": prompts, "features": list(support.FEATURE_NAMES),
              "fitted_on": {"files": [f.name for f in files], "sha256": digest, "items": len(items), "C": C}}
    support.WEIGHTS_FILE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    support.with_model.cache_clear()
    print(f"Wrote {support.WEIGHTS_FILE} (sha256 of the tune files {digest[:12]}…)")


if __name__ == "__main__":
    main()
