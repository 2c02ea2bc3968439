"""``draft-reply``, ``summarise`` and ``translate``: the copilot tasks on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from rag.cli_common import CorpusOpt, GGUFOpt, IndexDirOpt, LLMOpt, answerer_for, fail


def _read_text(text: str | None, file: Path | None, what: str) -> str:
    if (text is None) == (file is None):
        fail(f"Give the {what} with --text or --file (one of them), or '-' as the file to read standard input.")
    if file is not None:
        if str(file) == "-":
            return sys.stdin.read()
        if not file.is_file():
            fail(f"{file} does not exist.")
        return file.read_text(encoding="utf-8")
    return text or ""


def draft_reply_command(
    question_file: Annotated[Path, typer.Option("--question-file", help="The LegCo question as plain text ('-' = stdin).")],
    exclude_doc: Annotated[Optional[list[str]], typer.Option("--exclude-doc", help="Hide this document from retrieval (repeatable).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write draft.md or draft.docx (format from the extension).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the draft record as JSON.")] = False,
    llm: LLMOpt = None,
    gguf: GGUFOpt = None,
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Draft a written reply to a Legislative Council question, part by part, every sentence cited."""
    from index.retrieval import Filters
    from rag.drafting import DraftInputError, draft_reply

    if out is not None and out.suffix.lower() not in {".md", ".docx"}:
        fail("--out must end in .md or .docx.")
    question = _read_text(None, question_file, "question")
    answerer = answerer_for(index_dir, corpus, llm, gguf)
    try:
        draft = draft_reply(
            answerer, question, filters=Filters(exclude_docs=set(exclude_doc or [])),
            progress=lambda _f, message: typer.echo(message, err=True),
        )
    except DraftInputError as exc:
        fail(str(exc), code=2)
    if out is not None:
        if out.suffix.lower() == ".docx":
            draft.to_docx(out)
        else:
            out.write_text(draft.markdown(), encoding="utf-8")
        typer.echo(f"Draft written to {out}", err=True)
    if as_json:
        typer.echo(json.dumps(draft.to_dict(), ensure_ascii=False))
    elif out is None:
        typer.echo(draft.markdown())


def summarise_command(
    doc: Annotated[Optional[str], typer.Option("--doc", help="A corpus file name to summarise whole.")] = None,
    topic: Annotated[Optional[str], typer.Option("--topic", help="A topic to summarise across documents.")] = None,
    length: Annotated[str, typer.Option("--length", help="brief | page")] = "brief",
    audience: Annotated[str, typer.Option("--audience", help="Who will read it, e.g. 'a Permanent Secretary'.")] = "",
    bullets: Annotated[bool, typer.Option("--bullets", help="Bullet points instead of prose.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary record as JSON.")] = False,
    llm: LLMOpt = None,
    gguf: GGUFOpt = None,
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Summarise one document or a topic across documents, every sentence cited."""
    from rag.summarise import SummaryInputError, summarise

    answerer = answerer_for(index_dir, corpus, llm, gguf)
    try:
        summary = summarise(
            answerer, doc=doc, topic=topic, length=length, audience=audience, bullets=bullets,
            progress=lambda _f, message: typer.echo(message, err=True),
        )
    except SummaryInputError as exc:
        fail(str(exc), code=2)
    typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False) if as_json else summary.markdown())


def translate_command(
    to: Annotated[str, typer.Option("--to", help="zh-Hant | en")],
    text: Annotated[Optional[str], typer.Option("--text", help="The text to translate.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="A UTF-8 text file to translate ('-' = stdin).")] = None,
    glossary: Annotated[Optional[Path], typer.Option("--glossary", help="Your own glossary TOML (\\[terms] English = 中文).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the translation record as JSON.")] = False,
    llm: LLMOpt = None,
    gguf: GGUFOpt = None,
) -> None:
    """Translate English ↔ Traditional Chinese, keeping figures and [n] markers (checked)."""
    from rag.llm import LLMUnavailable, build_llm
    from rag.cli_common import settings_for
    from rag.translate import TranslationInputError, TranslationUnavailable, translate

    source = _read_text(text, file, "text")
    settings = settings_for(None, None)
    if gguf is not None:
        settings.llm.gguf_path = gguf
    if llm is not None:
        settings.llm.backend = llm  # type: ignore[assignment]
    try:
        result = translate(build_llm(settings), source, to, glossary)
    except (TranslationInputError, TranslationUnavailable, LLMUnavailable) as exc:
        fail(str(exc), code=2)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    typer.echo(result.text)
    if result.missing_numbers or result.missing_markers:
        missing = ", ".join(result.missing_numbers + result.missing_markers)
        typer.secho(f"Check: not found in the translation: {missing}", fg=typer.colors.YELLOW, err=True)
    else:
        typer.secho("Check: every figure and citation marker is present.", fg=typer.colors.GREEN, err=True)
