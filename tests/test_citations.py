"""The deterministic citation checker on hand-made cases (no LLM needed)."""

from rag.citations import check_answer, clean_citations, support

PASSAGES = [
    "The first phase of the AI Supercomputing Centre was launched in December 2024 to provide "
    "computing power of around 1 300 petaFLOPS.",
    "The Government launched a three-year AI Subsidy Scheme of $3 billion to subsidise eligible users.",
]


def test_invented_citation_is_removed() -> None:
    assert clean_citations("The scheme is worth $3 billion [2][7].", 2) == "The scheme is worth $3 billion [2]."
    assert clean_citations("Launched in 2024 [1, 2, 9].", 2) == "Launched in 2024 [1][2]."


def test_number_absent_from_cited_passage_is_unsupported() -> None:
    ok, reason = support("The scheme is worth $5 billion [2].", PASSAGES, [2])
    assert not ok and "5" in reason


def test_correct_paraphrase_with_right_figures_is_supported() -> None:
    ok, _ = support(
        "Around 1,300 petaFLOPS of computing power came with the Supercomputing Centre's first phase in December 2024 [1].",
        PASSAGES,
        [1],
    )
    assert ok


def test_wrong_passage_cited_is_unsupported_even_if_another_supports_it() -> None:
    ok, _ = support("The AI Subsidy Scheme is worth $3 billion [1].", PASSAGES, [1])
    assert not ok


def test_uncited_claim_gets_the_supporting_passage_and_unsupported_stays_flagged() -> None:
    checked = check_answer(
        "A three-year AI Subsidy Scheme of $3 billion subsidises users. It also funds 40 new schools.", PASSAGES
    )
    assert checked[0].citations == [2] and checked[0].supported
    assert not checked[1].supported


def test_markers_after_the_full_stop_stay_with_their_sentence() -> None:
    checked = check_answer("The centre launched in December 2024. [1] The scheme is $3 billion. [2]", PASSAGES, repair=False)
    assert [c.citations for c in checked] == [[1], [2]]
    assert all(c.supported for c in checked)
