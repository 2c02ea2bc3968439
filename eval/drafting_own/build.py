"""Writes all.jsonl, tune.jsonl and heldout.jsonl from the hand-written parts below.

Each part is a new LegCo-style written-question part; reply_facts are strings that a good reply part must
contain and that occur in the corpus (checked by validate.py). The split is fixed by a hash of the id.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).parent

# (id, part, question_part, reply_facts, unanswered_asks)
PARTS = [
    ("o01", "(1)",
     "(1) of the latest progress of the full adoption of the \"iAM Smart\" platform for the provision of "
     "digital government services, including the target date for achieving full adoption and the funding "
     "earmarked for enhancing the operation of the platform; whether a version of the platform for "
     "authenticating the identities of businesses is being developed;",
     ["end-2025", "200 million", "business version", "one-stop digital government services"], []),
    ("o02", "(2)",
     "(2) as there are views that the sharing of personal data between government departments and financial "
     "institutions may give rise to privacy risks, of the timetable for launching the pilot data interchange "
     "arrangement under the Consented Data Exchange Gateway, and the measures in place to ensure that the "
     "personal data of members of the public exchanged through the Gateway will be adequately protected;",
     ["Commercial Data Interchange", "end-2024", "opt to share a part or all of their data",
      "Privacy Commissioner for Personal Data", "Cap. 486"], []),
    ("o03", "(1)",
     "(1) of the research clusters set up under InnoHK at the Hong Kong Science Park, and the respective "
     "numbers of research laboratories admitted, local universities and research institutions involved, and "
     "non-local institutions and economies taking part;",
     ["Health@InnoHK", "AIR@InnoHK", "28 research laboratories", "7 local universities",
      "over 30 institutions", "11 economies"], []),
    ("o04", "(3)",
     "(3) given the growing demand for data storage arising from the training of AI models, of the current "
     "number and total gross floor area of data centres in Hong Kong, and the projected supply of data centre "
     "floor space in the coming few years;",
     ["about 60 data centres", "800 000", "700 000", "1.5 million square metres", "end of 2026"], []),
    ("o05", "(2)",
     "(2) of the progress of the Cyberport 5 expansion project, including its site area, gross floor area, the "
     "facilities to be provided and the expected completion date, as well as the latest estimated cost of the "
     "project; and the progress of the study on developing Lau Fau Shan into a digital technology hub;",
     ["1.6 hectares", "66 000", "data services platform", "2025 at the earliest", "planning study"],
     ["latest estimated cost of Cyberport 5"]),
    ("o06", "(1)",
     "(1) as some members of the industry have expressed concern over whether Cyberport is capable of "
     "operating the AI supercomputing centre and whether it will encounter difficulties in procuring hardware "
     "and software in the wake of the export restrictions imposed by overseas places, of the considerations of "
     "the authorities in inviting Cyberport to set up and operate the centre, and whether the centre will be "
     "operated on a commercial basis in the future;",
     ["views of the consultant", "well-positioned to establish AISC", "commercial basis"], []),
    ("o07", "(2)",
     "(2) of the computing power currently provided by the first phase of the Artificial Intelligence "
     "Supercomputing Centre at Cyberport and the computing power it will eventually reach, and the number of "
     "projects approved so far under the subsidy scheme for users to leverage such computing power;",
     ["December 2024", "1 300 petaFLOPS", "3 000 petaFLOPS", "3 billion", "over ten"], []),
    ("o08", "(3)",
     "(3) how the R&D Centres under the Innovation and Technology Commission have collaborated with the "
     "industry in conducting applied research on AI, and of examples of the outcomes of such research; "
     "whether the Government provides tax incentives to enterprises conducting R&D in Hong Kong; if so, of "
     "the details; if not, the reasons for that;",
     ["ASTRI", "federated learning", "credit assessment", "Insurance Authority", "enhanced tax deduction"], []),
    ("o09", "(1)",
     "(1) whether the Government has drawn up guidelines on the use of AI by government bureaux/departments "
     "and by public and private organisations, so as to manage the risks in respect of privacy and data "
     "security; if so, of the details, and whether such guidelines have been updated to cover generative AI; "
     "if not, the reasons for that;",
     ["Ethical AI Framework", "early August 2023", "Guidance on Ethical Development and Use of AI",
      "AI: Model Personal Data Protection Framework", "10 Tips for Users of AI Chatbots"], []),
    ("o10", "(2)",
     "(2) of the implementation of the policy statement on facilitating data flow and safeguarding data "
     "security promulgated by the Government, and the channels through which the Government introduces its "
     "data governance policies, guidelines and technical standards to the public and the industry;",
     ["December 2023", "18 specific action items", "thematic web page", "Principles of Data Governance",
      "December 2024"], []),
    ("o11", "(4)",
     "(4) as there are views that the Copyright Ordinance (Cap. 528) has failed to keep pace with the use of "
     "copyright works in the training of AI models, of the progress of the Government's review of the "
     "Ordinance in this regard, including the public consultation conducted and the timetable for formulating "
     "the way forward; and",
     ["Copyright and AI", "third quarter", "Intellectual Property Department", "way forward in 2025"], []),
    ("o12", "(2)",
     "(2) of the measures taken by the Government to promote the responsible application of AI in the "
     "financial sector; whether it has assessed the adoption of generative AI by local financial institutions "
     "as compared with that in other markets; if so, of the outcome;",
     ["October 2024", "policy statement", "38%", "26%", "explainable AI"], []),
    ("o13", "(1)",
     "(1) of the AI applications currently adopted by the Hospital Authority in its clinical services and "
     "hospital management;",
     ["chest X-rays", "brain computed tomography", "hip fractures", "Hepatitis B", "Hospital Command Centre",
      "HA Go"], []),
    ("o14", "(3)",
     "(3) of the measures taken by the Education Bureau to incorporate AI elements into the primary and "
     "secondary school curricula and to enhance teachers' capacity in AI-assisted teaching, including the "
     "funding support provided to schools for this purpose;",
     ["Enriched Module on Coding Education for Upper Primary Level", "Module on AI for Junior Secondary Level",
      "AI for Science Education", "Quality Education Fund", "100,000"], []),
    ("o15", "(2)",
     "(2) of the amount of grants approved and the number of service units subsidised so far under the "
     "Innovation and Technology Fund for Application in Elderly and Rehabilitation Care, together with "
     "examples of the AI-enabled products procured; and the details and implementation timetable of the "
     "expanded scope of the Fund following the additional funding injection;",
     ["750 million", "2 000 service units", "21 000 technology products", "bed-leaving", "household use",
      "first quarter"], []),
    ("o16", "(4)",
     "(4) of the progress of the Transport Department in applying AI to traffic management, including the "
     "systems adopted and the traffic information released to the public; the number of junctions at which "
     "the Real-time Adaptive Traffic Signal System has been installed so far, and the reduction in the "
     "waiting time of vehicles and pedestrians thus achieved?",
     ["Traffic Data Analytics System", "15 to 90 minutes", "HKeMobility", "end of April 2022",
      "Real-time Adaptive Traffic Signal System"],
     ["number of junctions with the adaptive signal system", "reduction in waiting time achieved"]),
    ("o17", "(3)",
     "(3) as there are views that Hong Kong should expedite the development of its own large language models, "
     "of the progress of the Hong Kong Generative AI Research and Development Center in developing local large "
     "language models and launching related applications, and the participation of bureaux/departments in the "
     "pilot use of its document processing copilot application within the Government;",
     ["HKGAI V1", "February this year", "HKPilot", "mid-2024", "about 60 B/Ds"], []),
    ("o18", "(1)",
     "(1) of the measures to encourage in-service persons and enterprises to learn and apply AI, including "
     "the subsidies available for individuals to pursue AI-related courses and for enterprises to arrange "
     "AI training for their staff, as well as the AI-related training provided by the Employees Retraining "
     "Board;",
     ["Continuing Education Fund", "more than 20 AI-related courses",
      "New Industrialisation and Technology Training Programme", "over 50 I&T-related training courses",
      "April to December 2024"], []),
    ("o19", "(2)",
     "(2) of the targets set by the Government on the proportion of students of University Grants "
     "Committee-funded universities studying STEAM subjects and the timetable for achieving them; the funding "
     "provided to these universities for harnessing innovative technologies in teaching and learning; and the "
     "number of AI-related programmes offered by these universities in each of the past three academic years;",
     ["35%", "60%", "2026/27", "Fund for Innovative Technology-in-Education", "100 million"],
     ["number of AI-related programmes in each of the past three academic years"]),
    ("o20", "(3)",
     "(3) of the number of digital government and smart city initiatives to be rolled out by "
     "bureaux/departments which involve the application of AI, the source of funding for such initiatives, "
     "and the total expenditure incurred on AI-related initiatives in each of the past three financial years?",
     ["over a hundred", "nearly half", "Capital Works Reserve Fund", "Head 710", "A007GX"],
     ["expenditure on AI-related initiatives in each of the past three financial years"]),
    ("o21", "(1)",
     "(1) of the structure of the Innovation and Technology Industry-Oriented Fund, including whether AI will "
     "be one of its investment areas, the duration of its sub-funds, the respective roles of the Government "
     "and the fund managers, and the manner in which fund managers are selected; the amount of market capital "
     "the Fund is expected to attract and the timetable for setting up the first sub-fund;",
     ["five thematic areas", "AI and robotics", "12 years", "Limited Partner", "General Partners",
      "open application"],
     ["expected amount of market capital attracted", "timetable for setting up the first sub-fund"]),
    ("o22", "(2)",
     "(2) whether the Government has applied AI and related technologies to improve government hotline "
     "services and the handling of public enquiries, as well as the security surveillance of public "
     "facilities; if so, of the details;",
     ["1823 AI chatbot", "speech recognition", "chatbot technologies", "video analytics",
      "public cargo working areas"], []),
    ("o23", "(3)",
     "(3) of the progress of making available land in the North District for data centre development, "
     "including the rezoning of the relevant site and the tendering of the land for the data park, and the "
     "facilities to be provided in the data park;",
     ["Sandy Ridge", "rezoning", "10-hectare site", "public tender", "advanced computing facilities"], []),
    ("o24", "(1)",
     "(1) as the 2025-2026 Budget has earmarked funding for establishing the Hong Kong Artificial "
     "Intelligence Research and Development Institute, of the amount of funding, the timetable for "
     "establishing the Institute and its functions; as well as the governance structure of the Institute and "
     "the estimated number of research staff to be employed;",
     ["1 billion", "by 2026", "midstream", "application scenarios"],
     ["governance structure of the Institute", "estimated number of research staff"]),
]


def split_of(record_id: str) -> str:
    return "tune" if int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def records() -> list[dict]:
    return [{"id": rid, "doc": "", "part": part, "question_part": text, "question_part_verbatim": False,
             "reply_facts": list(facts), "recoverable_from_other_docs": list(facts),
             "unanswered_asks": list(unanswered), "split": split_of(rid)}
            for rid, part, text, facts, unanswered in PARTS]


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    rows = records()
    write(HERE / "all.jsonl", rows)
    for split in ("tune", "heldout"):
        write(HERE / f"{split}.jsonl", [r for r in rows if r["split"] == split])
    print(f"wrote {len(rows)} parts")
