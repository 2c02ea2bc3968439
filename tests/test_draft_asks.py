"""How a numbered LegCo question part is read into asks (rag/draft_asks.py), table-driven.

The verbatim parts are from the bundled LCQ13 and LCQ20 questions (the parts of ../shared/eval/drafting.jsonl,
inlined so the table does not depend on that file); the synthetic rows pin each grammatical cut on its own.
"""

from __future__ import annotations

import pytest

from rag.draft_asks import read_part

LCQ20_1 = (
    "(1) whether it will expeditiously formulate a comprehensive AI development blueprint and strategy, and provide "
    "comprehensive supporting policy measures in respect of the cooperation among the Government and the industry, "
    "academia, research and investment sectors, including the formulation of relevant legal and regulatory frameworks, "
    "land supply, dedicated funding, tax concessions, training and admission of talents, technological research and "
    "development (R&D), market development and regional cooperation, so as to capitalise on Hong Kong's edge to "
    "promote AI's R&D and application with enhanced speed and efficiency; if so, of the details; if not, the reasons "
    "for that;"
)
LCQ13_1 = (
    "(1) as there are views pointing out that there is more than sufficient room for trial and error for start-ups in "
    "Hangzhou, including a failure-tolerant institutional design at the policy level, government subsidies for "
    "research and development (R&D) and a science and technology innovation fund on the funding front, and "
    "multi-capital in the market to patiently accompany their growth, whether the Innovation and Technology "
    "Industry-Oriented Fund set up by the Hong Kong Special Administrative Region (HKSAR) Government will formulate "
    "reference guidelines to increase the weighting of multi-dimensional indicators, such as innovative capability, "
    "growth potential and R&D intensity of enterprises, when guiding patient capital investments;"
)
LCQ13_4 = (
    "(4) as it is learnt that Hangzhou and its surrounding regions are able to provide start-ups with comprehensive "
    "industrial chain support (e.g. Deepseek's industrial chain is entirely based in Hangzhou), what measures the SAR "
    "Government has put in place to promote co-operation with other Mainland cities in the Guangdong-Hong Kong-Macao "
    "Greater Bay Area in terms of resources for the AI industry in order to improve the AI industrial chain?"
)

# (part, context starts with, [(ask core, facets)], follow-up)
CASES = [
    (
        LCQ20_1,
        "",
        [
            ("whether it will expeditiously formulate a comprehensive AI development blueprint and strategy", ()),
            (
                "whether it will provide comprehensive supporting policy measures",
                (
                    "the formulation of relevant legal and regulatory frameworks", "land supply", "dedicated funding",
                    "tax concessions", "training and admission of talents",
                    "technological research and development (R&D)", "market development", "regional cooperation",
                ),
            ),
        ],
        "if so, of the details; if not, the reasons for that",
    ),
    (
        LCQ13_1,
        "as there are views pointing out",
        [
            (
                "whether the Innovation and Technology Industry-Oriented Fund set up by the Hong Kong Special "
                "Administrative Region (HKSAR) Government will formulate reference guidelines to increase the "
                "weighting of multi-dimensional indicators",
                ("innovative capability", "growth potential", "R&D intensity of enterprises"),
            )
        ],
        "",
    ),
    (
        LCQ13_4,
        "as it is learnt that Hangzhou",
        [(
            "what measures the SAR Government has put in place to promote co-operation with other Mainland cities "
            "in the Guangdong-Hong Kong-Macao Greater Bay Area in terms of resources for the AI industry",
            (),
        )],
        "",
    ),
    (
        "What is the Government's overall AI strategy, and what has it done to strengthen AI research?",
        "",
        [("What is the Government's overall AI strategy", ()), ("what has it done to strengthen AI research", ())],
        "",
    ),
    (
        "How will the Government increase the supply of data, including cross-boundary data, for AI development?",
        "",
        [("How will the Government increase the supply of data", ("cross-boundary data",))],
        "",
    ),
    (  # coordinated verb phrase: the second ask inherits "whether it will"
        "(2) whether it will allocate more resources to AI talents, as well as encourage people to upgrade their "
        "skills; if so, of the details",
        "",
        [("whether it will allocate more resources to AI talents", ()),
         ("whether it will encourage people to upgrade their skills", ())],
        "if so, of the details",
    ),
    (  # ", and the public sector" joins nouns, not asks
        "whether it will promote AI in the industry, and the public sector?",
        "",
        [("whether it will promote AI in the industry, and the public sector", ())],
        "",
    ),
    (  # "will the Government inform this Council: (2) of the number of ..." asks for the number
        "(2) of the number of robots deployed in the public toilets of each district?",
        "",
        [("the number of robots deployed in the public toilets of each district", ())],
        "",
    ),
    (  # a part with no question word is one ask
        "the number of GPUs at the AI Supercomputing Centre",
        "",
        [("the number of GPUs at the AI Supercomputing Centre", ())],
        "",
    ),
    (  # an "of the ..." ask opens the part; ";" separates it from the next ask (it was read as the lead-in)
        "(1) of the latest progress of the platform, including the target date and the funding earmarked; whether "
        "a business version is being developed;",
        "",
        [("the latest progress of the platform", ("the target date", "the funding earmarked")),
         ("whether a business version is being developed", ())],
        "",
    ),
    (  # a lead-in, then two noun-phrase asks joined by ", and the" (read as one ask before)
        "(2) as there are views that data sharing may give rise to privacy risks, of the timetable for launching the "
        "pilot arrangement, and the measures in place to protect the personal data exchanged;",
        "as there are views that data sharing",
        [("the timetable for launching the pilot arrangement", ()),
         ("the measures in place to protect the personal data exchanged", ())],
        "",
    ),
    (  # an ask inside the follow-up segment stays an ask; the formula stays the follow-up
        "(1) whether it has drawn up guidelines on the use of AI; if so, of the details, and whether such guidelines "
        "have been updated to cover generative AI; if not, the reasons for that;",
        "",
        [("whether it has drawn up guidelines on the use of AI", ()),
         ("whether such guidelines have been updated to cover generative AI", ())],
        "if so, of the details; if not, the reasons for that",
    ),
    (  # three asks over two ";" segments: "how ...", "of examples of ...", "the number of ...; and the reduction"
        "(4) how the R&D Centres have collaborated with the industry, and of examples of the outcomes; the number "
        "of junctions served so far, and the reduction in waiting time thus achieved?",
        "",
        [("how the R&D Centres have collaborated with the industry", ()), ("examples of the outcomes", ()),
         ("the number of junctions served so far", ()), ("the reduction in waiting time thus achieved", ())],
        "",
    ),
    (  # a comma-led follow-up is still the follow-up
        "whether it will publish the report, if so, of the details",
        "",
        [("whether it will publish the report", ())],
        "if so, of the details",
    ),
]


@pytest.mark.parametrize(("part", "context", "asks", "follow_up"), CASES, ids=[c[0][:40] for c in CASES])
def test_read_part(part: str, context: str, asks: list[tuple[str, tuple[str, ...]]], follow_up: str) -> None:
    read = read_part(part)
    assert read.context.startswith(context) and (context or not read.context)
    assert [(ask.core, ask.facets) for ask in read.asks] == asks
    assert read.follow_up == follow_up


def test_a_gerund_after_when_is_a_circumstance_not_an_ask() -> None:
    read = read_part("whether it will weight innovation, when guiding patient capital investments;")
    assert len(read.asks) == 1 and "guiding patient capital" in read.asks[0].text


def test_ask_text_keeps_the_elaboration_the_core_drops() -> None:
    (ask,) = read_part("whether it will fund start-ups, so as to grow the industry?").asks
    assert ask.core == "whether it will fund start-ups" and ask.text.endswith("so as to grow the industry")
