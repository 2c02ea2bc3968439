"""The audit log: one JSON line per answer (and per feedback), redacted, never half-written.

Each record says who asked what, which passages were retrieved (chunk ids and
scores), which index build and LLM produced the answer, and what was answered
and cited, so any answer can be reproduced and explained later. The log is
append-only: feedback is its own line pointing at the record it rates (``ref``),
and ``records()`` joins them. Lines are written whole, one ``write`` under a file
lock, then fsync'd, so concurrent writers (threads or processes) never interleave.
A process killed in the middle of a large write can still leave the start of a
line (the kernel stops copying at a fatal signal); the next writer, and every
start-up, moves such an unterminated tail to ``<log>.partial`` before anything else
is written, and readers skip it, so no half record is ever read or merged with the
next one. Records older than the retention period are deleted by rewriting the
file to a temporary copy and renaming it over the log.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock

from ui.redact import redact

PURGE_EVERY_S = 24 * 3600
log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def citation_refs(citations: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the log keeps of a citation: where it points, not the passage text (the index has it)."""
    return [{k: c.get(k) for k in ("n", "doc", "label", "start", "end")} for c in citations]


class AuditLog:
    """Appends redacted JSON-lines records to ``path`` and enforces the retention period."""

    def __init__(self, path: Path, retention_days: int = 0, clock: Callable[[], datetime] = _now) -> None:
        self.path = path
        self.retention_days = retention_days
        self._clock = clock
        self._lock = FileLock(str(path) + ".lock")
        self._last_purge = 0.0
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._repair_tail()
        self.purge()

    # ---- writing -----------------------------------------------------------------------
    def _repair_tail(self) -> int:
        """Move an unterminated last line (its writer was killed mid-write) to ``<log>.partial``.

        Call with the lock held: then no writer is active, so a tail without its newline can
        only be left by a dead one. Returns the number of bytes moved.
        """
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return 0
        if size == 0:
            return 0
        with self.path.open("rb+") as handle:
            handle.seek(size - 1)
            if handle.read(1) == b"\n":
                return 0
            end = size  # find the last newline, reading backwards
            while end > 0:
                start = max(0, end - (1 << 16))
                handle.seek(start)
                block = handle.read(end - start)
                cut = block.rfind(b"\n")
                if cut != -1:
                    keep = start + cut + 1
                    break
                end = start
            else:
                keep = 0
            handle.seek(keep)
            fragment = handle.read()
            fd = os.open(self.path.with_name(self.path.name + ".partial"), os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                         0o600)
            try:
                os.write(fd, fragment + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        log.warning("Audit log %s ended in a half-written line (%d bytes, its writer was killed); moved to %s.partial",
                    self.path, len(fragment), self.path.name)
        return len(fragment)

    def _append(self, record: dict[str, Any]) -> None:
        # "replace": an unpaired surrogate (possible in JSON sent to the API) becomes "?", not a crash
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace")
        with self._lock:
            self._repair_tail()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
        if self.retention_days and time.monotonic() - self._last_purge > PURGE_EVERY_S:
            self.purge()

    def record(self, *, user: str, kind: str, question: str, answer: str, refused: bool = False,
               retrieved: Sequence[dict[str, Any]] = (), citations: Sequence[dict[str, Any]] = (),
               index: str = "", llm: str = "", extra: dict[str, Any] | None = None) -> str:
        """Write one answer record; returns its id (feedback refers to it). Free text is redacted."""
        record_id = uuid.uuid4().hex
        record: dict[str, Any] = {
            "type": kind,
            "id": record_id,
            "time": _iso(self._clock()),
            "user": user,
            "question": redact(question),
            "retrieved": [
                {"chunk_id": h.get("chunk_id"), "doc": h.get("doc"), "score": h.get("score")} for h in retrieved
            ],
            "index": index,
            "llm": llm,
            "answer": redact(answer),
            "refused": refused,
            "citations": citation_refs(citations),
        }
        for key, value in (extra or {}).items():
            record[key] = redact(value) if isinstance(value, str) else value
        self._append(record)
        return record_id

    def feedback(self, ref: str, *, user: str, rating: str, comment: str = "") -> None:
        """Store a rating ("up"/"down") and optional comment against the record ``ref``."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        self._append({
            "type": "feedback", "id": uuid.uuid4().hex, "ref": ref, "time": _iso(self._clock()),
            "user": user, "rating": rating, "comment": redact(comment.strip()),
        })

    # ---- reading -----------------------------------------------------------------------
    def lines(self) -> Iterator[dict[str, Any]]:
        """Every whole record; a last line still being written (no newline yet) is not one."""
        if not self.path.is_file():
            return
        with self.path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if not line.endswith("\n") or not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except ValueError:
                    log.warning("Audit log %s line %d is not a JSON record; skipped.", self.path, number)

    def records(self) -> list[dict[str, Any]]:
        """Answer records in order, each with its ``feedback`` list (latest last)."""
        records: dict[str, dict[str, Any]] = {}
        for line in self.lines():
            if line.get("type") == "feedback":
                target = records.get(line.get("ref", ""))
                if target is not None:
                    target.setdefault("feedback", []).append(
                        {k: line[k] for k in ("time", "user", "rating", "comment") if k in line}
                    )
            else:
                records[line["id"]] = {**line, "feedback": []}
        return list(records.values())

    # ---- retention ---------------------------------------------------------------------
    def purge(self) -> int:
        """Delete lines older than the retention period; returns how many were removed."""
        self._last_purge = time.monotonic()
        if not self.retention_days or not self.path.is_file():
            return 0
        cutoff = self._clock() - timedelta(days=self.retention_days)
        with self._lock:
            self._repair_tail()  # else the rewrite would turn half a record into a whole, broken line
            kept: list[str] = []
            removed = 0
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        continue
                    if _older_than(line, cutoff):
                        removed += 1
                    else:
                        kept.append(line)
            if removed:
                tmp = self.path.with_name(self.path.name + ".tmp")
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.writelines(kept)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, self.path)
        return removed


def _older_than(line: str, cutoff: datetime) -> bool:
    """A line whose time cannot be read is kept: retention must never destroy evidence by accident."""
    try:
        stamp = datetime.fromisoformat(json.loads(line)["time"])
    except (ValueError, KeyError, TypeError):
        return False
    return stamp < cutoff
