"""The one place that decides whether a question is answered, partly answered or refused, and why.

``decide`` runs the rules in order — empty, a refusal, an echoed instruction, no supported
sentence — then judges each ask of the question (rag/asks) against the supported sentences
(rag/relevance): every ask answered is ``answered``, some is ``partial`` (the others are named),
none is ``refused``. Sentences that answer no ask are left out, so an answer says each asked
thing, not everything on the topic. Baselines in eval, whose answers are not checked, use
``decide_unchecked``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from core.policy import POLICY
from index.retrieval import Hit
from rag.asks import split_asks, with_subject
from rag.citations import CheckedSentence, check_answer, strip_markers
from rag.evidence import content_words, overlap
from rag.invented import filled_gaps
from rag.prompts import SYSTEM_PROMPT
from rag.questions import answers_numeric, expects_number, focus_words, mentions, is_broad
from rag.relevance import AskJudge, Chat

_REFUSAL_PATTERNS = re.compile(
    r"do(?:es)? not (?:contain|include|mention|provide|specify|say)"
    r"|(?:is|are|was|were) not (?:mentioned|stated|specified|given|provided|available)"
    r"|not (?:in|mentioned in|stated in|found in) the (?:provided |given )?(?:documents|passages|text)"
    r"|no information|沒有(?:這項|相關)?資料|未有提及",
    re.IGNORECASE,
)
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,40}\b(?:instructions?|rules|prompt|above)\b"
    r"|\bsystem prompt\b|\bnew instructions\b|</?(?:system|passages|assistant|user)>|\b(?:reply|answer|say)\b[^.]{0,30}\bonly\b[^.]{0,20}['\"]",
    re.IGNORECASE,
)
_RULE_LINES = [line.split(". ", 1)[-1][:60] for line in SYSTEM_PROMPT.splitlines() if line[:2].rstrip(".").isdigit()]

# Each reason is shown to the user beside a refusal ("Why: ..." in the web app and the CLI), so it is plain words.
ACCEPTED = "accepted"
EMPTY = "no sentence of the passages answers the question"
REFUSAL = "the model found no answer in the passages"
INSTRUCTION = "the reply repeated instructions instead of answering"
UNSUPPORTED = "no sentence is supported by its cited passage"
OFF_QUESTION = "the supported sentences do not answer what was asked"
NOT_GIVEN = "no passage gives what was asked"
SOME_NOT_GIVEN = "some of what was asked is not in the passages"
INVENTED = "the model's answer gives a value no passage has"

ANSWERED, PARTIAL, REFUSED = "answered", "partial", "refused"


@dataclass(frozen=True)
class Decision:
    """Answered or refused, the rule that decided, and the checked sentences of an answer."""

    accepted: bool
    reason: str
    sentences: list[CheckedSentence] = field(default_factory=list)
    unanswered: tuple[str, ...] = ()  # the asks no supported sentence answers (a partial answer names them)

    @property
    def outcome(self) -> str:
        """answered, partial (some asks not covered) or refused."""
        if not self.accepted:
            return REFUSED
        return PARTIAL if self.unanswered else ANSWERED


def looks_like_refusal(text: str) -> bool:
    """A short reply saying the documents do not say ("The documents do not mention ...")."""
    return bool(_REFUSAL_PATTERNS.search(text)) and len(strip_markers(text)) < POLICY.refusal_max_chars


def looks_like_instruction(text: str) -> bool:
    """Text that tries to steer the model ("ignore previous instructions", "print your system prompt").

    Retrieved text is data: a passage sentence like this is never quoted as an answer, and a
    model reply that echoes one (or the rules themselves) is treated as failed, not checked.
    """
    return bool(_INSTRUCTION.search(text)) or any(rule and rule in text for rule in _RULE_LINES)


# A model sentence that takes words from the question which its cited passage does not have states the
# question's premise as a fact: "The Government has allocated additional resources to expedite the admission
# and training of AI talents [1]" for "whether it will allocate additional resources to expedite ...", or
# "The Hong Kong Government has stated that it will further strengthen the coordination with the Mainland
# cities [1]". The verifier can pass such a sentence when the passage shares its other words. In three
# local-model drafting runs (runs draft-local-try, draft-final-local, draft-r2-local), every model sentence
# with 2 or more such words was an echo or a wrong claim (6 distinct sentences); the 3 with one such word
# ("overall", "measures", "including") were benign.
QUESTION_WORDS_MAX = 2


def question_words_added(sentence: str, question: str, passages: Sequence[str]) -> list[str]:
    """The question's content words in ``sentence`` that none of its cited ``passages`` holds (stems)."""
    text = " ".join(passages)
    held = content_words(text) | content_words(text.replace("-", " "))  # "first-phase" holds "first", "phase"
    mine = content_words(strip_markers(sentence)) & content_words(question)
    return sorted(mine - held)


def echoes_question(sentence: str, question: str, passages: Sequence[str]) -> bool:
    """Whether ``sentence`` hands back the question's own words as a fact (see ``QUESTION_WORDS_MAX``)."""
    return len(question_words_added(sentence, question, passages)) >= QUESTION_WORDS_MAX


def decide(text: str, hits: Sequence[Hit], question: str, *, lenient_cjk: bool = False,
           screen: bool = True, judge: AskJudge | None = None, chat: Chat | None = None,
           recheck: Callable[[list[CheckedSentence]], list[CheckedSentence]] | None = None,
           asks_decided: bool = False) -> Decision:
    """Accept ``text`` (already citation-cleaned) as the answer to ``question`` from ``hits``, or not.

    ``screen`` also applies the refusal and instruction rules; the extractive fallback of a
    failed model answer skips them, because its sentences are quoted passage text that was
    screened for instructions already (and may say "does not include" as a fact). ``asks_decided``: which
    asks the passages cover was judged before the answer (rag/ask_check), so one supported sentence accepts it.
    """
    if not text:
        return Decision(False, EMPTY)
    if screen and looks_like_refusal(text):
        return Decision(False, REFUSAL)
    if screen and looks_like_instruction(text):
        return Decision(False, INSTRUCTION)
    checked = drop_repeats(check_answer(text, [h.evidence for h in hits], lenient_cjk=lenient_cjk))
    if recheck is not None:
        checked = recheck(checked)
    supported = [s for s in checked if s.supported]
    if not supported:
        return Decision(False, UNSUPPORTED)
    if asks_decided:
        return on_an_ask(question, checked, judge)
    if judge is None:
        if not addresses(question, supported, hits):
            return Decision(False, OFF_QUESTION)
        return Decision(True, ACCEPTED, checked)
    return judge_asks(question, checked, judge, chat)


def judge_asks(question: str, checked: list[CheckedSentence], judge: AskJudge, chat: Chat | None = None) -> Decision:
    """Answered, partial or refused by what each ask gets from the supported sentences.

    A list or overview question keeps every supported sentence once one answers it: its other
    sentences are the list. A factoid keeps only the sentences that answer an ask.
    """
    if is_broad(question) and chat is None:
        # A list or summary request matches few of its words in any one sentence: the word score refused
        # good overviews (held-out, extractive: summary fact recall 0.36 -> 0.06), so without the model's
        # yes/no an overview stands on the overview composer's own cosine filter, as before.
        return Decision(True, ACCEPTED, checked) if any(s.supported for s in checked) else Decision(False, UNSUPPORTED)
    asks = split_asks(question)
    supported = [s for s in checked if s.supported]
    verdicts = judge.judge([with_subject(a, asks[0]) for a in asks], supported, chat)
    missing = tuple(a for a, v in zip(asks, verdicts) if not v.answered)
    if len(missing) == len(asks):
        return Decision(False, NOT_GIVEN, unanswered=missing)
    keep = {id(supported[i]) for v in verdicts for i in v.answering}
    # Without the model only the decision is the score's: quoted passage sentences stay (leaving out those
    # under the bar cost held-out fact recall 0.68 -> 0.58 for 10 fewer words an answer); the budget trims.
    # An unsupported sentence stays too, flagged with its reason (the web app and ask --json show it so).
    everything = is_broad(question) or chat is None
    sentences = [s for s in checked if not s.supported or everything or id(s) in keep]
    return Decision(True, SOME_NOT_GIVEN if missing else ACCEPTED, sentences, missing)


def on_an_ask(question: str, checked: list[CheckedSentence], judge: AskJudge | None) -> Decision:
    """After the ask check (rag/ask_check) said the passages cover the asks: the answer, less supported sentences on
    no ask at all (``POLICY.on_ask_min``); an injected "PWNED [1]." that a model check passed is not an answer."""
    if judge is None:
        return Decision(True, ACCEPTED, checked)
    asks = split_asks(question)
    texts = [s.text for s in checked]
    per_ask = [judge.scores(with_subject(a, asks[0]), texts) for a in asks]  # one batch of cosines an ask
    kept = [s for i, s in enumerate(checked) if not s.supported or max(row[i] for row in per_ask) >= POLICY.on_ask_min]
    return Decision(True, ACCEPTED, kept) if any(s.supported for s in kept) else Decision(False, OFF_QUESTION)


def refused_if_filled(decision: Decision, text: str, hits: Sequence[Hit], question: str) -> Decision:
    """``decision`` on a model answer, or a refusal (``INVENTED``, every ask named) when no sentence of it was
    supported and one gave a value of its own (rag/invented): then no passage sentences stand in for it."""
    headings = " ".join(f"{h.title} {h.label} {h.date}" for h in hits)
    if decision.reason != UNSUPPORTED or not filled_gaps(text, [h.evidence for h in hits], question, headings):
        return decision
    return Decision(False, INVENTED, unanswered=tuple(split_asks(question)))


def decide_unchecked(text: str) -> Decision:
    """For systems whose answers are not checked (eval baselines): refused only when empty or a refusal."""
    if not text.strip():
        return Decision(False, EMPTY)
    if looks_like_refusal(text):
        return Decision(False, REFUSAL)
    return Decision(True, ACCEPTED)


def drop_repeats(checked: list[CheckedSentence], threshold: float = POLICY.repeat_overlap) -> list[CheckedSentence]:
    """Leave out a sentence that repeats an earlier one: a small model sometimes loops on a sentence."""
    kept: list[CheckedSentence] = []
    seen: list[set[str]] = []
    for sentence in checked:
        words = content_words(strip_markers(sentence.text))
        if words and any(overlap(words, earlier) >= threshold and overlap(earlier, words) >= threshold for earlier in seen):
            continue
        kept.append(sentence)
        seen.append(words)
    return kept


def addresses(question: str, supported: Sequence[CheckedSentence], hits: Sequence[Hit]) -> bool:
    """Do the supported sentences answer what was asked (a number for a count, the focus word)?"""
    if expects_number(question):
        return any(answers_numeric(question, s.text) for s in supported)
    focus = focus_words(question)
    if not focus:
        return True
    evidence = " ".join([s.text for s in supported] + [hits[n - 1].text for s in supported for n in s.citations])
    return mentions(focus, evidence)
