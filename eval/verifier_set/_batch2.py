from _lib import add
D = "external_docs/food_waste_reply.txt"
F, U = "faithful", "unfaithful"
add("g05", D, ["The Government announced in May 2025 that the Waste Disposal (Charging for Municipal Solid Waste) (Amendment) Ordinance 2021 would not be implemented as scheduled, and the relevant legislation was subsequently withdrawn. The Government will not introduce MSW charging for households in the near term. Instead, it will focus on enhancing recycling facilities and promoting waste reduction at source. The Government aims to reduce the per capita MSW disposal rate by 40 to 45 per cent and to raise the recovery rate to about 55 per cent by 2035, as set out in the Waste Blueprint for Hong Kong 2035 published in February 2021."], [
 (F, "paraphrase", "In May 2025 the Government said the 2021 amendment ordinance on charging for municipal solid waste would not take effect on schedule, and the legislation was later withdrawn.", "reworded"),
 (F, "hedged", "Under the Waste Blueprint for Hong Kong 2035, the Government aims to cut per capita MSW disposal by 40-45% and lift the recovery rate to around 55% by 2035.", "keeps 'aims'; per cent -> %"),
 (F, "summary", "Rather than bringing in household waste charging in the near term, the Government will concentrate on better recycling facilities and cutting waste at source.", "compresses sentences 2-3"),
 (F, "chinese", "政府的目標是在2035年或之前把人均都市固體廢物棄置量減少40%至45%，並把回收率提升至約55%。", "faithful Chinese rendering of targets"),
 (U, "date", "The Waste Blueprint for Hong Kong 2035 was published in May 2025.", "February 2021 -> May 2025 (date appears elsewhere in passage)"),
 (U, "number", "The Government aims to raise the recovery rate to about 45 per cent by 2035.", "55 -> 45 (45 appears elsewhere in passage)"),
 (U, "negation", "The Government announced in May 2025 that the MSW charging amendment ordinance would be implemented as scheduled.", "'would not be implemented' negated"),
 (U, "modality", "The Government has already reduced the per capita MSW disposal rate by 40 to 45 per cent.", "target stated as achieved"),
 (U, "predicate", "Following the May 2025 announcement, the waste charging legislation was subsequently amended.", "withdrawn -> amended"),
])
add("g06", D, ["To support these targets, the EPD plans to increase the number of GREEN@COMMUNITY recycling points from about 11 400 at present to about 12 000 by mid-2026. The EPD will also launch a $100 million Recycling Fund top-up in the first quarter of 2026 to support small and medium-sized recyclers. Since its establishment in October 2015, the Recycling Fund has approved about 3 100 applications involving a total of about $1.2 billion. The EPD has not set a specific timetable for reintroducing waste charging, but it will keep the matter under review in light of public acceptance and the progress of recycling facilities."], [
 (F, "paraphrase", "The Recycling Fund, set up in October 2015, has given the go-ahead to around 3,100 applications worth some $1.2bn in total.", "$1.2 billion -> $1.2bn; approved -> given the go-ahead"),
 (F, "hedged", "The EPD plans to expand GREEN@COMMUNITY recycling points to roughly 12,000 by mid-2026, up from about 11,400 now.", "keeps 'plans'"),
 (F, "subset", "A $100 million Recycling Fund top-up aimed at small and medium-sized recyclers is to be launched in the first quarter of 2026.", "single fact"),
 (F, "paraphrase", "No fixed timetable exists for bringing back waste charging, though the EPD will keep it under review having regard to public acceptance and how recycling facilities progress.", "reworded, keeps negation"),
 (U, "number", "The Recycling Fund has approved about 3 100 applications involving a total of about $100 million.", "$1.2 billion -> $100 million (figure appears elsewhere in passage)"),
 (U, "date", "The Recycling Fund was established in October 2016.", "2015 -> 2016"),
 (U, "entity", "The EPD will launch a $100 million top-up of the Environment and Conservation Fund in the first quarter of 2026 to support small and medium-sized recyclers.", "Recycling Fund -> Environment and Conservation Fund"),
 (U, "modality", "The EPD has increased the number of GREEN@COMMUNITY recycling points to about 12 000.", "plan stated as completed"),
 (U, "outside_fact", "Under the Recycling Fund top-up, each eligible small or medium-sized recycler can receive up to $500,000.", "per-recycler cap not stated"),
])
add("g07", D, ["The EPD has also installed about 800 food waste smart recycling bins in public rental housing estates managed by the Housing Department. The EPD expects the daily quantity of food waste collected to exceed 400 tonnes by end-2026.",
 "The second facility, O·PARK2 in Sha Ling, North District, commenced operation in March 2024 with a design capacity of 300 tonnes per day, and it is expected to reach full capacity in the second half of 2026."], [
 (F, "combination", "By end-2026 the EPD expects daily food waste collection to top 400 tonnes, and O·PARK2 in Sha Ling is expected to hit full capacity during the second half of that year.", "facts from both passages, modality kept"),
 (F, "combination", "The EPD has put about 800 smart food waste bins in Housing Department PRH estates, while O·PARK2, which opened in March 2024, is designed to treat 300 tonnes a day.", "facts from both passages"),
 (F, "combination", "Two milestones are expected in 2026: daily food waste collection passing 400 tonnes and O·PARK2 reaching full capacity.", "combines two expectations"),
 (F, "hedged", "Daily food waste collection is expected to go beyond 400 tonnes by the end of 2026.", "keeps 'expects'"),
 (F, "chinese", "環保署已在房屋署管理的公共租住屋邨安裝約800個智能廚餘回收桶。", "faithful Chinese rendering"),
 (U, "number", "The EPD expects the daily quantity of food waste collected to exceed 300 tonnes by end-2026.", "400 -> 300 (300 appears in second passage)"),
 (U, "entity", "About 800 food waste smart recycling bins have been installed in public rental housing estates managed by the Hong Kong Housing Society.", "Housing Department -> Hong Kong Housing Society"),
 (U, "addition", "The EPD has installed about 800 smart food waste bins in PRH estates, and all the food waste they collect is delivered to O·PARK2 for treatment.", "delivery clause invented"),
 (U, "chinese_error", "位於北區沙嶺的O·PARK2於2024年3月已達到每日300公噸的全面處理量。", "says full capacity reached in March 2024; it only commenced operation then"),
])
