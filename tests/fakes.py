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
    # The answer's model check (rag/model_check) is answered apart, so scripted replies stay in order:
    # ``statement_reply`` if set, else "yes". Its prompts go to ``statement_prompts``.
    statement_reply: str | None = None
    statement_prompts: list[str] = []
    # Statements holding one of these strings get "no" whatever ``statement_reply`` says.
    statement_no: list[str] = []
    # The pre-answer ask check (rag/ask_check) is answered apart too: "yes", or "no" for an ask holding one of
    # ``ask_no``. Its prompts go to ``ask_prompts``.
    ask_no: list[str] = []
    ask_prompts: list[str] = []

    def _next(self) -> str:
        return self.replies.pop(0) if self.replies else self.reply

    def _scripted_check(self, prompt: str) -> str | None:
        if "Do the passages state the specific information" in prompt:
            self.ask_prompts.append(prompt)
            ask = prompt.split("Question:")[-1].split("\n")[0]
            return "no" if any(marker in ask for marker in self.ask_no) else "yes"
        if "Is every fact in the statement" not in prompt:
            return None
        self.statement_prompts.append(prompt)
        if any(marker in prompt.split("Statement:")[-1] for marker in self.statement_no):
            return "no"
        return self.statement_reply if self.statement_reply is not None else "yes"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(is_chat_model=False)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        checked = self._scripted_check(prompt)
        if checked is not None:
            return CompletionResponse(text=checked)
        self.prompts.append(prompt)
        return CompletionResponse(text=self._next())

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Iterator[CompletionResponse]:
        self.prompts.append(prompt)
        reply = self._next()
        yield CompletionResponse(text=reply, delta=reply)
