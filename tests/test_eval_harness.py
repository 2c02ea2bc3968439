"""The evaluation harness end to end on a user's own small dataset, with the real index and embedders.

Generation is the extractive backend (instant, deterministic) or a scripted fake LLM
where a test needs a particular answer; retrieval, chunking and checking are real.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import LCQ20, PROGRESS_REPORT, make_settings
from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback

from eval.compare import compare_runs
from eval.dataset import Question
from eval.harness import EvalOptions, evaluate, rebuild_report
from eval.judge import Judge
from eval.runner import Runner, read_rows
from eval.scoring import GoldLocator, score_qa
from eval.systems import AnswererSystem, VanillaSystem, build_systems
from rag.answer import Answer
from core.config import Settings
from rag.llm import LLMHandle

QUESTIONS = [
    {"id": "sub", "question": "How much money is the three-year AI Subsidy Scheme?", "type": "factoid",
     "must_include": ["3 billion"],
     "sources": [{"doc": PROGRESS_REPORT, "quote": "the Government has also launched a three-year AI Subsidy Scheme "
                  "of $3 billion in October last year"}]},
    {"id": "aisc", "question": "What computing power did the first phase of the AI Supercomputing Centre provide?",
     "type": "factoid", "must_include": ["1300 petaflops"],
     "sources": [{"doc": PROGRESS_REPORT, "quote": "to provide computing power of around 1 300 petaFLOPS"}]},
    {"id": "typo", "question": "When was the AI Supercomputing Centre launched?", "type": "factoid",
     "must_include": ["December 2024"], "sources": [{"doc": PROGRESS_REPORT, "quote": "a quote that is not there"}]},
    {"id": "none", "question": "How many parking spaces does the Cyberport car park have?", "type": "unanswerable",
     "must_include": [], "sources": []},
]
DRAFT = {"id": "d1", "doc": LCQ20, "part": "(iii)", "question_part": "(1) whether the Government will subsidise "
         "the use of computing power by local universities and enterprises;",
         "recoverable_from_other_docs": ["3 billion"]}


class ScriptedLLM(CustomLLM):
    """Replies by rule: a function of the prompt; records how often it was called."""

    rule: Any = None
    calls: int = 0

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(is_chat_model=False)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.calls += 1
        return CompletionResponse(text=self.rule(prompt))

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Iterator[CompletionResponse]:
        reply = self.complete(prompt).text
        yield CompletionResponse(text=reply, delta=reply)


def _dataset(tmp_path: Path) -> tuple[Path, Path]:
    qa, drafting = tmp_path / "mine.jsonl", tmp_path / "drafting.jsonl"
    qa.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n", encoding="utf-8")
    drafting.write_text(json.dumps(DRAFT) + "\n", encoding="utf-8")
    return qa, drafting


def _extractive(settings: Settings) -> Settings:
    return make_settings(settings.paths.corpus_dir, settings.paths.index_dir, llm__backend="extractive")


@pytest.fixture(scope="module")
def full_run(built_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    base = tmp_path_factory.mktemp("eval-run")
    qa, drafting = _dataset(base)
    options = EvalOptions(dataset=qa, drafting=drafting, out_dir=base / "run", resamples=500)
    return base / "run", evaluate(_extractive(built_index), options)


def test_run_writes_report_plots_and_one_traceable_row_per_system_and_question(full_run) -> None:
    out, summary = full_run
    for name in ("report.md", "report.html", "summary.json", "metrics.png", "by_type.png", "latency.png",
                 "drafting.png"):
        assert (out / name).stat().st_size > 0, name
    rows = read_rows(out / "results.jsonl")
    qa = [r for r in rows if r["kind"] == "qa"]
    assert sorted((r["system"], r["id"]) for r in qa) == sorted(
        (s, q["id"]) for s in ("ours", "vanilla", "bm25", "extractive") for q in QUESTIONS)
    for system in ("ours", "vanilla"):  # the summary's numbers are recomputable from results.jsonl
        mine = [r for r in qa if r["system"] == system]
        found = sum(sum(r["facts"].values()) for r in mine)
        total = sum(len(r["facts"]) for r in mine)
        assert summary["qa"]["systems"][system]["overall"]["fact_recall"]["value"] == pytest.approx(found / total)
        sentences = [s for r in mine for s in r["sentences"]]
        if sentences:
            share = sum(s["supported"] for s in sentences) / len(sentences)
            assert summary["qa"]["systems"][system]["overall"]["supported"]["value"] == pytest.approx(share)
    report = (out / "report.md").read_text(encoding="utf-8")
    verifier = report.split("## The verifier itself")[1]  # measured on its own held-out labels, every run
    assert "| balanced accuracy |" in verifier and "| caught: swap |" in verifier
    ours = {r["id"]: r for r in qa if r["system"] == "ours"}
    assert ours["sub"]["gold_rank"] is not None and ours["sub"]["facts"] == {"3 billion": True}
    assert ours["typo"]["metrics"]["hit_at_5"][1] == 0  # an unfindable gold quote is not scored...
    assert any("typo: no gold quote was found" in w for w in ours["typo"]["warnings"])  # ...but reported


def test_report_rebuilt_from_results_alone_reproduces_every_number(full_run, tmp_path: Path) -> None:
    out, summary = full_run
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("results.jsonl", "summary.json"):
        (copy / name).write_bytes((out / name).read_bytes())
    rebuilt = rebuild_report(copy)  # fixed bootstrap seed: identical intervals, not just similar ones
    assert rebuilt["qa"] == summary["qa"] and rebuilt["drafting"] == summary["drafting"]
    assert (copy / "report.md").read_text(encoding="utf-8") == (out / "report.md").read_text(encoding="utf-8")


def test_rescoring_checks_stored_answers_again_without_generating(full_run, tmp_path: Path) -> None:
    out, summary = full_run
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "summary.json").write_bytes((out / "summary.json").read_bytes())
    rows = read_rows(out / "results.jsonl")
    row = next(r for r in rows if r["system"] == "ours" and r["id"] == "sub" and r["kind"] == "qa")
    assert not row["refused"]
    row["answer"]["answer"] = "The three-year AI Subsidy Scheme is worth $5 billion [1]."  # as if a model had said it
    (copy / "results.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    rescored = rebuild_report(copy, rescore=True)
    [sentence] = next(r for r in read_rows(copy / "results.jsonl") if r["system"] == "ours"
                      and r["id"] == "sub" and r["kind"] == "qa")["sentences"]
    assert not sentence["supported"] and "5" in sentence["reason"]
    assert rescored["qa"]["systems"]["ours"]["overall"]["fact_recall"]["value"] < (
        summary["qa"]["systems"]["ours"]["overall"]["fact_recall"]["value"])
    assert rescored["qa"]["systems"]["ours"]["overall"]["hit_at_5"] == summary["qa"]["systems"]["ours"]["overall"]["hit_at_5"]
    assert "Answers re-checked on" in (copy / "report.md").read_text(encoding="utf-8")


def test_report_compares_ours_with_each_baseline_with_intervals(full_run) -> None:
    out, summary = full_run
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| metric | ours (n=4) | vanilla (n=4) | bm25 (n=4) | extractive (n=4) |" in report
    assert "| metric | vs vanilla | vs bm25 | vs extractive |" in report
    hit = summary["qa"]["systems"]["ours"]["overall"]["hit_at_5"]
    assert f"| hit@5 | {hit['value']:.2f} [{hit['low']:.2f}, {hit['high']:.2f}]" in report
    assert "typo: no gold quote was found" in report
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<table>" in html and '<img src="metrics.png"' in html


def test_leave_one_out_drafting_never_cites_the_left_out_document(full_run) -> None:
    out, summary = full_run
    drafts = [r for r in read_rows(out / "results.jsonl") if r["kind"] == "drafting"]
    assert {r["system"] for r in drafts} == {"ours", "bm25", "extractive"}  # vanilla has no drafting mode
    for row in drafts:
        assert row["left_out"] == LCQ20
        assert all(source["doc"] != LCQ20 for source in row["answer"]["sources"])
    assert summary["drafting"]["systems"]["ours"]["overall"]["left_out_citations"]["value"] == 0


def test_compare_shows_each_question_whose_outcome_changed(full_run, tmp_path: Path) -> None:
    out, _ = full_run
    later = tmp_path / "later"
    later.mkdir()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    summary["run"]["top_k"] = 3
    (later / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    rows = read_rows(out / "results.jsonl")
    for row in rows:
        if row["system"] == "ours" and row["id"] == "sub":
            row["refused"], row["facts"] = True, {"3 billion": False}
            row["metrics"]["fact_recall"] = [0.0, 1.0]
    (later / "results.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    text = compare_runs(out, later)
    assert "- top_k: 5 → **3**" in text
    assert "| sub | factoid | status: answered → refused; facts: 1/1 → 0/1 |" in text
    assert "**vanilla** (qa): 0 question(s) changed outcome" in text


def test_vanilla_answer_without_markers_is_scored_as_uncited(built_index: Settings) -> None:
    llm = ScriptedLLM(rule=lambda prompt: "The Government launched a three-year AI Subsidy Scheme of $3 billion.")
    docs = sorted(p.name for p in built_index.paths.corpus_dir.glob("*.txt"))
    vanilla = VanillaSystem(built_index, LLMHandle(llm, "scripted", "test"), docs)
    try:
        question = Question(**{**QUESTIONS[0], "sources": ()})
        answer = vanilla.answer(question)
        assert len(answer.contexts) == 2 and llm.calls == 1
        for ctx in answer.contexts:  # offsets point into the text vanilla indexed
            assert vanilla.document_text(ctx.doc)[ctx.start:ctx.end] == ctx.text
        row = score_qa("vanilla", question, answer, GoldLocator(vanilla.document_text), None, streamed=False)
    finally:
        vanilla.close()
    [sentence] = row["sentences"]
    assert sentence["citations"] == [] and not sentence["supported"]
    assert row["metrics"]["citation_recall"] == (0.0, 1.0)
    assert row["facts"] == {"3 billion": True}


def _judge_rule(prompt: str) -> str:
    """A judge that rejects statements with a figure of 5 (the checker rejects those too)."""
    statement = prompt.split("Statement:", 1)[1]
    return "No." if "5 billion" in statement else "Yes"


def test_llm_judge_sees_only_cited_passages_and_is_reported_beside_the_checker(
    built_index: Settings, retriever, tmp_path: Path
) -> None:
    from rag.answer import Answerer

    reply = ("A three-year AI Subsidy Scheme of $3 billion subsidises users to leverage computing power [1]. "
             "The AI Subsidy Scheme is worth $5 billion [1].")
    generator = ScriptedLLM(rule=lambda prompt: reply)
    judge_llm = ScriptedLLM(rule=_judge_rule)
    cache = tmp_path / "verdicts.jsonl"
    system = AnswererSystem("ours", "scripted", Answerer(built_index, retriever, LLMHandle(generator, "g", "test")))
    question = Question(**{**QUESTIONS[0], "sources": ()})
    answer = system.answer(question)
    judge = Judge(LLMHandle(judge_llm, "judge", "test"), cache)
    row = score_qa("ours", question, answer, GoldLocator(system.document_text), judge, streamed=True)
    verdicts = [(s["supported"], s["judge"]) for s in row["sentences"]]
    n = len(verdicts)  # the model's two sentences, plus any checked passage sentences the answer adds
    assert n >= 2 and (False, False) in verdicts and row["metrics"]["judge_agreement"] == (float(n), float(n))
    assert judge_llm.calls == n
    again = Judge(LLMHandle(ScriptedLLM(rule=lambda p: "Yes"), "judge", "test"), cache)
    row2 = score_qa("ours", question, answer, GoldLocator(system.document_text), again, streamed=True)
    assert again.calls == 0 and row2["sentences"] == row["sentences"]  # cached: no drift between runs


class _FailsOn:
    """Our extractive system, except that one question raises (as a flaky LLM server would)."""

    def __init__(self, inner: AnswererSystem, bad_id: str) -> None:
        self.inner, self.bad_id = inner, bad_id
        self.name, self.description, self.streamed = inner.name, inner.description, inner.streamed

    def answer(self, question: Question) -> Answer:
        if question.id == self.bad_id:
            raise TimeoutError("LLM server did not answer")
        return self.inner.answer(question)

    def warm_up(self) -> None:
        self.inner.warm_up()

    def document_text(self, doc: str) -> str:
        return self.inner.document_text(doc)


def test_a_failed_question_is_kept_counted_as_wrong_and_retried_on_resume(built_index: Settings, tmp_path: Path) -> None:
    settings = _extractive(built_index)
    [ours] = build_systems(settings, ["ours"])
    questions = [Question(**{**q, "sources": ()}) for q in QUESTIONS[:2]]
    runner = Runner(tmp_path)
    runner.run_qa(_FailsOn(ours, "sub"), questions)
    failed = next(r for r in runner.rows if r["id"] == "sub")
    assert failed["error"] == "TimeoutError: LLM server did not answer"
    assert failed["metrics"]["fact_recall"] == (0.0, 1.0)  # counts against recall instead of vanishing
    resumed = Runner(tmp_path, resume=True)
    assert [r["id"] for r in resumed.rows] == ["aisc"]
    resumed.run_qa(ours, questions)
    assert sorted(r["id"] for r in resumed.rows) == ["aisc", "sub"]
    assert all(r["error"] is None for r in read_rows(tmp_path / "results.jsonl"))
