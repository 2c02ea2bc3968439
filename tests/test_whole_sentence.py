"""Which passage sentences may stand alone in a reply draft (core/whole_sentence.py), table-driven.

Rejected rows are the kinds found in the issue-19 baseline drafts; kept rows are sentences of the real LCQ13
and LCQ20 replies and of the bundled papers, which must all pass.
"""

from __future__ import annotations

import pytest

from core.whole_sentence import is_whole_sentence, rejection

KEPT = [
    "The Government has all along attached great importance to the development of AI.",
    "In addition, the 2025-26 Budget announced that $1 billion has been earmarked for the establishment of the "
    "Hong Kong Artificial Intelligence Research and Development Institute.",
    "12. The AI Supercomputing Centre at Cyberport commenced operation in December 2024.",
    "(a) The Government will launch the AI Subsidy Scheme.",
    "HK$10 billion has been set aside for the I&T Industry-Oriented Fund.",
    "Since mid-2024, the Government has commenced the pilot use of a document processing copilot (HKPilot).",
    "The Digital Policy Office (DPO) published the “Ethical Artificial Intelligence Framework” in 2024.",
    "“Guangdong and Hong Kong” are the two sides of the agreement signed in 2024.",
    "Is it possible to do more?",
    "It is expected that the Centre will be completed in 2026.",
]

REJECTED = [
    ("Footnote 1: Including: 'Innovation and Technology Support Programme', 'Technology Voucher Programme'.",
     "footnote or source line"),
    ("Source: Legislative Council Secretariat.", "footnote or source line"),
    ("Members were concerned about the progress of the AI Supercomputing Centre.", "Members' view"),
    ("Some members suggested that the Government should set up a fund.", "Members' view"),
    ("The Panel noted the Administration's plan.", "Members' view"),
    ("Guangdong and Hong Kong” with the Department of Science and Technology of Guangdong Province.",
     "unbalanced quotes or brackets"),
    ("The Government (with the support of the industry will launch the scheme.", "unbalanced quotes or brackets"),
    ("enterprises engaging in AI to set up their operations in Hong Kong.", "starts mid-sentence"),
    ("- (c) to provide funding for start-ups;", "starts mid-sentence"),
    ("(v) promoting the use of AI in the public sector;", "starts mid-sentence"),
    ("The Government will continue to promote the development of", "no sentence end"),
    ("", "empty"),
    ("It is a key industry that Hong Kong is committed to developing.", "refers back"),
    ("These institutions and companies are dedicated to developing large models.", "refers back"),
]


@pytest.mark.parametrize("sentence", KEPT)
def test_whole_sentences_are_kept(sentence: str) -> None:
    assert is_whole_sentence(sentence), rejection(sentence)


@pytest.mark.parametrize(("sentence", "reason"), REJECTED)
def test_fragments_and_views_are_rejected_with_their_reason(sentence: str, reason: str) -> None:
    assert not is_whole_sentence(sentence)
    assert rejection(sentence) == reason


def test_members_of_the_public_are_not_a_panels_view() -> None:
    assert is_whole_sentence("Members of the public can use the service free of charge.")
