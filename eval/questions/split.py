"""Split own_all.jsonl into own_tune.jsonl / own_heldout.jsonl by a hash of each id.

A hash split is stable as questions are added: an item never moves from held-out to tune, so
nothing tuned on leaks into the reported split. 55% of ids (sha256 of the id, mod 100 < 55) tune.
"""
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
TUNE_SHARE = 55


def is_tune(qid: str) -> bool:
    return int(hashlib.sha256(qid.encode("utf-8")).hexdigest(), 16) % 100 < TUNE_SHARE


def main() -> None:
    items = [json.loads(line) for line in (HERE / "own_all.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    parts = {"own_tune.jsonl": [q for q in items if is_tune(q["id"])],
             "own_heldout.jsonl": [q for q in items if not is_tune(q["id"])]}
    for name, part in parts.items():
        (HERE / name).write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in part), encoding="utf-8")
    print({name: len(part) for name, part in parts.items()})


if __name__ == "__main__":
    main()
