"""The settings drawer shared by every screen: answer engine, passages, filters, language.

Its document choices are filled per user when the page loads (never at build
time), because the page definition is the same for everyone and must not name a
restricted document.
"""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from core.config import Settings
from ui.service import LANGUAGES

ENGINES = [
    ("Local model (on this computer)", "local"),
    ("OpenAI-compatible server", "openai"),
    ("No model: quote the passages", "extractive"),
]


@dataclass
class Controls:
    backend: gr.Radio
    top_k: gr.Slider
    docs: gr.Dropdown
    date_from: gr.Textbox
    date_to: gr.Textbox
    language: gr.Radio


def build_controls(settings: Settings) -> Controls:
    with gr.Sidebar(position="right", open=False, label="Settings", width=340, elem_id="pc-settings"):
        gr.Markdown("### Settings\nThese apply to your questions, drafts and summaries.")
        backend = gr.Radio(ENGINES, value=settings.llm.backend, label="Answer engine", elem_id="pc-backend",
                           info="Quoting needs no model and is instant; the local model writes fuller answers.")
        top_k = gr.Slider(1, 12, step=1, value=settings.answer.top_k, label="Passages to read", elem_id="pc-topk")
        docs = gr.Dropdown([], value=[], multiselect=True, label="Only these documents", elem_id="pc-docs",
                           info="Leave empty to search every document you can see.")
        with gr.Row():
            date_from = gr.Textbox(label="Dated from", placeholder="YYYY-MM", elem_id="pc-date-from", min_width=100)
            date_to = gr.Textbox(label="Dated to", placeholder="YYYY-MM", elem_id="pc-date-to", min_width=100)
        language = gr.Radio([(label, code) for code, label in LANGUAGES.items()], value="auto",
                            label="Answer language", elem_id="pc-language")
    return Controls(backend, top_k, docs, date_from, date_to, language)
