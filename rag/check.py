"""Score any system's output with the claim verifier: (claim, passages) pairs or whole answers.

The Python API behind ``policy-copilot check``. Input is JSON lines; each line
gives one result or one error naming its line number (and id when readable), so
one bad line never loses the rest of an evaluator's file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from rag.citations import cited, is_claim, split_answer
from rag.model_check import ModelCheck, judge
from rag.verifier import Verifier, shared_verifier

MAX_CLAIM_CHARS = 2_000  # one sentence; longer text is a document, not a claim
MAX_PASSAGE_CHARS = 40_000  # all passages of one line together: about 20 retrieved chunks
MAX_ANSWER_CHARS = 20_000


class LineError(ValueError):
    """A line that cannot be checked; the message says what to fix."""


def _strings(row: dict, key: str, limit: int) -> list[str]:
    values = row.get(key)
    if not isinstance(values, list) or not values:
        raise LineError(f"'{key}' must be a non-empty list of strings")
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise LineError(f"every item of '{key}' must be a non-empty string")
    if sum(len(v) for v in values) > limit:
        raise LineError(f"'{key}' is longer than {limit} characters in all: split it into several lines")
    return values


def _text(row: dict, key: str, limit: int) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LineError(f"'{key}' must be a non-empty string")
    if len(value) > limit:
        raise LineError(f"'{key}' is longer than {limit} characters: check one sentence or answer at a time")
    return value


def _cited_passages(claim: str, passages: Sequence[str]) -> list[str]:
    """``[n]`` markers in the claim select passages (1-based); no marker means all of them."""
    refs = cited(claim)
    if not refs:
        return list(passages)
    wrong = [n for n in refs if not 1 <= n <= len(passages)]
    if wrong:
        raise LineError(f"marker [{wrong[0]}] cites a passage that is not there ({len(passages)} given)")
    return [passages[n - 1] for n in refs]


def _judged(claim: str, passages: list[str], verifier: Verifier, model: ModelCheck | None) -> dict[str, object]:
    """``supported``, ``score`` and ``reason`` of one claim. Without a model the score is the verifier's
    (similarity less a penalty per failed check); with one, the fitted probability of support (rag/support)."""
    if model is not None:
        supported, probability, reason = judge(claim, passages, model, verifier)
        if probability is not None:
            return {"supported": supported, "score": round(probability, 4), "reason": reason}
    verdict = verifier.verify(claim, passages)
    return {"supported": verdict.supported, "score": round(verdict.score, 4), "reason": verdict.reason}


def check_pair(row: dict, verifier: Verifier | None = None, model: ModelCheck | None = None) -> dict[str, object]:
    """``{"id", "claim", "passages"}`` → ``{"id", "supported", "score", "reason"}``.

    With ``model`` (``--llm``), the verifier's checks and the model's P(yes) decide together.
    """
    claim = _text(row, "claim", MAX_CLAIM_CHARS)
    passages = _strings(row, "passages", MAX_PASSAGE_CHARS)
    return {"id": row.get("id"), **_judged(claim, _cited_passages(claim, passages), verifier or shared_verifier(), model)}


def check_answer_row(row: dict, verifier: Verifier | None = None, model: ModelCheck | None = None) -> dict[str, object]:
    """``{"id", "question", "answer", "contexts"}`` → each claim sentence's verdict and the faithful share.

    Each sentence is checked against the contexts it cites (all of them when it cites none); with ``model``,
    the model's P(yes) joins the checks, one call a sentence.
    """
    verifier = verifier or shared_verifier()
    answer = _text(row, "answer", MAX_ANSWER_CHARS)
    contexts = _strings(row, "contexts", MAX_PASSAGE_CHARS)
    sentences: list[dict[str, object]] = []
    for sentence in split_answer(answer):
        if not is_claim(sentence):
            continue
        try:
            passages = _cited_passages(sentence, contexts)
        except LineError as exc:
            sentences.append({"text": sentence, "supported": False, "score": 0.0, "reason": str(exc)})
            continue
        sentences.append({"text": sentence, **_judged(sentence, passages, verifier, model)})
    supported = sum(1 for s in sentences if s["supported"])
    return {"id": row.get("id"), "sentences": sentences,
            "faithfulness": round(supported / len(sentences), 4) if sentences else None}


def check_file(path: Path, mode: str, verifier: Verifier | None = None,
               model: ModelCheck | None = None) -> Iterator[dict[str, object]]:
    """One result (or ``{"line", "id", "error"}``) per non-blank input line, in order."""
    if mode not in {"pairs", "answers"}:
        raise ValueError("mode must be 'pairs' or 'answers'")
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file (give a JSON-lines file, one object a line)")
    run = check_pair if mode == "pairs" else check_answer_row
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row_id = None
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise LineError("each line must be a JSON object")
                row_id = row.get("id")
                yield run(row, verifier, model)
            except json.JSONDecodeError as exc:
                yield {"line": number, "id": None, "error": f"not valid JSON ({exc.msg} at column {exc.colno})"}
            except (LineError, ValueError) as exc:
                yield {"line": number, "id": row_id, "error": str(exc)}
