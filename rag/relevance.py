"""Does an answer give what each ask asks for? A calibrated word-and-meaning score, and the model's yes/no.

The verifier says a sentence is true to its passage; this says it gives what was asked. A near
miss shares its entity with the passages but not the asked attribute ("the maximum a single
project can get" is not answered by "the $3 billion AI Subsidy Scheme").

Two judges, chosen by measurement on the tune split of eval/questions (never the held-out split):
- ``LexicalScorer`` (every backend): P(a sentence answers an ask) = a logistic model over the
  ask's idf-weighted word coverage (rag/answerability), the MiniLM cosine, and whether a number
  or date is given where one is asked. Fitted on 168 tune asks (grouped 5-fold at P 0.40: out of
  scope refused 0.87, near misses 0.20, answerable refused 0.11): it finds questions off the
  papers, but words and cosine cannot tell a near miss from an answer.
- ``model_says`` (an LLM backend with ``answer.ask_check`` off; with it on, rag/ask_check decides before the
  answer and this is not asked): the answering model asked, after its answer, whether the answer's
  supported sentences state what each ask asks (yes or no). The message starts with the answer's own
  system prompt, so llama.cpp reuses that prefix's KV cache and the next question's too; only the
  ~150-token check is prefilled (3-6 s on 2 cores). Tune asks, sentences as text: 24 asks, answerable
  said yes 13 of 13, unanswerable no 7 of 11 (out of scope 5 of 5). Asked instead as a follow-up in the
  answer's own conversation, it confirmed its own answers: 30 held-out questions, 3 of 14 refused.
A trained (ask, sentence) cross-encoder was tried first (MiniLM fine-tuned on 1,400 tune pairs):
balanced accuracy 0.55 on held-apart tune asks, so it is not used.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.policy import POLICY
from core.text import has_cjk
from rag.answerability import TermStats, features
from rag.citations import CheckedSentence, strip_markers
from rag.questions import answers_numeric, expects_number, focus_words, mentions

Similarity = Callable[[str, list[str]], list[float]]
Chat = Callable[[str], str | None]  # one follow-up question to the answering model -> its short reply
JUDGE_QUESTION = ("You check whether a text answers a question. Reply with one word: yes if the text states the "
                  "specific information the question asks for, no if it does not (even if it is on the same "
                  "topic).\n\nText: {text}\n\nQuestion: {ask}\n\nDoes the text state what the question asks? "
                  "yes or no:")
_YES_NO = re.compile(r"\b(yes|no)\b|(是|否|有|沒有)", re.IGNORECASE)


@dataclass(frozen=True)
class AskVerdict:
    """One ask: answered or not, the sentences that answer it (indexes), and the best score."""

    ask: str
    answered: bool
    answering: tuple[int, ...]
    score: float


class LexicalScorer:
    """P(sentence answers ask) from word coverage, cosine and the asked type (weights in ``POLICY``)."""

    def __init__(self, stats: TermStats, similarity: Similarity | None) -> None:
        self.stats = stats
        self.similarity = similarity

    def scores(self, ask: str, sentences: Sequence[str]) -> list[float]:
        if has_cjk(ask) or not sentences:
            return [float(gives_asked_kind(ask, s)) for s in sentences]
        cosines = self.similarity(ask, list(sentences)) if self.similarity else [0.0] * len(sentences)
        out = []
        for sentence, cosine in zip(sentences, cosines):
            coverage, _, _, typed = features(self.stats, ask, sentence)
            z = (POLICY.answerability_bias + POLICY.answerability_w_coverage * coverage
                 + POLICY.answerability_w_cosine * cosine + POLICY.answerability_w_typed * float(typed))
            out.append(1.0 / (1.0 + math.exp(-z)))
        return out


class AskJudge:
    """Judges each ask of a question against the supported sentences of an answer."""

    def __init__(self, scorer: LexicalScorer | None = None) -> None:
        self.scorer = scorer

    def scores(self, ask: str, sentences: Sequence[str]) -> list[float]:
        plain = [strip_markers(s) for s in sentences]
        if self.scorer is None:
            return [float(gives_asked_kind(ask, s)) for s in plain]
        return self.scorer.scores(ask, plain)

    def judge(self, asks: Sequence[str], sentences: Sequence[CheckedSentence], chat: Chat | None = None) -> list[AskVerdict]:
        """For each ask, which sentences answer it; ``chat`` (the answering model) has the last word on whether."""
        plain = [strip_markers(s.text) for s in sentences]
        verdicts = []
        for ask in asks:
            scores = self.scores(ask, plain)
            typed = [not expects_number(ask) or answers_numeric(ask, s) for s in plain]
            answering = tuple(i for i, s in enumerate(scores) if s >= POLICY.answerability_min and typed[i])
            said = model_says(chat, ask, " ".join(plain)) if chat and plain else None
            if said is True and not answering and any(typed):  # the model saw an answer: keep its best sentence
                answering = (max((i for i in range(len(plain)) if typed[i]), key=scores.__getitem__),)
            answered = bool(answering) if said is None else said and bool(answering)
            verdicts.append(AskVerdict(ask, answered, answering if answered else (), max(scores, default=0.0)))
        return verdicts


def model_says(chat: Chat, ask: str, text: str) -> bool | None:
    """The model's yes/no on whether ``text`` (the answer's supported sentences) states ``ask``; None for neither."""
    reply = chat(JUDGE_QUESTION.format(text=text, ask=ask))
    match = _YES_NO.search(reply or "")
    if not match:
        return None
    word = (match.group(1) or match.group(2)).lower()
    return word in {"yes", "是", "有"}


def gives_asked_kind(ask: str, sentence: str) -> bool:
    """A number for a count, the focus word named ("robots" in "the number of robots"): the rule used before
    the scorer (and for Chinese asks without the model), and the drafter's test that a sentence is on an ask."""
    if expects_number(ask):
        return answers_numeric(ask, sentence)
    focus = focus_words(ask)
    return not focus or mentions(focus, sentence)


def follow_up_chat(chat: Callable[[Sequence[tuple[str, str]], int], str | None], system: str) -> Chat:
    """``model_says``'s channel: one short reply after the answer's system prompt (a cached prefix), each message
    asked once (the extractive fallback is judged with the same asks)."""
    replies: dict[str, str | None] = {}

    def ask(message: str) -> str | None:
        if message not in replies:
            replies[message] = chat([("system", system), ("user", message)], POLICY.judge_max_tokens)
        return replies[message]

    return ask
