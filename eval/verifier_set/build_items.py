import json
from pathlib import Path
HERE = Path(__file__).resolve().parent
N = "2025-10-15_news_hk-ai-policies-ai-plus.txt"
A = 'In terms of research and innovation, the government has established 16 research laboratories focused on AI and robotics technology through the "AIR@InnoHK" research platform, bringing together over a thousand research talents to strengthen Hong Kong\'s basic AI research capabilities. In addition, the government recently approved a funding of HK$1 billion to establish the Hong Kong Artificial Intelligence Research Institute by 2026 to promote upstream research and development in AI, downstream results transformation, and the exploration of application scenarios.'
B = 'To support local academic institutions, research organizations, and enterprises in fully utilizing the computing power of the center, a HK$3 billion AI funding program has been launched to support large-scale AI research and applications. Over ten key projects have been successfully approved so far. Additionally, the government recently launched a public tender for the development of land in the data park in North District to provide advanced computing facilities to further promote the development of data and AI-related industries.'
C = 'The "Open Data Platform" currently aggregates over 5,600 datasets covering various industries and sectors such as finance, education, transportation, community and social welfare, law, and security, providing vital support for the industry to train algorithms and develop large models.'
G = []
def add(claim, ps, label, kind, doc, note): G.append(dict(claim=claim, passages=ps, label=label, kind=kind, doc=doc, note=note))
F, U = "faithful", "unfaithful"
add("Through the AIR@InnoHK platform the Government has set up sixteen AI and robotics laboratories that draw together more than 1,000 researchers.", [A], F, "paraphrase", N, "16 -> sixteen, over a thousand -> more than 1,000")
add("HK$1bn has been approved to set up the Hong Kong Artificial Intelligence Research Institute by 2026.", [A], F, "subset", N, "single fact, number format changed")
add("The planned AI research institute is meant to cover upstream R&D, downstream commercialisation of results and the exploration of application scenarios.", [A], F, "hedged", N, "keeps purpose wording")
add("政府已透過AIR@InnoHK研發平台成立16所專注人工智能及機械人技術的實驗室。", [A], F, "chinese", N, "faithful Chinese of lab count")
add("Through the AIR@InnoHK platform the Government has set up 26 laboratories focused on AI and robotics technology.", [A], U, "number", N, "16 -> 26")
add("The Government approved HK$1 billion to establish the Hong Kong Artificial Intelligence Research Institute by 2025.", [A], U, "date", N, "2026 -> 2025")
add("The Government approved HK$1 billion to establish the Hong Kong Artificial Intelligence Research Institute at Cyberport by 2026.", [A], U, "addition", N, "added location at Cyberport")
add("The Hong Kong Artificial Intelligence Research Institute has already been established with HK$1 billion of funding.", [A], U, "modality", N, "approved to establish by 2026 -> already established")
add("A HK$3bn AI funding programme has been launched so that universities, research bodies and companies can make full use of the centre's computing power for large-scale AI research and applications.", [B], F, "paraphrase", N, "number format changed, reworded")
add("More than ten key projects have been approved so far under the HK$3 billion AI funding programme, and a public tender has been launched for land in the North District data park.", [B], F, "summary", N, "compresses two facts")
add("Fewer than ten key projects have been approved so far under the HK$3 billion AI funding programme.", [B], U, "negation", N, "over ten -> fewer than ten")
add("A HK$1 billion AI funding programme has been launched to support large-scale AI research and applications using the centre's computing power.", [B], U, "number", N, "HK$3 billion -> HK$1 billion (figure from elsewhere in doc)")
add("The Government recently launched a public tender for developing land in the data park in the Northern Metropolis at Lok Ma Chau Loop.", [B], U, "place", N, "North District data park -> Lok Ma Chau Loop")
add("The Government has completed the development of the North District data park to provide advanced computing facilities.", [B], U, "modality", N, "launched tender -> completed development")
add("The Open Data Platform now brings together more than 5,600 datasets spanning sectors including finance, education, transport and law.", [C], F, "paraphrase", N, "reworded")
add("「資料一線通」平台現時匯集超過5,600個數據集，涵蓋金融、教育、運輸等行業。", [C], F, "chinese", N, "faithful Chinese")
add("The Open Data Platform currently aggregates over 6,500 datasets covering sectors such as finance and education.", [C], U, "number", N, "5,600 -> 6,500")
add("The Open Data Platform currently aggregates over 5,600 datasets, about a third of which come from private organisations.", [C], U, "outside_fact", N, "share from private orgs not stated")
add("The Open Data Platform aggregates over 5,600 datasets but excludes the law and security sectors.", [C], U, "negation", N, "law and security are covered")
add("「資料一線通」平台現時匯集超過5,600個數據集，但不涵蓋社會福利範疇。", [C], U, "chinese_error", N, "negation: social welfare is covered")

Q = "2025-03-19_legco-q20_development-of-ai.txt"
D = 'In addition, in response to the manpower demand of the industries, the Vocational Training Council with the Government\'s support established the Hong Kong Institute of Information Technology (HKIIT) in November 2023, which specialises in the provision of information and technology and other technology-related programmes covering a wide range of disciplines including AI. The HKIIT admitted its first cohort of students in the 2024/25 academic year.'
E = 'As for attracting AI talents from the Mainland and overseas, the Technology Talent Admission Scheme (TechTAS) provides a fast track arrangement for eligible companies to admit Mainland and overseas technology talents to undertake R&D work in Hong Kong. As at end-January 2025, 152 non-local persons approved for entry under TechTAS were related to AI.'
H = 'In respect of AI applications including those enhancement to digital government services, the HKGAI announced its self-developed HKGAI V1 large language model (LLM) in February this year. It aims to launch to the market a chatbot based on its LLM this year for use by the general public. Since mid-2024, the Government has commenced the pilot use of HKGAI’s locally developed generative AI document processing copilot application (HKPilot) to assist government personnel in handling document processing tasks such as drafting, translation and summarisation of documents.'
add("With Government backing, the VTC set up HKIIT in November 2023, offering IT and other technology programmes across disciplines including AI.", [D], F, "paraphrase", Q, "reworded")
add("HKIIT, founded in November 2023, took in its first students in the 2024/25 academic year.", [D], F, "summary", Q, "two facts compressed")
add("職業訓練局在政府支持下於2023年11月成立香港資訊科技學院。", [D], F, "chinese", Q, "faithful Chinese")
add("The Hong Kong Institute of Information Technology admitted its first cohort of students in the 2023/24 academic year.", [D], U, "date", Q, "2024/25 -> 2023/24")
add("The Hong Kong Productivity Council established the Hong Kong Institute of Information Technology in November 2023.", [D], U, "entity", Q, "VTC -> HKPC")
add("The Vocational Training Council established HKIIT in November 2023 with a government grant of $100 million.", [D], U, "outside_fact", Q, "grant amount not stated")
add("TechTAS offers a fast-track route for eligible firms to bring in technology talent from the Mainland and overseas to do R&D in Hong Kong.", [E], F, "paraphrase", Q, "reworded")
add("By the end of January 2025, 152 non-local people admitted under TechTAS were AI-related.", [E], F, "subset", Q, "single fact")
add("As at end-January 2025, 251 non-local persons approved for entry under TechTAS were related to AI.", [E], U, "number", Q, "152 -> 251")
add("As at end-January 2024, 152 non-local persons approved for entry under TechTAS were related to AI.", [E], U, "date", Q, "2025 -> 2024")
add("TechTAS provides a fast-track arrangement for eligible companies to admit Mainland and overseas technology talents to undertake R&D work in the Greater Bay Area.", [E], U, "place", Q, "Hong Kong -> Greater Bay Area")
add("截至2025年1月底，經科技人才入境計劃獲批來港的非本地人士中，有125名與人工智能相關。", [E], U, "chinese_error", Q, "number: 152 -> 125")
add("HKGAI unveiled its in-house HKGAI V1 large language model in February and intends to bring a public chatbot built on it to market this year.", [H], F, "hedged", Q, "keeps aims to")
add("Since mid-2024 government staff have been piloting HKPilot, HKGAI's home-grown generative AI copilot for drafting, translating and summarising documents.", [H], F, "paraphrase", Q, "reworded")
add("HKGAI has launched a chatbot based on its HKGAI V1 model for use by the general public.", [H], U, "modality", Q, "aims to launch -> has launched")
add("Since mid-2023, the Government has commenced the pilot use of HKPilot to assist government personnel with document processing.", [H], U, "date", Q, "mid-2024 -> mid-2023")
add("The Digital Policy Office developed the HKPilot generative AI document processing copilot application.", [H], U, "entity", Q, "HKGAI -> DPO")
add("HKPilot is used by members of the public to handle drafting, translation and summarisation of documents.", [H], U, "predicate", Q, "government personnel -> public")

I = "2025-03-26_legco-q13_international-innotech-centre.txt"
J = 'According to our current plan, the ITIF will cover five thematic areas, and one or more sub-fund(s) will be set up under each thematic area. Each sub-fund will have a fund duration of up to 12 years, fully realising the characteristics of patient capital which focuses on long-term investments with a higher risk tolerance.'
K = 'The Government will participate as a Limited Partner of the sub-funds and make contributions to each. Fund managers selected through an open application will become General Partners of the sub-funds and shall be responsible for setting up the sub-funds in the form of a limited partnership fund.'
L = 'In 2024-25, through the "Be the Smart Regulator" and "Streamlining of Government Services" programmes, the DPO worked with 47 B/Ds in proposing some 180 business facilitation and streamlining measures for about 400 licences and services, such as obviating the need for businesses and general public to submit information repeatedly for their licence and government service applications by leveraging cross-departmental data exchange, and shortening the time required for handling and approving applications by automating the verification processes, etc.'
add("Under the current plan the ITIF is to span five themes, each with at least one sub-fund.", [J], F, "hedged", I, "keeps 'current plan' / will")
add("ITIF sub-funds are planned to run for as long as 12 years, reflecting patient capital with long horizons and higher risk appetite.", [J], F, "paraphrase", I, "reworded")
add("根據現時計劃，產業引導基金將涵蓋五個主題範疇，每個子基金的年期最長為12年。", [J], F, "chinese", I, "faithful Chinese summary")
add("According to the current plan, the ITIF will cover 12 thematic areas, with one or more sub-funds under each.", [J], U, "number", I, "five -> 12 (number from same passage)")
add("Each ITIF sub-fund will have a fund duration of at least 12 years.", [J], U, "predicate", I, "up to -> at least")
add("The ITIF has already set up sub-funds under each of its five thematic areas.", [J], U, "modality", I, "will be set up -> already set up")
add("The Government will act as a Limited Partner and contribute to each sub-fund, while fund managers chosen by open application become General Partners.", [K], F, "summary", I, "two facts compressed")
add("Fund managers chosen via an open application process will serve as the sub-funds' General Partners and set them up as limited partnership funds.", [K], F, "paraphrase", I, "reworded")
add("The Government will participate as a General Partner of the sub-funds, while selected fund managers will become Limited Partners.", [K], U, "swap", I, "LP/GP roles swapped")
add("Fund managers selected through an invitation-only process will become General Partners of the sub-funds.", [K], U, "predicate", I, "open application -> invitation-only")
add("The Government will participate as a Limited Partner of the sub-funds and will contribute one-third of each sub-fund's capital.", [K], U, "addition", I, "added one-third share")
add("In 2024-25 the DPO worked with 47 bureaux and departments to put forward around 180 facilitation and streamlining measures covering roughly 400 licences and services.", [L], F, "paraphrase", I, "reworded")
add("Measures proposed under the Be the Smart Regulator programme include automating verification to shorten application processing times.", [L], F, "subset", I, "single fact")
add("In 2024-25, the DPO worked with 47 B/Ds in proposing some 400 business facilitation and streamlining measures for about 180 licences and services.", [L], U, "swap", I, "180 and 400 swapped")
add("In 2024-25, the DPO worked with 180 B/Ds in proposing business facilitation and streamlining measures.", [L], U, "number", I, "47 -> 180 (same passage)")
add("In 2023-24, through the Be the Smart Regulator programme, the DPO worked with 47 B/Ds in proposing some 180 streamlining measures.", [L], U, "date", I, "2024-25 -> 2023-24")
add("The Innovation and Technology Commission worked with 47 B/Ds in 2024-25 to propose some 180 business facilitation measures.", [L], U, "entity", I, "DPO -> ITC")
add("於2024-25年度，數字政策辦公室與47個政策局及部門合作，就約400項牌照及服務提出約108項便利營商措施。", [L], U, "chinese_error", I, "number: 180 -> 108")

P = "2024-04-08_legco-brief_digital-infrastructure-ai-ecosystem.txt"
M = 'In the 2023 Policy Address, the Chief Executive announced that the Administration would take forward the digitalization of government services, using AI and opening up more government data to accelerate development of digital economy. The Digital Economy Development Committee, chaired by the Financial Secretary, is conducting studies on measures in relation to digital infrastructure, cross-boundary data flow, digital transformation of enterprises, human resources support, etc.'
O = 'The Government has set up two research clusters at the Hong Kong Science Park, namely Health@InnoHK which focuses on healthcare technologies, and AIR@InnoHK which focuses on AI and robotics technologies, for the purposes of bringing together leading researchers from around the world to conduct world-class and impactful collaborative research with local universities and research institutions. So far, 28 research laboratories have been selected for admission to the Hong Kong Science Park, involving 7 local universities and research institutions as well as over 30 institutions from 11 economies.'
R = 'The Government plans to fully adopt “iAM Smart” for provision of one-stop digital government services for the public by end-2025. Meanwhile, the Government is developing a business version of the “iAM Smart” platform to improve and streamline the authentication of business identities.'
add("The Financial Secretary chairs the Digital Economy Development Committee, which is studying digital infrastructure, cross-boundary data flow and enterprise digital transformation among other matters.", [M], F, "paraphrase", P, "active/passive restructured")
add("The 2023 Policy Address said the Administration would digitalise government services, use AI and release more government data to speed up the digital economy.", [M], F, "summary", P, "compressed")
add("數字經濟發展委員會由財政司司長擔任主席。", [M], F, "chinese", P, "faithful Chinese")
add("The Digital Economy Development Committee, chaired by the Chief Executive, is studying measures on digital infrastructure and cross-boundary data flow.", [M], U, "entity", P, "Financial Secretary -> Chief Executive")
add("In the 2022 Policy Address, the Chief Executive announced that the Administration would take forward the digitalization of government services.", [M], U, "date", P, "2023 -> 2022")
add("The Digital Economy Development Committee has completed its studies on digital infrastructure and cross-boundary data flow.", [M], U, "modality", P, "is conducting -> completed")
add("The Digital Economy Development Committee, chaired by the Financial Secretary, comprises 20 members from industry and academia.", [M], U, "outside_fact", P, "membership not stated")
add("Two InnoHK research clusters have been set up at the Hong Kong Science Park: Health@InnoHK for healthcare technologies and AIR@InnoHK for AI and robotics.", [O], F, "paraphrase", P, "reworded")
add("To date 28 labs have been admitted to the Science Park, involving seven local universities and research institutions and more than 30 institutions from 11 economies.", [O], F, "subset", P, "numbers reformatted")
add("So far, 30 research laboratories have been selected for admission to the Hong Kong Science Park under InnoHK.", [O], U, "number", P, "28 -> 30 (same passage)")
add("The InnoHK laboratories involve 11 local universities and research institutions as well as over 30 institutions from 7 economies.", [O], U, "swap", P, "7 and 11 swapped")
add("The Government has set up two research clusters at Cyberport, namely Health@InnoHK and AIR@InnoHK.", [O], U, "place", P, "Science Park -> Cyberport")
add("Health@InnoHK focuses on AI and robotics technologies, while AIR@InnoHK focuses on healthcare technologies.", [O], U, "swap", P, "cluster focuses swapped")
add("政府在香港科學園設立了三個研究平台，包括Health@InnoHK及AIR@InnoHK。", [O], U, "chinese_error", P, "number: two -> three")
add("The Government intends to fully adopt iAM Smart for one-stop digital government services by end-2025 and is building a business version of the platform.", [R], F, "hedged", P, "keeps plans")
add("A business edition of iAM Smart is under development to simplify authentication of business identities.", [R], F, "subset", P, "reworded")
add("The Government has fully adopted iAM Smart for one-stop digital government services.", [R], U, "modality", P, "plans by end-2025 -> has")
add("The Government plans to fully adopt iAM Smart for one-stop digital government services by end-2024.", [R], U, "date", P, "2025 -> 2024")
add("The Government has launched a business version of the iAM Smart platform.", [R], U, "modality", P, "is developing -> launched")

S = "2025-01_progress-report_ai-plus-strategy-motion.txt"
T = 'The supply of data centre floor space in Hong Kong is expected to increase to about 1.5 million square metres by the end of 2026, providing a large amount of data storage space for training AI models and boosting the development of AI in Hong Kong. Furthermore, we have commenced the relevant procedures in end-2024 to rezone a 10-hectare site for data centres and related purposes last year.'
V = 'The first-phase of the Cyberport\'s AI Supercomputing Centre (AISC) was launched in December 2024 to provide computing power of around 1 300 petaFLOPS, and will gradually ramp up to reach 3 000 petaFLOPS, providing high-performance computing power to local universities, R&D institutes and the industry. Meanwhile, the Government has also launched a three-year AI Subsidy Scheme of \$3 billion in October last year to subsidise eligible users to leverage the computing power provided by the AISC.'
W = 'As I&T flagships in Hong Kong, both the Hong Kong Science and Technology Parks and the Cyberport are also the clusters for more than 800 AI-related enterprises. These institutions and companies are dedicated to developing a variety of general-purpose large models and industry-specific large models, including open-source generative AI (GenAI) large language models (LLM) designed for the financial sector.'
add("Hong Kong's data centre floor space is projected to grow to roughly 1.5 million square metres by end-2026.", [T], F, "hedged", S, "keeps expected to")
add("Rezoning procedures for a 10-hectare data centre site were started in end-2024.", [T], F, "subset", S, "reworded")
add("預計至2026年底，香港數據中心樓面面積將增至約150萬平方米。", [T], F, "chinese", S, "faithful Chinese, 1.5 million -> 150萬")
add("The supply of data centre floor space in Hong Kong has already reached about 1.5 million square metres.", [T], U, "modality", S, "expected by end-2026 -> already reached")
add("The supply of data centre floor space in Hong Kong is expected to increase to about 1.5 million square metres by the end of 2024.", [T], U, "date", S, "2026 -> 2024 (same passage)")
add("The Government has commenced procedures to rezone a 15-hectare site for data centres and related purposes.", [T], U, "number", S, "10 -> 15")
add("The Government has commenced procedures to rezone a 10-hectare site in Tseung Kwan O for data centres.", [T], U, "addition", S, "added location not in passage")
add("Phase one of Cyberport's AISC went live in December 2024 with about 1,300 petaFLOPS, set to rise gradually to 3,000 petaFLOPS.", [V], F, "paraphrase", S, "numbers reformatted")
add("A $3bn three-year AI Subsidy Scheme launched in October helps eligible users tap AISC computing power.", [V], F, "paraphrase", S, "reworded")
add("The first phase of the AISC was launched in December 2024 to provide around 3 000 petaFLOPS of computing power.", [V], U, "number", S, "1 300 -> 3 000 (same passage)")
add("The first phase of Cyberport's AISC was launched in October 2024 to provide around 1 300 petaFLOPS.", [V], U, "date", S, "December -> October (same passage)")
add("The AISC will gradually ramp up to 3 000 petaFLOPS, but only for local universities and not for industry.", [V], U, "negation", S, "industry is served")
add("The Government launched a five-year AI Subsidy Scheme of $3 billion to subsidise eligible users of the AISC.", [V], U, "number", S, "three-year -> five-year")
add("The Hong Kong Science and Technology Parks' AI Supercomputing Centre was launched in December 2024.", [V], U, "entity", S, "Cyberport -> HKSTP")
add("數碼港人工智能超算中心第一階段於2024年12月啟用，提供約3000 petaFLOPS算力。", [V], U, "chinese_error", S, "number: 1300 -> 3000 (same passage)")
add("Over 800 AI-related companies cluster at HKSTP and Cyberport, developing general-purpose and industry-specific large models.", [W], F, "summary", S, "compressed")
add("The models being built include open-source GenAI LLMs tailored to the financial sector.", [W], F, "subset", S, "single fact")
add("Both the Hong Kong Science and Technology Parks and Cyberport are clusters for more than 600 AI-related enterprises.", [W], U, "number", S, "800 -> 600")
add("Companies at HKSTP and Cyberport are developing open-source GenAI large language models designed for the healthcare sector.", [W], U, "predicate", S, "financial -> healthcare")
add("Both HKSTP and Cyberport are clusters for more than 800 AI-related enterprises, which together received $2 billion in government funding.", [W], U, "addition", S, "invented funding clause")

X = 'Regarding AI governance, the DPO formulated the “Ethical AI Framework” in 2021 to provide guidance for B/Ds when implementing projects that involve the use of AI technologies, and to identify and manage potential risks of relevant projects and other issues (such as privacy, data security and management). In early August 2023, the DPO updated the “Ethical AI Framework” to supplement it with the challenges and suggested practices regarding GenAI, so as to assist B/Ds in planning, designing and implementing IT projects or services with AI.'
Y = 'The ITIB published the “Policy Statement on Facilitating Data Flow and Safeguarding Data Security in Hong Kong” in December 2023 to set out the Government’s management principles and key strategies on data flow and data security, and to put forward 18 specific action items. Subsequently, the DPO launched a thematic web page on data governance in December 2024 covering the “Principles of Data Governance” and the relevant strategy, guidelines, and technical standards, etc. concerning data governance to introduce the Government’s data governance policies in a one-stop manner.'
Z = 'To enhance the protection provided by the Copyright Ordinance for AI technology development, the Government conducted a public consultation on “Copyright and AI” in the third quarter of last year. The Commerce and Economic Development Bureau and the Intellectual Property Department are carefully considering the views and supporting evidence collected, while taking into account current market practices and overall circumstances. The goal is to gather views from all parties and conduct a comprehensive and thorough review, with the aim of formulating the way forward in 2025.'
add("The DPO drew up the Ethical AI Framework in 2021 to guide bureaux and departments on AI projects and help them manage risks such as privacy and data security.", [X], F, "paraphrase", S, "reworded")
add("In early August 2023 the Ethical AI Framework was revised to add GenAI challenges and recommended practices.", [X], F, "subset", S, "passive, reworded")
add("數字政策辦公室於2021年制定《人工智能道德框架》，並於2023年8月初加入生成式人工智能的相關內容。", [X], F, "chinese", S, "faithful Chinese summary")
add("The DPO formulated the Ethical AI Framework in 2023 to provide guidance for B/Ds implementing AI projects.", [X], U, "date", S, "2021 -> 2023 (same passage)")
add("The ITIB updated the Ethical AI Framework in early August 2023 to cover GenAI.", [X], U, "entity", S, "DPO -> ITIB")
add("The Ethical AI Framework is a statutory code binding on private companies that use AI technologies.", [X], U, "outside_fact", S, "not stated; guidance for B/Ds")
add("The Ethical AI Framework provides guidance for members of the public when using AI technologies.", [X], U, "predicate", S, "B/Ds -> public")
add("In December 2023 the ITIB issued a policy statement on data flow and data security setting out 18 concrete action items.", [Y], F, "paraphrase", S, "reworded")
add("The DPO's data governance web page, launched in December 2024, presents the Government's data governance policies in one place.", [Y], F, "subset", S, "reworded")
add("The ITIB's policy statement on facilitating data flow and safeguarding data security put forward 24 specific action items.", [Y], U, "number", S, "18 -> 24")
add("The ITIB published the policy statement on data flow and data security in December 2024.", [Y], U, "date", S, "2023 -> 2024 (same passage)")
add("The ITIB launched a thematic web page on data governance in December 2024.", [Y], U, "entity", S, "DPO -> ITIB (same passage)")
add("創新科技及工業局於2023年12月發表政策聲明，提出18項具體行動措施，並已全部完成。", [Y], U, "chinese_error", S, "addition: all completed")
add("A public consultation on Copyright and AI was held in the third quarter of last year, with the aim of settling the way forward in 2025.", [Z], F, "hedged", S, "keeps aim")
add("CEDB and the IPD are weighing the consultation views and evidence alongside current market practices.", [Z], F, "paraphrase", S, "abbreviations, reworded")
add("The Government conducted a public consultation on Copyright and AI in the fourth quarter of last year.", [Z], U, "date", S, "third -> fourth quarter")
add("The Commerce and Economic Development Bureau and the Intellectual Property Department have finalised amendments to the Copyright Ordinance for AI.", [Z], U, "modality", S, "considering views -> finalised")
add("The Innovation, Technology and Industry Bureau and the Intellectual Property Department are considering the views collected in the Copyright and AI consultation.", [Z], U, "entity", S, "CEDB -> ITIB")
add("The Copyright and AI consultation received over 100 submissions, which the IPD is considering.", [Z], U, "outside_fact", S, "submission count not stated")

AA = 'For example, Hong Kong Applied Science and Technology Research Institute Company Limited (ASTRI), in collaboration with banks and institutions, developed a solution utilising federated learning technology to provide credit assessment on micro, small and medium-sized enterprises while protecting their privacy. Besides, ASTRI collaborated with the Insurance Authority to develop a federated learning platform to provide additional insights for the insurance industry to create new products.'
AB = 'On the financial sector, the Government issued a policy statement in October 2024 to promote responsible application of AI in the financial market. At present, the potential risks posed by AI have been suitably reflected in the relevant regulations and/or guidelines issued by financial regulators.'
AC = 'The UGC also launched the Fund for Innovative Technology-in-Education in 2023, with a funding allocation of $100 million, to provide an impetus for the eight UGC-funded universities to harness innovative and breakthrough technologies in transforming pedagogies and enriching student learning experiences, as well as fostering academia-industry collaboration, thereby nurturing their students to become a digitally competent and technologically responsible generation in the digital economy.'
AD = 'The New Industrialisation and Technology Training Programme under the Innovation and Technology Fund also subsidises local enterprises for their staff to receive training in advanced technologies, which includes AI-related training. Meanwhile, Hong Kong residents aged 18 or above are eligible to enrol in more than 20 AI-related courses under the Continuing Education Fund (CEF) and claim for CEF subsidy upon successful completion of the courses.'
add("Working with banks, ASTRI built a federated-learning credit assessment tool for MSMEs that protects their privacy.", [AA], F, "paraphrase", S, "reworded")
add("ASTRI and the Insurance Authority jointly developed a federated learning platform giving insurers extra insights for new products.", [AA], F, "subset", S, "reworded")
add("ASTRI collaborated with the Hong Kong Monetary Authority to develop a federated learning platform for the insurance industry.", [AA], U, "entity", S, "Insurance Authority -> HKMA")
add("ASTRI developed a federated learning solution to provide credit assessment on large listed companies.", [AA], U, "predicate", S, "MSMEs -> large listed companies")
add("ASTRI's federated learning credit assessment solution has been adopted by all licensed banks in Hong Kong.", [AA], U, "outside_fact", S, "adoption not stated")
add("A policy statement issued in October 2024 promotes the responsible use of AI in the financial market.", [AB], F, "paraphrase", S, "reworded")
add("Financial regulators' existing regulations and guidelines already suitably reflect the potential risks of AI.", [AB], F, "subset", S, "reworded")
add("The Government issued a policy statement in October 2023 to promote responsible application of AI in the financial market.", [AB], U, "date", S, "2024 -> 2023")
add("The potential risks posed by AI have not yet been reflected in the regulations issued by financial regulators.", [AB], U, "negation", S, "polarity reversed")
add("金融監管機構發出的規例及指引尚未反映人工智能帶來的潛在風險。", [AB], U, "chinese_error", S, "negation")
add("In 2023 the UGC set up the $100m Fund for Innovative Technology-in-Education for its eight funded universities.", [AC], F, "paraphrase", Q, "number reformatted")
add("教資會於2023年推出一億元的創新科技教育基金，推動八所資助大學運用創新科技改革教學。", [AC], F, "chinese", Q, "faithful Chinese, $100 million -> 一億元")
add("The UGC launched the Fund for Innovative Technology-in-Education in 2023 with a funding allocation of $1 billion.", [AC], U, "number", Q, "$100 million -> $1 billion")
add("The Education Bureau launched the Fund for Innovative Technology-in-Education in 2023 for the eight UGC-funded universities.", [AC], U, "entity", Q, "UGC -> EDB")
add("The Fund for Innovative Technology-in-Education was launched in 2023 for the eight UGC-funded universities and the VTC.", [AC], U, "addition", Q, "added VTC")
add("Under the ITF's New Industrialisation and Technology Training Programme, local firms get subsidies to train staff in advanced technologies including AI.", [AD], F, "paraphrase", Q, "reworded")
add("Residents aged 18 and over can take over 20 AI-related CEF courses and claim the subsidy after completing them.", [AD], F, "paraphrase", Q, "over 20 for more than 20")
add("Hong Kong residents aged 18 or above can enrol in more than 12 AI-related courses under the Continuing Education Fund.", [AD], U, "number", Q, "20 -> 12")
add("Hong Kong residents aged 20 or above are eligible to enrol in AI-related courses under the CEF.", [AD], U, "number", Q, "18 -> 20 (same passage)")
add("The New Industrialisation and Technology Training Programme subsidises university students to receive training in advanced technologies.", [AD], U, "predicate", Q, "enterprises' staff -> students")
add("CEF subsidy for AI-related courses can be claimed upon enrolment, before completing the courses.", [AD], U, "negation", Q, "upon completion -> before completion")

BA = 'In respect of promoting e-government services, all licences and government services involving application and approval (about 1 480 items in total) and forms (over 3 800) have been fully digitalised by mid-2024, i.e. enabling submission of application, payment and collection of documents by electronic means for relevant licences and services. If in-person submission or collection of documents is required by law or international practice, applicants will only need to visit relevant government offices no more than once.'
BB = 'Among them, in September this year, a HK$3 billion "Frontier Technology Research Support Program" was launched to support the Education Bureau in attracting top international researchers in AI and other fields to lead cutting-edge basic research projects in Hong Kong.'
BC = '(iii) Put in place a $3 billion AI Subsidy Scheme to subsidise local universities, research institutes and enterprises, etc. in leveraging the computing power of AISC to achieve scientific breakthrough; (iv) Continue to promote data centre development, including commencement of the rezoning procedures to convert the Sandy Ridge innovation & technology (I&T) site in the North District for data centre and related development, so as to support the development of digital industry including AI; and'
add("By mid-2024 around 1,480 licences and services requiring application and approval, plus more than 3,800 forms, had been fully digitalised.", [BA], F, "paraphrase", I, "numbers reformatted")
add("Where the law or international practice requires in-person submission or collection, applicants need visit government offices at most once.", [BA], F, "subset", I, "reworded")
add("所有涉及申請及審批的政府牌照及服務（約1 480項）已於2024年中全面電子化。", [BA], F, "chinese", I, "faithful Chinese")
add("About 3 800 licences and government services and over 1 480 forms have been fully digitalised by mid-2024.", [BA], U, "swap", I, "1 480 and 3 800 swapped")
add("All licences and government services involving application and approval have been fully digitalised by end-2024.", [BA], U, "date", I, "mid-2024 -> end-2024")
add("Applicants will need to visit government offices at least twice where in-person submission is required by law.", [BA], U, "number", I, "no more than once -> at least twice")
add("All licences and services have been digitalised, so applicants never need to visit government offices in person.", [BA], U, "negation", I, "in-person visit still needed in some cases")
add("A HK$3bn Frontier Technology Research Support Programme was rolled out in September to help bring top overseas AI researchers to lead basic research in Hong Kong.", [BB], F, "paraphrase", N, "reworded")
add("A HK$1 billion Frontier Technology Research Support Program was launched in September to attract top international researchers.", [BB], U, "number", N, "HK$3 billion -> HK$1 billion")
add("The Frontier Technology Research Support Program was launched in October this year to attract top international AI researchers.", [BB], U, "date", N, "September -> October")
add("The HK$3 billion Frontier Technology Research Support Program supports the Education Bureau in training local secondary school teachers in AI.", [BB], U, "predicate", N, "attracting international researchers -> training teachers")
add("The Government has set up a $3bn AI Subsidy Scheme so that local universities, research institutes and enterprises can use AISC computing power for scientific breakthroughs.", [BC], F, "paraphrase", Q, "reworded")
add("Rezoning has begun to turn the Sandy Ridge I&T site in the North District over to data centre and related uses.", [BC], F, "subset", Q, "reworded")
add("The Government has completed rezoning the Sandy Ridge I&T site for data centre development.", [BC], U, "modality", Q, "commenced -> completed")
add("The Government has commenced rezoning procedures to convert the Sandy Ridge I&T site in Yuen Long for data centre development.", [BC], U, "place", Q, "North District -> Yuen Long")
add("The $3 billion AI Subsidy Scheme subsidises only local universities, not enterprises, in using AISC computing power.", [BC], U, "negation", Q, "enterprises included")
add("The AI Subsidy Scheme of $10 billion subsidises local universities and enterprises in leveraging AISC computing power.", [BC], U, "number", Q, "$3 billion -> $10 billion (figure from same doc)")
add("政府已推出30億元人工智能資助計劃，資助本地大學、研究機構及企業使用人工智能超算中心算力。", [BC], F, "chinese", Q, "faithful Chinese")

CA = 'The Open Data Portal currently encompasses datasets covering 19 categories (including transportation, climate and weather, housing data, etc.) from over 110 organisations (including B/Ds, public and'
CB = 'Additionally, the Government has commissioned HKGAI under the InnoHK cluster to study and suggest appropriate rules and guidelines, through practice and application of GenAI technology, on areas relating to the accuracy, responsibility and information security of the technology.'
CD = '(d) developing the Consented Data Exchange Gateway (“CDEG”), which will be linked up to the Commercial Data Interchange of the Hong Kong Monetary Authority, to enable members of the public to opt for the pilot data interchange arrangement by end-2024, as a means to facilitate verification of the identity of customers by financial institutions;'
add("HKGAI, part of the InnoHK cluster, has been commissioned to study GenAI and propose rules on its accuracy, accountability and information security; HKGAI is also developing and testing local databases and LLMs.", [CB, 'HKGAI is currently developing and testing local databases and large language models.'], F, "combination", S, "facts from two passages")
add("The Government has commissioned HKGAI to study and suggest rules and guidelines on the accuracy, responsibility and information security of GenAI.", [CB], F, "subset", S, "lightly reworded")
add("The Government has commissioned the DPO to study and suggest rules and guidelines on the accuracy and information security of GenAI.", [CB], U, "entity", S, "HKGAI -> DPO")
add("HKGAI has issued binding rules on the accuracy and information security of GenAI technology.", [CB], U, "modality", S, "commissioned to study/suggest -> issued binding rules")
add("The Open Data Portal's datasets span 19 categories from more than 110 organisations.", [CA], F, "paraphrase", S, "reworded")
add("The Open Data Portal's datasets span 110 categories from more than 19 organisations.", [CA], U, "swap", S, "19 and 110 swapped")
add("The Open Data Portal covers 19 categories from over 110 organisations, excluding housing data.", [CA], U, "negation", S, "housing data is included")
add("The CDEG will link to the HKMA's Commercial Data Interchange so the public can join a pilot data interchange arrangement by end-2024, helping banks verify customer identity.", [CD], F, "paraphrase", P, "reworded")
add("The CDEG will be linked up to the Commercial Data Interchange of the Securities and Futures Commission.", [CD], U, "entity", P, "HKMA -> SFC")
add("The CDEG will enable members of the public to opt for the pilot data interchange arrangement by end-2025.", [CD], U, "date", P, "2024 -> 2025 (date elsewhere in doc)")
add("The CDEG has been linked up to the HKMA's Commercial Data Interchange.", [CD], U, "modality", P, "will be linked -> has been linked")
add("AIR@InnoHK, focused on AI and robotics, is based at the Science Park, and the Government plans to fully adopt iAM Smart for one-stop services by end-2025.", [O, R], F, "combination", P, "facts from two passages")
add("Sixteen AIR@InnoHK labs gather over a thousand researchers, and the Open Data Platform holds more than 5,600 datasets.", [A, C], F, "combination", N, "facts from two passages")
add("The HK$3 billion AI funding programme has approved over ten projects, and the AIR@InnoHK platform has set up 26 laboratories.", [B, A], U, "number", N, "16 -> 26 in combined claim")
add("ITIF sub-funds may last up to 12 years, with the Government acting as a Limited Partner in each.", [J, K], F, "combination", I, "facts from two passages")
add("AISC phase one launched in December 2024 with about 1,300 petaFLOPS, and data centre floor space is expected to reach about 1.5 million square metres by end-2026.", [V, T], F, "combination", S, "two passages")
add("TechTAS had 152 AI-related approved entrants as at end-January 2025, and HKIIT admitted its first students in 2023/24.", [E, D], U, "date", Q, "2024/25 -> 2023/24")

DA = 'As for cross-border data, the Hong Kong Digital Policy Office has introduced facilitation measures for standard contracts based on the "Memorandum of Cooperation to Facilitate Cross-Border Data Flows in the Guangdong-Hong Kong-Macao Greater Bay Area", promoting orderly cross-border data flows for data security.'
add("Building on the GBA cross-border data flow Memorandum of Cooperation, the DPO has rolled out standard-contract facilitation measures to promote orderly data flows.", [DA], F, "paraphrase", N, "reworded")
add("數字政策辦公室已根據大灣區跨境數據流動合作備忘錄推出標準合同便利措施。", [DA], F, "chinese", N, "faithful Chinese")
add("The Office of the Government Chief Information Officer introduced standard contract facilitation measures for GBA cross-border data flows.", [DA], U, "entity", N, "DPO -> OGCIO")
add("The DPO introduced standard contract facilitation measures under a memorandum covering cross-border data flows between Hong Kong and Singapore.", [DA], U, "place", N, "GBA -> Singapore")
add("The DPO plans to introduce facilitation measures for standard contracts under the GBA cross-border data memorandum.", [DA], U, "modality", N, "has introduced -> plans to")
add("數字政策辦公室已根據粵港澳大灣區跨境數據流動合作備忘錄，取消所有跨境數據流動的限制。", [DA], U, "chinese_error", N, "predicate: facilitation -> removing all restrictions")

EA = 'In December 2022, the Administration published the Hong Kong Innovation and Technology Development Blueprint (“the Blueprint”) setting out four broad development directions, and one of which was “to promote digital economy development and develop Hong Kong into a smart city”. According to the Administration, a smart city is the backbone of a digital economy and is conducive to promoting the development of innovation and technology (“I&T”).'
add("The Blueprint, released in December 2022, laid down four broad directions, one being to advance the digital economy and turn Hong Kong into a smart city.", [EA], F, "paraphrase", P, "reworded")
add("In the Administration's view, a smart city underpins the digital economy and helps I&T development.", [EA], F, "subset", P, "reworded")
add("《香港創新科技發展藍圖》於2022年12月公布，訂出四大發展方向。", [EA], F, "chinese", P, "faithful Chinese")
add("The Blueprint, published in December 2022, sets out five broad development directions.", [EA], U, "number", P, "four -> five")
add("The Blueprint, published in December 2023, sets out four broad development directions.", [EA], U, "date", P, "2022 -> 2023")
add("The Blueprint published in December 2022 identifies developing Hong Kong into a smart city as one of its development directions.", [EA], F, "subset", P, "single fact")

out = HERE / "corpus_all.jsonl"
with out.open("w", encoding="utf-8") as f:
    for i, it in enumerate(G, 1):
        f.write(json.dumps({"id": f"c{i:04d}", **it}, ensure_ascii=False) + "\n")
print(len(G))
