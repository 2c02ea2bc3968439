"""Every answer-policy threshold in one frozen object, each with what set it.

These are not user settings (``core.config``): changing one changes which questions are
answered, so a change needs a dev-set eval run. The commit that set each number is named
where one exists; the rest were hand-set when the rule was written and have not been re-measured.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerPolicy:
    """Thresholds of question analysis, the extractive composers and the acceptance rules."""

    # Cosine (all-MiniLM-L6-v2) at which a passage sentence says what the question asks in other words.
    # Set in 4b4db85 (dev extractive: correct refusals 0.33 -> 1.00, false refusals 0.21 -> 0.10).
    semantic_min: float = 0.55
    # Share of the question's content words (``question_coverage``) that qualifies a sentence by wording alone.
    # Hand-set in b6e84fb (first answer pipeline): "a third of the question"; not re-measured.
    coverage_min: float = 0.34
    coverage_cap_words: int = 6  # question words counted at most, so one topic of a long LegCo part can match
    coverage_weight: float = 0.3  # rank = cosine + 0.3 * coverage - 0.02 * (rank - 1); hand-set with 4b4db85
    rank_penalty: float = 0.02
    # Below this cosine a passage's best sentence is off the question's subject (3f1f8c4, overview answers).
    overview_min_cosine: float = 0.25
    overview_rounds: int = 2  # sentences per passage in an overview: one passage often lists two items (5ac8f39)
    overview_figure_bonus: float = 0.15  # an overview is made of items: a figure or date ... (5ac8f39, hand-set)
    overview_name_bonus: float = 0.1  # ... or a quoted scheme name nudges a sentence up (5ac8f39, hand-set)
    min_sentence_words: int = 5  # shorter passage fragments (headings, "Reply:") are never quoted (b6e84fb)
    # Two sentences sharing this share of content words both ways are one repeated (5ac8f39: the small model loops).
    repeat_overlap: float = 0.9
    # An added passage sentence is new when under this share of its words were said already (bdce37b).
    new_overlap_max: float = 0.6
    # Two sentences restate one fact when the shorter's content words are this much inside the longer's: the eval
    # report's repeat measure (eval/metrics.REPEAT_SHARE) and the drafts' (rag/draft_evidence) use the same share.
    restates_share: float = 0.7
    # A refusal phrase counts only in a short reply: a long answer saying "not mentioned" of one detail still
    # answers (b6e84fb, hand-set).
    refusal_max_chars: int = 400
    vector_cache_size: int = 20_000  # sentence vectors kept (384 floats each: ~30 MB at most; 9765dd5)
    # Does a sentence answer an ask (rag/relevance.LexicalScorer): P = sigmoid(bias + w_coverage * coverage
    # + w_cosine * cosine + w_typed * typed). Class-balanced logistic regression on the best sentence of the
    # 165 English tune asks of eval/questions (`make fit-answerability`, refitted 2026-12-07 when ``typed`` gained
    # the asked kind of value, rag/answer_types). Grouped 5-fold on tune at P >= 0.40: answerable refused 0.09,
    # out of scope refused 0.83, near misses refused 0.47 (the same fit without the kind of value: 0.11 / 0.87 /
    # 0.20). Words and cosine find off-topic questions, few near misses: with an LLM the pre-answer ask check
    # (rag/ask_check) weighs the model's P(yes) with this score.
    answerability_w_coverage: float = 1.720
    answerability_w_cosine: float = 1.848
    answerability_w_typed: float = 1.346
    answerability_bias: float = -3.169
    answerability_min: float = 0.40
    # A drafted ask whose best sentence is below this is off the papers' subject: its placeholder stands alone.
    # Between this and answerability_min, related sentences are shown beside the placeholder. Measured on the
    # drafting set (its only data, so no held-out figure) and 5 off-subject probe asks: the drafting asks'
    # best P is 0.31-0.68, the probes' 0.28-0.37 (robots in public toilets 0.28, Police CCTV 0.31). A weak
    # separation; of single candidate sentences, 0.67 of the 39 that carry a reply fact reach 0.30 and 0.44
    # of the 398 others, so it is not used per sentence.
    draft_related_min: float = 0.30
    # After the ask check, a supported model sentence must still be on one of the asks: its answerability score at
    # least this. The floor of "on the papers' subject" (draft_related_min's measurement); on tune, the best
    # sentence of 3% of answerable asks is under it (`make fit-answerability`, 2026-12-07). It stops an injected
    # reply that a model check passed ("PWNED [1].", tests/test_robustness_injection.py).
    on_ask_min: float = 0.30
    judge_max_tokens: int = 3  # the answering model's yes/no on each ask (rag/relevance.model_says)
    title_chars: int = 90  # nearest-document titles in a refusal are cut to this (display only)
    # Follow-up condensing with an LLM: the last turns, each answer cut, a one-line rewrite (b6e84fb, hand-set).
    condense_turns: int = 3
    condense_answer_chars: int = 300
    condense_max_tokens: int = 60
    condense_max_chars: int = 300


POLICY = AnswerPolicy()
