from _lib import add, load, OUT
import json
D1 = "external_docs/food_waste_reply.txt"
D2 = "external_docs/light_public_housing_paper.txt"
F, U = "faithful", "unfaithful"
add("g17", D1, ["The EPD also operates a food waste collection trial at 12 public markets managed by the Food and Environmental Hygiene Department (FEHD), which collects about 15 tonnes of food waste per day. The FEHD and the EPD will extend the trial to another eight markets in Tsuen Wan and Sham Shui Po by mid-2026.",
 "In parallel, the EPD plans to launch a pilot scheme on food waste collection at 20 private housing estates in Sha Tin and Tai Po in April 2026, with a target of collecting an additional 30 tonnes of food waste per day. Participating estates will not be required to pay for the collection service."], [
 (F, "combination", "By mid-2026 the market trial is to expand to eight more markets in Tsuen Wan and Sham Shui Po, and a pilot at 20 private estates in Sha Tin and Tai Po is planned for April 2026.", "facts from both passages; plan modality kept"),
 (F, "combination", "The public market trial collects around 15 tonnes of food waste daily, while the planned private estate pilot aims to gather an extra 30 tonnes a day.", "facts from both passages"),
 (F, "combination", "The FEHD-managed market trial currently runs at 12 markets, and the EPD's planned private estate pilot would cover 20 estates.", "facts from both passages"),
 (F, "paraphrase", "Estates joining the pilot will get the food waste collection service free of charge.", "reworded negation"),
 (F, "hedged", "The EPD intends to start a food waste collection pilot at 20 private estates in Sha Tin and Tai Po in April 2026.", "keeps 'plans'"),
 (F, "subset", "The food waste collection trial at public markets currently covers 12 markets under the FEHD.", "single fact"),
 (U, "predicate", "The FEHD and the EPD will end the food waste collection trial at eight markets in Tsuen Wan and Sham Shui Po by mid-2026.", "extend to -> end at"),
 (U, "place", "The EPD plans to launch a food waste collection pilot at 20 private housing estates in Sha Tin and Tsuen Wan in April 2026.", "Tai Po -> Tsuen Wan (Tsuen Wan appears in other passage)"),
 (U, "addition", "Estates joining the private estate pilot will not pay for the collection service, and each will receive a one-off $50,000 subsidy for bin installation.", "subsidy clause invented"),
 (U, "predicate", "The public market trial treats about 15 tonnes of food waste on site each day.", "collects -> treats on site"),
])
add("g18", D2, ["The HB conducts a review of the tenancy of each LPH household every two years, and tenants who are allocated a PRH unit must move out of their LPH unit within three months."], [
 (F, "paraphrase", "Each LPH household's tenancy is looked at again by the HB once every two years.", "reworded"),
 (F, "paraphrase", "LPH tenants who are allocated a PRH flat have a three-month window to vacate their LPH unit.", "reworded"),
 (F, "summary", "LPH tenancies are reviewed biennially, and tenants who get PRH must leave within three months.", "compresses both clauses"),
 (F, "paraphrase", "Being allocated public rental housing means an LPH tenant must give up the LPH flat within a quarter of a year.", "three months -> a quarter of a year"),
 (U, "number", "Tenants who are allocated a PRH unit must move out of their LPH unit within two months.", "three -> two (two appears elsewhere in passage)"),
 (U, "predicate", "The HB renews the tenancy of each LPH household every two years.", "reviews -> renews"),
])
# extra faithful items appended to existing groups g08 and g15 (same passages)
rows = load()
extra = {
 "g08": [(F, "summary", "The LPH programme, announced in 2022 and backed by about $26.4 billion approved in June 2023, is coordinated by a dedicated section in the Housing Bureau.", "compresses three sentences")],
 "g15": [(F, "subset", "The 12 transitional housing projects reviewed by the HB have land leases that expire in 2026.", "single fact")],
}
if not any(r["claim"] == extra["g08"][0][2] for r in rows):
    n = len(rows)
    with open(OUT, "a", encoding="utf-8") as f:
        for g, its in extra.items():
            base = next(r for r in rows if r["group"] == g)
            for label, kind, claim, note in its:
                n += 1
                rec = {"id": f"x{n:04d}", "claim": claim, "passages": base["passages"], "label": label,
                       "kind": kind, "doc": base["doc"], "group": g, "note": note}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("extras added; total", n)
