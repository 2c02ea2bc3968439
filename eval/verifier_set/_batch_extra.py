"""Build extra_all.jsonl: new verifier items (ids x1001...).

Two sources:
  * passages of the five bundled papers (/work/shared/corpus/) that are NOT used as passages in
    corpus_all.jsonl (checked below: no new passage shares an 8-word run with an existing passage of
    the same paper, and no two new passages of one document overlap);
  * the self-written paper external_docs/water_supply_paper.txt.

Every passage is a verbatim (whitespace-normalised) excerpt of its source; the script asserts it.
Each item: (label, kind, claim, note). Run:  python3 _batch_extra.py
"""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = Path("/work/shared/corpus")
OUT = HERE / "extra_all.jsonl"
F, U = "faithful", "unfaithful"

BR = "2024-04-08_legco-brief_digital-infrastructure-ai-ecosystem.txt"
PR = "2025-01_progress-report_ai-plus-strategy-motion.txt"
Q20 = "2025-03-19_legco-q20_development-of-ai.txt"
Q13 = "2025-03-26_legco-q13_international-innotech-centre.txt"
NW = "2025-10-15_news_hk-ai-policies-ai-plus.txt"
WS = "external_docs/water_supply_paper.txt"

GROUPS = []  # (group, doc, passages, items)


def group(name, doc, passages, items):
    GROUPS.append((name, doc, passages, items))


# ---------------------------------------------------------------------------------------------
# Corpus: 2024-04-08 LegCo background brief (digital infrastructure / AI ecosystem)
# ---------------------------------------------------------------------------------------------
BR_DC = "Data centres: Currently, there are about 60 data centres in Hong Kong with a total gross floor area reaching 800 000 square metres (“sq m”). An additional 700 000 sq m of usable floor area is expected to be provided between 2022 and 2026. The Government will consider making available more land for the development of data centres in the San Tin Technopole, etc.;"
BR_INNO = "InnoParks: The Hong Kong Science and Technology Parks Corporation (“HKSTPC”) has repositioned its three industrial estates as “InnoParks”. Meanwhile, the Government has invited HKSTPC to explore the development of the second Advanced Manufacturing Centre at the Tai Po InnoPark, with expected project completion by 2027. The Microelectronics Centre in Yuen Long InnoPark is also planned to be commissioned within 2024;"
BR_CP5 = "Expansion of Cyberport: Cyberport has planned to build Cyberport 5 at an existing waterfront site of approximately 1.6 hectares with a gross floor area of around 66 000 sq m. Facilities to be provided include office, co-working space, a data services platform, a multifunction hall and ancillary facilities. The construction works, which commenced in 2021, are expected to be completed in 2025 at the earliest; and"
BR_CP8 = "Cyberport has gathered over 190 start-ups specializing in R&D of AI. It has also signed Memorandum of Understandings with several leading companies to foster collaborative exchanges, with a view to creating a comprehensive ecosystem for the development of AI technology and industries. In the 2024-2025 Budget, \\$3 billion has been earmarked for the launch of a three-year AI Subsidy Scheme with the major objective of supporting local universities, research institutions and enterprises in leveraging computing power."
BR_LAWS = "Members suggested that the Administration should draw reference from the Data Security Law and Personal Information Protection Law enacted by the Mainland as well as Singapore's Digital Government Blueprint to achieve the goal of data sharing among departments. The Administration was open-minded as to whether there was a need for enacting laws to regulate matters such as data collection and usage, and relevant legislation would be amended at an appropriate juncture to facilitate the development of e-Government services."
BR_GENAI = "The Administration added that it had earlier established a new InnoHK Centre specializing in the development of generative AI technology, with the participation of five local universities in the relevant initiative and the Hong Kong University of Science and Technology (“HKUST”) taking up the leading role. The Administration explained that the development of generative AI technology hinged on the availability of computing infrastructure of a reasonable scale. HKUST had set up a small supercomputing centre and committed to shouldering part of the expenses. As for the future computing power, the Administration would draw up relevant strategies across multiple fronts."
BR_COPY = "Experts would be invited to advise on guidelines applicable to the development and application of generative AI in Hong Kong, and the Commerce and Economic Development Bureau would also explore the enhancement to the Copyright Ordinance regarding protection for AI technology development, with a consultation exercise to be conducted in 2024."

group("BR_DC", BR, [BR_DC], [
    (F, "paraphrase", "Hong Kong is home to roughly 60 data centres whose combined gross floor area comes to 800,000 square metres.",
     "about 60 -> roughly 60; 800 000 sq m -> 800,000 square metres; reworded"),
    (U, "swap", "Hong Kong's data centres now have a total gross floor area of 700 000 sq m, and a further 800 000 sq m of usable floor area is expected between 2022 and 2026.",
     "existing (800 000) and additional (700 000) floor areas swapped"),
    (U, "modality", "Since 2022 Hong Kong has already added 700 000 sq m of usable data centre floor area.",
     "'is expected to be provided between 2022 and 2026' stated as already done"),
    (U, "addition", "There are about 60 data centres in Hong Kong with a total gross floor area of 800 000 sq m, most of them located in Tseung Kwan O.",
     "true first part plus invented clause on location"),
])
group("BR_INNO", BR, [BR_INNO], [
    (F, "hedged", "HKSTPC has been asked by the Government to look into building a second Advanced Manufacturing Centre at Tai Po InnoPark, a project expected to be finished by 2027.",
     "keeps 'explore' and 'expected'"),
    (U, "place", "The Government has invited HKSTPC to explore the development of the second Advanced Manufacturing Centre at the Yuen Long InnoPark, with completion expected by 2027.",
     "Tai Po -> Yuen Long (Yuen Long appears elsewhere in the passage)"),
    (U, "modality", "The Microelectronics Centre in Yuen Long InnoPark was commissioned in 2024.",
     "'planned to be commissioned within 2024' stated as done"),
    (U, "date", "The second Advanced Manufacturing Centre at the Tai Po InnoPark is expected to be completed by 2024.",
     "2027 -> 2024 (2024 appears elsewhere in the passage)"),
])
group("BR_CP5", BR, [BR_CP5], [
    (F, "hedged", "Building work on Cyberport 5 started in 2021 and is not expected to finish before 2025.",
     "'in 2025 at the earliest' -> 'not before 2025'"),
    (U, "modality", "Construction of Cyberport 5, which began in 2021, was completed in 2025.",
     "'expected to be completed in 2025 at the earliest' stated as done"),
    (U, "outside_fact", "The Cyberport 5 project is estimated to cost about $5.5 billion.",
     "project cost not stated in the passage"),
])
group("BR_CP8", BR, [BR_CP8], [
    (F, "paraphrase", "More than 190 start-ups focused on AI research and development are now clustered at Cyberport.",
     "gathered over 190 -> more than 190 clustered; reworded"),
    (F, "chinese", "2024-2025年度財政預算案預留30億元，推出為期三年的人工智能資助計劃，主要目的是支援本地大學、研究機構及企業善用算力。",
     "faithful Traditional Chinese of sentence 3; $3 billion -> 30億元"),
    (U, "number", "The 2024-2025 Budget earmarked $3 billion for the launch of a five-year AI Subsidy Scheme to help universities, research institutions and enterprises leverage computing power.",
     "three-year -> five-year"),
    (U, "chinese_error", "數碼港已匯聚超過90間專注人工智能研發的初創企業。",
     "number: over 190 -> over 90"),
])
group("BR_LAWS", BR, [BR_LAWS], [
    (F, "hedged", "The Administration kept an open mind on whether new laws were needed to govern the collection and use of data, and said relevant legislation would be amended at a suitable time to support e-Government.",
     "keeps open-minded / would be amended"),
    (U, "swap", "Members suggested that the Administration should draw reference from Singapore's Data Security Law and the Mainland's Digital Government Blueprint.",
     "Mainland and Singapore swapped between the two references"),
])
group("BR_GENAI", BR, [BR_GENAI], [
    (F, "paraphrase", "A new InnoHK centre devoted to generative AI had been set up, led by HKUST with five local universities taking part.",
     "reworded and reordered"),
    (F, "subset", "HKUST had built a small supercomputing centre and pledged to cover part of the expenses.",
     "single fact; shouldering part of the expenses -> pledged to cover part of the expenses"),
    (U, "outside_fact", "The InnoHK generative AI centre led by HKUST received about $1 billion in government funding.",
     "funding amount not stated in the passage"),
])
group("BR_COPY", BR, [BR_COPY], [
    (F, "paraphrase", "The CEDB would look at strengthening the Copyright Ordinance's protection for AI development and planned to hold a consultation on it in 2024.",
     "reworded; consultation exercise to be conducted -> planned to hold a consultation"),
    (U, "predicate", "Experts would be invited to approve the guidelines applicable to the development and application of generative AI in Hong Kong.",
     "advise on -> approve"),
])
group("BR_DC+BR_CP5", BR, [BR_DC, BR_CP5], [
    (F, "combination", "Hong Kong has around 60 data centres, and Cyberport 5 is planned on a waterfront site with a gross floor area of about 66,000 sq m.",
     "data-centre count from one passage, Cyberport 5 floor area from the other"),
])

# ---------------------------------------------------------------------------------------------
# Corpus: 2025-01 progress report on the "AI Plus strategy" motion
# ---------------------------------------------------------------------------------------------
PR_PCPD = "The protection of personal data privacy is an important component of AI governance. The Office of the Privacy Commissioner for Personal Data (PCPD) published the “Guidance on Ethical Development and Use of AI” and the “AI: Model Personal Data Protection Framework” in 2021 and 2024 respectively. Based on internationally-recognised principles and best practices, the two sets of guidance provide recommendations regarding the governance of AI and the protection of personal data privacy, with a view to assisting public and private organisations in complying with the relevant requirements under the Personal Data (Privacy) Ordinance (Cap. 486) when they develop, procure, implement and use AI systems, including GenAI. Furthermore, in September 2023, the PCPD issued “10 Tips for Users of AI Chatbots”, which helps users better protect their personal data privacy in the use of AI chatbots, thereby enhancing the safe use of AI chatbots."
PR_1823 = "In applying AI to enhance digital government services, the DPO has fully expanded the 1823 AI chatbot to answer frequently asked questions under its scope of service, and adopted AI speech recognition technology to identify callers' enquiry subjects for the provision of relevant information through voice messages or short message service (SMS)."
PR_INIT = "The Government will launch over a hundred of digital government and smart city initiatives from 2024 to 2025. Nearly half of these initiatives involve the application of big data analytics and AI technology, including the use of AI for handling public enquires and a pilot project to streamline application procedures of International Driving Permit by adoption of Optical Character Recognition (OCR) and AI technologies."
PR_PILOT = "Regarding the locally-developed GenAI document processing copilot application being piloted within the Government, HKGAI is intensively training its LLM and optimising the application, with a view to assist government personnel on their daily word processing tasks such as document drafting, summarisation and translation. As at mid-January 2025, under the co-ordination of the DPO, government officers of different grades from about 60 B/Ds are participating in the pilot use programme."
PR_ELD = "The Government allocated \\$1 billion in 2018 to set up the Innovation and Technology Fund for Application in Elderly and Rehabilitation Care (I&T Fund), which subsidises eligible elderly and rehabilitation service units to procure, rent or trial technology products, including monitoring systems equipped with AI to detect bed-leaving motion, intelligent anti-wandering systems with facial recognition technology, assistive devices with AI technology for persons with visual impairment, etc. By the end of 2024, the I&T Fund had approved grants totalling about \\$750 million, subsidising about 2 000 service units to procure or rent over 21 000 technology products. The Government injected additional \\$1 billion into the I&T Fund in 2024-25 and will expand its scope to cover gerontechnology products suitable for household use."
PR_FIN = "In Hong Kong, the financial services industry is very receptive to deploying AI in their business. According to a survey in 2023, the adoption of GenAI in Hong Kong financial institutions was the highest (38%) among all markets and well above the global average (26%). The Government will closely monitor market developments and draw on international experience in promoting the responsible use of AI in the financial services sector for accelerating the development of new quality productive forces."
PR_TDAS = "Moreover, the Transport Department (TD) is actively promoting the use of AI to enhance traffic management efficiency. The TD, together with the DPO, has leveraged on big data analytics and AI to develop a “Traffic Data Analytics System” that helps the TD more comprehensively grasp, consolidate and analyze traffic data. Using the big data analytics platform launched by the Government, the system analyzes past and real-time traffic, transport and weather data as well as weather forecast data from the Hong Kong Observatory to provide real time and estimated travel time in the next 15 to 90 minutes. Since end of April 2022, the traffic forecast has been released to the public through “HKeMobility” and “Data.gov.hk”."
PR_SIG = "Meanwhile, the TD is implementing the “Real-time Adaptive Traffic Signal System” at suitable junctions. The computing programme installed in the system will analyze the real-time traffic and pedestrian images and data collected by the sensors with AI, then calculate appropriate signal timing to instruct the traffic light controller, so as to issue commands for controlling traffic signals."
PR_DEVB = "The application of AI in the construction industry is becoming increasingly widespread. The Development Bureau (DEVB) applied AI to enhance the existing Project Surveillance System, predicting the cost and progress of public works projects based on project data to reduce the risk of project delays."
PR_SITE = "For construction site applications, project teams are installing AI surveillance cameras at construction sites to monitor restricted and dangerous areas through the “Smart Site Safety System”, ensuring that workers work in a safe environment to improve site safety. Drones equipped with AI sensors have also been used to automatically identify defects in building facades and tunnel interiors, enhancing the efficiency and performance of site inspections."
PR_TAL = "The Government has been proactively attracting AI talent from the Mainland and overseas, with a view to enlarging the local talent pool for AI through several initiatives. For instance, the Government has included in the Talent List a number of professions with local manpower shortage in the I&T segment, including Experienced AI Specialists, etc., so as to facilitate the industry in the admission of technology talents through relevant talent admission schemes. According to the information provided by the Immigration Department, a total of 28 applications meeting the qualification requirements of Experienced AI Specialists on the Talent List were approved last year under the Quality Migrant Admission Scheme, the General Employment Policy and the Admission Scheme for Mainland Talents and Professionals. Meanwhile, as at 31 December 2024, 138 non-local persons approved for admission under the Technology Talent Admission Scheme (TechTAS) were related to AI."
PR_TAX = "Separately, to encourage more enterprises to conduct R&D in Hong Kong, the Government also offers tax concessions to enterprises engaging in R&D activities in Hong Kong. The qualifying R&D expenditures of such enterprises enjoy an enhanced tax deduction."

group("PR_PCPD", PR, [PR_PCPD], [
    (F, "paraphrase", "The PCPD's \"Guidance on Ethical Development and Use of AI\" came out in 2021, and its \"AI: Model Personal Data Protection Framework\" followed in 2024.",
     "'in 2021 and 2024 respectively' unpacked; reworded"),
    (F, "chinese", "私隱專員公署於2023年9月發出供人工智能聊天機械人用戶參考的十項貼士，協助他們在使用聊天機械人時更好地保障個人資料私隱。",
     "faithful Traditional Chinese of the last sentence"),
    (U, "swap", "The PCPD published the \"AI: Model Personal Data Protection Framework\" in 2021 and the \"Guidance on Ethical Development and Use of AI\" in 2024.",
     "years of the two PCPD documents swapped"),
    (U, "date", "In September 2024, the PCPD issued \"10 Tips for Users of AI Chatbots\" to help users protect their personal data privacy.",
     "September 2023 -> September 2024 (2024 appears elsewhere in the passage)"),
    (U, "addition", "The PCPD's two sets of AI guidance help organisations comply with the Personal Data (Privacy) Ordinance when they use AI systems, and failing to follow them is a criminal offence.",
     "true first part plus invented clause on criminal liability"),
])
group("PR_1823", PR, [PR_1823], [
    (U, "predicate", "The DPO has replaced the 1823 AI chatbot with AI speech recognition technology that identifies callers' enquiry subjects.",
     "fully expanded the chatbot and adopted speech recognition -> replaced the chatbot"),
    (U, "outside_fact", "The 1823 AI chatbot now handles more than 10 000 enquiries a day.",
     "volume of enquiries not stated in the passage"),
])
group("PR_INIT", PR, [PR_INIT], [
    (F, "summary", "Close to half of the 100-plus digital government and smart city initiatives due in 2024-2025 use big data analytics and AI, for example an OCR-based pilot to simplify International Driving Permit applications.",
     "compresses both sentences"),
    (U, "negation", "Fewer than a hundred digital government and smart city initiatives will be launched from 2024 to 2025.",
     "over a hundred -> fewer than a hundred"),
])
group("PR_PILOT", PR, [PR_PILOT], [
    (F, "chinese", "截至2025年1月中，在數字政策辦公室統籌下，約60個政策局及部門不同職級的人員正參與試用計劃。",
     "faithful Traditional Chinese of sentence 2"),
    (U, "entity", "As at mid-January 2025, under the co-ordination of HKGAI, government officers of different grades from about 60 B/Ds are participating in the pilot use programme.",
     "DPO -> HKGAI (HKGAI appears elsewhere in the passage)"),
])
group("PR_ELD", PR, [PR_ELD], [
    (F, "paraphrase", "Up to end-2024 the fund had approved roughly $750m in grants, helping some 2,000 service units buy or rent more than 21,000 technology products.",
     "number formats changed ($750 million -> $750m, 2 000 -> 2,000); reworded"),
    (F, "summary", "Set up in 2018 with $1bn, the I&T Fund for elderly and rehabilitation care received another $1bn in 2024-25 and is set to be widened to household gerontechnology products.",
     "compresses sentences 1 and 3"),
    (U, "number", "By the end of 2024, the I&T Fund had approved grants totalling about $1 billion.",
     "$750 million -> $1 billion ($1 billion appears elsewhere in the passage)"),
    (U, "addition", "The Government allocated $1 billion in 2018 to set up the I&T Fund, which is administered by the Hong Kong Council of Social Service.",
     "true first part plus invented administrator"),
])
group("PR_FIN", PR, [PR_FIN], [
    (F, "paraphrase", "A 2023 survey found that 38% of Hong Kong financial institutions had adopted GenAI, the top rate of any market and far above the 26% global average.",
     "reworded, reordered"),
    (U, "chinese_error", "根據2023年的一項調查，香港金融機構採用生成式人工智能的比率為38%，低於全球平均水平。",
     "comparison reversed: well above -> below the global average"),
])
group("PR_TDAS", PR, [PR_TDAS], [
    (F, "summary", "Built by the TD together with the DPO, the Traffic Data Analytics System combines historical and live traffic, transport and weather data with Observatory forecasts to estimate travel times for the next 15 to 90 minutes.",
     "compresses sentences 2 and 3"),
    (U, "entity", "The TD, together with the Hong Kong Observatory, developed the \"Traffic Data Analytics System\" using big data analytics and AI.",
     "DPO -> Hong Kong Observatory (the HKO appears elsewhere in the passage as a data source)"),
])
group("PR_TDAS+PR_SIG", PR, [PR_TDAS, PR_SIG], [
    (F, "combination", "The TD applies AI both in its Traffic Data Analytics System, developed with the DPO, and in the Real-time Adaptive Traffic Signal System it is implementing at suitable junctions.",
     "one fact from each passage"),
])
group("PR_SITE", PR, [PR_SITE], [
    (F, "subset", "AI-equipped drones have been deployed to spot defects in building facades and inside tunnels automatically.",
     "single fact, reworded"),
    (U, "predicate", "Drones equipped with AI sensors have been used to automatically repair defects in building facades and tunnel interiors.",
     "identify -> repair"),
])
group("PR_DEVB+PR_SITE", PR, [PR_DEVB, PR_SITE], [
    (F, "combination", "In construction, AI is used both by DEVB to forecast the cost and progress of public works and by project teams whose AI cameras watch restricted and dangerous areas on site.",
     "one fact from each passage"),
])
group("PR_TAL", PR, [PR_TAL], [
    (F, "summary", "Last year 28 applications meeting the Experienced AI Specialist requirements on the Talent List were approved across three admission schemes, and by 31 December 2024, 138 non-local people approved for admission under TechTAS were AI-related.",
     "compresses sentences 3 and 4"),
    (U, "number", "A total of 138 applications meeting the qualification requirements of Experienced AI Specialists on the Talent List were approved last year.",
     "28 -> 138 (138 appears elsewhere in the passage)"),
])
group("PR_TAX", PR, [PR_TAX], [
    (F, "paraphrase", "Firms carrying out R&D in Hong Kong get tax breaks, with qualifying R&D spending attracting an enhanced deduction.",
     "reworded"),
    (U, "outside_fact", "Qualifying R&D expenditure enjoys a 300 per cent tax deduction for the first $2 million.",
     "deduction rate and threshold not stated in the passage"),
    (U, "negation", "The qualifying R&D expenditures of enterprises are no longer eligible for an enhanced tax deduction.",
     "'enjoy an enhanced tax deduction' -> 'no longer eligible'"),
])

# ---------------------------------------------------------------------------------------------
# Corpus: LCQ20 (19 March 2025)
# ---------------------------------------------------------------------------------------------
Q20_INST = "In addition, to further promote the research and development (R&D) and applications of AI in Hong Kong, the 2025-26 Budget announced that $1 billion has been earmarked for the establishment of the Hong Kong Artificial Intelligence Research and Development Institute to spearhead and support Hong Kong's innovative R&D and industrial application of AI, as well as to facilitate upstream R&D, midstream and downstream transformation of R&D outcomes, and application scenarios."
Q20_LIST = "Besides, the Government has included in the Talent List a number of professions in the I&T segment, including Experienced AI Specialists, etc. Outside talents who meet the eligibility criteria for relevant professions can enjoy immigration facilitation when applying under the Quality Migrant Admission Scheme, the General Employment Policy and the Admission Scheme for Mainland Talents and Professionals."

group("Q20_INST", Q20, [Q20_INST], [
    (F, "paraphrase", "The 2025-26 Budget reserved $1bn for setting up the Hong Kong AI Research and Development Institute, which is to lead and back innovative AI R&D and industrial applications in Hong Kong.",
     "earmarked -> reserved; spearhead and support -> lead and back"),
    (F, "chinese", "《2025-26年度財政預算案》宣布預留10億元成立香港人工智能研發院，以推動人工智能的創新研發及產業應用。",
     "faithful Traditional Chinese; $1 billion -> 10億元"),
    (U, "predicate", "The Hong Kong Artificial Intelligence Research and Development Institute will regulate innovative R&D and industrial applications of AI in Hong Kong.",
     "spearhead and support -> regulate"),
])
group("Q20_LIST", Q20, [Q20_LIST], [
    (U, "addition", "The Talent List includes I&T professions such as Experienced AI Specialists, who are exempted from the minimum salary requirement under the admission schemes.",
     "true first part plus invented exemption"),
])

# ---------------------------------------------------------------------------------------------
# Corpus: LCQ13 (26 March 2025)
# ---------------------------------------------------------------------------------------------
Q13_QH = "Taking Qianhai as an example, Cyberport signed a co-operation agreement with the Qianhai Authority in January 2021 and deepened the co-operation agreement in August 2024. So far, two enterprises from Qianhai have settled in Cyberport, including one focusing on AI animation production. In addition, about 10 Cyberport enterprises are exploring to set up businesses in Qianhai, and nearly half of them are related to AI including start-ups that apply AI in education technology, e-commerce and insurance technology."
Q13_SZ = "On the other hand, the Hong Kong Science Park Shenzhen Branch commenced operation in 2023 to enable institutes and enterprises interested in starting their business in the GBA to establish a presence there. As of December 2024, a total of 58 enterprises and R&D centres were admitted, with approximately 40 of them involved in AI-related businesses."
Q13_DPO = "(2) The Digital Policy Office (DPO) is committed to driving various bureaux/departments (B/Ds) in the adoption of I&T to enhance operational efficiency and improve public services. The DPO also provides advice and consultancy services to various B/Ds in areas such as digital technology and innovative technology applications, data sharing, business process re-engineering, design thinking, change management, etc., with a view to accelerating the development of digital government, thereby continuously enhancing government efficiency and service quality."

group("Q13_QH", Q13, [Q13_QH], [
    (F, "paraphrase", "Cyberport first signed a co-operation agreement with the Qianhai Authority in January 2021 and strengthened it in August 2024.",
     "deepened -> strengthened; reworded"),
    (U, "swap", "So far, about 10 enterprises from Qianhai have settled in Cyberport, while two Cyberport enterprises are exploring setting up businesses in Qianhai.",
     "'two' and 'about 10' swapped between the two directions"),
    (U, "modality", "About 10 Cyberport enterprises have set up businesses in Qianhai, nearly half of them AI-related.",
     "'are exploring to set up' stated as done"),
    (U, "chinese_error", "數碼港於2021年1月與前海管理局簽署合作協議，至今已有五家前海企業進駐數碼港。",
     "number: two enterprises -> five"),
])
group("Q13_SZ", Q13, [Q13_SZ], [
    (U, "date", "The Hong Kong Science Park Shenzhen Branch commenced operation in 2024.",
     "2023 -> 2024 (2024 appears elsewhere in the passage)"),
])
group("Q13_QH+Q13_SZ", Q13, [Q13_QH, Q13_SZ], [
    (F, "combination", "Two Qianhai enterprises have settled in Cyberport, while the Hong Kong Science Park Shenzhen Branch had admitted 58 enterprises and R&D centres as of December 2024.",
     "one fact from each passage"),
])
group("Q13_DPO", Q13, [Q13_DPO], [
    (F, "subset", "The DPO advises bureaux and departments on matters including data sharing, business process re-engineering, design thinking and change management.",
     "single fact; list shortened"),
    (U, "predicate", "The DPO audits the operations of bureaux and departments in areas such as data sharing and change management.",
     "provides advice and consultancy -> audits"),
])

# ---------------------------------------------------------------------------------------------
# Corpus: news item of 15 October 2025
# ---------------------------------------------------------------------------------------------
NW_CP = "In terms of computing power infrastructure, the Hong Kong AI Supercomputing Center at Cyberport will further enhance its computing power by the end of this year to support local computing needs."
NW_INTRO = "On October 15, Professor Sun Dong, Secretary for Innovation and Technology of Hong Kong, responded to questions from members of the Legislative Council by pointing out that Artificial Intelligence (AI) is leading a new wave of technological revolution and industrial transformation. Since the introduction of the \"Hong Kong Smart City Blueprint\" focusing on the development of AI strategies, the government has set clear goals for AI development in Hong Kong."
NW_FOCUS = "With a focus on \"strengthening infrastructure and promoting application-oriented approaches\", the government has steadily implemented various measures in key areas such as research, infrastructure, data, industrial applications, and talent training. Hong Kong's multi-dimensional AI policies and specific measures are not only in line with the national \"AI+\" action plan but also highly compatible with the global AI development path. The government will timely review the implementation and optimize individual policies and support measures as needed to empower high-quality development with AI."

group("NW_CP", NW, [NW_CP], [
    (F, "hedged", "Cyberport's AI Supercomputing Center is set to boost its computing capacity before the year is out to meet local demand.",
     "keeps future 'will'; reworded"),
    (U, "place", "The Hong Kong AI Supercomputing Center at the Hong Kong Science Park will further enhance its computing power by the end of this year.",
     "Cyberport -> Hong Kong Science Park"),
])
group("NW_INTRO", NW, [NW_INTRO], [
    (U, "entity", "On October 15, the Chief Executive responded to questions from Legislative Council members, saying AI is leading a new wave of technological revolution.",
     "Professor Sun Dong -> the Chief Executive"),
])
group("NW_FOCUS", NW, [NW_FOCUS], [
    (F, "summary", "Centred on strengthening infrastructure and an application-oriented approach, the government has rolled out measures in research, infrastructure, data, industrial applications and talent, and will review and fine-tune policies when needed.",
     "compresses sentences 1 and 3"),
    (U, "negation", "Hong Kong's AI policies are in line with the national \"AI+\" action plan but not with the global AI development path.",
     "'not only ... but also highly compatible with' -> 'but not with'"),
])

from _extra_water_items import add as _add_water  # noqa: E402

_add_water(group, WS, F, U)

# ---------------------------------------------------------------------------------------------
def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def source(doc):
    p = HERE / doc if doc.startswith("external_docs/") else CORPUS / doc
    return norm(p.read_text(encoding="utf-8"))


def shingles(s, k=8):
    w = re.findall(r"[\w$.%/-]+", norm(s).lower())
    return {" ".join(w[i:i + k]) for i in range(max(1, len(w) - k + 1))}


def check_fresh(rows):
    """No new passage may equal or share an 8-word run with a corpus_all.jsonl passage of the same
    doc; distinct new passages must not overlap each other; ids and claims must be new."""
    old = [json.loads(l) for f in ("corpus_all.jsonl", "external_all.jsonl")
           for l in (HERE / f).read_text(encoding="utf-8").splitlines() if l.strip()]
    old_sh = {}
    for r in old:
        for p in r["passages"]:
            old_sh.setdefault(r["doc"], set()).update(shingles(p))
    mine = {}
    for r in rows:
        for p in r["passages"]:
            mine.setdefault(norm(p), r["doc"])
    for p, doc in mine.items():
        hit = shingles(p) & old_sh.get(doc, set())
        assert not hit, f"passage overlaps an existing one: {p[:60]!r} ~ {sorted(hit)[0]!r}"
    ps = list(mine)
    for i, a in enumerate(ps):
        for b in ps[i + 1:]:
            if mine[a] == mine[b]:
                assert not (shingles(a) & shingles(b)), f"new passages overlap: {a[:50]!r} / {b[:50]!r}"
    old_ids = {r["id"] for r in old}
    old_claims = {norm(r["claim"]) for r in old}
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids) and not set(ids) & old_ids, "id clash"
    claims = [norm(r["claim"]) for r in rows]
    assert len(set(claims)) == len(claims) and not set(claims) & old_claims, "duplicate claim"


def main():
    rows, n = [], 1000
    for name, doc, passages, items in GROUPS:
        text = source(doc)
        for p in passages:
            assert norm(p) in text, f"{name}: passage not verbatim in {doc}: {p[:70]!r}"
            w = len(p.split())
            assert 30 <= w <= 150, f"{name}: passage word count {w}"
        for label, kind, claim, note in items:
            n += 1
            rows.append({"id": f"x{n:04d}", "claim": claim, "passages": passages, "label": label,
                         "kind": kind, "doc": doc, "group": name, "note": note})
    check_fresh(rows)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} items to {OUT.name}")


if __name__ == "__main__":
    main()
