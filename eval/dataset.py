"""Evaluation datasets (JSON lines), validated with line numbers so users can fix their own files."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

QUESTION_TYPES = {"factoid", "list", "multi_doc", "temporal_conflict", "unanswerable", "chinese", "summary", "partial"}
# What kind of gap a question has (eval/questions/README.md); dev_qa.jsonl has no ``kind``: it is read from ``type``.
QUESTION_KINDS = {"answerable", "near_miss", "out_of_scope", "partial", "unanswerable"}


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
    kind: str = ""  # answerable | near_miss | out_of_scope | partial (default: from ``type``)
    unanswered: str = ""  # a partial question's ask that the documents do not cover

    @property
    def answerable(self) -> bool:
        """Should be answered, at least in part (a partial question must not be refused)."""
        return self.type != "unanswerable"

    @property
    def gap(self) -> str:
        """The question's kind, or one read from its type for files without ``kind``."""
        if self.kind:
            return self.kind
        return {"unanswerable": "unanswerable", "partial": "partial"}.get(self.type, "answerable")


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


def _string_list(record: dict, key: str, where: str) -> list[str]:
    values = record.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DatasetError(f"{where}: field '{key}' must be a list of strings")
    for i, value in enumerate(values):
        if not value.strip():
            raise DatasetError(f"{where}: {key}[{i}] is an empty string (it would match every answer)")
    return values


def _records(path: Path) -> Iterator[tuple[str, dict]]:
    """(where, object) for each non-blank line; ``where`` names the file and line for error messages."""
    if not path.is_file():
        raise DatasetError(f"{path}: no such dataset file")
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
        yield where, record


def load_questions(path: Path) -> list[Question]:
    """Questions from a dev_qa-style file; raises ``DatasetError`` naming line and field."""
    questions: list[Question] = []
    seen: set[str] = set()
    for where, record in _records(path):
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
        facts = _string_list(record, "must_include", where)
        sources = record.get("sources", [])
        if not isinstance(sources, list):
            raise DatasetError(f"{where}: field 'sources' must be a list")
        parsed_sources = []
        for i, src in enumerate(sources):
            if not isinstance(src, dict) or not isinstance(src.get("doc"), str) or not isinstance(src.get("quote"), str):
                raise DatasetError(f"{where}: sources[{i}] needs string fields 'doc' and 'quote'")
            parsed_sources.append(Source(src["doc"], src["quote"]))
        if qtype == "unanswerable" and (facts or parsed_sources):
            raise DatasetError(f"{where}: type 'unanswerable' must have empty 'must_include' and 'sources'")
        kind = str(record.get("kind", ""))
        if kind and kind not in QUESTION_KINDS:
            raise DatasetError(f"{where}: field 'kind' is {kind!r}; use one of {sorted(QUESTION_KINDS)}")
        unanswered = str(record.get("unanswered", ""))
        if qtype == "partial" and not unanswered.strip():
            raise DatasetError(f"{where}: a 'partial' question needs 'unanswered' (the ask the documents do not cover)")
        questions.append(
            Question(
                id=qid,
                question=question,
                type=qtype,
                answer=str(record.get("answer", "")),
                must_include=tuple(facts),
                sources=tuple(parsed_sources),
                kind=kind,
                unanswered=unanswered,
            )
        )
    if not questions:
        raise DatasetError(f"{path}: no questions in the file")
    return questions


@dataclass(frozen=True)
class DraftingRecord:
    """One LegCo question part, for leave-one-out drafting (see the dataset README)."""

    id: str
    doc: str  # the reply document, left out of the index while drafting ("": a part of our own, nothing left out)
    part: str
    question_part: str
    recoverable: tuple[str, ...]  # reply facts other documents also state
    reply_facts: tuple[str, ...] = ()
    verbatim: bool = True


def load_drafting(path: Path) -> list[DraftingRecord]:
    """Records from a drafting.jsonl-style file; raises ``DatasetError`` naming line and field."""
    records: list[DraftingRecord] = []
    seen: set[str] = set()
    for where, record in _records(path):
        rid = str(_require(record, "id", str, where))
        if rid in seen:
            raise DatasetError(f"{where}: duplicate id {rid!r}")
        seen.add(rid)
        question_part = str(_require(record, "question_part", str, where))
        if not question_part.strip():
            raise DatasetError(f"{where}: field 'question_part' is empty")
        _require(record, "recoverable_from_other_docs", list, where)
        verbatim = record.get("question_part_verbatim", True)
        if not isinstance(verbatim, bool):
            raise DatasetError(f"{where}: field 'question_part_verbatim' must be true or false")
        records.append(
            DraftingRecord(
                id=rid,
                doc=str(_require(record, "doc", str, where)),
                part=str(record.get("part", "")),
                question_part=question_part,
                recoverable=tuple(_string_list(record, "recoverable_from_other_docs", where)),
                reply_facts=tuple(_string_list(record, "reply_facts", where)),
                verbatim=verbatim,
            )
        )
    if not records:
        raise DatasetError(f"{path}: no records in the file")
    return records
