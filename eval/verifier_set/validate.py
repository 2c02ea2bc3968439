"""Validate all *.jsonl verifier items in this folder."""
import json, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
CORPUS = Path("/work/shared/corpus")
EXT = HERE / "external_docs"
REQ = ["id", "claim", "passages", "label", "kind", "doc", "note"]
def norm(s): return re.sub(r"\s+", " ", s).strip()
def main():
    errs = 0; total = 0; cache = {}
    for f in sorted(HERE.glob("*.jsonl")):
        n = 0
        for ln, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip(): continue
            try: it = json.loads(line)
            except Exception as e:
                print(f"{f.name}:{ln}: bad JSON {e}"); errs += 1; continue
            n += 1
            miss = [k for k in REQ if k not in it]
            if miss: print(f"{f.name}:{ln}: missing {miss}"); errs += 1; continue
            if it["label"] not in ("faithful", "unfaithful"):
                print(f"{f.name}:{ln}: bad label"); errs += 1
            if not isinstance(it["passages"], list) or not it["passages"]:
                print(f"{f.name}:{ln}: passages empty"); errs += 1; continue
            doc = it["doc"]
            cands = [EXT / doc, HERE / doc, EXT / Path(doc).name, CORPUS / doc]
            p = next((c for c in cands if c.exists()), CORPUS / doc)
            if not p.exists(): print(f"{f.name}:{ln}: doc not found {doc}"); errs += 1; continue
            if p not in cache: cache[p] = norm(p.read_text(encoding="utf-8"))
            for ps in it["passages"]:
                if norm(ps) not in cache[p]:
                    print(f"{f.name}:{ln} {it['id']}: passage not in {doc}: {ps[:60]!r}"); errs += 1
        print(f"{f.name}: {n} items"); total += n
    print(f"TOTAL {total} items, {errs} errors")
    return 1 if errs else 0
if __name__ == "__main__": sys.exit(main())
