"""``policy-copilot check``: score claims or whole answers with the claim verifier (no LLM needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from rag.cli_common import fail

INPUT_ERROR = 2


def check_command(
    pairs: Annotated[Optional[Path], typer.Option("--pairs", help='JSON lines {"id", "claim", "passages": [str]}; [n] in a claim cites passage n.')] = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", help='JSON lines {"id", "question", "answer", "contexts": [str]} (RAGAS field names).')] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a readable table.")] = False,
    llm: Annotated[Optional[str], typer.Option("--llm", help="Also ask this model (local | openai) about each claim the checks pass: slower, stronger.")] = None,
) -> None:
    """Check each claim (or each sentence of each answer) against its passages; a bad line gets an error line."""
    from rag.check import check_file

    if (pairs is None) == (answers is None):
        fail("Give exactly one of --pairs FILE or --answers FILE.", INPUT_ERROR)
    path, mode = (pairs, "pairs") if pairs is not None else (answers, "answers")
    assert path is not None
    model = _model_check(llm) if llm else None
    try:
        for result in check_file(path, mode, model=model):
            typer.echo(json.dumps(result, ensure_ascii=False) if as_json else _readable(result))
    except FileNotFoundError as exc:
        fail(str(exc), INPUT_ERROR)


def _model_check(backend: str):  # type: ignore[no-untyped-def]
    """The model stage for ``--llm``; a backend without a model is refused with what to use."""
    from core.config import load_settings
    from rag.generation import generator_for
    from rag.llm import LLMUnavailable, build_llm
    from rag.model_check import ModelCheck

    if backend == "extractive":
        fail("--llm extractive has no model to ask: leave --llm out, or use --llm local or --llm openai.", INPUT_ERROR)
    try:
        generator = generator_for(build_llm(load_settings(), backend))
    except LLMUnavailable as exc:
        fail(str(exc), INPUT_ERROR)
    return ModelCheck.of(generator)


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
