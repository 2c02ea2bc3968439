import json, re, sys, pathlib
CORPUS = pathlib.Path("/work/shared/corpus")
TYPES = {"factoid","list","multi_doc","temporal_conflict","unanswerable","chinese","summary","partial"}
KINDS = {"answerable","near_miss","out_of_scope","partial"}
def ws(s): return re.sub(r"\s+", " ", s).strip()
def norm(s): return re.sub(r"(?<=\d)[ ,](?=\d)", "", ws(s.lower()))
def main(path):
    errs = 0; ids = set(); docs = {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        def bad(m):
            nonlocal errs; errs += 1; print(f"line {n}: {m}")
        try: q = json.loads(line)
        except Exception as e: bad(f"bad JSON {e}"); continue
        for f in ("id","question","answer","must_include","sources","type","kind"):
            if f not in q: bad(f"missing {f}")
        if q.get("id") in ids: bad("duplicate id")
        ids.add(q.get("id"))
        t, k = q.get("type"), q.get("kind")
        if t not in TYPES: bad(f"bad type {t}")
        if k not in KINDS: bad(f"bad kind {k}")
        if t == "unanswerable":
            if k not in ("near_miss","out_of_scope"): bad("unanswerable kind")
            if q.get("must_include") or q.get("sources"): bad("unanswerable must have empty must_include/sources")
        elif t == "partial":
            if k != "partial" or not q.get("unanswered"): bad("partial needs kind partial and unanswered")
        elif k != "answerable": bad("answerable types need kind answerable")
        if t != "unanswerable" and (not q.get("must_include") or not q.get("sources")): bad("needs must_include and sources")
        for m in q.get("must_include", []):
            if norm(m) not in norm(q.get("answer","")): bad(f"must_include not in answer: {m}")
        for s in q.get("sources", []):
            d = s.get("doc")
            if d not in docs:
                p = CORPUS / str(d)
                docs[d] = ws(p.read_text(encoding="utf-8")) if p.exists() else None
            if docs[d] is None: bad(f"no doc {d}")
            elif ws(s.get("quote","")) not in docs[d]: bad(f"quote not verbatim in {d}: {s.get('quote','')[:60]}")
    print(f"{path}: {len(ids)} items, {errs} errors"); return errs
if __name__ == "__main__":
    sys.exit(1 if sum(main(p) for p in (sys.argv[1:] or ["own_all.jsonl"])) else 0)
