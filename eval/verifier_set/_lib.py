"""Helper for building external_all.jsonl group by group (validates passages)."""
import json, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "external_all.jsonl")

def norm(s):
    return re.sub(r"\s+", " ", s).strip()

def load():
    if not os.path.exists(OUT):
        return []
    return [json.loads(l) for l in open(OUT, encoding="utf-8") if l.strip()]

def add(group, doc, passages, items):
    existing = load()
    if any(r["group"] == group for r in existing):
        print("group", group, "already present; skipping")
        return
    text = norm(open(os.path.join(HERE, doc), encoding="utf-8").read())
    for p in passages:
        assert norm(p) in text, f"{group}: passage not verbatim: {p[:60]}"
        n = len(p.split())
        assert 30 <= n <= 150, f"{group}: passage word count {n}"
    n0 = len(existing)
    with open(OUT, "a", encoding="utf-8") as f:
        for i, (label, kind, claim, note) in enumerate(items):
            assert label in ("faithful", "unfaithful")
            rec = {"id": f"x{n0 + i + 1:04d}", "claim": claim, "passages": passages,
                   "label": label, "kind": kind, "doc": doc, "group": group, "note": note}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(group, "added", len(items), "items; total", n0 + len(items))
