from _lib import add
D = "external_docs/light_public_housing_paper.txt"
F, U = "faithful", "unfaithful"
add("g08", D, ["The Chief Executive announced in the 2022 Policy Address that the Government would build about 30 000 LPH units in the coming five years on government and private land that is idle in the short to medium term. The Legislative Council Finance Committee approved a funding of about $26.4 billion for the LPH projects in June 2023. The Housing Bureau (HB) has set up a dedicated Light Public Housing Section to coordinate the construction and operation of the projects."], [
 (F, "paraphrase", "In his 2022 Policy Address the Chief Executive pledged some 30,000 Light Public Housing flats within five years, built on public and private sites left idle for the short to medium term.", "reworded; 30 000 -> 30,000"),
 (F, "paraphrase", "LegCo's Finance Committee gave the green light in June 2023 to roughly $26.4bn for Light Public Housing.", "approved -> gave the green light; $26.4 billion -> $26.4bn"),
 (F, "subset", "A dedicated Light Public Housing Section within the Housing Bureau coordinates how the projects are built and run.", "single fact"),
 (F, "chinese", "立法會財務委員會於2023年6月批准約264億元撥款，用於推行簡約公屋項目。", "faithful Chinese rendering; $26.4 billion = 264億元"),
 (U, "number", "The 2022 Policy Address announced that about 30 000 LPH units would be built in the coming three years.", "five years -> three years"),
 (U, "entity", "The Public Works Subcommittee of the Legislative Council approved about $26.4 billion for the LPH projects in June 2023.", "Finance Committee -> Public Works Subcommittee"),
 (U, "date", "The Finance Committee approved about $26.4 billion for the LPH projects in June 2022.", "2023 -> 2022 (2022 appears elsewhere in passage)"),
 (U, "outside_fact", "About half of the 30 000 LPH units are to be built on private land.", "split between public and private land not stated"),
])
add("g09", D, ["LPH aims to provide a transitional option for applicants who have waited for traditional public rental housing (PRH) for three years or more, so as to improve their living conditions before they are allocated PRH. LPH is not intended to replace PRH, and tenants who accept an LPH unit will not lose their position on the PRH waiting list."], [
 (F, "paraphrase", "Taking up an LPH flat does not cost a household its place in the queue for public rental housing.", "low-overlap rewording of second clause"),
 (F, "hedged", "LPH is meant to offer an interim option that improves living conditions for PRH applicants who have been waiting at least three years.", "keeps 'aims'"),
 (F, "subset", "LPH is not meant to be a substitute for traditional public rental housing.", "single fact, negation kept"),
 (F, "summary", "LPH is a stopgap rather than a replacement for PRH for those queuing three or more years, and accepting a unit leaves their PRH queue position intact.", "compresses both sentences"),
 (U, "number", "LPH aims to provide a transitional option for applicants who have waited for PRH for five years or more.", "three -> five"),
 (U, "negation", "Tenants who accept an LPH unit will lose their position on the PRH waiting list.", "'will not lose' negated"),
 (U, "addition", "LPH aims to provide a transitional option for PRH applicants who have waited three years or more, with priority given to families with elderly members.", "priority clause invented"),
 (U, "predicate", "LPH aims to provide a transitional option for households that have lived in traditional PRH for three years or more.", "waited for PRH -> lived in PRH"),
 (U, "outside_fact", "Applicants must pass a separate income and asset test before being offered an LPH unit.", "not stated in passage"),
])
add("g10", D, ["As at end-September 2025, the Government had confirmed eight LPH sites, providing a total of about 17 000 units. The first project, located at Yau Pok Road in Yuen Long, was completed in March 2025 and provides about 2 100 units. The second project, at Olympic Avenue in Kai Tak, was completed in June 2025 and provides about 1 600 units. Construction works at the remaining six sites, including Choi Hing Road in Kwun Tong and Tsing Fat Street in Tuen Mun, are in progress, and the Government expects all of them to be completed by end-2027."], [
 (F, "summary", "Of the eight confirmed LPH sites offering some 17,000 flats, two, at Yau Pok Road and Olympic Avenue, were finished in the first half of 2025.", "compresses; March and June 2025 -> first half of 2025"),
 (F, "paraphrase", "The first LPH development, at Yau Pok Road in Yuen Long, was finished in March 2025 and has roughly 2,100 flats.", "reworded"),
 (F, "hedged", "The Government expects works at the six remaining LPH sites, among them Choi Hing Road in Kwun Tong and Tsing Fat Street in Tuen Mun, to be finished by the end of 2027.", "keeps 'expects'"),
 (F, "paraphrase", "Kai Tak's Olympic Avenue LPH scheme, completed in June 2025, offers about 1,600 units.", "reworded"),
 (U, "swap", "The Yau Pok Road project provides about 1 600 units, while the Olympic Avenue project provides about 2 100 units.", "unit counts swapped between projects"),
 (U, "place", "The first LPH project, located at Yau Pok Road in Tuen Mun, was completed in March 2025.", "Yuen Long -> Tuen Mun (Tuen Mun appears elsewhere in passage)"),
 (U, "date", "The second LPH project, at Olympic Avenue in Kai Tak, was completed in March 2025.", "June -> March (March 2025 appears elsewhere in passage)"),
 (U, "predicate", "Construction at the remaining six LPH sites, including Choi Hing Road in Kwun Tong, has been completed.", "in progress -> completed"),
 (U, "number", "As at end-September 2025, the eight confirmed LPH sites provided a total of about 30 000 units.", "17 000 -> 30 000 (the overall target, not this figure)"),
])
add("g11", D, ["The rent of LPH units is set at 90 per cent of the rent of PRH units of the same size in the same district, subject to a minimum of $1,000 and a maximum of $2,500 per month. The first round of applications, launched in October 2024, received about 15 000 applications, and about 4 200 households have so far moved in. The HB expects the second round of applications to open in the first quarter of 2026."], [
 (F, "paraphrase", "LPH rents are pegged at nine-tenths of the rent for a same-sized PRH flat in the same district, with a monthly floor of $1,000 and a ceiling of $2,500.", "90 per cent -> nine-tenths"),
 (F, "subset", "Around 4,200 households have moved into LPH so far.", "single fact"),
 (F, "hedged", "The HB anticipates that the second LPH application round will open in the first quarter of 2026.", "keeps 'expects'"),
 (F, "summary", "The first round, opened in October 2024, drew some 15,000 applications, and roughly 4,200 households have since taken up residence.", "compresses sentence 2"),
 (U, "number", "The rent of LPH units is set at 80 per cent of the rent of PRH units of the same size in the same district.", "90 -> 80"),
 (U, "swap", "The first round of LPH applications received about 4 200 applications, and about 15 000 households have so far moved in.", "application and move-in figures swapped"),
 (U, "date", "The first round of LPH applications was launched in October 2025.", "2024 -> 2025"),
 (U, "modality", "The HB is still considering whether to hold a second round of LPH applications.", "firm expectation understated as undecided"),
 (U, "entity", "The rent of LPH units is set at 90 per cent of the rent of Housing Society rental flats of the same size in the same district.", "PRH units -> Housing Society rental flats"),
])
