"""The Ask screen: streaming chat, sources panel, copy, feedback, new conversation.

The handler is a generator: the question appears at once, the passages as soon
as retrieval returns (before any token), then the answer as it streams, then the
checked answer with linked markers and flags. Conversation state lives in a
per-browser-session ``ChatSession``; nothing is shared between users.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

import gradio as gr

from index.retrieval import QueryError
from rag.answer import Turn
from ui.access import AccessDenied
from ui.controls import Controls
from ui.render import (
    SourceTurn,
    answer_html,
    plain_answer,
    sources_html,
    streaming_html,
)
from ui.service import AskOptions, CopilotService

log = logging.getLogger(__name__)
STREAM_REFRESH_S = 0.1  # redraw the streaming answer at most this often
WELCOME = (
    "**Ask a question about the indexed Government papers.**\n\n"
    "Every answer is built only from the documents and cites the paragraph it came from, "
    "like [1]. Click a number to read the passage. If the documents do not answer, the "
    "copilot says so and shows the nearest passages."
)


@dataclass
class ChatSession:
    """One browser session's conversation."""

    history: list[Turn] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    sources: list[SourceTurn] = field(default_factory=list)
    records: dict[int, str] = field(default_factory=dict)  # assistant message index -> audit record id
    feedback_ref: str = ""
    feedback_rating: str = ""


def _status(text: str) -> str:
    return f'<div class="answer pending" role="status"><p>{text}</p></div>'


@dataclass
class AskScreen:
    """Components of the Ask tab, for wiring and for tests that look them up by elem_id."""

    chatbot: gr.Chatbot
    question: gr.Textbox
    sources: gr.HTML
    copy_text: gr.Textbox
    session: gr.State
    ask_btn: gr.Button | None = None
    copy_btn: gr.Button | None = None
    new_btn: gr.Button | None = None
    feedback_box: gr.Group | None = None
    comment: gr.Textbox | None = None
    send_btn: gr.Button | None = None
    feedback_note: gr.Markdown | None = None


def build_ask(service: CopilotService, controls: Controls) -> AskScreen:
    """Lay out the Ask tab, then wire asking, copying, starting afresh and feedback to it."""
    screen = _layout()
    _wire_ask(screen, service, controls)
    _wire_copy(screen)
    _wire_new_conversation(screen)
    _wire_feedback(screen, service)
    return screen


def _layout() -> AskScreen:
    """The chat column (question box, buttons, feedback) beside the sources panel."""
    session = gr.State(ChatSession())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            chatbot = gr.Chatbot(
                label="Conversation", show_label=False, elem_id="pc-chat", height=560, placeholder=WELCOME,
                feedback_options=("Like", "Dislike"), buttons=[], group_consecutive_messages=False,
                layout="panel", autoscroll=True,
            )
            with gr.Row(equal_height=True):
                question = gr.Textbox(
                    show_label=False, placeholder="Type your question and press Enter", elem_id="pc-question",
                    lines=1, max_lines=5, scale=6, autofocus=True, container=False,
                )
                ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=90, elem_id="pc-ask")
            with gr.Row():
                copy_btn = gr.Button("Copy answer with citations", size="sm", elem_id="pc-copy")
                new_btn = gr.Button("New conversation", size="sm", elem_id="pc-new")
            with gr.Group(visible=False, elem_id="pc-feedback") as feedback_box:
                comment = gr.Textbox(label="Thanks. Anything to add? (optional)", lines=2, elem_id="pc-comment")
                send_btn = gr.Button("Send comment", size="sm", elem_id="pc-send-comment")
            feedback_note = gr.Markdown(elem_id="pc-feedback-note")
        with gr.Column(scale=2, min_width=320, elem_id="pc-sources-col"):
            gr.Markdown("### Sources", elem_classes=["pc-panel-title"])
            sources = gr.HTML(sources_html([]), elem_id="pc-sources")
    copy_text = gr.Textbox(visible="hidden", elem_id="pc-copy-text")
    return AskScreen(chatbot, question, sources, copy_text, session, ask_btn, copy_btn, new_btn, feedback_box,
                     comment, send_btn, feedback_note)


def _frame(state: ChatSession, copy: str | None = None) -> tuple[Any, ...]:
    """One redraw: chat, sources, cleared question box, clipboard text (kept if None), state."""
    return state.messages, sources_html(state.sources), "", gr.skip() if copy is None else copy, state


def _failed(state: ChatSession, turn: SourceTurn, message: str) -> tuple[Any, ...]:
    """Replace the pending answer with an error the user can act on."""
    turn.status = "done"
    error = f'<div class="error" role="alert"><p>{escape(message)}</p></div>'
    state.messages[-1] = {"role": "assistant", "content": error}
    return _frame(state)


def _show_answer(state: ChatSession, turn: SourceTurn, question: str, result: Any) -> tuple[Any, ...]:
    """The checked answer with linked markers, recorded in the turn, the history and the audit index."""
    answer = result.answer.to_dict()
    turn.status, turn.refused = "done", answer["refused"]
    turn.cited = [c["n"] for c in answer["citations"]]
    turn.sentences = answer["sentences"]
    final = answer_html(answer, turn.turn, result.translated, result.note)
    state.messages[-1] = {"role": "assistant", "content": final}
    state.records[len(state.messages) - 1] = result.record_id
    state.history.append(Turn(question, answer["answer"]))
    return _frame(state, plain_answer(answer, result.translated))


def _wire_ask(screen: AskScreen, service: CopilotService, controls: Controls) -> None:
    """Enter or the Ask button streams an answer: question, passages, tokens, then the checked answer."""

    def ask(text: str, state: ChatSession, backend: str, top_k: float, docs: list[str], date_from: str,
            date_to: str, language: str, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        q = (text or "").strip()
        if not q:
            gr.Warning("Type a question first.")
            yield state.messages, sources_html(state.sources), text, gr.skip(), state
            return
        try:
            viewer = service.viewer(request.username)
        except AccessDenied as exc:
            raise gr.Error(str(exc)) from exc
        turn = SourceTurn(len(state.sources) + 1, q)
        state.sources.append(turn)
        state.messages += [{"role": "user", "content": q},
                           {"role": "assistant", "content": _status("Searching the documents…")}]
        yield _frame(state)
        if not service.llm_loaded(backend):
            state.messages[-1]["content"] = _status("Loading the answer engine; the first answer takes longer…")
            yield _frame(state)
        options = AskOptions(backend=backend, top_k=int(top_k), docs=docs or [], date_from=date_from or "",
                             date_to=date_to or "", language=language)
        streamed, last_draw, result = "", 0.0, None
        try:
            for event, payload in service.ask(viewer, q, state.history, options):
                if event == "sources":
                    turn.hits, turn.status = [h.to_dict() for h in payload], "writing"
                    state.messages[-1]["content"] = _status("Passages found. Writing the answer…")
                    yield _frame(state)
                elif event == "token":
                    streamed += payload
                    if time.monotonic() - last_draw >= STREAM_REFRESH_S:
                        state.messages[-1]["content"] = streaming_html(streamed)
                        last_draw = time.monotonic()
                        yield _frame(state)
                else:
                    result = payload
        except (QueryError, ValueError, AccessDenied) as exc:
            yield _failed(state, turn, str(exc))
            return
        except Exception as exc:  # the LLM server or model failed: say so, keep the page usable
            log.exception("answer failed")
            yield _failed(state, turn, f"The answer engine failed ({exc}). Try again, or choose another engine in Settings.")
            return
        assert result is not None
        yield _show_answer(state, turn, q, result)

    inputs = [screen.question, screen.session, controls.backend, controls.top_k, controls.docs, controls.date_from,
              controls.date_to, controls.language]
    outputs = [screen.chatbot, screen.sources, screen.question, screen.copy_text, screen.session]
    screen.question.submit(ask, inputs, outputs, concurrency_limit=1, concurrency_id="llm", show_progress="hidden")
    screen.ask_btn.click(ask, inputs, outputs, concurrency_limit=1, concurrency_id="llm", show_progress="hidden")


def _wire_copy(screen: AskScreen) -> None:
    """The copy button puts the last answer with its citations on the clipboard (in the browser)."""
    screen.copy_btn.click(
        None, [screen.copy_text], None,
        js="""(text) => {
            const button = document.getElementById('pc-copy');
            if (!text) { button.textContent = 'Nothing to copy yet'; }
            else { navigator.clipboard.writeText(text); button.textContent = 'Copied ✓'; }
            setTimeout(() => { button.textContent = 'Copy answer with citations'; }, 2000);
        }""",
    )


def _wire_new_conversation(screen: AskScreen) -> None:
    """"New conversation" and the chat's own bin icon both start afresh."""

    def new_conversation() -> tuple[Any, ...]:
        fresh = ChatSession()
        return [], sources_html([]), "", "", fresh, gr.update(visible=False), ""

    reset_outputs = [screen.chatbot, screen.sources, screen.question, screen.copy_text, screen.session,
                     screen.feedback_box, screen.feedback_note]
    screen.new_btn.click(new_conversation, None, reset_outputs)
    screen.chatbot.clear(new_conversation, None, reset_outputs)


def _wire_feedback(screen: AskScreen, service: CopilotService) -> None:
    """A like or dislike is recorded against the answer's audit record; a comment may follow."""

    def rate(state: ChatSession, data: gr.LikeData, request: gr.Request) -> tuple[Any, ...]:
        index = data.index if isinstance(data.index, int) else data.index[0]
        ref = state.records.get(index)
        if ref is None or data.liked not in (True, False):
            return gr.update(visible=False), "", state
        rating = "up" if data.liked else "down"
        service.feedback(service.viewer(request.username), ref, rating)
        state.feedback_ref, state.feedback_rating = ref, rating
        return gr.update(visible=True), "Feedback recorded. Thank you.", state

    screen.chatbot.like(rate, [screen.session], [screen.feedback_box, screen.feedback_note, screen.session])

    def send_comment(text: str, state: ChatSession, request: gr.Request) -> tuple[Any, ...]:
        if not state.feedback_ref or not (text or "").strip():
            return gr.update(), "Write a comment first, or just leave the rating.", state, text
        service.feedback(service.viewer(request.username), state.feedback_ref, state.feedback_rating, text)
        return gr.update(visible=False), "Comment recorded. Thank you.", state, ""

    screen.send_btn.click(send_comment, [screen.comment, screen.session],
                          [screen.feedback_box, screen.feedback_note, screen.session, screen.comment])
