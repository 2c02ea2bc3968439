"""``policy-copilot serve``: build the index if missing, load the models, start the web app.

Everything slow happens before the page opens, with progress in the terminal, so
the first visitor gets an answer at once rather than a spinner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from rag.cli_common import CorpusOpt, IndexDirOpt, fail, settings_for

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def serve(
    host: Annotated[Optional[str], typer.Option(help="Interface to listen on (default 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port to listen on (default 7860).")] = None,
    llm: Annotated[Optional[str], typer.Option("--llm", help="local | openai | extractive")] = None,
    users: Annotated[Optional[Path], typer.Option("--users", help="Users file: turns login on (see README).")] = None,
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Start the Policy Copilot web app."""
    from index.ingest import IngestError, ingest
    from index.store import IndexError_, current_generation
    from rag.generation import generator_for
    from rag.llm import LLMUnavailable
    from rag.models import ModelFileError
    from ui.auth import UsersFileError, UserStore

    settings = settings_for(index_dir, corpus)
    if llm is not None:
        settings.llm.backend = llm  # type: ignore[assignment]
    if users is not None:
        settings.ui.users_file = users.resolve()
    host = host or settings.ui.host
    port = port or settings.ui.port

    if current_generation(settings.paths.index_dir) is None:
        typer.echo(f"No index in {settings.paths.index_dir} yet: building it from {settings.paths.corpus_dir}.")
        try:
            typer.echo(ingest(settings, show_bar=True).summary())
        except IngestError as exc:
            fail(str(exc))

    store = None
    if settings.ui.users_file is not None:
        try:
            store = UserStore(settings.ui.users_file)
        except UsersFileError as exc:
            fail(str(exc))
    elif host not in _LOOPBACK:
        typer.secho(f"Warning: listening on {host} without login; anyone who can reach it can use it. "
                    "Set ui.users_file (or --users) to require sign-in.", fg=typer.colors.YELLOW, err=True)

    from ui.app import build_app
    from ui.launch import launch
    from ui.service import CopilotService

    typer.echo("Loading the search index…")
    try:
        service = CopilotService(settings, users=store)
    except IndexError_ as exc:
        fail(str(exc))
    backend = settings.llm.backend
    typer.echo(f"Loading the answer engine ({backend})…" + (" about 10 seconds" if backend == "local" else ""))
    try:
        handle = service.llm(backend)
    except (LLMUnavailable, ModelFileError, ValueError) as exc:
        fail(f"{exc}\nOr start without a model: policy-copilot serve --llm extractive")
    if generator_for(handle).available:
        typer.echo("Reading the instructions into the model's cache, so the first question is quick…")
        service.answerer(backend).warm_up()
    engine = f" ({handle.engine} llama.cpp)" if handle.engine else ""
    typer.echo(f"Answer engine ready: {handle.model_id}{engine}. Audit log: {settings.ui.audit_log}")
    typer.secho(f"Policy Copilot is ready at http://{host}:{port}  (Ctrl-C to stop)", fg=typer.colors.GREEN, bold=True)
    launch(build_app(service), service, host, port, block=True)
