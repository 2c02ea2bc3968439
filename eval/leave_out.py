"""Leave-one-out abstention (GovTech's KnowOrNot): drop the passages that answer, expect no answer.

For an answerable question the retriever's hits lose every passage that holds one of its gold
quotes or must-include facts; what is left is on the topic but does not answer, so the right
outcome is a refusal or a partial answer that names the gap. A question whose fact survives in
some other passage is not counted (the fact is still there to be found).
"""

from __future__ import annotations

from dataclasses import replace

from eval.dataset import Question, fact_present, normalise_fact
from index.retrieval import Filters, Hit, HybridRetriever

QUOTE_CHARS = 60  # a passage holds a gold quote when it holds the quote's first 60 characters (normalised)


class LeaveOutRetriever(HybridRetriever):
    """Hybrid retrieval minus the passages that answer ``question`` (set per question)."""

    question: Question | None = None

    def retrieve(self, query: str, top_k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        hits = super().retrieve(query, top_k=(top_k or self.settings.retrieval.top_k) + 5, filters=filters)
        kept = [h for h in hits if not (self.question and answers(self.question, h.text))]
        return [replace(h, rank=i) for i, h in enumerate(kept[: top_k or self.settings.retrieval.top_k], 1)]


def answers(question: Question, text: str) -> bool:
    """Does a passage hold a gold quote or a must-include fact of ``question``?"""
    plain = normalise_fact(text)
    quoted = any(normalise_fact(s.quote)[:QUOTE_CHARS] in plain for s in question.sources)
    return quoted or any(fact_present(fact, text) for fact in question.must_include)


def counts(question: Question) -> bool:
    """Only answerable questions with facts to take away are scored."""
    return question.answerable and question.type != "partial" and bool(question.must_include)
