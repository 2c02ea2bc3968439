"""Summaries of a whole document or of a topic across documents, every sentence cited.

A whole paper is longer than the local model's comfortable context, so the map
step is extractive and runs per section (the most salient sentences of each
section, scored by how central their words are to the document); the reduce step
is one LLM call over those sentences, with citations kept as paragraph labels.
Without an LLM the map output itself, cited, is the summary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from index.retrieval import Filters, Hit
from core.sentences import sentence_spans
from rag.answer import Answerer
from rag.extractive import extractive_answer
from rag.citations import check_answer, clean_citations
from rag.evidence import content_words, numbers, overlap
from rag.model_check import ModelCheck, recheck
from rag.prompts import SUMMARY_SYSTEM_PROMPT, passages_block, summary_prompt

LENGTHS = {"brief": (3, 5, 10, 300), "page": (8, 12, 16, 700)}  # min/max sentences, passages, max tokens


class SummaryInputError(ValueError):
    """Neither a document nor a topic, an unknown document, or an unknown length."""


@dataclass
class Summary:
    subject: str
    text: str
    sentences: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    llm: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    left_out: list[str] = field(default_factory=list)  # model sentences that cite no passage and none supports

    @property
    def supported_share(self) -> float:
        return sum(s["supported"] for s in self.sentences) / len(self.sentences) if self.sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "supported_share": self.supported_share}

    def markdown(self) -> str:
        sources = [f"[{c['n']}] {c['label']} ({c['date'] or 'undated'})" for c in self.citations]
        note = (f"\n\n_{len(self.left_out)} sentence(s) of the model's summary were left out: they cite no passage "
                "and no passage supports them._" if self.left_out else "")
        return f"## Summary: {self.subject}\n\n{self.text}{note}\n\n### Sources\n\n" + "\n".join(sources) + "\n"


def summarise(
    answerer: Answerer,
    doc: str | None = None,
    topic: str | None = None,
    length: str = "brief",
    audience: str = "",
    bullets: bool = False,
    filters: Filters | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> Summary:
    """Summarise ``doc`` (a corpus file name) or ``topic``; see the module docstring."""
    if length not in LENGTHS:
        raise SummaryInputError(f"Unknown length {length!r}: choose one of {', '.join(LENGTHS)}.")
    if bool(doc) == bool(topic and topic.strip()):
        raise SummaryInputError("Give either a document or a topic to summarise (not both).")
    low, high, max_passages, max_tokens = LENGTHS[length]
    report = progress or (lambda _f, _m: None)
    report(0.05, "Reading the passages")
    if doc:
        # a Member's question or motion wording in a paper is a view, not what the paper reports
        hits = answerer.retriever.document_hits(doc, replace(filters or Filters(), member_text=False))
        if not hits:
            raise SummaryInputError(f"No indexed document named {doc!r} is available to you. Pick one from the Documents list.")
        subject = hits[0].title
        hits = salient_passages(hits, max_passages)
        focus = ""
    else:
        subject = f"what the papers say about {topic.strip()}"  # type: ignore[union-attr]
        hits = answerer.retriever.retrieve(topic, top_k=max_passages, filters=filters)  # type: ignore[arg-type]
        if not hits:
            raise SummaryInputError("No passage matches that topic. Try other words.")
        focus = topic or ""
    report(0.3, "Writing the summary")
    summary = Summary(subject=subject, text="", llm=answerer.llm.model_id)
    if not answerer.generator.available:
        text = _extractive(hits, focus, high)
    else:
        passages, _ = passages_block(hits, focus or " ".join(h.text for h in hits), max_words_each=70)
        completion = answerer.complete(
            SUMMARY_SYSTEM_PROMPT, summary_prompt(passages, subject, f"{low} to {high}", audience, bullets), max_tokens
        )
        text = completion.text
        summary.prompt_tokens, summary.completion_tokens = completion.prompt_tokens, completion.completion_tokens
    report(0.9, "Checking every sentence against its source")
    checked = check_answer(clean_citations(text, len(hits)), [h.evidence for h in hits])
    if answerer.generator.available and answerer.settings.answer.model_check:
        # The model's sentences judged again by the checks and its own P(yes) on their aligned evidence (as drafts):
        # the atom checks alone pass a changed relation or a plan stated as done (issue 17).
        checked = recheck(checked, ModelCheck.of(answerer.generator), [h.evidence for h in hits])
    # A summary sentence no passage can be cited for (after repair) is left out, and listed, rather than
    # shown uncited: the model's own framing or an outside claim is not a summary of the papers.
    summary.left_out = [s.text for s in checked if not s.citations]
    checked = [s for s in checked if s.citations]
    if len(checked) < low:  # too little citable text came back: top up with the cited key sentences
        said = content_words(" ".join(s.text for s in checked))
        for extra in check_answer(_extractive(hits, focus, high), [h.evidence for h in hits]):
            words = content_words(extra.text)
            if len(checked) < low and extra.supported and overlap(words, said) < 0.6:
                checked.append(extra)
                said |= words
    summary.sentences = [s.to_dict() for s in checked]
    joiner = "\n" if bullets else " "
    summary.text = joiner.join(
        ("- " if bullets and not s.text.startswith("- ") else "") + s.text for s in checked
    )
    used = sorted({n for s in checked for n in s.citations})
    summary.citations = [
        {"n": n, "doc": hits[n - 1].doc, "label": hits[n - 1].label, "date": hits[n - 1].date,
         "start": hits[n - 1].start, "end": hits[n - 1].end, "text": hits[n - 1].text}
        for n in used
    ]
    report(1.0, "Summary ready")
    return summary


def salient_passages(hits: Sequence[Hit], limit: int) -> list[Hit]:
    """The map step: the most central passage of each section, up to ``limit``, in reading order.

    A passage's score is the mean document frequency (log) of its best sentence's
    words, plus a bonus for figures, so headline facts win over boilerplate.
    """
    doc_counts = Counter(w for h in hits for w in content_words(h.text))
    scored: dict[str, tuple[float, Hit]] = {}
    for hit in hits:
        score = max((_sentence_score(hit.text[s:e], doc_counts) for s, e in sentence_spans(hit.text)), default=0.0)
        section = hit.section.split(" > ")[0]
        if section not in scored or score > scored[section][0]:
            scored[section] = (score, hit)
    best = sorted(scored.values(), key=lambda pair: -pair[0])[:limit]
    if len(best) < limit:  # few sections: fill with the next best passages overall
        chosen = {h.chunk_id for _, h in best}
        rest = sorted(
            ((max((_sentence_score(h.text[s:e], doc_counts) for s, e in sentence_spans(h.text)), default=0.0), h)
             for h in hits if h.chunk_id not in chosen),
            key=lambda pair: -pair[0],
        )
        best += rest[: limit - len(best)]
    return sorted((h for _, h in best), key=lambda h: h.start)


def _sentence_score(sentence: str, doc_counts: Counter[str]) -> float:
    words = content_words(sentence)
    if len(sentence.split()) < 8 or not words or sentence.rstrip().endswith(":"):
        return 0.0
    centrality = sum(math.log1p(doc_counts[w]) for w in words) / len(words)
    return centrality + (0.5 if numbers(sentence) else 0.0)


def _extractive(hits: Sequence[Hit], focus: str, max_sentences: int) -> str:
    """No LLM: the most salient sentences of the chosen passages, cited, in reading order."""
    if focus:
        return extractive_answer(focus, hits, chinese=False, max_sentences=max_sentences)
    doc_counts = Counter(w for h in hits for w in content_words(h.text))
    best = []
    for n, hit in enumerate(hits, 1):
        spans = sentence_spans(hit.text)
        if spans:
            s, e = max(spans, key=lambda span: _sentence_score(hit.text[span[0]:span[1]], doc_counts))
            best.append((_sentence_score(hit.text[s:e], doc_counts), n, " ".join(hit.text[s:e].split())))
    chosen = sorted(sorted(best, key=lambda item: -item[0])[:max_sentences], key=lambda item: item[1])
    return " ".join(f"{sentence.rstrip(';,').rstrip('.!?')} [{n}]." for score, n, sentence in chosen if score > 0)
