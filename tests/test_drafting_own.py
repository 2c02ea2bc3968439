"""Our own drafting parts (eval/drafting_own) stay usable: loadable, split as documented, facts in the papers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eval.dataset import load_drafting

OWN = Path(__file__).resolve().parents[1] / "eval" / "drafting_own"


def test_own_drafting_parts_load_with_no_reply_document() -> None:
    records = load_drafting(OWN / "all.jsonl")
    assert len(records) == 24 and all(r.doc == "" and not r.verbatim for r in records)
    tune, heldout = load_drafting(OWN / "tune.jsonl"), load_drafting(OWN / "heldout.jsonl")
    assert {r.id for r in tune} | {r.id for r in heldout} == {r.id for r in records}
    assert not {r.id for r in tune} & {r.id for r in heldout}


def test_every_reply_fact_occurs_in_the_bundled_papers() -> None:
    done = subprocess.run([sys.executable, str(OWN / "validate.py")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
