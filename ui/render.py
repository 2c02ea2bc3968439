"""HTML for answers and their sources: [n] markers that open passages, flags, highlights.

All document and model text is escaped here before any markup is added, so a
passage or an answer can never inject HTML into the page. Passage ids are
``src-<turn>-<n>``: the n-th retrieved passage of the turn-th question, the same
n the answer's markers use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from core.text import MARKER
from index.metadata import human_date
from core.sentences import sentence_spans
from rag.citations import strip_markers
from rag.evidence import content_words, overlap

_PLACEHOLDER = re.compile(r"\[(?:No information|unverified|Input needed)[^\]]*\]")


def _date(iso: str) -> str:
    try:
        return human_date(iso) if iso else "undated"
    except (ValueError, IndexError):
        return iso


def link_markers(text_html: str, turn: int | str) -> str:
    """Turn ``[n]`` in already-escaped text into links that open passage n of this turn."""
    return MARKER.sub(
        lambda m: f'<a class="cite" href="#src-{turn}-{m.group(1)}" data-src="src-{turn}-{m.group(1)}" '
        f'aria-label="Source {m.group(1)}">[{m.group(1)}]</a>',
        text_html,
    )


def mark_placeholders(text_html: str) -> str:
    return _PLACEHOLDER.sub(lambda m: f'<span class="pc-placeholder">{m.group(0)}</span>', text_html)


def sentence_html(sentence: dict[str, Any], turn: int | str) -> str:
    """One checked sentence with linked markers; an unsupported one is flagged with the reason."""
    body = mark_placeholders(link_markers(escape(sentence["text"]), turn))
    if sentence.get("supported", True):
        return body
    reason = escape(sentence.get("reason") or "the cited passage does not support it")
    return (
        f'<span class="unsupported" title="Not supported: {reason}">{body}</span>'
        f'<span class="flag" role="note">⚠ Not supported by its source ({reason})</span>'
    )


def sentences_html(sentences: Sequence[dict[str, Any]], turn: int | str, fallback: str = "") -> str:
    """Checked sentences as one paragraph (or ``fallback`` text when there are none)."""
    if not sentences:
        return f"<p>{link_markers(escape(fallback), turn)}</p>"
    return "<p>" + " ".join(sentence_html(s, turn) for s in sentences) + "</p>"


def answer_html(answer: dict[str, Any], turn: int, translated: str = "", note: str = "") -> str:
    """The chat message for a finished answer."""
    if answer["refused"]:
        why = f'<p class="why">Why: {escape(answer["reason"])}.</p>' if answer.get("reason") else ""  # rag/acceptance
        return (
            '<div class="refusal" role="note"><p class="refusal-title">Not answered from the documents</p>'
            f'<p>{escape(answer["answer"])}</p>{why}'
            '<p class="hint">The nearest passages are listed under Sources. Try other words, or widen the '
            "document filter in Settings.</p></div>"
        )
    body = sentences_html(answer.get("sentences") or [], turn, answer["answer"])
    if translated:
        body = (
            f'<div class="translated"><p>{link_markers(escape(translated), turn)}</p>'
            '<p class="hint">Machine translation of the checked answer below; the sources are in the original '
            f"language.</p></div>{body}"
        )
    if answer.get("unanswered"):
        asks = "; ".join(str(a) for a in answer["unanswered"])
        body += (f'<div class="not-covered" role="note"><p class="refusal-title">Not in the documents</p>'
                 f"<p>{escape(asks)}</p></div>")
    if note:
        body += f'<p class="hint">{escape(note)}</p>'
    return f'<div class="answer">{body}</div>'


def streaming_html(text: str) -> str:
    """The answer as it arrives, not yet checked."""
    return f'<div class="answer streaming"><p>{escape(text)}<span class="cursor">▌</span></p></div>'


def plain_answer(answer: dict[str, Any], translated: str = "") -> str:
    """Answer text with its numbered sources, for the clipboard."""
    lines = [translated, ""] if translated else []
    lines.append(answer["answer"])
    if answer.get("citations"):
        lines += ["", "Sources:"]
        lines += [f"[{c['n']}] {c['label']} ({_date(c.get('date') or '')}), {c['doc']}" for c in answer["citations"]]
    return "\n".join(lines)


def highlight(passage: str, citing: Sequence[str], min_overlap: float = 0.3) -> str:
    """The passage, escaped, with the sentence that best supports each citing answer sentence in <mark>."""
    spans = sentence_spans(passage)
    words = [content_words(passage[s:e]) for s, e in spans]
    marked: set[int] = set()
    for claim in (content_words(strip_markers(c)) for c in citing):
        scores = [overlap(claim, w) for w in words] if claim else []
        if scores and max(scores) >= min_overlap:
            marked.add(scores.index(max(scores)))
    out, last = [], 0
    for i, (s, e) in enumerate(spans):
        out.append(escape(passage[last:s]))
        piece = escape(passage[s:e])
        out.append(f"<mark>{piece}</mark>" if i in marked else piece)
        last = e
    out.append(escape(passage[last:]))
    return "".join(out)


@dataclass
class SourceTurn:
    """What the sources panel shows for one question."""

    turn: int
    question: str
    hits: list[dict[str, Any]] = field(default_factory=list)
    status: str = "searching"  # searching | writing | done
    refused: bool = False
    cited: list[int] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)


def _passage(turn: int | str, n: int, hit: dict[str, Any], citing: Sequence[str], open_: bool, cls: str) -> str:
    text = highlight(hit["text"], citing) if citing else escape(hit["text"])
    return (
        f'<details class="source {cls}" id="src-{turn}-{n}"{" open" if open_ else ""}>'
        f'<summary><span class="n">[{n}]</span> <span class="label">{escape(hit["label"])}</span>'
        f' <span class="date">{escape(_date(hit.get("date") or ""))}</span></summary>'
        f'<p class="doc-title">{escape(hit["title"])}</p>'
        f'<blockquote class="passage">{text}</blockquote></details>'
    )


def _turn_html(st: SourceTurn) -> str:
    head = f'<h3 class="sources-q">Sources for: {escape(st.question[:160])}</h3>'
    if st.status == "searching":
        return f'<section class="sources-turn">{head}<p class="status">Searching the documents…</p></section>'
    if not st.hits:
        return f'<section class="sources-turn">{head}<p class="status">No passage matched.</p></section>'
    parts = [head]
    numbered = list(enumerate(st.hits, 1))
    if st.status == "writing":
        parts.append('<p class="status" role="status">Passages found — the answer is being written…</p>')
        parts += [_passage(st.turn, n, h, [], False, "read") for n, h in numbered]
    elif st.refused:
        parts.append('<p class="status">Nearest passages — they do not answer the question:</p>')
        parts += [_passage(st.turn, n, h, [], False, "nearest") for n, h in numbered]
    else:
        # highlight what supports the answer: only supported sentences point at their evidence
        citing = {n: [s["text"] for s in st.sentences if n in s.get("citations", []) and s.get("supported")]
                  for n in st.cited}
        parts += [_passage(st.turn, n, h, citing[n], True, "cited") for n, h in numbered if n in citing]
        rest = [(n, h) for n, h in numbered if n not in citing]
        if rest:
            parts.append(f'<details class="also-read"><summary>Also read, not cited ({len(rest)})</summary>')
            parts += [_passage(st.turn, n, h, [], False, "read") for n, h in rest]
            parts.append("</details>")
    return f'<section class="sources-turn" id="turn-{st.turn}">{"".join(parts)}</section>'


def sources_html(turns: Sequence[SourceTurn]) -> str:
    """Newest question's sources first; earlier questions folded away but still linkable."""
    if not turns:
        return '<div class="sources-empty"><p>Sources appear here as soon as they are found.</p></div>'
    newest, *earlier = list(reversed(turns))
    html = _turn_html(newest)
    if earlier:
        html += f'<details class="earlier"><summary>Earlier questions ({len(earlier)})</summary>'
        html += "".join(_turn_html(t) for t in earlier) + "</details>"
    return html


def citations_html(citations: Sequence[dict[str, Any]], sentences: Sequence[dict[str, Any]], turn: str) -> str:
    """A numbered source list for drafts and summaries (citation dicts carry their passage text)."""
    if not citations:
        return '<div class="sources-empty"><p>No sources cited.</p></div>'
    parts = []
    for c in citations:
        citing = [s["text"] for s in sentences if c["n"] in s.get("citations", []) and s.get("supported")]
        parts.append(_passage(turn, c["n"], {**c, "title": c.get("title") or c["doc"]}, citing, False, "cited"))
    return "".join(parts)
