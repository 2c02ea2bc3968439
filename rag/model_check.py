"""The model's judgement of a claim, combined with the verifier's checks: the verifier's strong stage.

The atom checks (rag/verifier) are precise on figures, years and names, and blind to a
changed relation, a swap or a plan stated as done; the local model judging "is every fact
stated in the passages?" is the reverse. ``judge`` asks the model for P(yes) (one generated
token, read from its log-probabilities) and lets the fitted support model (rag/support) weigh it
against every check that failed, so a confident model can clear a paraphrase that a soft check
flagged, and a missing figure still sinks a claim the model liked.

Each claim is one short call. After an answer, the answer's own system prompt and passages come
first, so llama.cpp reuses their KV cache and prefills only the statement; elsewhere the model reads
only the passage sentences the verifier aligned the claim to (a short premise, judged better).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rag import support
from rag.citations import CheckedSentence, strip_markers
from rag.verifier import Inspection, Verifier, plain, shared_verifier

from rag.prompts import SYSTEM_PROMPT

if TYPE_CHECKING:
    from rag.generation import Generator

Chat = Callable[[Sequence[tuple[str, str]], int], "str | None"]  # Generator.chat

# Three prompts, each with its own fitted weights in rag/support_weights.json (the model's P(yes) reads differently
# under each). FRESH: the harness judge's wording (eval/judge.py), the claim's passages alone, no system prompt;
# kept for comparison (verifier_eval --prompt fresh). EVIDENCE (below) replaced it. AFTER_ANSWER: the same question
# after the answer's own system prompt and passages block, so llama.cpp reuses the answer's KV cache and prefills
# only the statement (bench/model_check_bench, 6 held-out questions: 2.4 s an answer against 7.45 s fresh).
# Grouped 5-fold CV on tune, with the checks: fresh 0.842, after-answer 0.829; held-out 0.83 and 0.78. A wording
# that lists the error kinds scored 0.854 fresh on tune (within noise; not adopted).
JUDGE_PROMPT = (
    "You check whether a statement is supported by source passages.\n\nPassages:\n{passages}\n\n"
    "Statement: {statement}\n\nIs every fact in the statement, including every number, date and amount, stated "
    "in the passages? Reply with one word: yes or no."
)
CHECK_PROMPT = (
    "Passages:\n\n{passages}\n\nStatement: {statement}\n\nIs every fact in the statement, including every number, "
    "date and amount, stated in {cited}? Reply with one word: yes or no."
)
# EVIDENCE: the judge's wording (as FRESH) on only the passage sentence(s) the verifier aligned the claim to
# (Verdict.evidence_span). A short premise suits a 1.5B model: grouped 5-fold CV on tune 0.869 (FRESH 0.842,
# AFTER_ANSWER 0.829; its P(yes) alone AUC 0.92); held-out 0.83 [0.78, 0.88], entities caught 0.75 (FRESH 0.62).
# Used wherever there is no answer to share a prefix with (check --llm, the harness, drafts). The answer path keeps
# AFTER_ANSWER: on 30 held-out questions with the evidence prompt there instead (runs s30-h30-afteranswer →
# s30-h30-evidence) 7 more answers kept the model's wording, but mean latency rose 4.3 s [2.7, 6.0] and one vague
# model sentence ("Yes, it will use AI", of another body's AI) passed unflagged; refusals and recall were the same.
# The evidence prompt behind the answer's system prompt scored 0.847 on tune and 0.79 held-out: not used either.
FRESH, AFTER_ANSWER, EVIDENCE = "fresh", "after_answer", "evidence"
_HEADER = re.compile(r"^\[(\d+)\]", re.MULTILINE)
_LINE = re.compile(r"^\W*(\d{1,2})\**\s*[:.)\-]\s*\**\s*(yes|no)\b", re.IGNORECASE | re.MULTILINE)
VERDICT_TOKENS = 3


Probability = Callable[[Sequence[tuple[str, str]]], "float | None"]  # Generator.yes_probability


def cited_label(numbers: Sequence[int]) -> str:
    """"passage [2]" or "passages [1][3]": the passages the statement is checked against."""
    marks = "".join(f"[{n}]" for n in numbers)
    return f"passage {marks}" if len(numbers) == 1 else f"passages {marks}"


@dataclass(frozen=True)
class ModelCheck:
    """Asks the model about each claim, one call a claim: after the answer's system prompt and passages (the
    answer's KV cache is reused), or on the claim's passages alone (``fresh_probability``)."""

    chat: Chat
    system: str = SYSTEM_PROMPT
    # P(yes) from the first token's log-probabilities; without it, the reply text gives 1.0 / 0.0.
    yes_probability: Probability | None = None

    @classmethod
    def of(cls, generator: "Generator") -> ModelCheck:
        return cls(generator.chat, yes_probability=generator.yes_probability)

    def message(self, passages_block: str, claim: str, cited: Sequence[int] | None = None) -> str:
        """``cited``: the statement's passage numbers in the block (default: every numbered passage there)."""
        numbers = list(cited) if cited else [int(n) for n in _HEADER.findall(passages_block)] or [1]
        return CHECK_PROMPT.format(passages=passages_block, statement=strip_markers(claim), cited=cited_label(numbers))

    def _messages(self, passages_block: str, claim: str, cited: Sequence[int] | None) -> list[tuple[str, str]]:
        system = [("system", self.system)] if self.system else []
        return [*system, ("user", self.message(passages_block, claim, cited))]

    def check(self, passages_block: str, claims: Sequence[str],
              cited: Sequence[int] | None = None) -> list[bool | None]:
        """One verdict per claim: True (supported), False, or None where the model gave no verdict."""
        return [parse_verdicts(self.chat(self._messages(passages_block, c, cited), VERDICT_TOKENS) or "", 1)[0]
                for c in claims]

    def probability(self, passages_block: str, claim: str, cited: Sequence[int] | None = None) -> float | None:
        """The model's P(yes) that ``claim`` is stated in its passages; None where it gave no verdict."""
        return self._ask(self._messages(passages_block, claim, cited))

    def fresh_probability(self, passages: Sequence[str], claim: str) -> float | None:
        """P(yes) with the harness judge's prompt on ``passages`` alone (no answer to share a prefix with)."""
        prompt = JUDGE_PROMPT.format(passages=numbered_passages(passages), statement=strip_markers(claim))
        return self._ask([("user", prompt)])

    def _ask(self, messages: Sequence[tuple[str, str]]) -> float | None:
        """P(yes) from the log-probabilities, else 1.0 / 0.0 from the reply text, else None."""
        if self.yes_probability is not None:
            return self.yes_probability(messages)
        said = parse_verdicts(self.chat(messages, VERDICT_TOKENS) or "", 1)[0]
        return None if said is None else float(said)


def parse_verdicts(reply: str, n: int) -> list[bool | None]:
    """Verdicts by statement number; a bare "yes"/"no" reply answers a single statement.

    The 1.5B model sometimes numbers every line "1:" (5 statements → "1: yes" five times, tune split):
    when the numbers repeat and there is one line per statement, the lines are read in order.
    """
    verdicts: list[bool | None] = [None] * n
    lines = [(int(m.group(1)), m.group(2).lower() == "yes") for m in _LINE.finditer(reply)]
    numbers = [k for k, _ in lines]
    if n > 1 and len(lines) == n and len(set(numbers)) < n:
        return [v for _, v in lines]
    for number, verdict in lines:
        if 0 < number <= n and verdicts[number - 1] is None:
            verdicts[number - 1] = verdict
    if n == 1 and verdicts[0] is None:
        bare = re.match(r"^\W*(yes|no)\b", reply.strip(), re.IGNORECASE)
        if bare:
            verdicts[0] = bare.group(1).lower() == "yes"
    return verdicts


def numbered_passages(passages: Sequence[str]) -> str:
    """Passages as "[n] text" blocks (the form the answer prompt shows them in)."""
    return "\n\n".join(f"[{i}] {p}" for i, p in enumerate(passages, 1))


MODEL_REASON = "the model's own check: not stated in the passages"


def model_p_yes(check: ModelCheck, prompt: str, claim: str, passages: Sequence[str], found: Inspection,
                shown: str | None = None, cited: Sequence[int] | None = None) -> float | None:
    """The model's P(yes) for ``claim`` under ``prompt``: the answer's ``shown`` block (AFTER_ANSWER; the passages
    numbered when not given), the whole ``passages`` (FRESH), or the sentences the verifier aligned it to (EVIDENCE,
    from ``found``). The one place the product and the fit (eval/fit_verifier) build the three prompts."""
    if prompt == AFTER_ANSWER:
        return check.probability(shown or numbered_passages(passages), claim, cited or range(1, len(passages) + 1))
    if prompt == FRESH:
        return check.fresh_probability(passages, claim)
    return check.fresh_probability([found.evidence_span or " ".join(passages)], claim)


def judge(claim: str, passages: Sequence[str], check: ModelCheck, verifier: Verifier | None = None,
          combined: support.SupportModel | None = None, *, shown: str | None = None,
          cited: Sequence[int] | None = None, prompt: str = EVIDENCE) -> tuple[bool, float | None, str]:
    """(supported, probability, reason) for one claim: the verifier's checks against ``passages`` and the model's
    P(yes), combined by the fitted rag/support model. The model reads the claim's aligned evidence (``prompt``
    EVIDENCE, the default), ``passages`` numbered (FRESH), or ``shown`` (AFTER_ANSWER: the answer's passages block,
    the claim's own numbered ``cited``); it is not asked where no answer of it could change the verdict."""
    verifier = verifier or shared_verifier()
    found = verifier.inspect(claim, passages)
    prompt = AFTER_ANSWER if shown else prompt
    combined = combined or support.with_model(prompt)
    if combined.model_can_change(found):
        p_yes = model_p_yes(check, prompt, claim, passages, found, shown, cited)
        if p_yes is None:  # no verdict from the model: the checks' own rule
            return not found.failures, None, found.failures[0].message if found.failures else ""
    else:
        p_yes = 0.5  # either answer gives the same verdict; the probability reads as undecided by the model
    probability = combined.probability(support.features(found, p_yes))
    if probability >= combined.threshold:
        return True, probability, ""
    return False, probability, found.failures[0].message if found.failures else MODEL_REASON


def quoted(claim: str, passages: Sequence[str]) -> bool:
    """Is the claim passage text word for word (an extractive sentence)? Then it is faithful by construction."""
    text = " ".join(plain(claim).split())
    return len(text) > 20 and any(text in " ".join(p.split()) for p in passages)


def recheck(sentences: list[CheckedSentence], check: ModelCheck, passages: Sequence[str],
            combined: support.SupportModel | None = None, shown: str | None = None) -> list[CheckedSentence]:
    """The sentences, each judged again against its cited passages by the checks and the model's P(yes) together.

    ``shown``: the passages block as the answer's prompt showed it; the model then reads it and is asked about the
    sentence's own passage numbers (AFTER_ANSWER: the answer's KV cache is reused). Without it, the judge's prompt on
    the passage sentences the verifier aligned the sentence to (EVIDENCE). Passage text quoted word for word is left
    as the verifier judged it; a sentence the model cannot rescue or sink costs no call.
    """
    out = list(sentences)
    for i, sentence in enumerate(sentences):
        cited = [passages[n - 1] for n in sentence.citations if 1 <= n <= len(passages)]
        if not cited or not plain(sentence.text) or quoted(sentence.text, cited):
            continue
        numbers = [n for n in sentence.citations if 1 <= n <= len(passages)]
        supported, _, reason = judge(plain(sentence.text), cited, check, combined=combined, shown=shown, cited=numbers)
        out[i] = replace(sentence, supported=supported, reason=reason)
    return out
