"""LLM backends behind one chat interface (llama-index ``OpenAILike``).

* ``local``: a GGUF model served by llama.cpp's OpenAI-compatible server on a
  random loopback port (``xllamacpp`` in-process, or the CPU-specific build of
  ``make native-llm`` as a child process);
* ``openai``: any OpenAI-compatible server (vLLM, TGI, Ollama, llama.cpp) at a URL;
* ``extractive``: no LLM at all (``build_llm`` returns ``None``).

Local and remote share one code path: only the base URL differs.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_index.core.llms import LLM

from rag import native_llama
from core.config import Settings
from rag.models import resolve_gguf

BACKENDS = ("local", "openai", "extractive")


class LLMUnavailable(RuntimeError):
    """The configured LLM cannot be used; the message says what to start or set."""


@dataclass
class LLMHandle:
    """A ready chat model and the id recorded with every answer."""

    llm: LLM | None
    model_id: str
    backend: str
    engine: str = ""  # for ``local``: which llama.cpp build serves it ("native" or "xllamacpp")


class LocalLlamaServer:
    """llama.cpp's server for one GGUF file, started once per process on 127.0.0.1.

    Engine ``xllamacpp`` runs it in-process from the wheel; ``native`` runs the CPU-specific build
    (``rag.native_llama``) as a child process. Both speak the same OpenAI-compatible HTTP API.
    """

    _servers: dict[tuple[str, int, int, str], LocalLlamaServer] = {}
    _lock = threading.Lock()

    def __init__(self, gguf: Path, context_tokens: int, threads: int, parallel: int = 1,
                 native_binary: Path | None = None) -> None:
        self.gguf = gguf
        self.engine = "native" if native_binary else "xllamacpp"
        if native_binary:
            try:
                self._native = native_llama.NativeLlamaServer(native_binary, gguf, context_tokens, threads, parallel)
            except native_llama.NativeBuildError as exc:
                raise LLMUnavailable(str(exc)) from exc
            self.base_url = self._native.base_url
            return
        import xllamacpp as xl

        params = xl.CommonParams()
        params.model.path = str(gguf)
        params.n_ctx = context_tokens * parallel
        params.n_parallel = parallel
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # any free port
        params.cache_prompt = True  # reuse the KV cache of the shared system-prompt prefix
        params.flash_attn_type = xl.llama_flash_attn_type.LLAMA_FLASH_ATTN_TYPE_ENABLED
        params.verbosity = -1
        params.warmup = False
        self._server = xl.Server(params)
        self.base_url = self._server.listening_address.rstrip("/")

    @classmethod
    def get(cls, gguf: Path, context_tokens: int, threads: int, parallel: int = 1,
            native_binary: Path | None = None) -> LocalLlamaServer:
        key = (str(gguf), context_tokens, threads, str(native_binary or "xllamacpp"))
        with cls._lock:
            if key not in cls._servers:
                cls._servers[key] = cls(gguf, context_tokens, threads, parallel, native_binary)
            return cls._servers[key]


def check_reachable(base_url: str, api_key: str, timeout: float = 5.0, key_env: str = "OPENAI_API_KEY") -> None:
    """Fail fast, with the fix, if an OpenAI-compatible server does not answer or refuses the key."""
    request = urllib.request.Request(
        base_url.rstrip("/") + "/models", headers={"Authorization": f"Bearer {api_key}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        if exc.code not in (401, 403):
            raise LLMUnavailable(
                f"The LLM server at {base_url} answered HTTP {exc.code} ({exc.reason}) to GET /models. Check "
                "llm.openai_base_url (it usually ends in /v1) and the server's log."
            ) from exc
        raise LLMUnavailable(
            f"The LLM server at {base_url} refused the API key (HTTP {exc.code}). Put the server's key in the "
            f"environment variable {key_env} (named by llm.openai_api_key_env)."
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise LLMUnavailable(
            f"Cannot reach the OpenAI-compatible LLM server at {base_url} ({exc}). Start the server, "
            "set llm.openai_base_url (POLICY_COPILOT_LLM__OPENAI_BASE_URL), or use --llm local / extractive."
        ) from exc


def _openai_like(base_url: str, model: str, api_key: str, settings: Settings) -> LLM:
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=model,
        api_base=base_url,
        api_key=api_key,
        is_chat_model=True,
        is_function_calling_model=False,
        context_window=settings.llm.context_tokens,
        max_tokens=settings.llm.max_tokens,
        temperature=settings.llm.temperature,
        timeout=settings.llm.request_timeout_s,
        max_retries=0,
    )


def build_llm(settings: Settings, backend: str | None = None) -> LLMHandle:
    """The chat model for ``backend`` (default: ``settings.llm.backend``)."""
    backend = backend or settings.llm.backend
    if backend not in BACKENDS:
        raise LLMUnavailable(f"Unknown LLM backend {backend!r}; use one of {', '.join(BACKENDS)}.")
    if backend == "extractive":
        return LLMHandle(None, "extractive", backend)
    if backend == "openai":
        api_key = os.environ.get(settings.llm.openai_api_key_env, "not-needed")
        check_reachable(settings.llm.openai_base_url, api_key, key_env=settings.llm.openai_api_key_env)
        llm = _openai_like(settings.llm.openai_base_url, settings.llm.openai_model, api_key, settings)
        return LLMHandle(llm, f"openai:{settings.llm.openai_model}", backend)
    gguf = resolve_gguf(settings.llm.gguf_path, settings.paths.cache_dir)
    server = LocalLlamaServer.get(gguf, settings.llm.context_tokens, settings.llm.threads,
                                  native_binary=native_binary(settings))
    llm = _openai_like(server.base_url + "/v1", gguf.name, "local", settings)
    return LLMHandle(llm, f"local:{gguf.name}", backend, server.engine)


def native_binary(settings: Settings) -> Path | None:
    """The CPU-specific llama-server to run the local model with, or None for the xllamacpp wheel."""
    wanted = settings.llm.local_engine
    built = native_llama.server_binary(settings.paths.cache_dir)
    if wanted == "native" and built is None:
        raise LLMUnavailable(
            "llm.local_engine is 'native' but no native llama-server is built in "
            f"{native_llama.install_dir(settings.paths.cache_dir)}. Build it with `make native-llm` "
            "(15-25 min, once) or set llm.local_engine = 'auto'."
        )
    return built if wanted in ("native", "auto") else None


def usage_of(raw: Any) -> tuple[int, int]:
    """(prompt_tokens, completion_tokens) from an OpenAI-style response or final stream chunk."""
    usage = getattr(raw, "usage", None) if raw is not None else None
    if usage is None and isinstance(raw, dict):
        usage = raw.get("usage")
    if usage is None:
        return 0, 0
    get = usage.get if isinstance(usage, dict) else lambda k, d=0: getattr(usage, k, d)
    return int(get("prompt_tokens", 0) or 0), int(get("completion_tokens", 0) or 0)
