"""Run every system over the dataset (and the drafting set), writing each result as it is made.

Rows are appended to ``results.jsonl`` and flushed one by one, so an interrupted
run keeps its work and ``--resume`` picks up where it stopped: a full local-LLM run
takes most of an hour on two cores.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eval.dataset import DraftingRecord, Question
from eval.judge import Judge
from eval.scoring import GoldLocator, error_row, score_draft, score_qa
from eval.systems import System
from index.retrieval import Filters

RESULTS_FILE = "results.jsonl"
Progress = Callable[[str], None]


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of a results.jsonl file (a half-written last line from a crash is ignored)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


class Runner:
    """Evaluates systems question by question; one instance per output folder."""

    def __init__(self, out_dir: Path, judge: Judge | None = None, resume: bool = False,
                 progress: Progress | None = None) -> None:
        self.out_dir = out_dir
        self.judge = judge
        self.progress = progress or (lambda message: None)
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / RESULTS_FILE
        self.rows: list[dict[str, Any]] = read_rows(self.path) if resume and self.path.is_file() else []
        self._done = {(r["kind"], r["system"], r["id"]) for r in self.rows if r.get("error") is None}
        self.rows = [r for r in self.rows if r.get("error") is None]  # failed questions are retried
        self._write_all()

    def _write_all(self) -> None:
        with self.path.open("w", encoding="utf-8") as handle:
            for row in self.rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    def _add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    def run_qa(self, system: System, questions: Sequence[Question]) -> None:
        locator = GoldLocator(system.document_text)
        system.warm_up()
        for i, question in enumerate(questions, 1):
            if ("qa", system.name, question.id) in self._done:
                continue
            self.progress(f"{system.name}: question {i}/{len(questions)} ({question.id})")
            try:
                answer = system.answer(question)
                row = score_qa(system.name, question, answer, locator, self.judge, system.streamed)
            except Exception as exc:  # noqa: BLE001 - one failed question must not lose a long run; it is reported
                row = error_row("qa", system.name, question, f"{type(exc).__name__}: {exc}")
            self._add(row)

    def run_drafting(self, system: System, records: Sequence[DraftingRecord]) -> None:
        """Leave-one-out: each record is drafted with its own reply document (if it names one) filtered out."""
        from eval.draft_scoring import reply_part, words
        from rag.drafting import draft_reply

        answerer = getattr(system, "answerer", None)
        if answerer is None:
            return
        for i, record in enumerate(records, 1):
            if ("drafting", system.name, record.id) in self._done:
                continue
            left_out = f", without {record.doc}" if record.doc else ""
            self.progress(f"{system.name}: draft {i}/{len(records)} ({record.id}{left_out})")
            started = time.perf_counter()
            try:
                draft = draft_reply(answerer, record.question_part,
                                    filters=Filters(exclude_docs={record.doc} if record.doc else set()))
                elapsed = time.perf_counter() - started
                # a part of our own (eval/drafting_own) has no real reply to leave out or to compare lengths with
                reply = words(reply_part(answerer.retriever.document_text(record.doc), record.part)) if record.doc else 0
                row = score_draft(system.name, record, draft, elapsed, reply, answerer.judge.scores)
            except Exception as exc:  # noqa: BLE001 - reported in the results, not fatal
                row = error_row("drafting", system.name, record, f"{type(exc).__name__}: {exc}")
            self._add(row)
