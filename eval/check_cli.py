"""``policy-copilot check``: score claims or whole answers with the claim verifier.

By default the configured model judges each claim with the atom checks (the stronger path: held-out balanced
accuracy 0.82 against 0.66, about 1 s a claim on 2 cores); ``--llm none`` runs the atom checks alone (~20 ms a
claim), as does a machine whose configured backend has no model. stderr says which path ran.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from rag.cli_common import fail

INPUT_ERROR = 2


def check_command(
    pairs: Annotated[Optional[Path], typer.Option("--pairs", help='JSON lines {"id", "claim", "passages": \\[str]}; \\[n] in a claim cites passage n.')] = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", help='JSON lines {"id", "question", "answer", "contexts": \\[str]} (RAGAS field names).')] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a readable table.")] = False,
    llm: Annotated[Optional[str], typer.Option("--llm", help="Model that judges each claim with the checks: local | openai | none (the checks alone, ~20 ms a claim). Default: the configured backend.")] = None,
) -> None:
    """Check each claim (or each sentence of each answer) against its passages; a bad line gets an error line."""
    from rag.check import check_file

    if (pairs is None) == (answers is None):
        fail("Give exactly one of --pairs FILE or --answers FILE.", INPUT_ERROR)
    path, mode = (pairs, "pairs") if pairs is not None else (answers, "answers")
    assert path is not None
    model, name = (None, "") if llm == "none" else _model_check(llm)
    typer.echo(f"Checking with: the atom checks{' and the model (' + name + ')' if model else ' alone'}; "
               f"{'--llm none for the fast path' if model else 'a model is slower and stronger (--llm local)'}.",
               err=True)
    try:
        for result in check_file(path, mode, model=model):
            typer.echo(json.dumps(result, ensure_ascii=False) if as_json else _readable(result))
    except FileNotFoundError as exc:
        fail(str(exc), INPUT_ERROR)


def _model_check(backend: str | None) -> tuple[Any, str]:
    """The model stage: ``backend``, or the configured one (None). A named backend without a model is refused with
    what to use; the configured one falls back to the checks alone (a machine with no model still checks)."""
    from core.config import load_settings
    from rag.generation import generator_for
    from rag.llm import LLMUnavailable, build_llm
    from rag.model_check import ModelCheck
    from rag.models import ModelFileError

    settings = load_settings()
    if backend == "extractive":
        fail("--llm extractive has no model to ask: use --llm none for the checks alone, or --llm local or --llm openai.",
             INPUT_ERROR)
    if backend is None and settings.llm.backend == "extractive":
        return None, ""
    try:
        handle = build_llm(settings, backend)
    except (LLMUnavailable, ModelFileError) as exc:
        if backend is None:
            typer.echo(f"No model for the check ({exc}); using the atom checks alone.", err=True)
            return None, ""
        fail(str(exc), INPUT_ERROR)
    return ModelCheck.of(generator_for(handle)), handle.model_id


def _readable(result: dict[str, object]) -> str:
    if "error" in result:
        return f"line {result['line']} ({result.get('id') or 'no id'}): error: {result['error']}"
    if "sentences" in result:
        lines = [f"{result['id']}: faithfulness {result['faithfulness']}"]
        for s in result["sentences"]:  # type: ignore[union-attr]
            mark = "supported" if s["supported"] else f"NOT supported: {s['reason']}"
            lines.append(f"  - {s['text']}  [{mark}]")
        return "\n".join(lines)
    mark = "supported" if result["supported"] else f"NOT supported: {result['reason']}"
    return f"{result['id']}: {mark} (score {result['score']})"
