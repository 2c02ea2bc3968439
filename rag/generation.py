"""Generators: an LLM one and an extractive (no-LLM) one behind one protocol.

Callers ask ``generator.available`` or just call: the extractive generator cannot
write text, so ``generate`` and ``reply`` say which backend to choose, ``warm_up`` reports
False and ``rewrite`` returns None — instead of each caller checking ``LLMHandle.llm is None``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from llama_index.core.llms import LLM, ChatMessage

from rag.llm import LLMHandle, LLMUnavailable, usage_of
from rag.prompts import SYSTEM_PROMPT, user_prompt

NO_LLM = "This task needs an LLM backend (local or openai); the extractive backend has none."


@dataclass
class Completion:
    """A whole completion with its token counts and timings (for tasks that do not stream)."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    first_token_ms: float
    total_ms: float


class Generator(Protocol):
    """What the answer path needs from a text generator."""

    available: bool  # False: no model; answers are composed from passage sentences

    def generate(self, system: str, user: str, max_tokens: int | None = None) -> Iterator[tuple[str, Any]]: ...

    def reply(self, user: str, *, system: str = "", max_tokens: int | None = None,
              temperature: float | None = None) -> str: ...

    def rewrite(self, prompt: str, max_tokens: int) -> str | None: ...

    def chat(self, messages: Sequence[tuple[str, str]], max_tokens: int) -> str | None:
        """A short reply to a whole conversation of (role, text); None without a model or on failure."""
        ...

    def yes_probability(self, messages: Sequence[tuple[str, str]]) -> float | None:
        """P(yes) over {yes, no} for the reply's first token; None without a model or on failure."""
        ...

    def warm_up(self) -> bool: ...


class LLMGenerator:
    """A chat model served by llama.cpp or an OpenAI-compatible server."""

    available = True

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        self._capped: dict[int, LLM] = {}
        self._probing: LLM | None = None

    def _llm_for(self, max_tokens: int | None) -> LLM:
        """The model with its completion capped at ``max_tokens``.

        llama-index's OpenAI client writes its own ``max_tokens`` field over a per-call one (the first
        local-model drafting run got 373-400 completion tokens where 260 were asked), so a per-call cap
        has to be a copy of the model with that field set.
        """
        if not max_tokens or "max_tokens" not in type(self.llm).model_fields:
            return self.llm
        if max_tokens not in self._capped:
            self._capped[max_tokens] = self.llm.model_copy(update={"max_tokens": max_tokens})
        return self._capped[max_tokens]

    def generate(self, system: str, user: str, max_tokens: int | None = None) -> Iterator[tuple[str, Any]]:
        """Stream one chat completion: ("token", str)*, then ("usage", (prompt, completion)).

        The system prompt comes first and never changes within a task, so llama.cpp
        reuses its cached KV and only the passages are prefilled.
        """
        messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        extra: dict[str, Any] = {"stream_options": {"include_usage": True}}
        if max_tokens:
            extra["max_tokens"] = max_tokens
        last = None
        for chunk in self._llm_for(max_tokens).stream_chat(messages, **extra):
            last = chunk
            if chunk.delta:
                yield "token", chunk.delta
        yield "usage", usage_of(last.raw if last else None)

    def reply(self, user: str, *, system: str = "", max_tokens: int | None = None,
              temperature: float | None = None) -> str:
        """One whole reply, not streamed, to a user message after an optional system message."""
        messages = [ChatMessage(role="system", content=system)] if system else []
        options = {k: v for k, v in (("max_tokens", max_tokens), ("temperature", temperature)) if v is not None}
        response = self._llm_for(max_tokens).chat([*messages, ChatMessage(role="user", content=user)], **options)
        return response.message.content or ""

    def rewrite(self, prompt: str, max_tokens: int) -> str | None:
        """The first line of a short reply to one user message (follow-up condensing); None if the call fails."""
        try:
            return self.reply(prompt, max_tokens=max_tokens).strip().splitlines()[0].strip(' "')
        except Exception:  # an LLM hiccup must not lose the question
            return None

    def chat(self, messages: Sequence[tuple[str, str]], max_tokens: int) -> str | None:
        """A short reply to a conversation; a follow-up to an answer reuses the server's KV cache of it."""
        try:
            reply = self._llm_for(max_tokens).chat([ChatMessage(role=role, content=text) for role, text in messages],
                                                   max_tokens=max_tokens)
            return (reply.message.content or "").strip()
        except Exception:  # a judgement that fails leaves the decision to the word score
            return None

    def yes_probability(self, messages: Sequence[tuple[str, str]]) -> float | None:
        """P(yes) / (P(yes) + P(no)) of the first reply token, read from the server's top log-probabilities.

        A yes/no question costs one generated token; the probability (not just the argmax) lets the verifier
        weigh the model's confidence against its own checks (rag/support). A server that returns no
        log-probabilities gives 1.0 or 0.0 from the reply text; a failed call gives None.
        """
        if "logprobs" not in type(self.llm).model_fields:
            reply = self.chat(messages, 1)
            return None if reply is None else _yes_no_text(reply)
        if self._probing is None:
            self._probing = self.llm.model_copy(update={"logprobs": True, "top_logprobs": TOP_LOGPROBS,
                                                        "max_tokens": 1, "temperature": 0.0})
        try:
            response = self._probing.chat([ChatMessage(role=role, content=text) for role, text in messages])
        except Exception:  # a failed check leaves the verdict to the verifier's own checks
            return None
        top = (response.logprobs or [[]])[0]
        yes = sum(math.exp(t.logprob) for t in top if t.token.strip().lower() == "yes")
        no = sum(math.exp(t.logprob) for t in top if t.token.strip().lower() == "no")
        if yes + no <= 0:
            return _yes_no_text(response.message.content or "")
        return yes / (yes + no)

    def warm_up(self) -> bool:
        """Prefill the fixed system prompt now, so the first question does not wait for it.

        llama.cpp keeps the KV of the longest shared prefix; every answer starts with the same
        ~370-token system prompt, which takes ~6-10 s to prefill on 2 cores. Returns False when
        it failed (the first question then pays, as before).
        """
        try:
            complete(self, SYSTEM_PROMPT, user_prompt("", "", False), max_tokens=1)
        except Exception:  # a warm-up must never stop the app from starting
            return False
        return True


class ExtractiveGenerator:
    """No model: nothing to generate, warm or rewrite with."""

    available = False

    def generate(self, system: str, user: str, max_tokens: int | None = None) -> Iterator[tuple[str, Any]]:
        raise LLMUnavailable(NO_LLM)

    def reply(self, user: str, *, system: str = "", max_tokens: int | None = None,
              temperature: float | None = None) -> str:
        raise LLMUnavailable(NO_LLM)

    def rewrite(self, prompt: str, max_tokens: int) -> str | None:
        return None

    def chat(self, messages: Sequence[tuple[str, str]], max_tokens: int) -> str | None:
        return None

    def yes_probability(self, messages: Sequence[tuple[str, str]]) -> float | None:
        return None

    def warm_up(self) -> bool:
        return False


TOP_LOGPROBS = 10  # "yes", "Yes", " yes", "no", ... all sit in the top 10 of the 1.5B model's first token


def _yes_no_text(reply: str) -> float | None:
    """1.0 / 0.0 from a reply that starts with yes / no (a server without log-probabilities)."""
    word = reply.strip().lower()
    return 1.0 if word.startswith("yes") else 0.0 if word.startswith("no") else None


def generator_for(handle: LLMHandle) -> Generator:
    """The generator for a built LLM handle (``extractive`` has no model)."""
    return ExtractiveGenerator() if handle.llm is None else LLMGenerator(handle.llm)


def complete(generator: Generator, system: str, user: str, max_tokens: int | None = None) -> Completion:
    """Run ``generate`` to the end: the whole text, token counts, first-token and total time."""
    started = time.perf_counter()
    text, first, usage = "", 0.0, (0, 0)
    for event, payload in generator.generate(system, user, max_tokens):
        if event == "token":
            first = first or (time.perf_counter() - started) * 1000
            text += payload
        else:
            usage = payload
    return Completion(text, usage[0], usage[1], first, (time.perf_counter() - started) * 1000)
