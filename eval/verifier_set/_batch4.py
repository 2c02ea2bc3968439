from _lib import add
D = "external_docs/light_public_housing_paper.txt"
F, U = "faithful", "unfaithful"
add("g12", D, ["The HB has engaged non-governmental organisations (NGOs) as operators of the LPH projects. Operators are required to provide community services, such as employment support and after-school care, with a view to helping tenants integrate into the community. The HB does not require tenants to pay any management fee in addition to the rent. Each LPH project is provided with ancillary facilities such as retail shops, a children's play area and a self-study room, and the Yau Pok Road project also includes a public transport interchange serving six bus and minibus routes."], [
 (F, "paraphrase", "Apart from rent, LPH tenants pay no management fee.", "reworded negation"),
 (F, "subset", "Non-governmental organisations have been appointed by the HB to run the LPH projects.", "single fact"),
 (F, "summary", "NGO operators must offer services like job support and after-school care, and every LPH project comes with shops, a children's play area and a study room.", "compresses sentences 2 and 4"),
 (F, "paraphrase", "A public transport interchange served by six bus and minibus routes forms part of the Yau Pok Road LPH project.", "reworded"),
 (U, "negation", "LPH tenants are required to pay a management fee on top of their rent.", "'does not require' negated"),
 (U, "place", "The Olympic Avenue LPH project includes a public transport interchange serving six bus and minibus routes.", "Yau Pok Road -> Olympic Avenue"),
 (U, "number", "The Yau Pok Road LPH project includes a public transport interchange serving eight bus and minibus routes.", "six -> eight"),
 (U, "chinese_error", "簡約公屋營運機構須提供就業支援及課餘託管等社區服務，而租戶除租金外亦須繳交管理費。", "Chinese: says tenants must pay management fee; passage says they need not"),
 (U, "outside_fact", "Operators of the LPH projects are selected through open tender for a three-year term.", "selection method not stated"),
])
add("g13", D, ["The Government set a target in 2020 to provide 20 000 transitional housing units, and this target was achieved in the fourth quarter of 2024. Of the 20 000 units, about 14 500 are located in the New Territories, about 3 800 in Kowloon and about 1 700 on Hong Kong Island. The Funding Scheme to Support Transitional Housing Projects by Non-government Organisations, administered by the HB, has approved a total of about $11.6 billion for 54 projects."], [
 (F, "paraphrase", "The 20,000-unit transitional housing goal, set in 2020, was met in Q4 2024.", "reworded; fourth quarter -> Q4"),
 (F, "summary", "Most of the 20,000 transitional housing units, about 14,500, are in the New Territories, with the rest split between Kowloon (about 3,800) and Hong Kong Island (about 1,700).", "compresses distribution"),
 (F, "paraphrase", "Some $11.6bn has been approved for 54 projects under the HB-run scheme that funds NGO transitional housing projects.", "reworded; $11.6 billion -> $11.6bn"),
 (F, "subset", "About 1,700 transitional housing units are on Hong Kong Island.", "single fact"),
 (U, "swap", "Of the 20 000 transitional housing units, about 3 800 are on Hong Kong Island and about 1 700 in Kowloon.", "Kowloon and HK Island counts swapped"),
 (U, "date", "The 20 000-unit transitional housing target was achieved in the fourth quarter of 2020.", "2024 -> 2020 (2020 appears elsewhere in passage)"),
 (U, "number", "The NGO transitional housing funding scheme has approved a total of about $11.6 billion for 45 projects.", "54 -> 45"),
 (U, "modality", "The Government expects to achieve its 20 000-unit transitional housing target in the fourth quarter of 2024.", "achieved target stated as only expected"),
 (U, "chinese_error", "政府於2020年訂下提供20 000個過渡性房屋單位的目標，並已於2024年第三季達標。", "Chinese: fourth quarter -> third quarter"),
])
add("g14", D, ["As at end-September 2025, about 18 300 transitional housing units were occupied, representing an occupancy rate of about 92 per cent. The average waiting time for transitional housing is about four months, compared with about six months in 2023. Some transitional housing projects built on short-term land will be returned for permanent development between 2026 and 2029, and the HB will assist the affected households in moving to other transitional housing or LPH units."], [
 (F, "paraphrase", "Roughly 18,300 transitional flats were occupied at end-September 2025, an occupancy level of around 92%.", "reworded"),
 (F, "paraphrase", "People now wait about four months on average for transitional housing, down from roughly six months in 2023.", "reworded"),
 (F, "subset", "Households affected when short-term transitional housing sites are handed back will get help from the HB to move to other transitional housing or LPH.", "single fact"),
 (F, "paraphrase", "From 2026 to 2029, some transitional housing schemes on short-term sites will be given back so the land can be developed permanently.", "reworded"),
 (U, "number", "The average waiting time for transitional housing is about six months.", "four -> six (six appears elsewhere in passage)"),
 (U, "date", "Some transitional housing projects on short-term land will be returned for permanent development between 2026 and 2028.", "2029 -> 2028"),
 (U, "predicate", "Some transitional housing projects on short-term land will be converted into LPH between 2026 and 2029.", "returned for permanent development -> converted into LPH"),
 (U, "addition", "About 18 300 transitional housing units were occupied at end-September 2025, the highest occupancy since the initiative began.", "'highest since inception' invented"),
 (U, "outside_fact", "The HB will give affected households at least six months' notice before a transitional housing project is returned.", "notice period not stated"),
])
add("g15", D, ["The Government does not plan to build new transitional housing projects beyond the 20 000-unit target. Instead, the HB will consider extending the tenancy of existing projects where the relevant land is not required for other uses in the short term. The HB has completed a review of 12 projects whose land leases will expire in 2026, and has decided to extend seven of them by up to three years."], [
 (F, "paraphrase", "No new transitional housing projects are planned beyond the 20,000-unit target.", "reworded negation"),
 (F, "hedged", "Where the land is not needed for other purposes in the short term, the HB will consider letting existing transitional housing projects run longer.", "keeps 'consider'"),
 (F, "summary", "Having reviewed 12 projects whose land leases run out in 2026, the HB has chosen to extend seven for a maximum of three years.", "compresses review and decision"),
 (U, "number", "The HB has decided to extend three of the 12 reviewed transitional housing projects by up to three years.", "seven -> three (three appears elsewhere in passage)"),
 (U, "negation", "The Government plans to build new transitional housing projects beyond the 20 000-unit target.", "'does not plan' negated"),
 (U, "modality", "The HB will extend the tenancy of all existing transitional housing projects whose land is not required for other uses in the short term.", "'will consider' overstated"),
 (U, "entity", "The Lands Department has completed a review of 12 transitional housing projects whose land leases will expire in 2026.", "HB -> Lands Department"),
 (U, "chinese_error", "房屋局已完成檢討12個土地租約於2026年屆滿的項目，並決定把其中七個延期最多五年。", "Chinese: up to three years -> up to five years"),
])
add("g16", D, ["The HB will continue to monitor the take-up of LPH and transitional housing. It plans to conduct a tenant satisfaction survey in mid-2026 covering about 3 000 households, and will report the findings to the Panel in the fourth quarter of 2026. The Government aims to reduce the average waiting time for traditional PRH from about 5.3 years at present to about 4.5 years by 2026-27. The HB will also review, by end-2026, whether any LPH sites could be retained beyond their original five-year operation period.",
 "The HB adopts Modular Integrated Construction (MiC) for all LPH projects. Compared with conventional construction methods, MiC can shorten the construction period by about 30 per cent. The average construction cost per unit is about $550,000, which is lower than the original estimate of $600,000."], [
 (F, "combination", "All LPH projects are built with MiC, and by end-2026 the HB will review whether any LPH sites might stay in use beyond their original five-year period.", "facts from both passages"),
 (F, "combination", "The HB plans a tenant satisfaction survey of some 3,000 households in mid-2026, and its LPH projects cost an average of around $550,000 per unit to build.", "facts from both passages"),
 (F, "combination", "MiC cuts construction time by roughly 30 per cent, and the HB will report its tenant survey findings to the Panel in Q4 2026.", "facts from both passages"),
 (F, "combination", "Using MiC shortens LPH construction by about 30 per cent, while the Government aims to bring the average PRH wait down to about 4.5 years by 2026-27.", "facts from both passages; modality kept"),
 (F, "hedged", "The Government aims to bring the average PRH waiting time down from about 5.3 years to about 4.5 years by 2026-27.", "keeps 'aims'"),
 (F, "paraphrase", "At roughly $550,000, the average per-unit building cost of LPH came in below the original $600,000 estimate.", "reworded"),
 (U, "number", "The average construction cost per LPH unit is about $600,000.", "$550,000 -> $600,000 (the original estimate in the same passage)"),
 (U, "date", "The HB will report the tenant satisfaction survey findings to the Panel in mid-2026.", "fourth quarter of 2026 -> mid-2026 (mid-2026 appears elsewhere in passage)"),
 (U, "modality", "The Government will retain some LPH sites beyond their original five-year operation period.", "'review whether' overstated as decision"),
 (U, "addition", "The HB adopts MiC for all LPH projects, with the modules manufactured in the Greater Bay Area.", "manufacturing location invented"),
])
