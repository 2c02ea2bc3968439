"""The model's yes/no on claims the atom checks passed: the verifier's strong stage.

The atom checks (rag/verifier) are precise on figures, years and names, and blind to a
changed relation, a swap or a plan stated as done; the local model judging "is every fact
stated in the passages?" is the reverse (issue 17: 0.86 balanced accuracy on the issue's
own set, weakest on numbers and dates). Used together, a claim must pass both.

Each claim is one short call with the same passages first, so llama.cpp reuses their KV cache
from the second claim on and prefills only the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rag.citations import CheckedSentence, strip_markers

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


@dataclass(frozen=True)
class ModelCheck:
    """Asks the model for a yes/no on each claim, one call a claim with the passages first, so the calls of one
    answer share that prefix and llama.cpp prefills only each statement after the first."""

    chat: Chat
    system: str = ""

    def message(self, passages_block: str, claim: str) -> str:
        return JUDGE_PROMPT.format(passages=passages_block, statement=strip_markers(claim))

    def check(self, passages_block: str, claims: Sequence[str]) -> list[bool | None]:
        """One verdict per claim: True (supported), False, or None where the model gave no verdict."""
        messages = [("system", self.system)] if self.system else []
        return [parse_verdicts(self.chat([*messages, ("user", self.message(passages_block, c))], VERDICT_TOKENS)
                               or "", 1)[0] for c in claims]


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


def recheck(sentences: list[CheckedSentence], check: ModelCheck, passages: Sequence[str]) -> list[CheckedSentence]:
    """The sentences, with each one the atom checks passed judged again by the model against its cited passages.

    Only the cited passages, as the labelled set measures it (and shorter: on 6 held-out questions the answer's
    whole passage block cost 6.4 s an answer, the cited passages 4.9 s). A "no" flags the sentence with
    ``MODEL_REASON``; no verdict leaves the atom checks' one.
    """
    out = list(sentences)
    for i, sentence in enumerate(sentences):
        cited = [passages[n - 1] for n in sentence.citations if 1 <= n <= len(passages)]
        if not sentence.supported or not cited:
            continue
        if check.check(numbered_passages(cited), [sentence.text])[0] is False:
            out[i] = replace(sentence, supported=False, reason=MODEL_REASON)
    return out
