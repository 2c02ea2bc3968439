"""Evidence per ask (rag/draft_evidence) and the drafting metrics (eval/draft_scoring, eval/draft_labels).

Scores and similarity are scripted here, so each rule of the selection is tested on its own; the real
embedding model and index run in tests/test_tasks.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

from eval.draft_labels import agreement
from eval.draft_scoring import draft_pairs, reply_part, without_placeholders, words
from index.retrieval import Hit
from rag.draft_asks import DraftAsk
from rag.draft_evidence import Retrieved, restates_any, retrieve_for_asks, select_evidence

FUND = "The Government has set aside $10 billion for the I&T Industry-Oriented Fund."
FUND_AGAIN = "The Government has set aside $10 billion for the I&T Industry-Oriented Fund in 2025."
FILLER = "Data is an essential element of AI."
LABS = "AIR@InnoHK hosts 16 research laboratories on AI and robotics."
OFF = "The Development Bureau applied AI to project surveillance."


def _hit(n: int, text: str, section: str = "Body") -> Hit:
    return Hit(f"c{n}", "doc.txt", "A paper", "2025-01-01", f"A paper, para {n}", section, 0, len(text), text, 1.0, n)


def _scores(table: dict[str, float]):  # type: ignore[no-untyped-def]
    return lambda ask, sentences: [table.get(s, 0.1) for s in sentences]


def _similarity(table: dict[str, float]):  # type: ignore[no-untyped-def]
    return lambda query, sentences: [table.get(s, 0.3) for s in sentences]


def _retrieved(texts: Sequence[str], asks: int = 1) -> Retrieved:
    hits = [_hit(n, t) for n, t in enumerate(texts, 1)]
    return Retrieved(hits, [list(range(1, len(hits) + 1))] * asks, [[]] * asks)


ASK = DraftAsk("whether the Fund will weight R&D intensity", "whether the Fund will weight R&D intensity")


def test_the_best_answering_sentence_comes_first_and_a_restatement_is_skipped() -> None:
    texts = [LABS, FUND, FUND_AGAIN]
    found = select_evidence([ASK], _retrieved(texts), _scores({FUND: 0.6, FUND_AGAIN: 0.6, LABS: 0.35}),
                            _similarity({LABS: 0.6, FUND: 0.5, FUND_AGAIN: 0.5}), budget_words=300)
    sentences = [e.sentence for e in found[0].evidence]
    assert sentences[0] == FUND and FUND_AGAIN not in sentences and LABS in sentences
    assert found[0].answered


def test_filler_after_the_first_sentence_is_left_out() -> None:
    texts = [FUND, FILLER, LABS]
    found = select_evidence([ASK], _retrieved(texts), _scores({FUND: 0.6}), _similarity({FILLER: 0.9}), 300)
    assert FILLER not in [e.sentence for e in found[0].evidence]


def test_an_off_subject_ask_gets_no_sentences_and_a_related_one_is_not_answered() -> None:
    off = select_evidence([ASK], _retrieved([OFF, LABS]), _scores({}), _similarity({}), 300)
    assert off[0].evidence == [] and not off[0].answered
    related = select_evidence([ASK], _retrieved([LABS]), _scores({LABS: 0.33}), _similarity({}), 300)
    assert related[0].evidence and not related[0].answered  # shown beside a placeholder


def test_the_word_budget_is_shared_by_the_asks_in_turns() -> None:
    second = DraftAsk("what the labs do", "what the labs do")
    texts = [FUND, LABS, OFF]
    found = select_evidence([ASK, second], _retrieved(texts, asks=2), _scores({FUND: 0.6, LABS: 0.6, OFF: 0.5}),
                            _similarity({}), budget_words=len(FUND.split()) + len(LABS.split()))
    assert [len(f.evidence) for f in found] == [1, 1]  # the third sentence does not fit


def test_footnotes_and_members_views_are_never_candidates() -> None:
    view = "Members were concerned about the Fund's progress in 2025."
    hits = [_hit(1, "Footnote 1: Including the Innovation and Technology Support Programme.", "Footnotes"),
            _hit(2, view)]
    found = select_evidence([ASK], Retrieved(hits, [[1, 2]], [[]]), _scores({view: 0.9}), _similarity({}), 300)
    assert found[0].evidence == []


def test_each_ask_and_listed_item_is_retrieved_for_and_passages_are_merged() -> None:
    asked: list[tuple[str, int]] = []

    def retrieve(query: str, k: int) -> list[Hit]:
        asked.append((query, k))
        return [_hit(1, FUND), _hit(len(asked) + 1, LABS)]

    ask = DraftAsk("whether it will fund labs, such as robotics labs", "whether it will fund labs", ("robotics labs",))
    retrieved = retrieve_for_asks(retrieve, "(1) whether it will fund labs", [ask], top_k=12)
    assert [q for q, _ in asked] == ["(1) whether it will fund labs", ask.text, ask.core, "robotics labs whether it will fund labs"]
    assert asked[-1][1] < 12  # a listed item gets a small retrieval
    assert len({h.chunk_id for h in retrieved.hits}) == len(retrieved.hits)
    assert retrieved.ask_passages[0][0] == 1  # the passage every query found ranks first


def test_restates_any_uses_words_or_vectors() -> None:
    assert restates_any(FUND_AGAIN, [FUND], _similarity({}))
    assert not restates_any(LABS, [FUND], _similarity({}))
    assert restates_any(LABS, [FUND], lambda query, others: [0.9])


REPLY = """Question:
(1) whether ...
Reply:
President,
(1) The Government has set up the Fund. It has $10 billion.
(i) an item of part one;
(2) The second part's reply.
Ends/Wednesday, March 19, 2025
"""


def test_reply_part_is_cut_from_the_reply_section() -> None:
    assert reply_part(REPLY, "(1)") == "(1) The Government has set up the Fund. It has $10 billion.\n(i) an item of part one;"
    assert reply_part(REPLY, "(2)") == "(2) The second part's reply."
    assert reply_part(REPLY, "(3)") == "" and reply_part("no reply here", "(1)") == ""


def test_placeholders_and_markers_are_not_counted_as_words() -> None:
    text = "The Fund has $10 billion [1]. [Input needed from the responsible bureau: whether it will weight R&D]"
    assert words(text) == 5
    assert "Input needed" not in without_placeholders(text)


def test_draft_pairs_count_fragments_placeholders_and_sentences_on_an_ask() -> None:
    part = SimpleNamespace(
        text=f"{FUND} [1] {FILLER} [1]",
        sentences=[{"text": f"{FUND[:-1]} [1]."}, {"text": "guiding patient capital [1]."}],
        asks=[{"ask": "whether the Fund", "answered": True}, {"ask": "whether labs", "answered": False}],
    )
    pairs = draft_pairs([part], [20], _scores({FUND: 0.7}))
    assert pairs["fragments"] == (1.0, 2.0)  # the lower-case piece
    assert pairs["asks_placeholder"] == (1.0, 2.0)
    assert pairs["on_ask"] == (1.0, 2.0)
    assert pairs["part_words"][0] == words(part.text) and pairs["words_vs_reply"] == (float(words(part.text)), 20.0)


def test_label_agreement_counts_both_classes() -> None:
    rows = [{"sentence": "a", "asks": ["q"], "on_ask": True}, {"sentence": "b", "asks": ["q"], "on_ask": False},
            {"sentence": "c", "asks": ["q"], "on_ask": False}]
    result = agreement(rows, lambda sentence, asks: sentence in {"a", "b"})
    assert result["agreement"] == 2 / 3 and result["balanced_accuracy"] == (1.0 + 0.5) / 2
    assert result["labelled_on_ask"] == 1 / 3 and result["judged_on_ask"] == 2 / 3
