"""The Draft screen's checked view: per part, each ask with the verified sentences that answer it.

An officer editing a reply needs to see at a glance which asks the documents cover and which the bureau
must supply (issue 19), so the view is organised by ask, not as one paragraph per part.
"""

from __future__ import annotations

from html import escape
from typing import Any

from rag.drafting import placeholder
from ui.render import sentence_html


def draft_preview(draft: Any) -> str:
    """The opening, then each part's asks: covered (its sentences) or needing the bureau (its placeholder)."""
    asks = [a for part in draft.parts for a in part.asks]
    covered = sum(1 for a in asks if a["answered"])
    summary = (f'<p class="draft-check">{covered} of {len(asks)} asks answered from the documents'
               f'{f"; {len(asks) - covered} need input from the bureau" if covered < len(asks) else ""}.</p>')
    return summary + f"<p>{escape(draft.opening)}</p>" + "".join(_part_html(part) for part in draft.parts)


def _part_html(part: Any) -> str:
    number = f'<span class="part-no">{escape(part.number)}</span> ' if part.number else ""
    blocks = [_ask_html(ask, part.sentences) for ask in part.asks]
    return f'<div class="draft-part">{number}{"".join(blocks)}</div>'


def _ask_html(ask: dict[str, Any], sentences: list[dict[str, Any]]) -> str:
    mine = [sentences[i] for i in ask.get("sentences", [])]
    if ask["answered"]:
        status = f'<span class="ask-covered">Answered ({len(mine)} verified sentence{"s" * (len(mine) != 1)})</span>'
    elif mine:
        status = '<span class="ask-gap">Related text only: input needed from the bureau</span>'
    else:
        status = '<span class="ask-gap">Not in the documents: input needed from the bureau</span>'
    facets = f'<span class="ask-facets"> (items: {escape("; ".join(ask["facets"]))})</span>' if ask.get("facets") else ""
    body = " ".join(sentence_html(s, "d") for s in mine)
    gap = "" if ask["answered"] else f'<span class="pc-placeholder">{escape(placeholder(ask["ask"]))}</span>'
    return (f'<div class="draft-ask"><p class="ask-head"><span class="ask-label">Ask:</span> {escape(ask["ask"])}'
            f"{facets} {status}</p><p>{body} {gap}</p></div>")
