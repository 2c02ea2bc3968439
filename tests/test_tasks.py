"""Copilot tasks on the real index: LegCo reply drafting, summaries, translation checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from fakes import ScriptedLLM

from conftest import LCQ20, PROGRESS_REPORT, SHARED_EVAL
from index.retrieval import Filters
from rag.answer import Answerer
from rag.drafting import draft_reply, parse_question
from rag.llm import LLMHandle, build_llm
from rag.summarise import SummaryInputError, summarise
from rag.translate import (
    TranslationUnavailable,
    figure_values,
    glossary_matches,
    load_glossary,
    missing_figures,
    translate,
)

LCQ_TEXT = """Following is a question by Dr the Hon Lo Wai-kwok and a written reply by the Secretary:

Question:

Regarding the development of artificial intelligence, will the Government inform this Council:

(1) whether the Cyberport AI Supercomputing Centre will provide more computing power; and

(2) of the number of robots deployed in the public toilets of each District Council district?

Reply:
President,"""


def _extractive(settings, retriever) -> Answerer:  # type: ignore[no-untyped-def]
    return Answerer(settings, retriever=retriever, llm=build_llm(settings, "extractive"))


def test_question_is_split_into_parts_with_the_member_named() -> None:
    parsed = parse_question(LCQ_TEXT)
    assert parsed.member == "Dr the Hon Lo Wai-kwok"
    assert [number for number, _ in parsed.parts] == ["(1)", "(2)"]
    assert parsed.parts[0][1].startswith("whether the Cyberport") and not parsed.parts[0][1].endswith(";")
    assert "Reply" not in parsed.parts[1][1]


def test_draft_answers_what_the_papers_cover_and_leaves_a_placeholder_for_the_rest(built_index, retriever, tmp_path) -> None:
    draft = draft_reply(_extractive(built_index, retriever), LCQ_TEXT)
    assert draft.opening == "In respect of the question raised by Dr the Hon Lo Wai-kwok, my reply is as follows:"
    first, second = draft.parts
    assert not first.placeholder and "petaFLOPS" in first.text
    assert all(s["supported"] and s["citations"] for s in first.sentences)
    assert second.placeholder
    assert second.text == "[Input needed from the responsible bureau: the number of robots deployed in the public toilets of each District Council district]"
    cited = {c["n"] for c in first.citations}
    assert cited and cited <= {s["n"] for s in draft.sources}
    markdown = draft.markdown()
    assert markdown.index("(1)") < markdown.index("(2)") < markdown.index("## Sources")
    path = tmp_path / "draft.docx"
    draft.to_docx(path)
    paragraphs = [p.text for p in Document(str(path)).paragraphs]
    assert draft.opening in paragraphs and any(p.startswith("(2) [Input needed") for p in paragraphs)


def test_draft_never_cites_a_members_question_or_an_excluded_document(built_index, retriever) -> None:
    draft = draft_reply(_extractive(built_index, retriever), LCQ_TEXT, filters=Filters(exclude_docs={PROGRESS_REPORT}))
    assert all(s["doc"] != PROGRESS_REPORT and "question" not in s["label"] for s in draft.sources)


def test_scripted_draft_shows_only_the_models_verified_sentences_and_renumbers_citations(built_index, retriever) -> None:
    question = "when was the first phase of the AI Supercomputing Centre launched?"
    hits = retriever.retrieve(question, top_k=built_index.retrieval.draft_top_k, filters=Filters(member_text=False))
    n = next(i for i, h in enumerate(hits, 1) if "December 2024" in h.text)
    llm = ScriptedLLM(reply=f"The first phase was launched in December 2024 [{n}]. The Centre cost $99 billion [{n}].",
                      prompts=[])
    answerer = Answerer(built_index, retriever=retriever, llm=LLMHandle(llm, "scripted", "test"))
    part = draft_reply(answerer, f"(1) {question}").parts[0]
    assert "Ask 1: when was the first phase" in llm.prompts[-1] and "at most 150 words" in llm.prompts[-1]
    assert part.engine == "llm"
    texts = [s["text"] for s in part.sentences]
    assert any("December 2024" in t for t in texts)
    assert not any("99 billion" in t for t in texts) and "99 billion" not in part.text  # the verifier dropped it
    assert all(s["supported"] and s["citations"] for s in part.sentences)
    assert part.citations[0]["n"] == 1 and "December 2024" in part.citations[0]["text"]
    assert part.asks[0]["answered"] and part.asks[0]["sentences"] == list(range(len(part.sentences)))


def test_a_model_that_wrongly_says_no_information_is_replaced_by_checked_passage_sentences(built_index, retriever) -> None:
    llm = ScriptedLLM(reply="NO INFORMATION", prompts=[])
    answerer = Answerer(built_index, retriever=retriever, llm=LLMHandle(llm, "scripted", "test"))
    first, second = draft_reply(answerer, LCQ_TEXT).parts
    assert len(llm.prompts) == 1  # the model is asked only about the part with evidence
    assert first.engine == "extractive-fallback" and not first.placeholder and "petaFLOPS" in first.text
    assert all(s["supported"] and s["citations"] for s in first.sentences)
    assert second.placeholder and second.text.startswith("[Input needed")  # nothing in the papers answers it either


@pytest.mark.skipif(not (SHARED_EVAL / "drafting.jsonl").exists(), reason="../shared/eval/drafting.jsonl not present")
def test_leave_one_out_drafts_cite_only_the_remaining_documents(built_index, retriever) -> None:
    records = [json.loads(line) for line in (SHARED_EVAL / "drafting.jsonl").read_text().splitlines() if line.strip()]
    answerer = _extractive(built_index, retriever)
    for record in records[:3]:
        draft = draft_reply(answerer, record["question_part"], filters=Filters(exclude_docs={record["doc"]}))
        assert all(s["doc"] != record["doc"] for s in draft.sources)


def test_extractive_summary_of_a_document_is_cited_and_supported(built_index, retriever) -> None:
    summary = summarise(_extractive(built_index, retriever), doc=LCQ20, length="brief")
    assert 3 <= len(summary.sentences) <= 5
    assert all(s["citations"] for s in summary.sentences) and summary.supported_share == 1.0
    assert {c["doc"] for c in summary.citations} == {LCQ20}
    assert all("question" not in c["label"] for c in summary.citations)


def test_summary_input_errors_are_clear(built_index, retriever) -> None:
    answerer = _extractive(built_index, retriever)
    with pytest.raises(SummaryInputError, match="either a document or a topic"):
        summarise(answerer)
    with pytest.raises(SummaryInputError, match="No indexed document"):
        summarise(answerer, doc="nope.txt")
    with pytest.raises(SummaryInputError, match="Unknown length"):
        summarise(answerer, topic="data", length="novel")


def test_summary_respects_group_restrictions(built_index, retriever) -> None:
    allowed = Filters(docs={LCQ20})
    with pytest.raises(SummaryInputError):
        summarise(_extractive(built_index, retriever), doc=PROGRESS_REPORT, filters=allowed)


def test_figures_are_compared_by_value_across_languages() -> None:
    assert set(figure_values("$3 billion and 1,300 petaFLOPS")) == {3e9, 1300.0}
    assert set(figure_values("30億元及1 300")) >= {3e9}
    assert missing_figures("HK$1 billion in 2025 [1]", "2025年撥款100億港元 [1]") == ["1 billion"]
    assert missing_figures("HK$1 billion in 2025", "2025年撥款10億港元") == []


def test_glossary_is_applied_and_extensible(tmp_path: Path) -> None:
    glossary = load_glossary()
    assert glossary["Legislative Council"] == "立法會"
    assert ("Innovation, Technology and Industry Bureau", "創新科技及工業局") in glossary_matches(
        "The Innovation, Technology and Industry Bureau told the Legislative Council", glossary, "zh-Hant")
    own = tmp_path / "mine.toml"
    own.write_text('[terms]\n"Digital Policy Office" = "數字政策辦公室"\n', encoding="utf-8")
    llm = ScriptedLLM(reply="Digital Policy Office 於2024年成立 [1]。", prompts=[])
    result = translate(LLMHandle(llm, "scripted", "test"), "The Digital Policy Office was set up in 2024 [1].", "zh-Hant", own)
    assert result.text.startswith("數字政策辦公室") and result.ok
    assert "數字政策辦公室" in llm.prompts[-1]


def test_translation_flags_a_lost_figure_and_marker() -> None:
    llm = ScriptedLLM(reply="立法會批准撥款。", prompts=[])
    result = translate(LLMHandle(llm, "scripted", "test"), "The Legislative Council approved $3 billion [2].", "zh-Hant")
    assert result.missing_numbers == ["3 billion"] and result.missing_markers == ["[2]"] and not result.ok


def test_translation_without_an_llm_refuses_cleanly(built_index) -> None:
    with pytest.raises(TranslationUnavailable, match="local or openai"):
        translate(build_llm(built_index, "extractive"), "Hello", "zh-Hant")


def test_real_default_model_summarises_a_document_with_checked_citations(built_index, retriever) -> None:
    answerer = Answerer(built_index, retriever=retriever, llm=build_llm(built_index, "local"))
    summary = summarise(answerer, doc=LCQ20, length="brief", audience="a Permanent Secretary")
    assert summary.llm.startswith("local:qwen2.5-coder-1.5b") and summary.prompt_tokens > 200
    assert len(summary.sentences) >= 2
    assert all(s["citations"] for s in summary.sentences)  # an uncitable sentence is left out, and listed
    assert summary.supported_share >= 0.5, summary.sentences
    assert summary.citations and {c["doc"] for c in summary.citations} == {LCQ20}


def test_summary_sentence_that_cites_nothing_is_left_out_and_listed(built_index, retriever) -> None:
    reply = ("The Government will set up an AI Supercomputing Centre [1]. "
             "Hong Kong is the leading AI hub of the whole world in every respect.")
    answerer = Answerer(built_index, retriever=retriever, llm=LLMHandle(ScriptedLLM(reply=reply, prompts=[]), "scripted", "test"))
    summary = summarise(answerer, doc=LCQ20, length="brief")
    assert summary.left_out == ["Hong Kong is the leading AI hub of the whole world in every respect."]
    assert summary.sentences and all(s["citations"] for s in summary.sentences)
    assert "leading AI hub" not in summary.text and "left out" in summary.markdown()


def test_a_model_summary_sentence_its_own_check_rejects_is_flagged(built_index, retriever) -> None:
    """Summaries go through the same model check as answers and drafts (issue 17): the atom checks alone pass it."""
    reply = "The Government will set up an AI Supercomputing Centre [1]."
    llm = ScriptedLLM(reply=reply, prompts=[])
    answerer = Answerer(built_index, retriever=retriever, llm=LLMHandle(llm, "scripted", "test"))
    assert summarise(answerer, doc=LCQ20, length="brief").sentences[0]["supported"]
    llm.statement_reply = "no"
    (first, *_) = summarise(answerer, doc=LCQ20, length="brief").sentences
    assert first["text"].startswith("The Government will set up") and not first["supported"]
    assert first["reason"] and llm.statement_prompts  # the model was asked, and its "no" is the reason shown
