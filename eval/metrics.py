"""Per-question metrics as (numerator, denominator) pairs, and their definitions.

A question that a metric does not apply to has denominator 0 (an unanswerable
question has no facts to recall), so aggregation is always sum(num) / sum(den)
over the questions where it applies, and the bootstrap can resample questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eval.dataset import Question, fact_present
from eval.leave_out import counts as leave_out_counts
from rag.citations import strip_markers
from core.policy import POLICY
from rag.evidence import content_words, mostly_shared
from eval.faithfulness import ScoredSentence

Pair = tuple[float, float]
REPEAT_SHARE = POLICY.restates_share  # two sentences repeat when the shorter's content words are this much inside the longer's


@dataclass(frozen=True)
class MetricDef:
    name: str
    label: str
    group: str  # retrieval | answer | refusal | faithfulness | cost | drafting
    higher_is_better: bool
    definition: str
    percent: bool = True  # a share in [0, 1]; otherwise a raw mean (tokens, seconds)
    negligible: float = 0.0  # differences smaller than this are not called better/worse (timing jitter)


METRICS: dict[str, MetricDef] = {
    m.name: m
    for m in [
        MetricDef("hit_at_1", "hit@1", "retrieval", True, "the first retrieved passage overlaps a gold quote"),
        MetricDef("hit_at_5", "hit@5", "retrieval", True,
                  "one of the first 5 passages the system read overlaps a gold quote (vanilla reads only 2)"),
        MetricDef("mrr", "MRR", "retrieval", True, "mean of 1 / rank of the first gold passage (0 if none)"),
        MetricDef("fact_recall", "fact recall", "answer", True,
                  "must-include facts found in answers to answerable questions (README normalisation; a refusal finds none)"),
        MetricDef("refusal_accuracy", "refusal accuracy", "refusal", True,
                  "refused exactly when the question is unanswerable"),
        MetricDef("correct_refusal", "correct refusals", "refusal", True, "unanswerable questions that were refused"),
        MetricDef("false_refusal", "false refusals", "refusal", False, "answerable questions that were refused"),
        MetricDef("near_miss_refused", "near misses refused", "refusal", True,
                  "questions on a documented entity but an attribute the papers do not give, refused"),
        MetricDef("out_of_scope_refused", "out of scope refused", "refusal", True,
                  "questions the papers do not touch, refused"),
        MetricDef("partial_not_refused", "partial: not refused", "refusal", True,
                  "compound questions with one ask covered and one not that were answered (in part)"),
        MetricDef("partial_named", "partial: gap named", "refusal", True,
                  "partial questions whose answer names the ask the documents do not cover"),
        MetricDef("leave_out_abstained", "leave-out: no answer", "refusal", True,
                  "with the answering passages removed (system leave-out), refused or partial (KnowOrNot)"),
        MetricDef("repeats", "answers with a repeat", "answer", False,
                  "answers in which two sentences say the same thing (the shorter's content words "
                  f"are {REPEAT_SHARE:.0%} inside the other's)"),
        MetricDef("answer_words", "words an answer", "answer", False,
                  "mean words of answers to answerable non-summary questions", percent=False, negligible=1.0),
        MetricDef("supported", "supported sentences", "faithfulness", True,
                  "answer sentences supported by their own cited passages (deterministic checker)"),
        MetricDef("grounded_any", "grounded in any context", "faithfulness", True,
                  "answer sentences supported by all retrieved text joined: what RAGAS-style tools measure"),
        MetricDef("judge_supported", "judge: supported", "faithfulness", True,
                  "answer sentences the LLM judge finds supported by their cited passages (uncited = unsupported)"),
        MetricDef("judge_agreement", "judge/checker agreement", "faithfulness", True,
                  "cited sentences on which the LLM judge and the deterministic checker agree"),
        MetricDef("citation_precision", "citation precision", "faithfulness", True,
                  "citations whose passage supports their sentence (ALCE: alone, or needed by the others)"),
        MetricDef("citation_recall", "citation recall", "faithfulness", True, "claim sentences that carry a citation"),
        MetricDef("placeholder_rate", "placeholder parts", "drafting", False,
                  "draft parts left as 'input needed' because no passage supported an answer"),
        MetricDef("part_words", "words a part", "drafting", False,
                  "mean words of a drafted part (placeholders and citation markers not counted; budget 300)",
                  percent=False, negligible=1.0),
        MetricDef("words_vs_reply", "length vs real reply", "drafting", False,
                  "drafted words over the real reply part's words (1.0 = as long as the reply)", percent=False,
                  negligible=0.01),
        MetricDef("on_ask", "sentences on an ask", "drafting", True,
                  "draft sentences the relevance model finds give what one of the part's asks asks (P >= 0.40)"),
        MetricDef("fragments", "fragments", "drafting", False,
                  "draft sentences that cannot stand alone: fragment, list item, footnote line, Members' view "
                  "(must be 0)"),
        MetricDef("asks_placeholder", "asks left to the bureau", "drafting", False,
                  "asks of the parts given a placeholder ('input needed') instead of an answer"),
        MetricDef("part_seconds", "seconds a part", "drafting", False, "mean seconds to draft one part",
                  percent=False, negligible=0.05),
        MetricDef("left_out_citations", "left-out-doc citations", "drafting", False,
                  "draft sources from the left-out reply document (must be 0: the leave-one-out check)"),
        MetricDef("prompt_tokens", "prompt tokens", "cost", False, "mean prompt tokens per question", percent=False,
                  negligible=1.0),
        MetricDef("completion_tokens", "completion tokens", "cost", False, "mean completion tokens per question",
                  percent=False, negligible=1.0),
        MetricDef("latency_s", "latency (s)", "cost", False, "mean seconds from question to finished answer",
                  percent=False, negligible=0.05),
        MetricDef("first_token_s", "first token (s)", "cost", False,
                  "mean seconds to the first streamed token (where the system streams)", percent=False,
                  negligible=0.05),
    ]
}
HEADLINE = ["hit_at_5", "mrr", "fact_recall", "refusal_accuracy", "correct_refusal", "false_refusal",
            "near_miss_refused", "out_of_scope_refused", "partial_not_refused", "partial_named", "leave_out_abstained", "repeats",
            "answer_words", "supported",
            "grounded_any", "citation_precision", "citation_recall", "judge_supported", "judge_agreement",
            "latency_s", "prompt_tokens", "completion_tokens"]
DRAFTING = ["fact_recall", "part_words", "words_vs_reply", "on_ask", "fragments", "asks_placeholder", "supported",
            "citation_precision", "placeholder_rate", "left_out_citations", "part_seconds", "latency_s",
            "prompt_tokens", "completion_tokens"]


def retrieval_pairs(gold_rank: int | None, has_gold: bool) -> dict[str, Pair]:
    if not has_gold:
        return {"hit_at_1": (0, 0), "hit_at_5": (0, 0), "mrr": (0, 0)}
    return {
        "hit_at_1": (float(gold_rank == 1), 1),
        "hit_at_5": (float(gold_rank is not None and gold_rank <= 5), 1),
        "mrr": (1.0 / gold_rank if gold_rank else 0.0, 1),
    }


def facts_found(question: Question, answer_text: str, refused: bool) -> dict[str, bool]:
    """Which must-include facts the answer states; a refusal states none (its text names documents)."""
    return {fact: (not refused) and fact_present(fact, answer_text) for fact in question.must_include}


def answer_pairs(question: Question, facts: dict[str, bool], refused: bool) -> dict[str, Pair]:
    answerable = question.answerable
    return {
        "fact_recall": (float(sum(facts.values())), float(len(facts)) if answerable else 0.0),
        "refusal_accuracy": (float(refused != answerable), 1),
        "correct_refusal": (float(refused and not answerable), float(not answerable)),
        "false_refusal": (float(refused and answerable), float(answerable)),
    }


def decision_pairs(question: Question, answer: dict[str, Any], leave_out: bool = False) -> dict[str, Pair]:
    """Refusals by kind of gap, partial answers, repeats and length (issue 18's measures)."""
    refused = bool(answer.get("refused"))
    gap = question.gap
    texts = [str(s["text"] if isinstance(s, dict) else s.text) for s in answer.get("sentences") or []]
    counts = gap == "answerable" and question.type != "summary" and not refused
    return {
        "near_miss_refused": (float(refused and gap == "near_miss"), float(gap == "near_miss")),
        "out_of_scope_refused": (float(refused and gap == "out_of_scope"), float(gap == "out_of_scope")),
        "partial_not_refused": (float(not refused and gap == "partial"), float(gap == "partial")),
        "partial_named": (float(gap == "partial" and not refused and names_gap(question.unanswered, answer)),
                          float(gap == "partial")),
        "repeats": (float(not refused and has_repeat(texts)), float(not refused and bool(texts))),
        "leave_out_abstained": (float(leave_out and leave_out_counts(question)
                                      and (refused or bool(answer.get("unanswered")))),
                                float(leave_out and leave_out_counts(question))),
        "answer_words": (float(len(str(answer.get("answer", "")).split())) if counts else 0.0, float(counts)),
    }


def names_gap(unanswered: str, answer: dict[str, Any]) -> bool:
    """Does one of the answer's not-covered asks speak of the labelled unanswered part (40% of its words)?"""
    target = content_words(unanswered)
    return any(target and len(content_words(ask) & target) >= 0.4 * len(target)
               for ask in answer.get("unanswered") or [])


def has_repeat(sentences: Sequence[str]) -> bool:
    """Do two sentences of one answer say the same thing?"""
    words = [content_words(strip_markers(s)) for s in sentences]
    return any(mostly_shared(a, b, REPEAT_SHARE) for i, a in enumerate(words) for b in words[i + 1:])


def sentence_pairs(sentences: Sequence[ScoredSentence], judged: bool) -> dict[str, Pair]:
    claims = [s for s in sentences if s.claim]
    flags = [p for s in sentences for p in s.precise]
    pairs: dict[str, Pair] = {
        "supported": (float(sum(s.supported for s in sentences)), float(len(sentences))),
        "grounded_any": (float(sum(s.grounded_any for s in sentences)), float(len(sentences))),
        "citation_precision": (float(sum(flags)), float(len(flags))),
        "citation_recall": (float(sum(bool(s.citations) for s in claims)), float(len(claims))),
    }
    if judged:
        verdicts = [s for s in sentences if s.citations and s.judge is not None]
        pairs["judge_supported"] = (float(sum(bool(s.judge) for s in sentences)), float(len(sentences)))
        pairs["judge_agreement"] = (float(sum(s.judge == s.supported for s in verdicts)), float(len(verdicts)))
    return pairs


def cost_pairs(prompt_tokens: int, completion_tokens: int, timings: dict[str, float], streamed: bool) -> dict[str, Pair]:
    total = float(timings.get("total_ms", 0.0)) / 1000
    first = float(timings.get("first_token_ms", 0.0)) / 1000
    return {
        "prompt_tokens": (float(prompt_tokens), 1),
        "completion_tokens": (float(completion_tokens), 1),
        "latency_s": (total, 1),
        "first_token_s": (first, 1 if streamed else 0),
    }
