"""The evaluator's faithfulness scoring on hand-made cases: each sentence against its *own* citations."""

from eval.faithfulness import score_sentences
from eval.metrics import sentence_pairs

PASSAGES = [
    ("The first phase of the AI Supercomputing Centre was launched in December 2024 to provide "
     "computing power of around 1 300 petaFLOPS."),
    "The Government launched a three-year AI Subsidy Scheme of $3 billion to subsidise eligible users.",
]


def test_number_absent_from_its_cited_passage_is_unsupported() -> None:
    [sentence] = score_sentences("The three-year AI Subsidy Scheme is worth $5 billion [2].", PASSAGES)
    assert not sentence.supported
    assert "5" in sentence.reason
    assert sentence.precise == [False]


def test_correct_paraphrase_with_the_right_figures_is_supported() -> None:
    [sentence] = score_sentences(
        "Around 1,300 petaFLOPS of computing power came with the Supercomputing Centre's first phase "
        "in December 2024 [1].",
        PASSAGES,
    )
    assert sentence.supported and sentence.reason == ""
    assert sentence.precise == [True]


def test_citing_the_wrong_passage_is_unsupported_even_though_another_retrieved_passage_supports_it() -> None:
    [sentence] = score_sentences("The Government launched a three-year AI Subsidy Scheme of $3 billion [1].", PASSAGES)
    assert not sentence.supported
    assert sentence.grounded_any  # judged against all retrieved text joined (RAGAS-style), it would pass
    pairs = sentence_pairs([sentence], judged=False)
    assert pairs["supported"] == (0.0, 1.0) and pairs["grounded_any"] == (1.0, 1.0)
    assert pairs["citation_precision"] == (0.0, 1.0)


def test_an_uncited_claim_is_not_repaired_by_the_evaluator() -> None:
    [sentence] = score_sentences("The Government launched a three-year AI Subsidy Scheme of $3 billion.", PASSAGES)
    assert sentence.citations == [] and sentence.claim
    assert not sentence.supported and sentence.reason == "no citation"
    assert sentence_pairs([sentence], judged=False)["citation_recall"] == (0.0, 1.0)


def test_citation_precision_keeps_needed_citations_and_rejects_a_decorative_one() -> None:
    both_needed, decorative = score_sentences(
        "The Supercomputing Centre launched in December 2024 and a $3 billion AI Subsidy Scheme subsidises "
        "eligible users [1][2]. The three-year AI Subsidy Scheme of $3 billion subsidises eligible users [1][2].",
        PASSAGES,
    )
    assert both_needed.supported and both_needed.precise == [True, True]
    assert decorative.supported and decorative.precise == [False, True]
    assert sentence_pairs([both_needed, decorative], judged=False)["citation_precision"] == (3.0, 4.0)
