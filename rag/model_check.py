"""The model's judgement of a claim, combined with the verifier's checks: the verifier's strong stage.

The atom checks (rag/verifier) are precise on figures, years and names, and blind to a
changed relation, a swap or a plan stated as done; the local model judging "is every fact
stated in the passages?" is the reverse. ``judge`` asks the model for P(yes) (one generated
token, read from its log-probabilities) and lets the fitted support model (rag/support) weigh it
against every check that failed, so a confident model can clear a paraphrase that a soft check
flagged, and a missing figure still sinks a claim the model liked.

Each claim is one short call with the same passages first, so llama.cpp reuses their KV cache
from the second claim on and prefills only the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rag import support
from rag.citations import CheckedSentence, strip_markers
from rag.verifier import Verifier, plain, shared_verifier

if TYPE_CHECKING:
    from rag.generation import Generator

Chat = Callable[[Sequence[tuple[str, str]], int], "str | None"]  # Generator.chat

# The judge's own wording (eval/judge.py), one statement a call, no system prompt. Tune split, with the atom checks:
# this prompt 0.84 balanced accuracy (wrong caught 0.89, faithful passed 0.79) against 0.73 for a batched
# "1: yes / 2: no" list after the answer's system prompt (the 1.5B model mostly said yes to every line).
JUDGE_PROMPT = (
    "You check whether a statement is supported by source passages.\n\nPassages:\n{passages}\n\n"
    "Statement: {statement}\n\nIs every fact in the statement, including every number, date and amount, stated "
    "in the passages? Reply with one word: yes or no."
)
_LINE = re.compile(r"^\W*(\d{1,2})\**\s*[:.)\-]\s*\**\s*(yes|no)\b", re.IGNORECASE | re.MULTILINE)
VERDICT_TOKENS = 3


Probability = Callable[[Sequence[tuple[str, str]]], "float | None"]  # Generator.yes_probability


@dataclass(frozen=True)
class ModelCheck:
    """Asks the model about each claim, one call a claim with the passages first, so the calls of one
    answer share that prefix and llama.cpp prefills only each statement after the first."""

    chat: Chat
    system: str = ""
    # P(yes) from the first token's log-probabilities; without it, the reply text gives 1.0 / 0.0.
    yes_probability: Probability | None = None

    @classmethod
    def of(cls, generator: "Generator") -> ModelCheck:
        return cls(generator.chat, yes_probability=generator.yes_probability)

    def message(self, passages_block: str, claim: str) -> str:
        return JUDGE_PROMPT.format(passages=passages_block, statement=strip_markers(claim))

    def _messages(self, passages_block: str, claim: str) -> list[tuple[str, str]]:
        return [*([("system", self.system)] if self.system else []), ("user", self.message(passages_block, claim))]

    def check(self, passages_block: str, claims: Sequence[str]) -> list[bool | None]:
        """One verdict per claim: True (supported), False, or None where the model gave no verdict."""
        return [parse_verdicts(self.chat(self._messages(passages_block, c), VERDICT_TOKENS) or "", 1)[0]
                for c in claims]

    def probability(self, passages_block: str, claim: str) -> float | None:
        """The model's P(yes) that ``claim`` is stated in the passages; None where it gave no verdict."""
        if self.yes_probability is not None:
            return self.yes_probability(self._messages(passages_block, claim))
        said = self.check(passages_block, [claim])[0]
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


def judge(claim: str, passages: Sequence[str], check: ModelCheck, verifier: Verifier | None = None,
          combined: support.SupportModel | None = None) -> tuple[bool, float | None, str]:
    """(supported, probability, reason) for one claim: the verifier's checks and the model's P(yes), combined
    by the fitted rag/support model. The model is not asked where no answer of it could change the verdict."""
    verifier = verifier or shared_verifier()
    found = verifier.inspect(claim, passages)
    combined = combined or support.with_model()
    if combined.model_can_change(found):
        p_yes = check.probability(numbered_passages(passages), claim)
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
            combined: support.SupportModel | None = None) -> list[CheckedSentence]:
    """The sentences, each judged again against its cited passages by the checks and the model's P(yes) together.

    Only the cited passages, as the labelled set measures it (and shorter: on 6 held-out questions the answer's
    whole passage block cost 6.4 s an answer, the cited passages 4.9 s). Passage text quoted word for word is
    left as the verifier judged it; a sentence the model cannot rescue or sink costs no call.
    """
    out = list(sentences)
    for i, sentence in enumerate(sentences):
        cited = [passages[n - 1] for n in sentence.citations if 1 <= n <= len(passages)]
        if not cited or not plain(sentence.text) or quoted(sentence.text, cited):
            continue
        supported, _, reason = judge(plain(sentence.text), cited, check, combined=combined)
        out[i] = replace(sentence, supported=supported, reason=reason)
    return out
