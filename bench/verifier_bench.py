"""Claim-check speed and accuracy: the verifier beside the content-word rule it replaced, in one run.

Prints a table (median ms a claim, and the ratio to the old rule), never asserts a time. With ``--llm N``
the first N claims are also judged by the local model, uncached, under each prompt the product can use
(evidence: the claim's aligned passage sentences; fresh: its whole passages) and by the harness's plain
LLM judge (eval/judge.py), so the model paths' cost stands beside the no-model one in the same run.
Usage: .venv/bin/python bench/verifier_bench.py [tune|heldout] [--llm N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Sequence


from eval.verifier_eval import Item, load_items, score, split_files
from rag.citations import plain_claim
from rag.evidence import content_words, missing_figures, month_numbers, numbers, overlap
from rag.verifier import Verifier


def old_rule(claim: str, passages: Sequence[str]) -> bool:
    """The check at b563e04: numbers present and half the content words shared (figures only for Chinese)."""
    text, plain = " ".join(passages), plain_claim(claim)
    if len(re.findall(r"[\u3400-\u9fff]", plain)) > len(re.findall(r"[A-Za-z]", plain)):
        return not missing_figures(plain, text + " " + month_numbers(text))
    if numbers(plain) - numbers(text):
        return False
    return overlap(content_words(plain), content_words(text)) >= 0.5


def model_rows(items: Sequence[Item], n: int) -> list[tuple[str, float]]:
    """(path, median ms a claim) for the model's prompts on the first ``n`` items, asked fresh (no answer cache)."""
    from core.config import load_settings
    from eval.judge import Judge
    from rag.generation import generator_for
    from rag.llm import build_llm
    from rag.model_check import EVIDENCE, FRESH, ModelCheck, judge

    handle = build_llm(load_settings(), "local")
    check = ModelCheck.of(generator_for(handle))
    plain_judge = Judge(handle)
    paths = {f"checks + P(yes), {EVIDENCE} prompt": lambda c, p: judge(c, p, check, prompt=EVIDENCE),
             f"checks + P(yes), {FRESH} prompt": lambda c, p: judge(c, p, check, prompt=FRESH),
             "plain LLM judge (eval/judge.py)": lambda c, p: plain_judge.verdict(c, p)}
    out = []
    for name, run in paths.items():
        times = []
        for item in items[:n]:
            started = time.perf_counter()
            run(item.claim, list(item.passages))
            times.append((time.perf_counter() - started) * 1000)
        out.append((name, statistics.median(times)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", default="heldout", choices=["tune", "heldout"])
    parser.add_argument("--llm", type=int, default=0, metavar="N", help="also time the local model on N claims")
    args = parser.parse_args()
    split, llm_n = args.split, args.llm
    items = load_items(split_files(split))
    started = time.perf_counter()
    verifier = Verifier()
    verifier.verify("warm up the models.", ["warm up the models."])
    load_s = time.perf_counter() - started
    rows = [("content-word rule (old)", score(items, old_rule, resamples=500)),
            ("claim verifier", score(items, lambda c, p: verifier.verify(c, p).supported, resamples=500))]
    base = rows[0][1].median_ms or 1e-9
    print(f"{len(items)} {split} claims; verifier model load {load_s:.1f} s\n")
    print("| check | median ms/claim | × old | balanced acc. | faithful passed | wrong caught |")
    print("|---|---|---|---|---|---|")
    for name, s in rows:
        print(f"| {name} | {s.median_ms:.1f} | {s.median_ms / base:.0f} | {s.balanced_accuracy.value:.2f} | "
              f"{s.faithful_passed.value:.2f} | {s.wrong_caught.value:.2f} |")
    if llm_n:  # accuracy of these paths: python -m eval.verifier_eval SPLIT --llm local --prompt evidence|fresh
        print(f"\nLocal model, first {llm_n} claims, no cache:\n\n| path | median ms/claim | × old |\n|---|---|---|")
        for name, median_ms in model_rows(items, llm_n):
            print(f"| {name} | {median_ms:.0f} | {median_ms / base:.0f} |")


if __name__ == "__main__":
    main()
