"""``policy-copilot eval``: the evaluation harness (placeholder until it lands)."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Evaluate answers against a question set.", no_args_is_help=True)
