"""The verifier's labelled set: every file loads, ids are unique, and no passage is in both tune and held-out."""

from __future__ import annotations

from collections import Counter

from eval.verifier_eval import load_items, split_files

FAITHFUL_KINDS = {"paraphrase", "subset", "summary", "hedged", "combination", "chinese", "verbatim"}


def test_labelled_set_loads_with_unique_ids_and_consistent_kinds() -> None:
    items = [i for split in ("tune", "heldout", "real") for i in load_items(split_files(split))]
    assert len([i for i in items if not i.id.startswith(("a", "q"))]) >= 400  # the synthetic claims
    ids = Counter(i.id for i in items)
    assert not [k for k, n in ids.items() if n > 1]
    for item in items:
        assert item.claim.strip() and item.passages and all(p.strip() for p in item.passages)
        assert item.faithful == (item.kind in FAITHFUL_KINDS), item.id


def test_no_passage_is_in_both_splits() -> None:
    tune = {p for i in load_items(split_files("tune")) for p in i.passages}
    heldout = {p for i in load_items(split_files("heldout")) for p in i.passages}
    assert tune and heldout and not tune & heldout
