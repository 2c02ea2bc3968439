"""Optional LLM judge of the same question the deterministic checker answers.

The judge sees one sentence and only the passages that sentence cites (never all
retrieved text) and says yes or no. Its verdicts are reported *beside* the
checker's, with their agreement and Cohen's kappa, never instead of them.

LLM-judge scores drift between runs in the usual tools. Here the judge runs at
temperature 0 with a fixed prompt, and every verdict is cached by a hash of
(model id, prompt): a re-run, or a second run compared against the first, reuses
the verdict instead of asking again, so a changed judge score means a changed
sentence or passage, not a different roll of the dice.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Sequence
from pathlib import Path

from filelock import FileLock

from eval.faithfulness import ScoredSentence
from rag.citations import strip_markers
from rag.generation import generator_for
from rag.llm import LLMHandle
# One wording for the harness's judge and the product's model check, so the two measure the same thing.
from rag.model_check import JUDGE_PROMPT, numbered_passages

_VERDICT = re.compile(r"^\W*(yes|no|是|否)\b", re.IGNORECASE)


def parse_verdict(reply: str) -> bool | None:
    """True/False from a yes/no reply; None if the judge said something else."""
    match = _VERDICT.search(reply.strip())
    if not match:
        return None
    return match.group(1).lower() in {"yes", "是"}


class Judge:
    """Asks an LLM, through any configured backend, whether cited passages support a sentence."""

    def __init__(self, handle: LLMHandle, cache_file: Path | None = None) -> None:
        self.generator = generator_for(handle)
        if not self.generator.available:
            raise ValueError("The LLM judge needs an LLM backend: use --judge local or --judge openai.")
        self.handle = handle
        self.model_id = handle.model_id
        self.cache_file = cache_file
        self.cache: dict[str, bool | None] = {}
        self.calls = 0
        if cache_file is not None and cache_file.is_file():
            for line in cache_file.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                self.cache[record["key"]] = record["verdict"]

    def _key(self, prompt: str) -> str:
        return hashlib.sha256(f"{self.model_id}\0{prompt}".encode()).hexdigest()

    def _remember(self, key: str, verdict: bool | None) -> None:
        self.cache[key] = verdict
        if self.cache_file is None:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.cache_file) + ".lock"), self.cache_file.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"key": key, "model": self.model_id, "verdict": verdict}) + "\n")

    def verdict(self, statement: str, passages: Sequence[str]) -> bool | None:
        prompt = JUDGE_PROMPT.format(passages=numbered_passages(passages), statement=strip_markers(statement))
        key = self._key(prompt)
        if key in self.cache:
            return self.cache[key]
        self.calls += 1
        verdict = parse_verdict(self.generator.reply(prompt, max_tokens=4, temperature=0.0))
        self._remember(key, verdict)
        return verdict

    def judge_sentences(self, sentences: Sequence[ScoredSentence], passages: Sequence[str]) -> None:
        """Set ``judge`` on every cited sentence; an uncited sentence is unsupported by definition."""
        for sentence in sentences:
            cited = [passages[n - 1] for n in sentence.citations if 1 <= n <= len(passages)]
            sentence.judge = self.verdict(sentence.text, cited) if cited else False


def kappa(checker: Sequence[bool], judge: Sequence[bool]) -> float | None:
    """Cohen's kappa between checker and judge verdicts (None when it is undefined)."""
    from sklearn.metrics import cohen_kappa_score

    if len(set(checker)) < 2 or len(set(judge)) < 2:  # a constant rater: kappa says nothing
        return None
    value = float(cohen_kappa_score(list(checker), list(judge)))
    return None if math.isnan(value) else value  # NaN when one side is constant
