"""What the model is shown: the question's most relevant sentences of each passage, within a word budget.

Prefill (~57 tokens/s on 2 cores) is the bottleneck of the local model, so the prompt
carries only the sentences that can help, chosen across all retrieved passages
rather than a fixed share of each: a passage whose one relevant sentence is short
leaves room for another passage's list. The checker and the extractive completion
still read the whole passages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.retrieval import Hit
from core.sentences import sentence_spans
from rag.evidence import content_words

Similarity = Callable[[str, list[str]], list[float]]
# Dev set, 250-word budget, share of must-include facts left in the prompt: 0.71 with (0.02, 0.3), 0.77 with
# (0.1, 1.0); the former per-passage compression kept 0.76 with 40% more prompt tokens.
RANK_PENALTY = 0.1  # a later passage's sentence must be clearly more relevant to displace an earlier one's
COVERAGE_WEIGHT = 1.0  # shared question words count as much as the embedding cosine (names, acronyms)


@dataclass
class ShownPassage:
    """One numbered passage as the prompt shows it (``n`` is its 1-based rank among the hits)."""

    n: int
    hit: Hit
    sentences: list[str]

    @property
    def text(self) -> str:
        return " … ".join(self.sentences)


def _coverage(question_words: set[str], sentence: str) -> float:
    if not question_words:
        return 0.0
    return len(question_words & content_words(sentence)) / min(len(question_words), 6)


def select_sentences(hits: Sequence[Hit], question: str, budget_words: int,
                     similarity: Similarity | None = None) -> list[ShownPassage]:
    """The best sentences across ``hits`` within ``budget_words``, grouped by passage in reading order.

    Each sentence is scored by its cosine to the question (when ``similarity`` is given)
    plus its share of the question's words, less a small penalty for a lower-ranked
    passage. The top passage's best sentence is always shown, whatever its length.
    """
    units: list[tuple[int, int, str]] = []  # (hit index, sentence order, text)
    for i, hit in enumerate(hits):
        for order, (s, e) in enumerate(sentence_spans(hit.text)):
            units.append((i, order, " ".join(hit.text[s:e].split())))
    if not units:
        return []
    question_words = content_words(question)
    cosines = similarity(question, [u[2] for u in units]) if similarity else [0.0] * len(units)
    scored = sorted(
        ((cos + COVERAGE_WEIGHT * min(_coverage(question_words, text), 1.0) - RANK_PENALTY * i, i, order, text)
         for (i, order, text), cos in zip(units, cosines)),
        key=lambda item: -item[0],
    )
    chosen: list[tuple[int, int, str]] = []
    used = 0
    for _, i, order, text in scored:
        size = len(text.split())
        if chosen and used + size > budget_words:
            continue
        chosen.append((i, order, text))
        used += size
    shown: dict[int, list[tuple[int, str]]] = {}
    for i, order, text in chosen:
        shown.setdefault(i, []).append((order, text))
    return [ShownPassage(i + 1, hits[i], [t for _, t in sorted(shown[i])]) for i in sorted(shown)]


def passage_heading(n: int, hit: Hit) -> str:
    """"[3] Progress report (Jan 2025), para 30": the date is added only when the label lacks its year."""
    year = (hit.date or "")[:4]
    dated = "" if year and year in hit.label else f" (dated {hit.date or 'undated'})"
    return f"[{n}] {hit.label}{dated}"


def render(shown: Sequence[ShownPassage]) -> str:
    return "\n\n".join(f"{passage_heading(p.n, p.hit)}\n{p.text}" for p in shown)
