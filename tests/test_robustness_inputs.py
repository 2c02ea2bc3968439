"""Bad input against every entry point: the generated corpus of ``badinputs.py``.

Questions go through the answer pipeline (extractive backend), the entry check the CLI and
the app share, the ``policy-copilot ask`` CLI (one batch process, plus single questions),
and the app's service layer. Files go through the loaders (each under a deadline), one
real ingest of all of them at once (the CLI, in a child process with a timeout), and the
app's upload path. For every case: a clear error naming the problem, or a correct result;
never a crash, a hang, or an index changed by a failed ingest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import httpx
import pytest
from badinputs import (
    FILE_CASES,
    FILE_IDS,
    GOOD,
    ONE_THREAD_ENV,
    QUESTION_IDS,
    QUESTIONS,
    SIMP,
    TRAD,
    assert_well_formed,
    deadline,
    one_torch_thread,
)
from conftest import LCQ20, ROOT, make_settings

from index.cleaning import clean_text
from index.ingest import IngestError, ingest
from index.loaders import DocumentLoadError, load_file
from index.metadata import write_sidecar
from index.retrieval import MAX_QUESTION_CHARS, Filters, HybridRetriever, QueryError, check_question
from index.store import CURRENT_FILE, current_generation, read_manifest
from rag.answer import Answer, Answerer
from core.config import Settings
from rag.llm import build_llm
from ui.access import LOCAL_VIEWER
from ui.documents import UploadError
from ui.service import CopilotService

_one_thread = pytest.fixture(scope="module", autouse=True)(one_torch_thread)
BY_ID = {q.id: q for q in QUESTIONS}
FILES = {c.name: c for c in FILE_CASES}
NEWS = "2025-10-15_news_hk-ai-policies-ai-plus.txt"


def _no_controls(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" for ch in text)


# ==== questions ===================================================================================
@pytest.fixture(scope="module")
def answerer(built_index: Settings, retriever: HybridRetriever) -> Answerer:
    return Answerer(built_index, retriever=retriever, llm=build_llm(built_index, "extractive"))


@pytest.mark.parametrize("qid", QUESTION_IDS)
def test_question_through_the_answer_pipeline(answerer: Answerer, qid: str) -> None:
    """The path the CLI and the app take: the entry check, then the answer pipeline."""
    case = BY_ID[qid]
    with deadline(60):
        if case.kind in ("empty", "long"):
            with pytest.raises(QueryError, match="empty" if case.kind == "empty" else "characters long"):
                answerer.answer(check_question(case.text))
            return
        result = answerer.answer(check_question(case.text))
    assert_well_formed(result)
    if case.kind == "answerable":
        assert not result.refused, result.answer
        assert "petaFLOPS" in result.answer


@pytest.mark.parametrize("qid", [q.id for q in QUESTIONS if q.kind == "empty"])
def test_bare_pipeline_refuses_empty_questions(answerer: Answerer, qid: str) -> None:
    """Without the entry check (eval, library use) retrieval still refuses them."""
    with pytest.raises(QueryError, match="empty"):
        answerer.answer(BY_ID[qid].text)


def test_bare_pipeline_refuses_a_100kB_question_at_once(answerer: Answerer) -> None:
    """The library entry point applies the same check as the CLI and the app: no model work, a clear message."""
    with deadline(10), pytest.raises(QueryError, match="limit is 2,000"):
        answerer.answer(BY_ID["long/100kB-letters"].text)


@pytest.mark.parametrize("qid", QUESTION_IDS)
def test_entry_check_refuses_or_cleans(qid: str) -> None:
    """What the CLI and the app run first: a clear refusal, or a question safe for every later step."""
    case = BY_ID[qid]
    if case.kind == "empty":
        with pytest.raises(QueryError, match="The question is empty"):
            check_question(case.text)
        return
    if case.kind == "long":
        with pytest.raises(QueryError, match=r"characters long; the limit is 2,000"):
            check_question(case.text)
        return
    cleaned = check_question(case.text)
    assert 0 < len(cleaned) <= MAX_QUESTION_CHARS
    assert _no_controls(cleaned)
    cleaned.encode("utf-8")  # no unpaired surrogate left for the tokenizer or the audit log


# ---- the CLI ------------------------------------------------------------------------------------
# a spread of every kind but "empty" (a batch file refuses those by line); the CLI embeds each question
# at ~1 s on a busy 2-core machine (it pins torch to 2 threads), so a sample, not all
CLI_BATCH = [q.id for q in QUESTIONS if q.kind != "empty"][::6] + ["answerable/control-chars-inside", "odd/crlf-header"]
CLI_SINGLE = ["empty/empty", "empty/spaces", "empty/qmarks", "empty/emoji", "long/100kB-letters", "long/2001-chars"]


def _cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policy_copilot_cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, errors="replace", env={**os.environ, **ONE_THREAD_ENV})


@pytest.fixture(scope="module")
def cli_batch(built_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """One ``ask --questions`` process (one model load) for the whole batch."""
    path = tmp_path_factory.mktemp("cli-batch") / "questions.jsonl"
    path.write_text("".join(json.dumps({"id": qid, "question": BY_ID[qid].text}) + "\n" for qid in CLI_BATCH),
                    encoding="utf-8")
    done = _cli("ask", "--llm", "extractive", "--json", "--questions", str(path),
                "--index-dir", str(built_index.paths.index_dir))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [line["id"] for line in lines] == CLI_BATCH  # one line per question, in order
    return {line["id"]: line for line in lines}


@pytest.mark.parametrize("qid", CLI_BATCH)
def test_question_through_cli_batch(cli_batch: dict[str, dict[str, Any]], qid: str) -> None:
    line = cli_batch[qid]
    if BY_ID[qid].kind == "long":
        assert "characters long" in line["error"]
        return
    assert "error" not in line, line
    assert_well_formed(Answer.from_dict(line))  # the JSON ask prints reads back as an Answer
    assert _no_controls(line["question"])


@pytest.mark.parametrize("qid", CLI_SINGLE)
def test_bad_single_question_exits_2_with_one_line_before_loading_models(built_index: Settings, qid: str) -> None:
    started = time.perf_counter()
    done = _cli("ask", BY_ID[qid].text, "--index-dir", str(built_index.paths.index_dir), timeout=120)
    assert done.returncode == 2, (done.stdout[-500:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    (message,) = [line for line in done.stderr.splitlines() if line.strip()]
    assert message.startswith("Error: The question is")
    assert time.perf_counter() - started < 60  # no model was loaded for it


def test_batch_with_an_empty_question_names_its_line(tmp_path: Path, built_index: Settings) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "a", "question": GOOD}) + "\n" + json.dumps({"id": "b", "question": "  "}) + "\n",
                    encoding="utf-8")
    done = _cli("ask", "--llm", "extractive", "--questions", str(path), "--index-dir", str(built_index.paths.index_dir),
                timeout=120)
    assert done.returncode == 1 and "line 2" in done.stderr and "Traceback" not in done.stderr


def test_cli_retrieve_refuses_bad_questions_too(built_index: Settings) -> None:
    done = _cli("retrieve", "\u200b\u3000", "--index-dir", str(built_index.paths.index_dir), timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "empty" in done.stderr


# ---- the app's service layer --------------------------------------------------------------------
SERVICE_SAMPLE = QUESTION_IDS[::3] + [q.id for q in QUESTIONS if q.kind == "answerable"][:1]


@pytest.fixture(scope="module")
def service(built_index: Settings, retriever: HybridRetriever, tmp_path_factory: pytest.TempPathFactory) -> CopilotService:
    settings = built_index.model_copy(deep=True)
    settings.ui.audit_log = tmp_path_factory.mktemp("inputs-audit") / "audit.jsonl"
    settings.llm.backend = "extractive"
    return CopilotService(settings, retriever=retriever)


@pytest.mark.parametrize("qid", list(dict.fromkeys(SERVICE_SAMPLE)))
def test_question_through_the_app_service(service: CopilotService, qid: str) -> None:
    case = BY_ID[qid]
    log = service.settings.ui.audit_log
    lines_before = log.read_text(encoding="utf-8").count("\n") if log.exists() else 0
    with deadline(60):
        if case.kind in ("empty", "long"):
            with pytest.raises(QueryError):
                list(service.ask(LOCAL_VIEWER, case.text))
            assert (log.read_text(encoding="utf-8").count("\n") if log.exists() else 0) == lines_before
            return
        events = list(service.ask(LOCAL_VIEWER, case.text))
    assert events[0][0] == "sources" and events[-1][0] == "done"
    result = events[-1][1]
    assert_well_formed(result.answer)
    record = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])  # the last line is whole JSON
    assert record["id"] == result.record_id
    assert _no_controls(record["question"]) and record["question"] == check_question(case.text)


# ---- the running app, through its HTTP API ------------------------------------------------------
WEB_SAMPLE = ["empty/empty", "empty/nul", "long/100kB-letters", "odd/html-script", "odd/terminal-escapes",
              "odd/rtl-override", "answerable/control"]


@pytest.fixture(scope="module")
def web(service: CopilotService):  # type: ignore[no-untyped-def]
    from gradio_client import Client
    from test_ui_support import serve_app

    with serve_app(service) as url:
        yield url, Client(url, verbose=False)


@pytest.mark.parametrize("qid", WEB_SAMPLE)
def test_question_through_the_web_api(web, qid: str) -> None:  # type: ignore[no-untyped-def]
    case = BY_ID[qid]
    with deadline(120):
        chat, sources, box, _copy = web[1].predict(case.text, "extractive", 5, [], "", "", "auto", api_name="/ask")
    if case.kind == "empty":  # "Type a question first", or the service's refusal
        assert chat == [] or ("The question is empty" in str(chat[-1]["content"]) and 'role="alert"' in str(chat[-1]))
        return
    reply = str(chat[-1]["content"])
    if case.kind == "long":
        assert "characters long" in reply and 'role="alert"' in reply
        return
    assert "<script>" not in reply and "<script>" not in str(sources)  # what the page draws is escaped
    assert "failed" not in reply, reply  # not the "answer engine failed" message
    assert box == ""  # the question box is cleared for the next question


def test_lone_surrogate_sent_as_a_json_escape_is_answered(web, service: CopilotService) -> None:  # type: ignore[no-untyped-def]
    """A browser cannot type one, but the API takes JSON: before the entry check cleaned it, the
    tokenizer raised TypeError and the page said "The answer engine failed"."""
    url = web[0]
    body = json.dumps({"data": ["What is the AI \udfff Subsidy Scheme?", "extractive", 5, [], "", "", "auto"]})
    started = httpx.post(url + "gradio_api/call/ask", content=body, headers={"content-type": "application/json"},
                         timeout=30)
    assert started.status_code == 200, started.text
    with httpx.stream("GET", url + f"gradio_api/call/ask/{started.json()['event_id']}", timeout=120) as stream:
        events = "".join(stream.iter_text())
    final = events.rsplit("event: ", 1)[-1]
    assert final.startswith("complete") and "AI Subsidy Scheme" in final and "failed" not in final, final[-500:]
    record = json.loads(service.settings.ui.audit_log.read_text(encoding="utf-8").splitlines()[-1])
    assert record["question"] == "What is the AI  Subsidy Scheme?"


# ==== files =======================================================================================
@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-files")
    for case in FILE_CASES:
        case.build(folder / case.name)
    return folder


def _check_loaded(name: str, text: str) -> None:
    case = FILES[name]
    assert case.text is not None, f"{name} should have been refused ({case.error}), loaded {text[:100]!r}"
    assert text == case.text if case.exact else case.text in text, text[:300]
    assert not any(bad in text for bad in case.forbid)


@pytest.mark.parametrize("name", FILE_IDS)
def test_file_loads_correctly_or_fails_naming_itself(bad_folder: Path, name: str) -> None:
    case = FILES[name]
    with deadline(30):
        try:
            text = load_file(bad_folder / name)
        except DocumentLoadError as exc:
            assert case.error is not None, f"{name} should load: {exc}"
            assert name in str(exc) and re.search(case.error, str(exc)), str(exc)
            return
    _check_loaded(name, text)


def test_lying_zip_bomb_is_not_inflated(bad_folder: Path) -> None:
    """The headers claim 4 kB; the member inflates to 300 MB. Memory must stay small.

    (Before the streamed check, reading it peaked at ~610 MB: zipfile inflates a whole member
    at once and only then cuts it to the declared size.)
    """
    probe = ("import re, sys; from pathlib import Path; from index.loaders import load_file, DocumentLoadError\n"
             "try:\n    load_file(Path(sys.argv[1]))\nexcept DocumentLoadError as exc:\n    print('refused', exc)\n"
             "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)")
    done = subprocess.run([sys.executable, "-c", probe, str(bad_folder / "lying-zip-bomb.docx")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    refused, peak_mb = done.stdout.splitlines()
    assert refused.startswith("refused lying-zip-bomb.docx")
    assert int(peak_mb) < 200, f"peak memory {peak_mb} MB"


# ---- one ingest of every file at once (the real CLI, in a child process) ------------------------
EXTRA = {  # name -> what must happen, beyond FILE_CASES
    "copy-of-lcq20.txt": "duplicate of " + LCQ20,
    "twin-b.md": "duplicate of twin-a.md",
    "twin-a.md": "indexed",
    NEWS: "kept: the indexed version stays",
    ".hidden-notes.txt": "ignored",
    "broken-sidecar.md": "refused: metadata",
    "bad-date.md": "refused: metadata",
}


@pytest.fixture(scope="module")
def big_ingest(built_index: Settings, tmp_path_factory: pytest.TempPathFactory, bad_folder: Path) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("bad-ingest")
    settings = make_settings(root / "corpus", root / "index")
    shutil.copytree(built_index.paths.corpus_dir, settings.paths.corpus_dir)
    shutil.copytree(built_index.paths.index_dir, settings.paths.index_dir)
    corpus = settings.paths.corpus_dir
    before = read_manifest(settings.paths.index_dir)
    for case in FILE_CASES:
        if case.ingest:
            shutil.copyfile(bad_folder / case.name, corpus / case.name)
    shutil.copyfile(corpus / LCQ20, corpus / "copy-of-lcq20.txt")
    for twin in ("twin-a.md", "twin-b.md"):
        (corpus / twin).write_text("# Twins\n\n1. The Falconet twin paragraph appears in two files.\n", encoding="utf-8")
    (corpus / NEWS).write_bytes(bytes(range(256)) * 64)  # an indexed document damaged on disk
    (corpus / ".hidden-notes.txt").write_text("1. Hidden.\n", encoding="utf-8")
    (corpus / "broken-sidecar.md").write_text("1. A paragraph with broken metadata.\n", encoding="utf-8")
    (corpus / "broken-sidecar.md.meta.toml").write_text('title = "unterminated\n', encoding="utf-8")
    (corpus / "bad-date.md").write_text("1. A paragraph with a bad date.\n", encoding="utf-8")
    write_sidecar(corpus / "bad-date.md", {"title": "Bad date", "date": "31/12/2025"})
    started = time.perf_counter()
    done = _cli("ingest", "--index-dir", str(settings.paths.index_dir), "--corpus", str(corpus), timeout=900)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-3000:]
    failed = {}
    for line in done.stdout.splitlines():
        if line.startswith("  ! "):
            message = line[4:]
            name = next((n for n in sorted([*FILES, *EXTRA], key=len, reverse=True) if message.startswith(n + ":")), None)
            assert name is not None, f"failure line names no file: {line}"
            failed[name] = message
    return {"settings": settings, "stdout": done.stdout, "stderr": done.stderr, "failed": failed, "before": before,
            "manifest": read_manifest(settings.paths.index_dir), "seconds": seconds}


INGEST_NAMES = [c.name for c in FILE_CASES if c.ingest] + list(EXTRA)


@pytest.mark.parametrize("name", INGEST_NAMES)
def test_each_file_of_a_bad_corpus_is_indexed_or_reported_by_name(big_ingest: dict[str, Any], name: str) -> None:
    failed, documents = big_ingest["failed"], big_ingest["manifest"].documents
    gen = current_generation(big_ingest["settings"].paths.index_dir)
    assert gen is not None
    if name in EXTRA:
        expected = EXTRA[name]
        if expected.startswith("duplicate of "):
            assert "same bytes as " + expected.removeprefix("duplicate of ") in failed[name]
            assert name not in documents
        elif expected == "indexed":
            assert name in documents and name not in failed
        elif expected.startswith("kept"):
            assert name in failed and documents[name] == big_ingest["before"].documents[name]
        elif expected == "ignored":
            assert name not in documents and name not in big_ingest["stdout"]
        else:
            assert name in failed and name not in documents
        return
    case = FILES[name]
    if name in failed:
        assert case.error is not None, f"{name} should have been indexed: {failed[name]}"
        assert re.search(case.error, failed[name]), failed[name]
        assert name not in documents
        return
    assert name in documents, f"{name} is neither indexed nor reported"
    assert case.text is not None, f"{name} should have been refused ({case.error})"
    stored = (gen / "texts" / f"{name}.txt").read_text(encoding="utf-8")
    assert (stored == clean_text(case.text)) if case.exact else (case.text in stored), stored[:300]
    assert not any(bad in stored for bad in case.forbid)


def test_bad_corpus_ingest_summary(big_ingest: dict[str, Any]) -> None:
    assert "Traceback" not in big_ingest["stderr"] and "file(s) were skipped" in big_ingest["stderr"]
    print(f"bad-corpus ingest: {len(INGEST_NAMES)} files, {len(big_ingest['failed'])} reported, "
          f"{big_ingest['seconds']:.1f}s")


def test_legacy_chinese_documents_are_searchable_in_chinese(big_ingest: dict[str, Any]) -> None:
    retriever = HybridRetriever(big_ingest["settings"])
    for doc, question in (("big5.txt", "數碼港超算中心提供算力"), ("gb18030.txt", "数码港超算中心提供算力")):
        hits = retriever.retrieve(question, top_k=3, filters=Filters(docs={doc}))
        assert hits and ("數碼港" in hits[0].text or "数码港" in hits[0].text)
    hits = retriever.retrieve("數碼港超算中心提供算力，支援本地大學及企業", top_k=10)
    assert any(TRAD[:8] in h.text or SIMP[:8] in h.text for h in hits)


def test_duplicates_do_not_crowd_the_sources(big_ingest: dict[str, Any]) -> None:
    hits = HybridRetriever(big_ingest["settings"]).retrieve("Falconet twin paragraph", top_k=5)
    texts = [h.text for h in hits]
    assert len(texts) == len(set(texts))
    assert "copy-of-lcq20.txt" not in {h.doc for h in hits}


# ---- a failed ingest changes nothing ------------------------------------------------------------
ERROR_ONLY = [c.name for c in FILE_CASES if c.text is None and c.error and c.ingest]


def _snapshot(index_dir: Path) -> dict[str, str]:
    live = current_generation(index_dir)
    assert live is not None
    return {"CURRENT": (index_dir / CURRENT_FILE).read_text(),
            "manifest": hashlib.sha256((live / "manifest.json").read_bytes()).hexdigest(),
            "chunks": hashlib.sha256((live / "chunks.jsonl").read_bytes()).hexdigest(),
            "generations": " ".join(sorted(p.name for p in index_dir.glob("gen-*")))}


def test_ingest_of_only_bad_files_leaves_the_index_exactly_as_it_was(own_index: Settings, bad_folder: Path) -> None:
    before = _snapshot(own_index.paths.index_dir)
    for name in ERROR_ONLY:
        shutil.copyfile(bad_folder / name, own_index.paths.corpus_dir / name)
    with deadline(300):
        report = ingest(own_index, show_bar=False)
    assert set(report.failed) == set(ERROR_ONLY)
    assert report.added == report.changed == report.removed == [] and report.embedded == 0
    assert _snapshot(own_index.paths.index_dir) == before


def test_ingest_that_fails_outright_keeps_the_last_good_index(own_index: Settings, bad_folder: Path, tmp_path: Path) -> None:
    before = _snapshot(own_index.paths.index_dir)
    only_bad = tmp_path / "only-bad"
    only_bad.mkdir()
    for name in ERROR_ONLY[:8]:
        shutil.copyfile(bad_folder / name, only_bad / name)
    settings = make_settings(only_bad, own_index.paths.index_dir)
    with pytest.raises(IngestError, match="Nothing to index") as info:
        ingest(settings, show_bar=False)
    assert all(name in str(info.value) for name in ERROR_ONLY[:8])
    assert _snapshot(own_index.paths.index_dir) == before
    assert HybridRetriever(own_index).retrieve("AI Supercomputing Centre", top_k=1)


# ---- the app's upload path ----------------------------------------------------------------------
UPLOAD_SAMPLE = ["empty.txt", "spaces.txt", "random.txt", "png-named.txt", "truncated-60pc.pdf", "encrypted-rc4-128.pdf",
                 "encrypted-aes-256.pdf", "no-text.pdf", "zip-bomb.docx", "lying-zip-bomb.docx", "billion-laughs.docx",
                 "truncated.docx", "fifty-megabytes.txt", "fifty-megabytes.pdf", "sheet.xlsx", "no-extension",
                 "tags-only.html", "utf-16-bad-tail.txt"]


@pytest.fixture()
def upload_service(own_index: Settings, tmp_path: Path) -> CopilotService:
    own_index.ui.audit_log = tmp_path / "audit.jsonl"
    own_index.llm.backend = "extractive"
    return CopilotService(own_index)


def test_bad_uploads_are_refused_by_name_and_change_nothing(upload_service: CopilotService, bad_folder: Path) -> None:
    settings = upload_service.settings
    corpus_before = sorted(p.name for p in settings.paths.corpus_dir.iterdir())
    index_before = _snapshot(settings.paths.index_dir)
    for name in UPLOAD_SAMPLE:
        with deadline(60), pytest.raises(UploadError) as info:
            upload_service.add_document(LOCAL_VIEWER, bad_folder / name, {"title": name})
        assert name in str(info.value), str(info.value)
    duplicate = bad_folder.parent / "same-as-lcq20.txt"
    shutil.copyfile(settings.paths.corpus_dir / LCQ20, duplicate)
    with pytest.raises(UploadError, match="same bytes as"):
        upload_service.add_document(LOCAL_VIEWER, duplicate, {"title": "A copy"})
    assert sorted(p.name for p in settings.paths.corpus_dir.iterdir()) == corpus_before
    assert _snapshot(settings.paths.index_dir) == index_before
    assert len(upload_service.list_documents(LOCAL_VIEWER)) == 5


def test_big5_upload_is_decoded_and_answerable(upload_service: CopilotService, bad_folder: Path) -> None:
    report = upload_service.add_document(LOCAL_VIEWER, bad_folder / "big5-long.txt", {"title": "數碼港超算中心簡介"})
    assert report.added == ["big5-long.txt"]
    assert "big5-long.txt" in {row.doc for row in upload_service.list_documents(LOCAL_VIEWER)}
    events = list(upload_service.ask(LOCAL_VIEWER, "數碼港超算中心提供甚麼？"))
    result = events[-1][1]
    assert "big5-long.txt" in {h.doc for h in result.answer.contexts}
    assert_well_formed(result.answer)


@pytest.mark.parametrize("title", [
    'Notice\ngroups = []\nkind = "smuggled"',  # a line break must not start a new TOML key
    'He said "hello" \\ back\\slash',
    "Tab\tbell\x07 nul\x00 escape\x1b[31m",
    "表情 🤖 and a lone \udfff surrogate",
])
def test_upload_metadata_with_odd_titles_is_stored_literally(upload_service: CopilotService, tmp_path: Path,
                                                           title: str) -> None:
    upload = tmp_path / "odd-title.md"
    upload.write_text("1. The Falconet odd-title paragraph is here for the upload test.\n", encoding="utf-8")
    report = upload_service.add_document(LOCAL_VIEWER, upload, {"title": title, "groups": []})
    assert report.added == ["odd-title.md"]
    entry = read_manifest(upload_service.settings.paths.index_dir).documents["odd-title.md"]  # type: ignore[union-attr]
    assert entry["title"] == title.replace("\udfff", "") and entry["groups"] == [] and entry["kind"] == ""
