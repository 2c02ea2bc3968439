"""The Documents screen: what is indexed, and (for administrators) upload, delete, re-index.

Ingest reports progress to ``gr.Progress``; a bad file is refused with the
loader's own reason while the rest of the collection keeps working.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from index.ingest import IngestError, IngestReport
from index.loaders import SUPPORTED_SUFFIXES
from index.metadata import human_date
from ui.access import AccessDenied, Viewer
from ui.documents import DocumentRow, UploadError, parse_groups
from ui.service import CopilotService

log = logging.getLogger(__name__)
HEADERS = ["Title", "Date", "Kind", "Passages", "Restricted to", "File"]
# Runs in the browser first: a cancelled confirmation sends no document, so nothing is deleted.
CONFIRM_DELETE = "(doc) => (doc && confirm('Delete ' + doc + ' from the collection and its folder?')) ? doc : null"


def table_rows(rows: list[DocumentRow]) -> list[list[Any]]:
    return [[r.title, human_date(r.date) if r.date else "", r.kind, r.chunks, ", ".join(r.groups) or "everyone", r.doc]
            for r in rows]


def doc_choices(rows: list[DocumentRow]) -> list[tuple[str, str]]:
    """Dropdown entries: a readable label, the file name as value."""
    return [(f"{r.title[:90]}{'…' if len(r.title) > 90 else ''} ({human_date(r.date) if r.date else 'undated'})", r.doc)
            for r in rows]


def report_text(action: str, rows: list[DocumentRow], failed: list[str]) -> str:
    """What changed, in terms of what this user can see (other groups' documents are not even counted)."""
    passages = sum(r.chunks for r in rows)
    lines = [f"**{action}.** You can now search {len(rows)} documents ({passages} passages)."]
    if failed:
        lines.append("Files that could not be read (the rest were indexed): " + "; ".join(failed))
    return "\n\n".join(lines)


@dataclass
class DocumentsScreen:
    table: gr.Dataframe
    status: gr.Markdown
    manage: gr.Column
    upload: gr.File
    meta: tuple[gr.Textbox, ...]  # title, date, kind, issuer, groups
    add_btn: gr.Button
    delete_pick: gr.Dropdown
    delete_btn: gr.Button
    reindex_btn: gr.Button


def build_documents(service: CopilotService) -> DocumentsScreen:
    gr.Markdown("The documents the copilot answers from. You see only the documents your groups may read.")
    table = gr.Dataframe(headers=HEADERS, value=[], interactive=False, wrap=True, elem_id="pc-doc-table",
                         column_widths=["40%", "10%", "14%", "8%", "12%", "16%"])
    status = gr.Markdown(elem_id="pc-doc-status")
    with gr.Column(visible=False, elem_id="pc-doc-manage") as manage:
        gr.Markdown("### Add a document")
        with gr.Row(equal_height=False):
            upload = gr.File(label=f"File ({', '.join(s.lstrip('.') for s in SUPPORTED_SUFFIXES)})",
                             file_types=list(SUPPORTED_SUFFIXES), file_count="single", elem_id="pc-upload",
                             height=140)
            with gr.Column():
                title = gr.Textbox(label="Title", elem_id="pc-up-title")
                with gr.Row():
                    date = gr.Textbox(label="Date", placeholder="YYYY-MM-DD", elem_id="pc-up-date")
                    kind = gr.Textbox(label="Kind", placeholder="e.g. policy statement", elem_id="pc-up-kind")
                issuer = gr.Textbox(label="Issued by", elem_id="pc-up-issuer")
                groups = gr.Textbox(label="Restrict to groups (optional)", placeholder="e.g. ITIB, OGCIO",
                                    info="Leave empty for everyone; otherwise only users in these groups see it.",
                                    elem_id="pc-up-groups")
        add_btn = gr.Button("Add to the collection", variant="primary", elem_id="pc-up-go")
        gr.Markdown("### Remove or refresh")
        with gr.Row(equal_height=True):
            delete_pick = gr.Dropdown([], label="Document", elem_id="pc-del-pick", scale=4)
            delete_btn = gr.Button("Delete", variant="stop", elem_id="pc-del-go", scale=1)
            reindex_btn = gr.Button("Re-index the folder", elem_id="pc-reindex", scale=1)
    return DocumentsScreen(table, status, manage, upload, (title, date, kind, issuer, groups), add_btn,
                           delete_pick, delete_btn, reindex_btn)


def wire_documents(service: CopilotService, screen: DocumentsScreen, refresh_outputs: list[Any],
                   refresh: Callable[[Viewer], tuple[Any, ...]]) -> None:
    """Connect the buttons; every change ends by refreshing every per-user document list."""

    def guarded(action: str, viewer: Viewer, work: Callable[[], IngestReport]) -> str:
        try:
            report = work()
        except (UploadError, AccessDenied, IngestError) as exc:
            return f'<span class="error-text">⚠ {escape(str(exc))}</span>'
        failed = [why for doc, why in report.failed.items() if service.documents.visible_file(viewer, doc)]
        return report_text(action, service.list_documents(viewer), failed)

    def add(file: str | None, title_: str, date_: str, kind_: str, issuer_: str, groups_: str,
            request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        viewer = service.viewer(request.username)
        if not file:
            return ("Choose a file first.", *refresh(viewer), *[gr.update()] * (1 + len(screen.meta)))
        meta = {"filename": Path(file).name, "title": title_ or Path(file).stem, "date": date_, "kind": kind_,
                "issuer": issuer_, "groups": parse_groups(groups_)}
        progress(0.0, desc="Checking the file")
        message = guarded(f"Added {Path(file).name}", viewer, lambda: service.add_document(
            viewer, Path(file), meta, lambda f, m: progress(f, desc=m)))
        if meta["groups"] and not viewer.may_see(meta["groups"]) and "Added" in message:
            message += "\n\nIt is restricted to groups you are not in, so it is not listed for you."
        added = message.startswith("**Added")
        cleared = [gr.update(value=None if added else file)] + [gr.update(value="") if added else gr.update()
                                                                 for _ in screen.meta]
        return (message, *refresh(viewer), *cleared)

    screen.add_btn.click(add, [screen.upload, *screen.meta],
                         [screen.status, *refresh_outputs, screen.upload, *screen.meta],
                  concurrency_id="ingest", concurrency_limit=1)

    def delete(doc: str | None, request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        viewer = service.viewer(request.username)
        if not doc:
            return ("Choose a document to delete.", *refresh(viewer))
        message = guarded(f"Deleted {doc}", viewer,
                          lambda: service.delete_document(viewer, doc, lambda f, m: progress(f, desc=m)))
        return (message, *refresh(viewer))

    screen.delete_btn.click(delete, [screen.delete_pick], [screen.status, *refresh_outputs], concurrency_id="ingest",
                     concurrency_limit=1,
                     js=CONFIRM_DELETE)

    def reindex(request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        viewer = service.viewer(request.username)
        message = guarded("Re-indexed", viewer, lambda: service.reindex(viewer, lambda f, m: progress(f, desc=m)))
        return (message, *refresh(viewer))

    screen.reindex_btn.click(reindex, None, [screen.status, *refresh_outputs], concurrency_id="ingest",
                             concurrency_limit=1)
