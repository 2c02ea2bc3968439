"""Split corpus_all.jsonl into tune/heldout by passage group (seed 17)."""
import json, random
from collections import OrderedDict
from pathlib import Path
HERE = Path(__file__).resolve().parent
items = [json.loads(l) for l in (HERE / "corpus_all.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
groups = OrderedDict()
for it in items:
    groups.setdefault(tuple(it["passages"]), []).append(it)
# merge groups sharing any passage so no passage spans both splits
keys = list(groups); parent = list(range(len(keys)))
def find(i):
    while parent[i] != i: parent[i] = parent[parent[i]]; i = parent[i]
    return i
seen = {}
for i, k in enumerate(keys):
    for p in k:
        if p in seen: parent[find(i)] = find(seen[p])
        else: seen[p] = i
clusters = OrderedDict()
for i, k in enumerate(keys): clusters.setdefault(find(i), []).extend(groups[k])
cl = list(clusters.values())
rng = random.Random(17); rng.shuffle(cl)
target = 0.55 * len(items); tune, held = [], []
for c in cl:
    (tune if len(tune) / 0.55 <= len(held) / 0.45 else held).extend(c)
for name, rows in (("corpus_tune.jsonl", tune), ("corpus_heldout.jsonl", held)):
    rows.sort(key=lambda r: r["id"])
    (HERE / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(name, len(rows))
