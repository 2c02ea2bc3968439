"""The page: header, settings drawer, five screens, and the per-user refresh on load.

The page definition is identical for every user; everything that depends on who
is signed in (their name, their documents, whether they may manage documents)
is filled by ``demo.load`` from the request, so no restricted document is ever
named in the shared page configuration.
"""

from __future__ import annotations

from html import escape
from typing import Any

import gradio as gr

from ui.access import Viewer
from ui.ask import build_ask
from ui.controls import build_controls
from ui.documents_screen import build_documents, doc_choices, table_rows, wire_documents
from ui.downloads import CACHE_AGE_S, private_gradio_cache
from ui.service import CopilotService
from ui.tasks import build_draft, build_summarise, build_translate

HEADER = """
<header class="pc-header" role="banner">
  <div class="pc-brand">
    <span class="pc-logo">Policy Copilot</span>
    <span class="pc-tagline">Answers from Hong Kong Government AI-policy papers, with paragraph citations</span>
  </div>
</header>
<div class="pc-phase"><strong class="pc-phase-tag">Pilot</strong>
  Answers are drawn only from the indexed documents. Check the cited passage before you rely on an answer.</div>
"""


def user_bar(viewer: Viewer, login_required: bool, retention_days: int) -> str:
    kept = f"Questions are recorded for {retention_days} days." if retention_days else "Questions are recorded."
    if not login_required:
        who = "Local use (no sign-in configured). Documents restricted to a group are hidden."
    else:
        groups = ", ".join(sorted(viewer.groups)) or "none"
        who = (f"Signed in as <strong>{escape(viewer.name)}</strong> · groups: {escape(groups)}"
               f'{" · administrator" if viewer.admin else ""} · <a href="/logout">Sign out</a>')
    settings = '<button type="button" class="pc-settings-link" data-open-settings>⚙ Settings</button>'
    return f'<div class="pc-userbar"><span>{who}</span><span class="pc-kept">{kept} {settings}</span></div>'


def build_app(service: CopilotService) -> gr.Blocks:
    private_gradio_cache()  # before the Blocks exists: Gradio reads its cache folder then
    with gr.Blocks(title="Policy Copilot", analytics_enabled=False, fill_width=True,
                   delete_cache=(CACHE_AGE_S, CACHE_AGE_S)) as demo:
        header = gr.HTML(HEADER, elem_id="pc-header-block")
        controls = build_controls(service.settings)
        with gr.Tabs(elem_id="pc-tabs"):
            with gr.Tab("Ask", id="ask", elem_id="tab-ask"):
                build_ask(service, controls)
            with gr.Tab("Draft reply", id="draft", elem_id="tab-draft"):
                build_draft(service, controls)
            with gr.Tab("Summarise", id="summarise", elem_id="tab-summarise"):
                summarise = build_summarise(service, controls)
            with gr.Tab("Translate", id="translate", elem_id="tab-translate"):
                build_translate(service, controls)
            with gr.Tab("Documents", id="documents", elem_id="tab-documents"):
                documents = build_documents(service)

        lists = [documents.table, documents.delete_pick, controls.docs, summarise.doc]

        def refresh(viewer: Viewer) -> tuple[Any, ...]:
            rows = service.list_documents(viewer)
            choices = doc_choices(rows)
            return (table_rows(rows), gr.update(choices=choices, value=None), gr.update(choices=choices, value=[]),
                    gr.update(choices=choices, value=choices[0][1] if choices else None))

        wire_documents(service, documents, lists, refresh)

        def on_load(request: gr.Request) -> tuple[Any, ...]:
            viewer = service.viewer(request.username)
            bar = user_bar(viewer, service.login_required, service.settings.ui.audit_retention_days)
            return (HEADER + bar, gr.update(visible=viewer.admin), *refresh(viewer))

        demo.load(on_load, None, [header, documents.manage, *lists])
    # Gradio puts the schema of every public endpoint into the page it serves, the login page
    # included; undocumented endpoints still work (for signed-in sessions) but are not described.
    for fn in demo.fns.values():
        if fn.api_visibility == "public":
            fn.api_visibility = "undocumented"
    return demo
