"""The Draft reply, Summarise and Translate screens.

Each one calls a single ``CopilotService`` method and renders its cited output
with the same source panel as Ask. Long work reports progress through
``gr.Progress`` so the page never looks frozen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from index.filemodes import restrict_file
from rag.llm import LLMUnavailable
from rag.models import ModelFileError
from ui.access import AccessDenied
from ui.controls import Controls
from ui.downloads import DraftDownloads
from ui.export import markdown_to_docx
from ui.draft_view import draft_preview
from ui.render import citations_html, sentence_html, sentences_html
from ui.service import CopilotService, FeatureUnavailable

log = logging.getLogger(__name__)
# Problems the user can fix (the message says how): shown as they are, not logged as faults.
_USER_FIXABLE = (ValueError, AccessDenied, FeatureUnavailable, LLMUnavailable, ModelFileError)
DOWNLOADS = DraftDownloads()


def _progress(progress: gr.Progress):  # type: ignore[no-untyped-def]
    return lambda fraction, message: progress(fraction, desc=message)


def _error(exc: Exception) -> gr.Error:
    if not isinstance(exc, _USER_FIXABLE):
        log.exception("task failed")
        return gr.Error(f"The task failed ({exc}). Try again, or choose another answer engine in Settings.")
    return gr.Error(str(exc))


# ---- Draft reply ---------------------------------------------------------------------------
@dataclass
class DraftState:
    markdown: str = ""  # as generated, to tell whether the user edited it
    draft: Any = None


def build_draft(service: CopilotService, controls: Controls) -> None:
    gr.Markdown(
        "Paste a Legislative Council question. Each numbered part is answered from the documents with "
        "citations; a part they do not cover gets a placeholder for the responsible bureau to fill in. "
        "Edit the draft in place, then download it."
    )
    state = gr.State(DraftState())
    question = gr.Textbox(label="LegCo question", lines=8, elem_id="pc-draft-question",
                          placeholder="Question:\n(1) ...;\n(2) ...?")
    go = gr.Button("Draft reply", variant="primary", elem_id="pc-draft-go")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            editor = gr.Textbox(label="Draft (you can edit it here)", lines=18, max_lines=40, interactive=True,
                                elem_id="pc-draft-text")
            with gr.Row():
                docx_btn = gr.DownloadButton("Download .docx", elem_id="pc-draft-docx", size="sm")
                md_btn = gr.DownloadButton("Download Markdown", elem_id="pc-draft-md", size="sm")
            with gr.Accordion("Checked draft, with its citations", open=True):
                preview = gr.HTML(elem_id="pc-draft-preview")
        with gr.Column(scale=2):
            gr.Markdown("### Sources", elem_classes=["pc-panel-title"])
            sources = gr.HTML(citations_html([], [], "d"), elem_id="pc-draft-sources")

    def run(text: str, backend: str, request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        try:
            viewer = service.viewer(request.username)
            progress(0.0, desc="Reading the question")
            draft, _ = service.draft(viewer, text, backend, _progress(progress))
        except Exception as exc:  # shown to the user by _error; never a frozen page
            raise _error(exc) from exc
        markdown = draft.markdown()
        sentences = [s for part in draft.parts for s in part.sentences]
        sources_panel = citations_html(draft.sources, sentences, "d")
        return markdown, draft_preview(draft), sources_panel, DraftState(markdown, draft)

    go.click(run, [question, controls.backend], [editor, preview, sources, state], concurrency_id="llm",
             concurrency_limit=1)

    def files(text: str, current: DraftState) -> tuple[Any, Any]:
        if not (text or "").strip():
            return gr.update(value=None), gr.update(value=None)
        folder = DOWNLOADS.folder()  # private and bounded: a draft may quote restricted documents
        md_path = DOWNLOADS.write_text(folder, "draft-reply.md", text)
        docx_path = folder / "draft-reply.docx"
        if current.draft is not None and text == current.markdown:
            current.draft.to_docx(docx_path)
        else:
            markdown_to_docx(text, docx_path)
        restrict_file(docx_path)
        return gr.update(value=str(docx_path)), gr.update(value=str(md_path))

    editor.change(files, [editor, state], [docx_btn, md_btn], show_progress="hidden")


# ---- Summarise -----------------------------------------------------------------------------
LENGTHS = [("Brief (a short paragraph)", "brief"), ("About a page", "page")]
AUDIENCES = ["", "Senior officials", "Legislative Council Members", "The public", "Journalists"]


@dataclass
class SummariseScreen:
    doc: gr.Dropdown


def build_summarise(service: CopilotService, controls: Controls) -> SummariseScreen:
    gr.Markdown("Summarise one document, or what all the documents say about a topic. Every sentence cites its source.")
    with gr.Row():
        with gr.Column(scale=2):
            mode = gr.Radio([("A document", "doc"), ("A topic", "topic")], value="doc", label="Summarise",
                            elem_id="pc-sum-mode")
            doc = gr.Dropdown([], label="Document", elem_id="pc-sum-doc")
            topic = gr.Textbox(label="Topic", placeholder="e.g. AI talent", visible=False, elem_id="pc-sum-topic")
            length = gr.Radio(LENGTHS, value="brief", label="Length", elem_id="pc-sum-length")
            audience = gr.Dropdown(AUDIENCES, value="", allow_custom_value=True, label="Audience (optional)",
                                   elem_id="pc-sum-audience")
            bullets = gr.Checkbox(label="Bullet points", elem_id="pc-sum-bullets")
            go = gr.Button("Summarise", variant="primary", elem_id="pc-sum-go")
        with gr.Column(scale=3):
            output = gr.HTML(elem_id="pc-sum-output")
            with gr.Accordion("Sources", open=True):
                sources = gr.HTML(citations_html([], [], "s"), elem_id="pc-sum-sources")

    mode.change(lambda m: (gr.update(visible=m == "doc"), gr.update(visible=m == "topic")), mode, [doc, topic])

    def run(mode_: str, doc_: str, topic_: str, length_: str, audience_: str, bullets_: bool, backend: str,
            request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[str, str]:
        try:
            viewer = service.viewer(request.username)
            progress(0.0, desc="Starting")
            summary, _ = service.summarise(
                viewer, doc=doc_ if mode_ == "doc" else None, topic=topic_ if mode_ == "topic" else None,
                length=length_, audience=audience_ or "", bullets=bullets_, backend=backend,
                progress=_progress(progress),
            )
        except Exception as exc:  # shown to the user by _error; never a frozen page
            raise _error(exc) from exc
        title = f'<h3 class="summary-title">{escape(summary.subject)}</h3>'
        if bullets_:
            items = "".join(f"<li>{sentence_html(s, 's')}</li>" for s in summary.sentences)
            body = f"<ul>{items}</ul>"
        else:
            body = sentences_html(summary.sentences, "s", summary.text)
        return f'<div class="summary">{title}{body}</div>', citations_html(summary.citations, summary.sentences, "s")

    go.click(run, [mode, doc, topic, length, audience, bullets, controls.backend], [output, sources],
             concurrency_id="llm", concurrency_limit=1)
    return SummariseScreen(doc)


# ---- Translate -----------------------------------------------------------------------------
TARGETS = [("English", "en"), ("Traditional Chinese (繁體中文)", "zh-Hant")]


def _numbers_check(result: Any) -> str:
    """The figures (and citation markers) the translation lost, or a plain all-clear."""
    missing = list(result.missing_numbers) + list(getattr(result, "missing_markers", []))
    if missing:
        listed = ", ".join(escape(n) for n in missing)
        check = f'<p class="check bad" role="alert">⚠ Missing from the translation: {listed}. Check them.</p>'
    else:
        check = '<p class="check ok">✓ Numbers check: every figure in the text appears in the translation.</p>'
    if result.glossary_hits:
        check += f'<p class="check">Glossary terms used: {escape(", ".join(result.glossary_hits))}.</p>'
    return check


def build_translate(service: CopilotService, controls: Controls) -> None:
    gr.Markdown("Translate between English and Traditional Chinese with the Government glossary. "
                "Numbers are checked: any figure that does not survive translation is flagged.")
    with gr.Row(equal_height=True):
        source = gr.Textbox(label="Text", lines=10, elem_id="pc-tr-in")
        target = gr.Textbox(label="Translation", lines=10, interactive=False, buttons=["copy"], elem_id="pc-tr-out")
    with gr.Row():
        to = gr.Radio(TARGETS, value="zh-Hant", label="Translate into", elem_id="pc-tr-to")
        go = gr.Button("Translate", variant="primary", elem_id="pc-tr-go")
    check = gr.HTML(elem_id="pc-tr-check")

    def run(text: str, to_: str, backend: str, request: gr.Request) -> tuple[str, str]:
        if not (text or "").strip():
            raise gr.Error("Paste some text to translate.")
        try:
            result = service.translate(service.viewer(request.username), text, to_, backend)
        except Exception as exc:  # shown to the user by _error; never a frozen page
            raise _error(exc) from exc
        return result.text, _numbers_check(result)

    go.click(run, [source, to, controls.backend], [target, check], concurrency_id="llm", concurrency_limit=1)

