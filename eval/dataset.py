"""Evaluation datasets (JSON lines), validated with line numbers so users can fix their own files."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

QUESTION_TYPES = {"factoid", "list", "multi_doc", "temporal_conflict", "unanswerable", "chinese", "summary"}


class DatasetError(ValueError):
    """A malformed dataset line; the message names the file, line and field."""


@dataclass(frozen=True)
class Source:
    doc: str
    quote: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    type: str
    answer: str = ""
    must_include: tuple[str, ...] = ()
    sources: tuple[Source, ...] = field(default_factory=tuple)

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


def normalise_fact(text: str) -> str:
    """The dataset README's normalisation: lower case, collapsed spaces, no thousands separators."""
    text = re.sub(r"\s+", " ", text.lower()).strip()
    return re.sub(r"(?<=\d)[ ,](?=\d{3}\b)", "", text)


def fact_present(fact: str, answer: str) -> bool:
    return normalise_fact(fact) in normalise_fact(answer)


def _require(record: dict, key: str, kind: type, where: str) -> object:
    if key not in record:
        raise DatasetError(f"{where}: missing field '{key}'")
    value = record[key]
    if not isinstance(value, kind):
        raise DatasetError(f"{where}: field '{key}' must be {kind.__name__}, got {type(value).__name__}")
    return value


def load_questions(path: Path) -> list[Question]:
    """Questions from a dev_qa-style file; raises ``DatasetError`` naming line and field."""
    if not path.is_file():
        raise DatasetError(f"{path}: no such dataset file")
    questions: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(record, dict):
            raise DatasetError(f"{where}: each line must be a JSON object")
        qid = str(_require(record, "id", str, where))
        if qid in seen:
            raise DatasetError(f"{where}: duplicate id {qid!r}")
        seen.add(qid)
        question = str(_require(record, "question", str, where))
        if not question.strip():
            raise DatasetError(f"{where}: field 'question' is empty")
        qtype = str(record.get("type", "factoid"))
        if qtype not in QUESTION_TYPES:
            raise DatasetError(f"{where}: field 'type' is {qtype!r}; use one of {sorted(QUESTION_TYPES)}")
        facts = record.get("must_include", [])
        if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
            raise DatasetError(f"{where}: field 'must_include' must be a list of strings")
        sources = record.get("sources", [])
        if not isinstance(sources, list):
            raise DatasetError(f"{where}: field 'sources' must be a list")
        parsed_sources = []
        for i, src in enumerate(sources):
            if not isinstance(src, dict) or not isinstance(src.get("doc"), str) or not isinstance(src.get("quote"), str):
                raise DatasetError(f"{where}: sources[{i}] needs string fields 'doc' and 'quote'")
            parsed_sources.append(Source(src["doc"], src["quote"]))
        questions.append(
            Question(
                id=qid,
                question=question,
                type=qtype,
                answer=str(record.get("answer", "")),
                must_include=tuple(facts),
                sources=tuple(parsed_sources),
            )
        )
    if not questions:
        raise DatasetError(f"{path}: no questions in the file")
    return questions
