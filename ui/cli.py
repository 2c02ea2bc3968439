"""``policy-copilot serve``: start the Gradio web app (placeholder until the UI lands)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from rag.cli_common import CorpusOpt, IndexDirOpt, fail


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7860,
    llm: Annotated[Optional[str], typer.Option("--llm", help="local | openai | extractive")] = None,
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Start the Policy Copilot web app."""
    fail("The web app is not built yet; use `policy-copilot ask` meanwhile.")
