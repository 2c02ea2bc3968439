"""Options and helpers shared by every ``policy-copilot`` subcommand module (rag, ui, eval)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from core.config import Settings, load_settings

IndexDirOpt = Annotated[Optional[Path], typer.Option("--index-dir", help="Index folder (default from config).")]
CorpusOpt = Annotated[Optional[Path], typer.Option("--corpus", help="Folder of documents (default: bundled corpus).")]


def settings_for(index_dir: Path | None, corpus: Path | None) -> Settings:
    """Settings from file/env, with this command's folder options on top."""
    settings = load_settings()
    if index_dir is not None:
        settings.paths.index_dir = index_dir.resolve()
    if corpus is not None:
        settings.paths.corpus_dir = corpus.resolve()
    return settings


def fail(message: str, code: int = 1) -> None:
    typer.secho(f"Error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


LLMOpt = Annotated[Optional[str], typer.Option("--llm", help="local | openai | extractive")]
GGUFOpt = Annotated[
    Optional[Path],
    typer.Option("--gguf", help="Serve this GGUF file instead of the default model ('smollm2' for the tiny test model)."),
]


def answerer_for(index_dir: Path | None, corpus: Path | None, llm: str | None, gguf: Path | None = None):  # type: ignore[no-untyped-def]
    """The index and LLM loaded once for a command, or exit with what to do."""
    from index.store import IndexError_
    from rag.answer import Answerer
    from rag.llm import LLMUnavailable
    from rag.models import ModelFileError

    settings = settings_for(index_dir, corpus)
    if gguf is not None:
        settings.llm.gguf_path = gguf
    if llm is not None:
        settings.llm.backend = llm  # type: ignore[assignment]
    try:
        return Answerer(settings)
    except (IndexError_, LLMUnavailable, ModelFileError) as exc:
        fail(str(exc))
