"""Claim-check speed and accuracy: the verifier beside the content-word rule it replaced, in one run.

Prints a table (median ms a claim, and the ratio to the old rule), never asserts a time.
Usage: .venv/bin/python bench/verifier_bench.py [tune|heldout]
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence


from eval.verifier_eval import load_items, score, split_files
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


def main() -> None:
    split = sys.argv[1] if len(sys.argv) > 1 else "heldout"
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


if __name__ == "__main__":
    main()
