"""How a decided answer is written into the ``Answer`` record: refusal text, citations, contexts, timings."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from core.policy import POLICY
from index.retrieval import Hit
from rag.acceptance import Decision
from rag.citations import CheckedSentence
from rag.prompts import REFUSAL_EN, REFUSAL_ZH


@dataclass
class Clock:
    """When an answer started and how long retrieval and the first token took (ms)."""

    started: float
    retrieve_ms: float = 0.0
    first_token_ms: float = 0.0
    ask_check_ms: float = 0.0  # the pre-answer ask check (rag/ask_check), part of the time to the first token

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def timings(self) -> dict[str, float]:
        """The ``timings`` record; with no token streamed, the first token is the whole answer."""
        total = self.elapsed_ms()
        return {"retrieve_ms": round(self.retrieve_ms, 1), "first_token_ms": round(self.first_token_ms or total, 1),
                "total_ms": round(total, 1),
                **({"ask_check_ms": round(self.ask_check_ms, 1)} if self.ask_check_ms else {})}


@dataclass
class Context(Hit):
    """A retrieved passage as an answer records it: ``Hit``'s fields, its JSON from ``to_dict``."""

    @classmethod
    def of(cls, hit: Hit) -> Context:
        return cls(**{f.name: getattr(hit, f.name) for f in fields(Hit)})

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Context:
        """A stored passage; the fields a record may lack (a draft's sources) are left empty."""
        defaults = {"chunk_id": "", "title": "", "section": "", "score": 0.0, "rank": 0}
        return cls(**{**defaults, **{f.name: record[f.name] for f in fields(Hit) if f.name in record}})


@dataclass
class Citation:
    """One cited passage and its number in the answer (the ``citations`` records)."""

    n: int
    passage: Hit

    def to_dict(self) -> dict[str, Any]:
        p = self.passage
        return {"n": self.n, "doc": p.doc, "label": p.label, "date": p.date, "start": p.start, "end": p.end,
                "text": p.text}

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Citation:
        return cls(record["n"], Context.from_dict(record))


def refusal_message(hits: Sequence[Hit], chinese: bool) -> str:
    """The refusal, naming up to three nearest documents so the user knows where to look."""
    nearest = list(dict.fromkeys(short_title(h.title) for h in hits))[:3]
    if chinese:
        return REFUSAL_ZH + ("最接近的文件：" + "；".join(nearest) if nearest else "")
    return REFUSAL_EN + (" Nearest documents: " + "; ".join(nearest) + "." if nearest else "")


def not_covered_note(decision: Decision, chinese: bool) -> str:
    """For a partial answer, a closing line naming each ask the documents do not cover."""
    if not decision.unanswered:
        return ""
    asks = "; ".join(_ask_label(a) for a in decision.unanswered)
    return f"\n\n文件沒有提及：{asks}。" if chinese else f"\n\nThe documents do not say: {asks}."


def _ask_label(ask: str, limit: int = 120) -> str:
    """An ask as the note names it: its first line up to its question mark, cut at ``limit`` characters."""
    first = re.split(r"[\n?？]", ask.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def within_budget(sentences: list[CheckedSentence], words: int) -> list[CheckedSentence]:
    """The sentences, in order, up to a word budget (the first is always kept: an answer is never empty)."""
    kept: list[CheckedSentence] = []
    used = 0
    for sentence in sentences:
        length = len(sentence.text.split())
        if kept and used + length > words:
            break
        kept.append(sentence)
        used += length
    return kept


def short_title(title: str, limit: int = POLICY.title_chars) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def citation_records(checked: Sequence[CheckedSentence], hits: Sequence[Hit]) -> list[Citation]:
    """One citation per cited passage, in passage order (the ``citations`` field of ``ask --json``)."""
    used = sorted({n for s in checked for n in s.citations})
    return [Citation(n, hits[n - 1]) for n in used]
