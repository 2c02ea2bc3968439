"""Manage web-app users: ``python -m ui.users add|remove|list``.

The password is read from a hidden prompt (or stdin with ``--password-stdin`` for
scripts), hashed with argon2id and written to the users file; it never appears on
the command line or in shell history.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from rag.cli_common import fail
from core.config import load_settings
from ui.auth import UsersFileError, UserStore, add_user, remove_user

app = typer.Typer(help="Manage the users who may sign in to the web app.", no_args_is_help=True, add_completion=False)
FileOpt = Annotated[Optional[Path], typer.Option("--file", help="Users file (default: ui.users_file from the config).")]


def _users_file(path: Path | None) -> Path:
    if path is not None:
        return path
    configured = load_settings().ui.users_file
    if configured is None:
        fail("No users file configured. Pass --file PATH, and set ui.users_file "
             "(or POLICY_COPILOT_UI__USERS_FILE) to it.")
    return configured  # type: ignore[return-value]


@app.command()
def add(
    name: str,
    group: Annotated[Optional[list[str]], typer.Option("--group", help="A group they may read (repeatable).")] = None,
    admin: Annotated[bool, typer.Option(help="May upload, delete and re-index documents.")] = False,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    file: FileOpt = None,
) -> None:
    """Add a user, or replace an existing user's password and groups."""
    path = _users_file(file)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = add_user(path, name, password, group or [], admin)
    except ValueError as exc:
        fail(str(exc))
        return
    groups = ", ".join(sorted(user.groups)) or "none (sees only unrestricted documents)"
    typer.echo(f"Saved {user.name} in {path}. Groups: {groups}.{' Admin.' if user.admin else ''}")


@app.command()
def remove(name: str, file: FileOpt = None) -> None:
    """Remove a user (their audit records stay)."""
    path = _users_file(file)
    if not remove_user(path, name):
        fail(f"No user {name!r} in {path}.")
    typer.echo(f"Removed {name} from {path}.")


@app.command("list")
def list_users(file: FileOpt = None) -> None:
    """List users and their groups (never the hashes)."""
    path = _users_file(file)
    try:
        store = UserStore(path)
    except UsersFileError as exc:
        fail(str(exc))
        return
    for user in sorted(store.users(), key=lambda u: u.name):
        typer.echo(f"{user.name}\tgroups: {', '.join(sorted(user.groups)) or '-'}\t{'admin' if user.admin else ''}")


if __name__ == "__main__":  # pragma: no cover
    app()
