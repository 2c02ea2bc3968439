"""A scripted stand-in LLM for unit tests of prompt, citation and task logic (never for quality)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback


class ScriptedLLM(CustomLLM):
    """Returns a fixed reply (or the next of ``replies``, one per call) and records the prompts it was given."""

    reply: str = ""
    replies: list[str] = []
    prompts: list[str] = []

    def _next(self) -> str:
        return self.replies.pop(0) if self.replies else self.reply

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(is_chat_model=False)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.prompts.append(prompt)
        return CompletionResponse(text=self._next())

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Iterator[CompletionResponse]:
        self.prompts.append(prompt)
        reply = self._next()
        yield CompletionResponse(text=reply, delta=reply)
