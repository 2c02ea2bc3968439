"""Word statistics behind the answerability score: which words are telling, and what counts as present."""

from __future__ import annotations

import pytest

from rag.answerability import TermStats, features, matches
from rag.evidence import content_words

PASSAGES = [
    "The Government supports AI development in Hong Kong.",
    "The AI Subsidy Scheme has a budget of $3 billion for AI projects.",
    "HKPilot is used by officers of about 60 bureaux and departments.",
    "The Government set up 16 AI laboratories at the Science Park.",
]
STATS = TermStats(PASSAGES)


@pytest.mark.parametrize("term, words, found", [
    ("laboratori", {"lab"}, True),          # a shared stem prefix
    ("lab", {"laboratori"}, True),
    ("regul", {"regulatori"}, True),
    ("cost", {"cosmet"}, False),
    ("hour", {"hkpilot"}, False),
])
def test_matches(term: str, words: set[str], found: bool) -> None:
    assert matches(term, words) is found


def test_rare_words_weigh_more_than_common_ones() -> None:
    common, rare, absent = (next(iter(content_words(w))) for w in ("Government", "HKPilot", "hourly"))
    assert STATS.idf(common) < STATS.idf(rare) < STATS.idf(absent) == pytest.approx(STATS.max_idf)


def test_a_misspelling_reads_as_the_indexed_word() -> None:
    assert STATS.spelled(next(iter(content_words("laboratoreis")))) == next(iter(content_words("laboratories")))


@pytest.mark.parametrize("ask, sentence, covered_more_than", [
    ("How much is the AI Subsidy Scheme budget?", PASSAGES[1], 0.9),
    ("What is the hourly price of the AI Subsidy Scheme?", PASSAGES[1], 0.0),
])
def test_coverage(ask: str, sentence: str, covered_more_than: float) -> None:
    coverage, _, missing_word, _ = features(STATS, ask, sentence)
    assert coverage > covered_more_than
    if coverage < 0.9:
        assert missing_word in content_words("hourly price")


def test_a_count_question_is_typed_only_by_a_count() -> None:
    assert features(STATS, "How many laboratories were set up?", PASSAGES[3])[3] is True
    assert features(STATS, "How many laboratories were set up?", PASSAGES[0])[3] is False
