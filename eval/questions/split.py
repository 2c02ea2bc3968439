import json, random, collections
random.seed(31)
items = [json.loads(l) for l in open("own_all.jsonl", encoding="utf-8")]
groups = collections.defaultdict(list)
for q in items: groups[(q["type"], q["kind"])].append(q)
tune, held = [], []
for key in sorted(groups):
    g = groups[key][:]; random.shuffle(g)
    cut = round(len(g) * 0.55)
    tune += g[:cut]; held += g[cut:]
for name, part in (("own_tune.jsonl", tune), ("own_heldout.jsonl", held)):
    part.sort(key=lambda q: q["id"])
    with open(name, "w", encoding="utf-8") as f:
        for q in part: f.write(json.dumps(q, ensure_ascii=False) + "\n")
print(len(tune), len(held))
