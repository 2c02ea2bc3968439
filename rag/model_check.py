"""The model's own yes/no on claims the atom checks passed: the verifier's strong stage.

The atom checks (rag/verifier) are precise on figures, years and names, and blind to a
changed relation, a swap or a plan stated as done; the local model judging "is every fact
stated in the passages?" is the reverse (issue 17: 0.86 balanced accuracy on the issue's
own set, weakest on numbers and dates). Used together, a claim must pass both.

All of an answer's claims go in one call, after the passages the answer was written from,
so llama.cpp reuses the passages' KV cache and only the statements are prefilled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rag.citations import CheckedSentence, strip_markers
from rag.prompts import SYSTEM_PROMPT

Chat = Callable[[Sequence[tuple[str, str]], int], "str | None"]  # Generator.chat

INSTRUCTION = (
    "Check each statement below against the passages above. A statement is supported only if every fact in it "
    "is stated in the passages: each number, date, name, place and relation, and whether something is done, "
    "planned or not done. A statement that adds anything the passages do not say is not supported.\n\n"
    "Statements:\n{statements}\n\n"
    "Reply with one line per statement, in order, numbered like the statements, for example:\n"
    "1: yes\n2: no\n3: yes\nNothing else."
)
_LINE = re.compile(r"^\W*(\d{1,2})\**\s*[:.)\-]\s*\**\s*(yes|no)\b", re.IGNORECASE | re.MULTILINE)
TOKENS_PER_VERDICT = 5  # "12: yes\n" is 4-5 tokens in Qwen's vocabulary


@dataclass(frozen=True)
class ModelCheck:
    """Asks the model once for a yes/no on each claim; ``system`` is the prompt whose KV cache to reuse.

    The answer's system prompt by default: the accuracy in the README was measured with it.
    """

    chat: Chat
    system: str = SYSTEM_PROMPT

    def message(self, passages_block: str, claims: Sequence[str]) -> str:
        statements = "\n".join(f"{i}. {strip_markers(c)}" for i, c in enumerate(claims, 1))
        return f"Passages:\n\n{passages_block}\n\n" + INSTRUCTION.format(statements=statements)

    def check(self, passages_block: str, claims: Sequence[str]) -> list[bool | None]:
        """One verdict per claim: True (supported), False, or None where the model gave no verdict."""
        if not claims:
            return []
        messages = [("system", self.system)] if self.system else []
        reply = self.chat([*messages, ("user", self.message(passages_block, claims))],
                          TOKENS_PER_VERDICT * len(claims) + 4)
        return parse_verdicts(reply or "", len(claims))


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


def recheck(sentences: list[CheckedSentence], check: ModelCheck, passages_block: str) -> list[CheckedSentence]:
    """The sentences, with each one the atom checks passed judged again by the model (one call).

    A "no" flags the sentence with ``MODEL_REASON``; no verdict leaves the atom checks' one.
    """
    passed = [i for i, s in enumerate(sentences) if s.supported]
    verdicts = check.check(passages_block, [sentences[i].text for i in passed])
    out = list(sentences)
    for i, verdict in zip(passed, verdicts):
        if verdict is False:
            out[i] = replace(sentences[i], supported=False, reason=MODEL_REASON)
    return out
