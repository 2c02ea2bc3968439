"""Split external_all.jsonl into tune (~55%) and heldout (~45%) by whole passage group (seed 23)."""
import json, os, random, re
HERE = os.path.dirname(os.path.abspath(__file__))

def norm(s):
    return re.sub(r"\s+", " ", s).strip()

def main():
    rows = [json.loads(l) for l in open(os.path.join(HERE, "external_all.jsonl"), encoding="utf-8") if l.strip()]
    # verify passages are verbatim (whitespace-normalised) substrings of their docs
    cache, bad = {}, 0
    for r in rows:
        if r["doc"] not in cache:
            cache[r["doc"]] = norm(open(os.path.join(HERE, r["doc"]), encoding="utf-8").read())
        for p in r["passages"]:
            if norm(p) not in cache[r["doc"]]:
                bad += 1
                print("NOT VERBATIM:", r["id"], p[:60])
    groups = sorted({r["group"] for r in rows})
    rng = random.Random(23)
    rng.shuffle(groups)
    n_tune = round(0.55 * len(groups))
    tune = set(groups[:n_tune])
    with open(os.path.join(HERE, "external_tune.jsonl"), "w", encoding="utf-8") as ft, \
         open(os.path.join(HERE, "external_heldout.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            (ft if r["group"] in tune else fh).write(json.dumps(r, ensure_ascii=False) + "\n")
    nt = sum(r["group"] in tune for r in rows)
    print(f"groups: tune={sorted(tune)} heldout={sorted(set(groups) - tune)}")
    print(f"items: tune={nt} heldout={len(rows) - nt}; non-verbatim passages={bad}")

if __name__ == "__main__":
    main()
