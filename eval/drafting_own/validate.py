"""Checks eval/drafting_own: every reply fact occurs in the corpus, fields and splits are right.

Normalisation (both sides): lower case, collapsed whitespace (incl. no-break spaces), all dashes as "-",
curly quotes as straight ones, and "\\$" (an extraction artefact of the corpus) as "$".
Usage: python eval/drafting_own/validate.py [--corpus DIR]   (exit status 1 on any failure)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "corpus"  # the bundled papers, in this repository
FIELDS = ["id", "doc", "part", "question_part", "question_part_verbatim", "reply_facts",
          "recoverable_from_other_docs", "unanswered_asks", "split"]
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def normalise(text: str) -> str:
    text = text.translate(_DASHES).translate(_QUOTES).replace("\\$", "$")
    return re.sub(r"\s+", " ", text.lower()).strip()


def split_of(record_id: str) -> str:
    return "tune" if int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    corpus = {p.name: normalise(p.read_text(encoding="utf-8")) for p in sorted(args.corpus.glob("*.txt"))}
    if not corpus:
        print(f"no corpus files in {args.corpus}")
        return 1
    rows = load(HERE / "all.jsonl")
    problems: list[str] = []
    ids = [r.get("id") for r in rows]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    for r in rows:
        rid = r.get("id")
        if list(r) != FIELDS:
            problems.append(f"{rid}: fields {list(r)} != {FIELDS}")
            continue
        if r["doc"] != "" or r["question_part_verbatim"] is not False:
            problems.append(f"{rid}: doc must be '' and question_part_verbatim false")
        if not r["question_part"].startswith(r["part"] + " "):
            problems.append(f"{rid}: question_part does not start with {r['part']!r}")
        if r["recoverable_from_other_docs"] != r["reply_facts"]:
            problems.append(f"{rid}: recoverable_from_other_docs differs from reply_facts")
        if not 2 <= len(r["reply_facts"]) <= 7:
            problems.append(f"{rid}: {len(r['reply_facts'])} reply facts (want 2-7)")
        if r["split"] != split_of(rid):
            problems.append(f"{rid}: split {r['split']!r}, hash says {split_of(rid)!r}")
        for fact in r["reply_facts"]:
            where = [name for name, text in corpus.items() if normalise(fact) in text]
            if not where:
                problems.append(f"{rid}: fact {fact!r} not in the corpus")
    for split in ("tune", "heldout"):
        path = HERE / f"{split}.jsonl"
        want = [r for r in rows if r.get("split") == split]
        if not path.exists() or load(path) != want:
            problems.append(f"{path.name} is not the {split} subset of all.jsonl")
    counts = Counter(r.get("split") for r in rows)
    with_gap = Counter(r.get("split") for r in rows if r.get("unanswered_asks"))
    for split in ("tune", "heldout"):
        print(f"{split}: {counts[split]} parts, {with_gap[split]} with an unanswered ask")
    print(f"all: {len(rows)} parts, {sum(with_gap.values())} with an unanswered ask, "
          f"{sum(len(r.get('reply_facts', [])) for r in rows)} facts")
    for p in problems:
        print("FAIL", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
