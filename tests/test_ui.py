"""The web app in a real browser (Debian's Chromium via Playwright) against the real index.

Most tests use the extractive backend (instant, deterministic); the streaming and
translation tests use the SmolLM2-135M stand-in; one uses a scripted LLM to get a
sentence the checker must flag. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from fakes import ScriptedLLM
from llama_index.core.llms import CompletionResponse
from llama_index.core.llms.callbacks import llm_completion_callback
from test_ui_support import browser, serve_app, settings_copy, shot  # noqa: F401 - browser is a fixture

from index.retrieval import Hit
from rag.llm import LLMHandle
from rag.models import smollm2_path
from ui.documents import UploadError, safe_filename
from ui.render import SourceTurn, answer_html, sources_html
from ui.service import AskOptions, CopilotService

DONE = ("#pc-chat .bot-row .answer:not(.pending):not(.streaming), #pc-chat .bot-row .refusal, "
        "#pc-chat .bot-row .error")
SUPERCOMPUTER_Q = "What computing power does the AI Supercomputing Centre provide?"
LEGCO_QUESTION = """Question:
It is learnt that the Government is promoting artificial intelligence. In this connection, will the Government
inform this Council:
(1) of the progress of the AI Supercomputing Centre, including its computing power; and
(2) of the measures to attract and nurture artificial intelligence talent?"""


@pytest.fixture(scope="module")
def service(built_index, retriever, tmp_path_factory: pytest.TempPathFactory) -> CopilotService:
    settings = settings_copy(built_index, tmp_path_factory.mktemp("ui-audit"))
    settings.llm.backend = "extractive"
    settings.llm.gguf_path = smollm2_path()  # "Local model" in the drawer is the fast stand-in
    settings.llm.max_tokens = 120
    settings.answer.ask_check = False  # its weights are fitted on Qwen's P(yes); the 135M stand-in tests streaming
    return CopilotService(settings, retriever=retriever)


@pytest.fixture(scope="module")
def url(service: CopilotService):  # type: ignore[no-untyped-def]
    with serve_app(service) as address:
        yield address


@pytest.fixture()
def page(browser, url: str):  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_function("document.querySelector('#pc-header-block')?.innerText.includes('Local use')")
    yield tab
    context.close()


def ask(page, question: str) -> Any:  # type: ignore[no-untyped-def]
    """Type a question, press Enter, wait until its answer (or refusal) is final; return that message."""
    before = page.locator("#pc-chat .bot-row").count()
    page.fill("#pc-question textarea", question)
    page.keyboard.press("Enter")
    final = json.dumps(DONE.replace("#pc-chat .bot-row ", ""))
    page.wait_for_function(
        f"""() => {{
            const rows = document.querySelectorAll('#pc-chat .bot-row');
            return rows.length > {before} && rows[rows.length - 1].querySelector({final});
        }}""",
        timeout=60_000,
    )
    return page.locator("#pc-chat .bot-row").last


def open_settings(page) -> None:  # type: ignore[no-untyped-def]
    page.click("[data-open-settings]")  # the "Settings" button in the header
    page.wait_for_selector("#pc-settings.open")
    page.wait_for_function("document.querySelector('#pc-settings').getBoundingClientRect().right <= window.innerWidth")


# ---- Ask ----------------------------------------------------------------------------------------
def test_answer_is_cited_and_a_marker_opens_its_highlighted_passage(page) -> None:  # type: ignore[no-untyped-def]
    message = ask(page, SUPERCOMPUTER_Q)
    markers = message.locator("a[href^='#src-1-']")
    assert markers.count() >= 1 and "petaFLOPS" in message.inner_text()
    first = markers.first.get_attribute("href").lstrip("#")
    passage = page.locator(f"#{first}")
    assert "cited" in passage.get_attribute("class")
    label = passage.locator(".label").inner_text()
    assert "para" in label or "reply" in label  # "Progress report (Jan 2025), para 7", "LCQ20 reply (1)(ii)"
    assert passage.locator(".date").inner_text().strip()
    page.evaluate(f"document.getElementById('{first}').open = false")
    markers.first.click()
    page.wait_for_function(f"document.getElementById('{first}').open")
    assert passage.locator("mark").count() >= 1 and passage.is_visible()
    shot(page, "ask")


def test_follow_up_question_uses_the_conversation(page, service: CopilotService) -> None:  # type: ignore[no-untyped-def]
    ask(page, "What is the AI Subsidy Scheme?")
    second = ask(page, "How long does it run?")
    assert second.locator(".refusal, .answer").count() == 1
    assert page.locator("#pc-chat .user-row").count() == 2
    assert "Earlier questions (1)" in page.inner_text("#pc-sources")
    last = service.audit.records()[-1]
    assert last["question"] == "How long does it run?"
    assert "AI Subsidy Scheme" in last["standalone_question"]  # the follow-up was read with its context
    shot(page, "ask-follow-up")


def test_question_the_documents_cannot_answer_is_refused_with_nearest_documents(page) -> None:  # type: ignore[no-untyped-def]
    message = ask(page, "What is the recipe for Hong Kong style egg tarts?")
    refusal = message.locator(".refusal")
    assert refusal.is_visible() and "Not answered from the documents" in refusal.inner_text()
    assert "Nearest documents" in refusal.inner_text()
    assert "Why: " in refusal.inner_text()  # the decision step's reason, e.g. no passage gives what was asked
    assert "Nearest passages" in page.inner_text("#pc-sources")
    assert message.locator("a[href^='#src-']").count() == 0
    shot(page, "ask-refusal")


def test_copy_feedback_and_new_conversation(page, service: CopilotService) -> None:  # type: ignore[no-untyped-def]
    ask(page, SUPERCOMPUTER_Q)
    page.click("#pc-copy")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "petaFLOPS" in copied and "Sources:" in copied and re.search(r"^\[\d+\] .+para", copied, re.M)
    page.locator("#pc-chat .bot-row").last.get_by_role("button", name="Dislike").click()
    page.locator("#pc-comment textarea").wait_for(state="visible")
    page.fill("#pc-comment textarea", "Please also give the launch date; call me on 9123 4567")
    page.click("#pc-send-comment")
    page.wait_for_function("document.querySelector('#pc-feedback-note')?.innerText.includes('Comment recorded')")
    record = service.audit.records()[-1]
    assert [f["rating"] for f in record["feedback"]] == ["down", "down"]
    assert "launch date" in record["feedback"][-1]["comment"] and "9123" not in record["feedback"][-1]["comment"]
    page.click("#pc-new")
    page.wait_for_function("document.querySelectorAll('#pc-chat .bot-row').length === 0")
    assert "Sources appear here" in page.inner_text("#pc-sources")


def test_settings_drawer_limits_answers_to_the_chosen_document(page) -> None:  # type: ignore[no-untyped-def]
    open_settings(page)
    page.click("#pc-docs input")
    page.get_by_role("option", name="LCQ20").first.click()
    page.keyboard.press("Escape")
    shot(page, "settings-drawer")
    ask(page, SUPERCOMPUTER_Q)
    titles = page.locator("#pc-sources details.source .doc-title").all_text_contents()  # folded ones too
    assert titles and all(t.startswith("LCQ20") for t in titles)


def test_local_model_streams_and_sources_arrive_before_the_answer(page) -> None:  # type: ignore[no-untyped-def]
    open_settings(page)
    page.get_by_label("Local model (on this computer)").check()
    page.evaluate("""() => {
        window.__seen = [];
        const note = (what) => { if (!window.__seen.includes(what)) window.__seen.push(what); };
        new MutationObserver(() => {
            const rows = document.querySelectorAll('#pc-chat .bot-row');
            const last = rows[rows.length - 1];
            if (!last) return;
            const final = last.querySelector('.answer:not(.pending):not(.streaming), .refusal, .error');
            if (document.querySelector('#pc-sources details.source') && !final) note('sources');
            if (last.querySelector('.answer.streaming')) note('tokens');
            if (final) note('final');
        }).observe(document.body, {subtree: true, childList: true, characterData: true});
    }""")
    message = ask(page, SUPERCOMPUTER_Q)
    seen = page.evaluate("window.__seen")
    assert seen[0] == "sources" and seen[-1] == "final" and "tokens" in seen, seen
    assert message.locator(".error").count() == 0
    shot(page, "ask-local-model")


def test_translate_shows_the_numbers_check(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Translate").click()
    page.fill("#pc-tr-in textarea", "The AI Subsidy Scheme has a budget of $3 billion.")
    page.click("#pc-tr-go")
    page.get_by_text("Translation needs a language model").first.wait_for()  # extractive backend: told what to do
    open_settings(page)
    page.get_by_label("Local model (on this computer)").check()
    page.click("#pc-tr-go")
    page.wait_for_selector("#pc-tr-check .check", timeout=60_000)
    check = page.inner_text("#pc-tr-check")
    assert "Numbers check" in check or "Missing from the translation" in check
    assert page.input_value("#pc-tr-out textarea").strip()
    shot(page, "translate")


# ---- Draft reply, Summarise ---------------------------------------------------------------------
def test_draft_reply_is_cited_editable_and_downloadable(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Draft reply").click()
    page.fill("#pc-draft-question textarea", LEGCO_QUESTION)
    page.click("#pc-draft-go")
    page.wait_for_function("document.querySelector('#pc-draft-text textarea')?.value.includes('(1)')", timeout=60_000)
    preview = page.inner_text("#pc-draft-preview")
    assert "(1)" in preview and "(2)" in preview and "asks answered from the documents" in preview
    assert page.locator("#pc-draft-preview .draft-ask").count() >= 2  # each ask shown with its evidence
    assert "Ask:" in preview and ("Answered" in preview or "input needed" in preview)
    assert page.locator("#pc-draft-preview a[href^='#src-d-']").count() >= 1
    assert page.locator("#pc-draft-sources details.source").count() >= 1
    editor = page.locator("#pc-draft-text textarea")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nReviewed by the bureau.")
    texts = {}
    for kind in ("md", "docx"):
        for _ in range(20):  # the files are rebuilt after each edit; wait for the rebuilt one
            with page.expect_download() as download:
                page.click(f"#pc-draft-{kind}")
            data = Path(download.value.path()).read_bytes()
            text = data.decode() if kind == "md" else "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
            if "Reviewed by the bureau." in text:
                break
            page.wait_for_timeout(250)
        texts[kind] = text
    assert "Reviewed by the bureau." in texts["md"] and "(1)" in texts["md"]
    assert "Reviewed by the bureau." in texts["docx"] and "(2)" in texts["docx"]
    shot(page, "draft-reply")


def test_summarise_a_document_with_citations(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Summarise").click()
    page.locator("#pc-sum-doc input").wait_for()
    page.click("#pc-sum-go")
    page.wait_for_selector("#pc-sum-output .summary a[href^='#src-s-']", timeout=60_000)
    assert page.locator("#pc-sum-sources details.source").count() >= 1
    shot(page, "summarise")


# ---- Unsupported sentences -----------------------------------------------------------------------
@pytest.fixture()
def scripted_url(built_index, retriever, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An app whose model writes one sentence its passages support and one invented figure."""
    reply = ("The AI Subsidy Scheme is worth $3 billion [1][2][3][4][5]. "
             "It has already funded 512 projects [1][2][3][4][5].")
    settings = settings_copy(built_index, tmp_path)
    settings.llm.backend = "local"
    # the model check doubts the invented count, as the local model does (a scripted "yes" would clear it)
    llm = LLMHandle(ScriptedLLM(reply=reply, prompts=[], statement_no=["512"]), "scripted-test-llm", "local")
    with serve_app(CopilotService(settings, retriever=retriever, llms={"local": llm})) as address:
        yield address


def test_unsupported_sentence_is_visibly_flagged(browser, scripted_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(scripted_url)
    message = ask(page, "Tell me about the AI Subsidy Scheme")
    flagged = message.locator(".unsupported")
    assert flagged.count() == 1 and "512" in flagged.inner_text()
    assert "Not supported" in message.locator(".flag").inner_text()
    assert "3 billion" in message.inner_text()
    shot(page, "ask-unsupported")
    page.close()


# ---- Documents ------------------------------------------------------------------------------------
NEW_DOC = "2025-07-01_quokka-data-exchange.md"
NEW_TEXT = """# Quokka Data Exchange

1. The Quokka Data Exchange is a pilot platform that lets bureaux share anonymised datasets with local universities.

2. The Quokka Data Exchange opened to 12 universities in July 2025 and will publish a usage report every quarter.
"""


def test_upload_bad_file_then_a_good_one_and_ask_about_it(browser, own_index, tmp_path: Path) -> None:  # noqa: F811
    settings = settings_copy(own_index, tmp_path)
    settings.llm.backend = "extractive"
    service = CopilotService(settings)
    bad = tmp_path / "minutes.pdf"
    bad.write_bytes(b"this is not a PDF at all")
    good = tmp_path / NEW_DOC
    good.write_text(NEW_TEXT, encoding="utf-8")
    with serve_app(service) as address:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(address)
        page.get_by_role("tab", name="Documents").click()
        page.wait_for_function("document.querySelector('#pc-doc-table')?.innerText.includes('LCQ20')")
        page.set_input_files("#pc-upload input[type=file]", str(bad))
        page.click("#pc-up-go")
        page.wait_for_selector("#pc-doc-status .error-text", timeout=60_000)
        assert "minutes.pdf" in page.inner_text("#pc-doc-status")
        assert not (settings.paths.corpus_dir / "minutes.pdf").exists()
        shot(page, "documents-bad-file")
        page.locator("#pc-upload button[aria-label='Clear']").click()
        page.set_input_files("#pc-upload input[type=file]", str(good))
        page.fill("#pc-up-title textarea, #pc-up-title input", "Quokka Data Exchange note")
        page.fill("#pc-up-date textarea, #pc-up-date input", "2025-07-01")
        page.fill("#pc-up-kind textarea, #pc-up-kind input", "information note")
        page.click("#pc-up-go")
        page.wait_for_function(
            "document.querySelector('#pc-doc-table')?.innerText.includes('Quokka Data Exchange note')", timeout=120_000
        )
        assert "Added" in page.inner_text("#pc-doc-status")
        shot(page, "documents")
        page.get_by_role("tab", name="Ask").click()
        message = ask(page, "Which universities can use the Quokka Data Exchange?")
        assert message.locator("a[href^='#src-']").count() >= 1
        cited = page.locator("#pc-sources details.source.cited .doc-title").all_text_contents()
        assert "Quokka Data Exchange note" in cited
        shot(page, "ask-uploaded-document")
        page.get_by_role("tab", name="Documents").click()
        page.click("#pc-del-pick input")
        page.get_by_role("option", name="Quokka Data Exchange note").click()
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#pc-del-go")
        page.wait_for_function(
            "document.querySelector('#pc-doc-status')?.innerText.includes('Deleted')", timeout=120_000
        )
        assert "Quokka" not in page.inner_text("#pc-doc-table")
        page.close()
    assert not (settings.paths.corpus_dir / NEW_DOC).exists()


# ---- Logic below the page (no browser) -----------------------------------------------------------
def test_upload_checks_refuse_bad_files_before_they_reach_the_corpus(service: CopilotService, tmp_path: Path) -> None:
    from ui.access import LOCAL_VIEWER

    corpus_before = sorted(p.name for p in service.settings.paths.corpus_dir.iterdir())
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(UploadError, match="empty"):
        service.documents.add(LOCAL_VIEWER, empty, {})
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(UploadError, match="unsupported file type"):
        service.documents.add(LOCAL_VIEWER, exe, {})
    note = tmp_path / "note.txt"
    note.write_text("1. A short note about data governance and open data portals in Hong Kong.")
    with pytest.raises(UploadError, match="ISO"):
        service.documents.add(LOCAL_VIEWER, note, {"date": "July 2025"})
    assert sorted(p.name for p in service.settings.paths.corpus_dir.iterdir()) == corpus_before
    assert safe_filename("../../etc/passwd.txt") == "passwd.txt"
    with pytest.raises(UploadError):
        safe_filename("SOURCES.md")


def test_bad_date_filter_is_explained() -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        AskOptions(date_from="last year").filters()
    assert AskOptions(date_from="2025-01", docs=["a.txt"]).filters().docs == {"a.txt"}


def test_document_text_cannot_inject_markup() -> None:
    hit = Hit(chunk_id="d#1", doc="d.txt", title="<img src=x onerror=alert(1)>", date="2025-01",
              label="Para <b>1</b>", section="", start=0, end=10, text="<script>alert(1)</script> Plain text.",
              score=1.0, rank=1)
    html = sources_html([SourceTurn(1, "<script>q</script>", [hit.to_dict()], status="writing")])
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
    answer = {"refused": False, "answer": "<script>x</script> [1].", "citations": [],
              "sentences": [{"text": "<script>x</script> [1].", "citations": [1], "supported": False, "reason": "<b>"}]}
    rendered = answer_html(answer, 1)
    assert "<script>" not in rendered and "<b>" not in rendered and 'href="#src-1-1"' in rendered


class _AnswerThenTranslate(ScriptedLLM):
    """Answers with ``reply``; asked to translate (the translation system prompt), returns ``translation``."""

    translation: str = ""

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.prompts.append(prompt)
        return CompletionResponse(text=self.translation if "You translate" in prompt else self.reply)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Iterator[CompletionResponse]:
        text = self.complete(prompt).text
        yield CompletionResponse(text=text, delta=text)


def test_answer_language_setting_translates_the_checked_answer(built_index, retriever, tmp_path: Path) -> None:
    from ui.access import LOCAL_VIEWER

    question = "Tell me about the AI Subsidy Scheme"
    settings = settings_copy(built_index, tmp_path)
    extractive = CopilotService(settings, retriever=retriever)
    result = list(extractive.ask(LOCAL_VIEWER, question, options=AskOptions(backend="extractive",
                                                                           language="zh-Hant")))[-1][1]
    assert not result.translated and "language model" in result.note  # says why it stayed in English
    llm = _AnswerThenTranslate(reply="The AI Subsidy Scheme is worth $3 billion [1][2][3][4][5].",
                               translation="人工智能資助計劃涉及30億元 [1]。", prompts=[])
    service = CopilotService(settings, retriever=retriever, llms={"local": LLMHandle(llm, "scripted", "local")})
    result = list(service.ask(LOCAL_VIEWER, question, options=AskOptions(backend="local", language="zh-Hant")))[-1][1]
    assert result.translated == "人工智能資助計劃涉及30億元 [1]。"
    assert any("Traditional Chinese" in prompt for prompt in llm.prompts)
    html = answer_html(result.answer.to_dict(), 1, result.translated, result.note)
    assert "30億元" in html and "Machine translation of the checked answer" in html and "3 billion" in html
    same = list(service.ask(LOCAL_VIEWER, question, options=AskOptions(backend="local", language="en")))[-1][1]
    assert same.translated == "" and same.note == ""  # already English: nothing to translate


def test_highlight_marks_only_the_sentence_that_supports_the_claim() -> None:
    from ui.render import highlight

    passage = ("The first phase was launched in December 2024. Meanwhile, the Government launched a three-year "
               "AI Subsidy Scheme of $3 billion. Other work covers talent.")
    marked = highlight(passage, ["The Government runs an AI Subsidy Scheme worth $3 billion [1]."])
    assert marked.count("<mark>") == 1 and "<mark>Meanwhile" in marked and "3 billion.</mark>" in marked
    assert "<mark>" not in highlight(passage, ["Completely unrelated words about egg tarts [1]."])
