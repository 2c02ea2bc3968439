"""Options and helpers shared by every ``policy-copilot`` subcommand module (rag, ui, eval)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from rag.config import Settings, load_settings

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
