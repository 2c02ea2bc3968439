"""The ``policy-copilot`` command, above every package: it registers each package's commands.

``ingest``, ``retrieve`` and ``ask`` read from index/ and rag/ (and eval/'s question-file
loader for ``--questions``), so they live here; ``serve`` (ui), ``draft-reply``, ``summarise``,
``translate`` (rag) and ``eval`` (eval) live with their package. Every command takes
``--index-dir`` and ``--corpus`` so an index can be built from any folder; everything else
comes from the one Settings object.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer

from eval.check_cli import check_command
from eval.cli import eval_app
from rag.cli_common import CorpusOpt, GGUFOpt, IndexDirOpt, LLMOpt, answerer_for, fail, settings_for
from rag.tasks_cli import draft_reply_command, summarise_command, translate_command
from ui.cli import serve

app = typer.Typer(
    name="policy-copilot",
    help="Cited answers about Hong Kong AI policy from the Government's own papers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def _batch(path: Path) -> list:  # type: ignore[type-arg]
    """Questions from a JSONL file, or exit with the line and field that are wrong."""
    from eval.dataset import DatasetError, load_questions

    try:
        return load_questions(path)
    except DatasetError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def _prompt_lines(intro: str) -> Iterator[str]:
    """Lines typed at a ``?`` prompt until an empty line, Ctrl-D or Ctrl-C."""
    typer.echo(intro)
    while True:
        try:
            text = input("? ").strip()
        except (EOFError, KeyboardInterrupt):
            return
        if not text:
            return
        yield text


@app.command()
def ingest(
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
    rebuild: Annotated[bool, typer.Option(help="Ignore the existing index and embed everything again.")] = False,
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Do nothing if an index already exists.")] = False,
) -> None:
    """Build or update the index from the corpus folder (only changed documents are re-embedded)."""
    from index.ingest import IngestError
    from index.ingest import ingest as run_ingest
    from index.store import current_generation

    settings = settings_for(index_dir, corpus)
    if if_missing and current_generation(settings.paths.index_dir) is not None:
        typer.echo(f"Index already present in {settings.paths.index_dir}; skipping ingest.")
        return
    try:
        report = run_ingest(settings, rebuild=rebuild, show_bar=True)
    except IngestError as exc:
        fail(str(exc))
    typer.echo(report.summary())
    if report.failed:
        typer.secho(
            f"{len(report.failed)} file(s) were skipped; the rest of the corpus was indexed.",
            fg=typer.colors.YELLOW,
            err=True,
        )


def _print_hits(hits: list, as_json: bool, qid: str | None = None, question: str = "") -> None:
    if as_json:
        payload: dict[str, object] = {"hits": [h.to_dict() for h in hits]}
        if qid is not None:
            payload = {"id": qid, "question": question, **payload}
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    for hit in hits:
        typer.secho(f"[{hit.rank}] {hit.label}  ({hit.date})  score {hit.score:.4f}", bold=True)
        typer.echo(f"    {hit.doc}  chars {hit.start}-{hit.end}")
        typer.echo("    " + hit.text[:400].replace("\n", " ") + ("…" if len(hit.text) > 400 else ""))
        typer.echo("")


@app.command()
def retrieve(
    question: Annotated[Optional[str], typer.Argument(help="The question; omit for an interactive prompt.")] = None,
    top_k: Annotated[Optional[int], typer.Option("--top-k", min=1, max=100)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per question.")] = False,
    questions: Annotated[Optional[Path], typer.Option("--questions", help="JSONL file with id and question.")] = None,
    doc: Annotated[Optional[list[str]], typer.Option("--doc", help="Only these documents (repeatable).")] = None,
    date_from: Annotated[str, typer.Option(help="Only documents dated on/after (YYYY[-MM[-DD]]).")] = "",
    date_to: Annotated[str, typer.Option(help="Only documents dated on/before.")] = "",
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Show the passages the assistant would read for a question."""
    from index.retrieval import Filters, HybridRetriever, QueryError, check_question
    from index.store import IndexError_

    if question is not None and questions is None:
        try:
            check_question(question)  # before loading any model
        except QueryError as exc:
            fail(str(exc), code=2)
    batch = _batch(questions) if questions is not None else None
    settings = settings_for(index_dir, corpus)
    try:
        retriever = HybridRetriever(settings)
    except IndexError_ as exc:
        fail(str(exc))
    filters = Filters(docs=set(doc or []), date_from=date_from, date_to=date_to)

    def run(text: str, qid: str | None = None) -> None:
        try:
            hits = retriever.retrieve(check_question(text), top_k=top_k, filters=filters)
        except QueryError as exc:
            if as_json:
                typer.echo(json.dumps({"id": qid, "question": text, "error": str(exc), "hits": []}))
            else:
                typer.secho(str(exc), fg=typer.colors.YELLOW, err=True)
            if qid is None and question is not None:
                raise typer.Exit(2)
            return
        _print_hits(hits, as_json, qid, text)

    if batch is not None:
        for item in batch:
            run(item.question, item.id)
        return
    if question is not None:
        run(question)
        return
    for text in _prompt_lines("Type a question (empty line or Ctrl-D to quit)."):
        run(text)


def _print_answer(result, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    colour = typer.colors.YELLOW if result.refused else None
    typer.secho(result.answer, fg=colour)
    if result.reason and result.outcome in ("refused", "partial"):  # the decision step's reason (rag/acceptance)
        typer.secho(f"Why: {result.reason}.", fg=colour)
    flagged = [s for s in result.sentences if not s.supported]
    for sentence in flagged:
        typer.secho(f"  ⚠ unsupported: {sentence.text} ({sentence.reason})", fg=typer.colors.RED)
    if result.citations:
        typer.echo("\nSources:")
        for c in result.citations:
            p = c.passage
            typer.echo(f"  [{c.n}] {p.label} ({p.date}) — {p.doc} chars {p.start}-{p.end}")
    elif result.refused and result.contexts:
        typer.echo("\nNearest passages:")
        for h in result.contexts[:3]:
            typer.echo(f"  - {h.label} ({h.date})")
    t = result.timings
    typer.secho(
        f"\n[{result.llm}] retrieve {t.get('retrieve_ms', 0):.0f} ms · first token {t.get('first_token_ms', 0):.0f} ms · "
        f"total {t.get('total_ms', 0):.0f} ms · prompt {result.prompt_tokens} tok",
        dim=True,
        err=True,
    )


@app.command()
def ask(
    question: Annotated[Optional[str], typer.Argument(help="The question; omit for a chat prompt.")] = None,
    llm: LLMOpt = None,
    top_k: Annotated[Optional[int], typer.Option("--top-k", min=1, max=20)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full answer record as JSON.")] = False,
    questions: Annotated[Optional[Path], typer.Option("--questions", help="JSONL file with id and question.")] = None,
    gguf: GGUFOpt = None,
    index_dir: IndexDirOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Answer from the documents with paragraph-level citations (or say they do not say)."""
    from index.retrieval import QueryError, check_question
    from rag.answer import Turn

    if question is not None and questions is None:
        try:
            question = check_question(question)  # before the model loads: a bad question fails at once
        except QueryError as exc:
            fail(str(exc), code=2)
    batch = _batch(questions) if questions is not None else None  # a malformed file fails before loading too
    answerer = answerer_for(index_dir, corpus, llm, gguf)
    if batch is not None:
        for item in batch:
            try:
                _print_answer(answerer.answer(check_question(item.question), top_k=top_k, qid=item.id), as_json)
            except QueryError as exc:
                typer.echo(json.dumps({"id": item.id, "question": item.question, "error": str(exc)}))
        return
    if question is not None:
        try:
            _print_answer(answerer.answer(question, top_k=top_k), as_json)
        except QueryError as exc:
            fail(str(exc), code=2)
        return
    history: list[Turn] = []
    for text in _prompt_lines("Ask about the indexed documents (empty line or Ctrl-D to quit)."):
        try:
            text = check_question(text)
            result = answerer.answer(text, history=history, top_k=top_k)
        except QueryError as exc:
            typer.secho(str(exc), fg=typer.colors.YELLOW)
            continue
        _print_answer(result, as_json)
        history.append(Turn(text, result.answer))


# Subcommands that live with their own package, so each package owns its command.
app.command()(serve)
app.command("draft-reply")(draft_reply_command)
app.command("summarise")(summarise_command)
app.command("translate")(translate_command)
app.command("check")(check_command)
app.add_typer(eval_app, name="eval")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
