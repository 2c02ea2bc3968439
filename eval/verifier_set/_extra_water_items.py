"""Items of the extra family against the self-written water-supply paper (split out of _batch_extra.py by size)."""


def add(group, WS, F, U):  # noqa: N803 - the builder's own names
    """Register the water-supply groups with the builder's ``group``."""
    # ---------------------------------------------------------------------------------------------
    # Self-written paper: water supply (external_docs/water_supply_paper.txt)
    # ---------------------------------------------------------------------------------------------
    W2 = "In 2024, the total fresh water consumption in Hong Kong was about 1 010 million cubic metres (Mm3), of which about 70 per cent was imported from Dongjiang in Guangdong and about 25 per cent came from rainwater collected in local reservoirs. Under the current Dongjiang water supply agreement covering 2024 to 2026, the annual supply ceiling is 820 Mm3. Since 2006, the agreement has adopted a lump sum approach, under which Hong Kong pays a fixed annual sum irrespective of the quantity actually supplied; the sum for 2025 is about $5.1 billion."
    W3 = "The Total Water Management Strategy was first promulgated in 2008 and updated in 2019. The updated strategy aims to contain the growth of fresh water demand and to build up a buffer of water resources that are not affected by rainfall, such as desalinated water and reclaimed water. The Development Bureau (DEVB) oversees the strategy, and the WSD implements it."
    W4 = "The first stage of the Tseung Kwan O Desalination Plant, located at Area 137 in Tseung Kwan O, commenced operation in December 2023 with a daily output capacity of 135 000 cubic metres, which can meet about 5 per cent of the territory's fresh water demand. The plant adopts reverse osmosis technology and was built under a design-build-operate contract awarded in 2019 at a cost of about $9.5 billion. In its first year of operation, the plant produced an average of about 92 000 cubic metres of fresh water per day, as its output was adjusted according to reservoir storage levels."
    W5 = "The energy consumption of the plant is about 3.8 kilowatt-hours per cubic metre of water produced. To offset part of its electricity use, the WSD installed solar panels with a total capacity of 1.1 megawatts on the roofs of the plant in 2024, and is studying the purchase of renewable energy certificates. Monitoring by the Environmental Protection Department (EPD) has found no exceedance of the water quality objectives near the brine outfall since commissioning."
    W6 = "The WSD has reserved land at the site for a second stage, which would double the daily output capacity to 270 000 cubic metres. The WSD completed a review in June 2025 and considered that, in view of the current reservoir storage and the supply from Dongjiang, there is no immediate need to proceed with the second stage. The WSD will reassess the need in 2027, taking into account the latest demand forecast, and no funding for the second stage has been sought so far."
    W7 = "Since end-2022, the WSD has been supplying reclaimed water produced at the Shek Wu Hui Effluent Polishing Plant for toilet flushing in Sheung Shui and Fanling. The first stage of the plant currently provides about 10 000 cubic metres of reclaimed water per day, and the supply will increase to about 70 000 cubic metres per day upon completion of the later stages, which are expected to be completed by 2028. The Drainage Services Department (DSD) builds and operates the effluent polishing plant, while the WSD distributes the reclaimed water to consumers."
    W8 = "The WSD plans to extend the supply of reclaimed water to the new development areas of Kwu Tung North and Fanling North from 2026 onwards. Reclaimed water is not used for drinking purposes, and it is supplied to consumers at the same tariff as fresh water for flushing. Separately, the DSD has been providing reclaimed water from the Sha Tin Sewage Treatment Works for landscape irrigation on a trial basis since March 2025, with a capacity of about 2 000 cubic metres per day."
    W9 = "The WSD has been implementing the Water Intelligent Network (WIN) since 2017 to monitor the water supply network. As at end-June 2025, about 2 400 district metering areas had been set up under WIN, covering about 95 per cent of the network, and the remaining areas are expected to be set up by end-2026. Following the completion in 2015 of a programme to replace and rehabilitate about 3 000 kilometres of aged water mains, the number of water main bursts fell from about 2 500 in 2000-01 to fewer than 60 in 2024-25."
    W10 = "The leakage rate of government water mains was about 13 per cent in 2024, compared with about 15 per cent in 2019, and the WSD aims to reduce it to below 10 per cent by 2030. Leakage from private mains in housing estates remains a concern. The WSD has issued advisory letters to about 1 300 private housing estates since 2021, but it does not have the power to require private owners to replace their internal water mains."
    W11 = "Per capita domestic water consumption was about 135 litres per day in 2024, which is higher than the international average of about 110 litres. The WSD aims to reduce it to 120 litres by 2030 through the Water Efficiency Labelling Scheme and public education. Participation in the Scheme has been mandatory for showers and water taps installed in new buildings since April 2023, but remains voluntary for washing machines and urinal equipment."
    W12 = "Water tariffs have not been adjusted since 1995, and the current tariff revenue covers only about 70 per cent of the operating cost of water supply services. The Government has no plan to revise water tariffs in 2026, but the DEVB will review the tariff structure, including the free allowance of 12 cubic metres every four months for domestic accounts, within the next two years."
    W13 = "The WSD will publish an updated water demand forecast in the first half of 2026 and will consult the Panel before deciding on the second stage of the desalination plant. The Government also plans to seek funding approval from the Finance Committee in 2026 for extending the reclaimed water supply network in the North District, at an estimated cost of about $2.3 billion."

    group("W2", WS, [W2], [
        (F, "paraphrase", "Roughly seven-tenths of the approximately 1,010 million m3 of fresh water Hong Kong used in 2024 came from Dongjiang, and about a quarter from rain collected in local reservoirs.",
         "70 per cent -> seven-tenths, 25 per cent -> a quarter, 1 010 -> 1,010; reworded"),
        (F, "chinese", "根據現行涵蓋2024至2026年的東江供水協議，每年供水上限為8.2億立方米。",
         "faithful Traditional Chinese; 820 Mm3 -> 8.2億立方米"),
        (U, "swap", "In 2024, about 25 per cent of Hong Kong's fresh water was imported from Dongjiang and about 70 per cent came from local reservoirs.",
         "Dongjiang and local-yield shares swapped"),
        (U, "negation", "Under the Dongjiang agreement, Hong Kong pays only for the quantity of water actually supplied.",
         "passage: fixed sum irrespective of the quantity supplied"),
        (U, "date", "Since 2024, the Dongjiang water supply agreement has adopted a lump sum approach.",
         "2006 -> 2024 (2024 appears elsewhere in the passage)"),
        (U, "outside_fact", "Dongjiang water is delivered to Hong Kong through a dedicated aqueduct from Shenzhen Reservoir.",
         "delivery route not stated in the passage"),
    ])
    group("W3", WS, [W3], [
        (F, "summary", "First issued in 2008 and revised in 2019, the Total Water Management Strategy seeks to curb growth in fresh water demand and to build a rainfall-independent reserve such as desalinated and reclaimed water.",
         "compresses sentences 1 and 2"),
        (U, "predicate", "The Total Water Management Strategy was first promulgated in 2008 and withdrawn in 2019.",
         "updated -> withdrawn"),
    ])
    group("W4", WS, [W4], [
        (F, "paraphrase", "Running since December 2023, the first stage of the desalination plant at Area 137 can turn out 135,000 m3 a day, enough for roughly one-twentieth of Hong Kong's fresh water demand.",
         "5 per cent -> one-twentieth; 135 000 cubic metres -> 135,000 m3; reworded"),
        (F, "subset", "The Tseung Kwan O plant uses reverse osmosis to produce fresh water.",
         "single fact"),
        (F, "chinese", "將軍澳海水化淡廠第一階段於2023年12月投產，每日產水量為13.5萬立方米。",
         "faithful Traditional Chinese; 135 000 -> 13.5萬"),
        (U, "number", "In its first year of operation, the desalination plant produced an average of about 135 000 cubic metres of fresh water per day.",
         "92 000 -> 135 000 (the capacity figure elsewhere in the passage)"),
        (U, "outside_fact", "The Tseung Kwan O Desalination Plant draws seawater from Joss House Bay through an intake tunnel.",
         "intake not mentioned in the passage"),
    ])
    group("W5", WS, [W5], [
        (F, "hedged", "Having put 1.1 MW of solar panels on the plant's roofs in 2024, the WSD is now looking into buying renewable energy certificates.",
         "keeps 'is studying'"),
        (U, "modality", "The WSD has purchased renewable energy certificates to offset part of the plant's electricity use.",
         "'is studying the purchase' stated as done"),
        (U, "entity", "Monitoring by the WSD has found no exceedance of the water quality objectives near the brine outfall.",
         "EPD -> WSD (WSD appears elsewhere in the passage)"),
    ])
    group("W6", WS, [W6], [
        (F, "hedged", "A second stage on land already reserved at the site would lift daily output capacity to 270,000 m3, but the WSD concluded in June 2025 that it is not needed for now.",
         "keeps 'would'; reworded"),
        (U, "addition", "The WSD's June 2025 review found no immediate need for the second stage, which would cost about $8 billion.",
         "true first part plus invented cost"),
        (U, "negation", "The WSD has already sought funding for the second stage.",
         "passage: no funding has been sought so far"),
    ])
    group("W4+W6", WS, [W4, W6], [
        (F, "combination", "The plant's first stage at Area 137 can produce 135,000 m3 a day, and a second stage would double that to 270,000 m3.",
         "capacity from one passage, second-stage capacity from the other"),
    ])
    group("W7", WS, [W7], [
        (F, "paraphrase", "Reclaimed water from the Shek Wu Hui Effluent Polishing Plant has been used for flushing toilets in Sheung Shui and Fanling since the end of 2022.",
         "reworded, reordered"),
        (F, "hedged", "Supply from the plant, about 10,000 m3 a day at present, is due to rise to around 70,000 m3 once its later stages are finished, which is expected by 2028.",
         "keeps 'expected'; number formats changed"),
        (U, "swap", "The WSD builds and operates the Shek Wu Hui Effluent Polishing Plant, while the DSD distributes the reclaimed water to consumers.",
         "roles of DSD and WSD swapped"),
        (U, "modality", "The Shek Wu Hui Effluent Polishing Plant now supplies about 70 000 cubic metres of reclaimed water per day.",
         "future capacity after later stages stated as current supply"),
        (U, "place", "Since end-2022, reclaimed water from the Shek Wu Hui Effluent Polishing Plant has been supplied for toilet flushing in Sheung Shui and Tai Po.",
         "Fanling -> Tai Po"),
        (U, "chinese_error", "自2022年底起，水務署一直把石湖墟淨化污水廠生產的再造水供應予上水及粉嶺作飲用。",
         "predicate: toilet flushing -> drinking"),
    ])
    group("W8", WS, [W8], [
        (F, "subset", "Reclaimed water is not meant for drinking.",
         "single fact, reworded"),
        (F, "paraphrase", "Consumers pay the same price for reclaimed water as they do for fresh water used in flushing.",
         "tariff -> price; reworded"),
        (U, "entity", "Separately, the WSD has been supplying reclaimed water from the Sha Tin Sewage Treatment Works for landscape irrigation on a trial basis since March 2025.",
         "DSD -> WSD (WSD appears elsewhere in the passage)"),
        (U, "place", "Since March 2025, reclaimed water from the Tai Po Sewage Treatment Works has been supplied for landscape irrigation on a trial basis.",
         "Sha Tin -> Tai Po"),
        (U, "addition", "Reclaimed water is supplied at the same tariff as fresh water for flushing, and it is also used for cooling at the Kai Tak District Cooling System.",
         "true first part plus invented use"),
    ])
    group("W7+W8", WS, [W7, W8], [
        (F, "combination", "Reclaimed water comes from both the Shek Wu Hui Effluent Polishing Plant, for toilet flushing, and the Sha Tin Sewage Treatment Works, where it is used for landscape irrigation on a trial basis.",
         "one fact from each passage"),
    ])
    group("W9", WS, [W9], [
        (F, "hedged", "By end-June 2025, WIN had some 2,400 district metering areas covering about 95% of the network, and the remainder are expected to be in place by end-2026.",
         "keeps 'expected'; number formats changed"),
        (F, "summary", "The WSD has used WIN to monitor its network since 2017, and after a programme completed in 2015 replaced or rehabilitated some 3,000 km of old mains, bursts fell from about 2,500 in 2000-01 to under 60 in 2024-25.",
         "compresses sentences 1 and 3; fewer than 60 -> under 60"),
        (U, "number", "As at end-June 2025, about 3 000 district metering areas had been set up under WIN.",
         "2 400 -> 3 000 (3 000 appears elsewhere in the passage)"),
        (U, "date", "The WSD has been implementing the Water Intelligent Network since 2015.",
         "2017 -> 2015 (2015 appears elsewhere in the passage)"),
    ])
    group("W10", WS, [W10], [
        (F, "paraphrase", "Leakage from government mains fell from roughly 15% in 2019 to around 13% in 2024, and the WSD's target is to get it under 10% by 2030.",
         "reordered; per cent -> %"),
        (F, "chinese", "水務署自2021年起已向約1 300個私人屋苑發出勸喻信，但無權要求私人業主更換內部水管。",
         "faithful Traditional Chinese of the last sentence"),
    ])
    group("W9+W10", WS, [W9, W10], [
        (F, "combination", "WIN covered about 95 per cent of the supply network by end-June 2025, and leakage from government mains was about 13 per cent in 2024.",
         "one fact from each passage"),
    ])
    group("W11", WS, [W11], [
        (F, "paraphrase", "At about 135 litres a day in 2024, per capita domestic water use was above the international average of around 110 litres.",
         "reworded"),
        (F, "hedged", "The WSD hopes to bring per capita domestic use down to 120 litres by 2030 through the labelling scheme and public education.",
         "aims -> hopes; keeps target"),
        (U, "negation", "Participation in the Water Efficiency Labelling Scheme is no longer voluntary for washing machines.",
         "passage: remains voluntary for washing machines"),
        (U, "swap", "Participation in the Scheme has been mandatory for washing machines and urinal equipment since April 2023, but remains voluntary for showers and water taps.",
         "mandatory and voluntary product groups swapped"),
    ])
    group("W12", WS, [W12], [
        (F, "paraphrase", "Tariff income now pays for only around seven-tenths of the cost of running water supply services, and tariffs have stayed unchanged since 1995.",
         "70 per cent -> seven-tenths; reordered"),
        (U, "predicate", "The DEVB will abolish the free allowance of 12 cubic metres every four months for domestic accounts within the next two years.",
         "review -> abolish"),
        (U, "chinese_error", "水費自1995年起未有調整，現時水費收入只能應付供水服務營運成本約七成；政府計劃於2026年調整水費。",
         "negation: no plan to revise in 2026 -> plans to revise"),
    ])
    group("W13", WS, [W13], [
        (F, "hedged", "The WSD intends to put out a new water demand forecast in the first half of 2026 and will consult the Panel before any decision on the desalination plant's second stage.",
         "keeps future 'will'; reworded"),
        (F, "chinese", "政府亦計劃於2026年向財務委員會申請撥款，擴展北區的再造水供水網絡，估計費用約23億元。",
         "faithful Traditional Chinese; $2.3 billion -> 23億元"),
        (U, "modality", "The Finance Committee approved about $2.3 billion in 2026 for extending the reclaimed water supply network in the North District.",
         "'plans to seek funding approval' stated as approved"),
        (U, "place", "The Government plans to seek funding in 2026 for extending the reclaimed water supply network in the Sai Kung District.",
         "North District -> Sai Kung District"),
    ])
    group("W6+W13", WS, [W6, W13], [
        (F, "combination", "In June 2025 the WSD found no immediate need for the second stage, and it will consult the Panel before deciding on it.",
         "one fact from each passage"),
    ])


