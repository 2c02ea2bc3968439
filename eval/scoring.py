"""Turn one system's answer (or draft) to one dataset record into a traceable result row.

A row holds the full answer record, every sentence with its checks, the facts found
and the per-question metric pairs, so any number in the report can be traced back
to the questions and sentences behind it (``results.jsonl``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.dataset import DraftingRecord, Question, fact_present
from eval.draft_scoring import Scores, draft_pairs, without_placeholders
from eval.faithfulness import ScoredSentence, score_sentences
from eval.judge import Judge
from eval.metrics import answer_pairs, cost_pairs, decision_pairs, facts_found, retrieval_pairs, sentence_pairs
from eval.retrieval_metrics import first_hit_rank, gold_spans
from core.text import has_cjk
from rag.answer import Answer, Context

RETRIEVAL_AND_COST = {"hit_at_1", "hit_at_5", "mrr", "prompt_tokens", "completion_tokens", "latency_s",
                      "first_token_s"}


def evidence(passage: dict[str, Any]) -> str:
    """A stored passage as the product's checker reads it (``Hit.evidence``: label and date belong to it)."""
    return Context.from_dict(passage).evidence


class GoldLocator:
    """Finds gold quotes in the text a system's offsets point into, reading each document once."""

    def __init__(self, document_text: Any) -> None:
        self._read = document_text
        self._texts: dict[str, str | None] = {}

    def text(self, doc: str) -> str | None:
        if doc not in self._texts:
            try:
                self._texts[doc] = self._read(doc)
            except (FileNotFoundError, KeyError):
                self._texts[doc] = None
        return self._texts[doc]

    def spans(self, question: Question) -> tuple[list[Any], list[str]]:
        """Gold spans and warnings for quotes that could not be located."""
        texts = {s.doc: t for s in question.sources if (t := self.text(s.doc)) is not None}
        spans = gold_spans(question, texts)
        warnings = [f"{question.id}: gold document {s.doc} is not in the index" for s in question.sources if s.doc not in texts]
        if texts and not spans:
            warnings.append(f"{question.id}: no gold quote was found in its document; retrieval is not scored")
        return spans, warnings


def _checked_sentences(question: Question, answer: Answer, judge: Judge | None) -> list[ScoredSentence]:
    if answer.refused:
        return []
    passages = [ctx.evidence for ctx in answer.contexts]
    sentences = score_sentences(answer.answer, passages, lenient_cjk=has_cjk(question.question))
    if judge is not None:
        judge.judge_sentences(sentences, passages)
    return sentences


def score_qa(system: str, question: Question, answer: Answer, locator: GoldLocator, judge: Judge | None,
             streamed: bool) -> dict[str, Any]:
    spans, warnings = locator.spans(question)
    rank = first_hit_rank(answer.contexts, spans) if spans else None
    sentences = _checked_sentences(question, answer, judge)
    facts = facts_found(question, answer.answer, answer.refused)
    metrics = {
        **retrieval_pairs(rank, bool(spans)),
        **answer_pairs(question, facts, answer.refused),
        **decision_pairs(question, answer.to_dict(), system == "leave-out"),
        **sentence_pairs(sentences, judge is not None),
        **cost_pairs(answer.prompt_tokens, answer.completion_tokens, answer.timings, streamed),
    }
    return {
        "kind": "qa", "system": system, "id": question.id, "type": question.type, "question": question.question,
        "refused": answer.refused, "gold_rank": rank, "facts": facts,
        "sentences": [s.to_dict() for s in sentences], "metrics": metrics, "warnings": warnings,
        "answer": answer.to_dict(), "error": None,
    }


def rescore_qa(row: dict[str, Any], question: Question) -> dict[str, Any]:
    """Check a stored answer again with the current checker and dataset, without generating anything.

    Retrieval ranks and cost are kept (they do not depend on the checker); judge verdicts
    are carried over by sentence text, so a rescored run never calls an LLM.
    """
    if row.get("error") or row.get("answer") is None:
        return row
    answer = Answer.from_dict(row["answer"])
    judged = "judge_supported" in row["metrics"]
    sentences = _checked_sentences(question, answer, None)
    if judged:
        verdicts = {s["text"]: s.get("judge") for s in row["sentences"]}
        for sentence in sentences:
            sentence.judge = verdicts.get(sentence.text) if sentence.citations else False
    facts = facts_found(question, answer.answer, answer.refused)
    kept = {k: v for k, v in row["metrics"].items() if k in RETRIEVAL_AND_COST}
    metrics = {**kept, **answer_pairs(question, facts, answer.refused), **decision_pairs(question, row["answer"], row["system"] == "leave-out"),
               **sentence_pairs(sentences, judged)}
    return {**row, "facts": facts, "sentences": [s.to_dict() for s in sentences], "metrics": metrics}


def error_row(kind: str, system: str, record: Question | DraftingRecord, error: str) -> dict[str, Any]:
    """A question the system failed on: kept and scored as an answer with nothing in it, never dropped."""
    if isinstance(record, Question):
        facts = {fact: False for fact in record.must_include}
        metrics = {**retrieval_pairs(None, bool(record.sources)), **answer_pairs(record, facts, refused=False)}
        qtype, text = record.type, record.question
    else:
        facts = {fact: False for fact in record.recoverable}
        metrics = {"fact_recall": (0.0, float(len(facts)))}
        qtype, text = "drafting", record.question_part
    return {"kind": kind, "system": system, "id": record.id, "type": qtype, "question": text, "refused": False,
            "gold_rank": None, "facts": facts, "sentences": [], "metrics": metrics, "warnings": [], "answer": None,
            "error": error}


def score_draft(system: str, record: DraftingRecord, draft: Any, elapsed_s: float, reply_words: int = 0,
                scores: Scores | None = None) -> dict[str, Any]:
    """Leave-one-out drafting: recoverable facts found, sentences re-checked, no citation of the left-out doc.

    ``reply_words`` is the real reply part's length; ``scores`` the relevance model that judges "on an ask".
    """
    passages = [evidence(source) for source in draft.sources]
    sentences: list[ScoredSentence] = []
    for part in draft.parts:
        for sentence in part.sentences:
            sentences.extend(score_sentences(sentence["text"], passages))
    body = " ".join(without_placeholders(part.text) for part in draft.parts if not part.placeholder)
    facts = {fact: fact_present(fact, body) for fact in record.recoverable}
    leaked = [s for s in draft.sources if s["doc"] == record.doc]
    pairs = sentence_pairs(sentences, judged=False)
    metrics = {
        "fact_recall": (float(sum(facts.values())), float(len(facts))),
        "supported": pairs["supported"],
        "citation_precision": pairs["citation_precision"],
        "placeholder_rate": (float(sum(p.placeholder for p in draft.parts)), float(len(draft.parts))),
        "left_out_citations": (float(len(leaked)), float(len(draft.sources))),
        "prompt_tokens": (float(sum(p.prompt_tokens for p in draft.parts)), 1),
        "completion_tokens": (float(sum(p.completion_tokens for p in draft.parts)), 1),
        "latency_s": (elapsed_s, 1),
        "part_seconds": (elapsed_s, float(len(draft.parts))),
        **draft_pairs(draft.parts, [reply_words], scores),
    }
    return {
        "kind": "drafting", "system": system, "id": record.id, "type": "drafting", "question": record.question_part,
        "left_out": record.doc, "refused": all(p.placeholder for p in draft.parts), "gold_rank": None, "facts": facts,
        "sentences": [s.to_dict() for s in sentences], "metrics": metrics, "warnings": [],
        "answer": draft.to_dict(), "error": None,
    }


def metric_names(rows: Sequence[dict[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row["metrics"]))
    return list(names)
