"""A per-call completion cap reaches the server (llama-index's OpenAI client overwrote it with its own)."""

from __future__ import annotations

from llama_index.llms.openai_like import OpenAILike

from rag.generation import LLMGenerator


def test_a_per_call_cap_is_sent_instead_of_the_models_default() -> None:
    llm = OpenAILike(model="m", api_base="http://127.0.0.1:9/v1", api_key="unused", is_chat_model=True, max_tokens=400)
    generator = LLMGenerator(llm)
    capped = generator._llm_for(50)
    assert capped._get_model_kwargs()["max_tokens"] == 50
    assert llm._get_model_kwargs()["max_tokens"] == 400  # the shared model is left as it was
    assert generator._llm_for(50) is capped and generator._llm_for(None) is llm
