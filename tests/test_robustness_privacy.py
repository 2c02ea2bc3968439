"""The audit log: personal data redacted, whole lines under concurrency, feedback joined, retention."""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ui.audit import AuditLog
from ui.redact import EMAIL, HKID, PHONE, redact


@pytest.mark.parametrize(
    "text, secret, placeholder",
    [
        ("Please call Ms Chan on 9123 4567 about this.", "9123 4567", PHONE),
        ("Her office line is +852 2180-9090.", "+852 2180-9090", PHONE),
        ("Mobile 61234567 for follow-up.", "61234567", PHONE),
        ("Caller's HKID is A123456(7).", "A123456(7)", HKID),
        ("HKID ab987654a was quoted.", "ab987654a", HKID),
        ("Reply to jo.chan@itib.gov.hk please.", "jo.chan@itib.gov.hk", EMAIL),
    ],
)
def test_personal_data_is_redacted(text: str, secret: str, placeholder: str) -> None:
    cleaned = redact(text)
    assert secret not in cleaned
    assert cleaned == text.replace(secret, placeholder)


@pytest.mark.parametrize(
    "text",
    [
        "How much is the $3 billion AI Subsidy Scheme for 2025?",
        "What did LC Paper No. CB(1)369/2024(03) say on 2024-04-08?",
        "Will the centre reach 3 000 petaFLOPS by 2026?",
        "What does the 1823 hotline do?",
    ],
)
def test_policy_figures_and_references_are_kept(text: str) -> None:
    assert redact(text) == text


def test_record_is_redacted_and_carries_the_evidence_trail(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    record_id = log.record(
        user="alice", kind="answer", question="My number is 9123 4567: what is HKPilot?",
        answer="HKPilot is a pilot [1].", retrieved=[{"chunk_id": "doc.txt#3", "doc": "doc.txt", "score": 0.03}],
        citations=[{"n": 1, "doc": "doc.txt", "label": "Progress report (Jan 2025), para 3", "start": 10, "end": 90,
                    "text": "long passage text"}],
        index="abc123", llm="extractive",
    )
    (line,) = (tmp_path / "audit.jsonl").read_text().splitlines()
    record = json.loads(line)
    assert record["id"] == record_id and record["user"] == "alice"
    assert "9123" not in line and PHONE in record["question"]
    assert record["retrieved"] == [{"chunk_id": "doc.txt#3", "doc": "doc.txt", "score": 0.03}]
    assert record["index"] == "abc123" and record["llm"] == "extractive"
    assert record["citations"] == [{"n": 1, "doc": "doc.txt", "label": "Progress report (Jan 2025), para 3",
                                    "start": 10, "end": 90}]
    assert datetime.fromisoformat(record["time"]).tzinfo is not None
    assert (tmp_path / "audit.jsonl").stat().st_mode & 0o077 == 0  # questions are not world-readable


def test_feedback_is_stored_against_its_record(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    first = log.record(user="alice", kind="answer", question="q1", answer="a1")
    second = log.record(user="alice", kind="answer", question="q2", answer="a2")
    log.feedback(second, user="alice", rating="down", comment="Wrong year; call me on 9123 4567")
    records = {r["id"]: r for r in log.records()}
    assert records[first]["feedback"] == []
    (feedback,) = records[second]["feedback"]
    assert feedback["rating"] == "down" and PHONE in feedback["comment"] and "9123" not in feedback["comment"]
    with pytest.raises(ValueError, match="rating"):
        log.feedback(first, user="alice", rating="meh")


def _write_many(path: str, worker: int, count: int) -> None:
    log = AuditLog(Path(path))
    for i in range(count):
        log.record(user=f"w{worker}", kind="answer", question=f"question {i} " + "x" * 5000, answer="y" * 3000)


def test_concurrent_writers_never_interleave_lines(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(path), w, 15)) for w in range(2)]
    threads = [threading.Thread(target=_write_many, args=(str(path), 10 + w, 15)) for w in range(2)]
    for worker in (*procs, *threads):
        worker.start()
    for worker in (*procs, *threads):
        worker.join(timeout=120)
    assert all(p.exitcode == 0 for p in procs)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 60
    assert {json.loads(line)["user"] for line in lines} == {"w0", "w1", "w10", "w11"}


def test_retention_deletes_only_old_records(tmp_path: Path) -> None:
    now = datetime(2026, 6, 1, tzinfo=timezone.utc)
    clock = {"now": now - timedelta(days=40)}
    log = AuditLog(tmp_path / "audit.jsonl", retention_days=30, clock=lambda: clock["now"])
    old = log.record(user="a", kind="answer", question="old", answer="x")
    clock["now"] = now
    new = log.record(user="a", kind="answer", question="new", answer="y")
    assert log.purge() == 1
    assert [r["id"] for r in log.records()] == [new]
    assert old not in (tmp_path / "audit.jsonl").read_text()
    # opening the log applies the retention period straight away
    clock["now"] = now + timedelta(days=31)
    AuditLog(tmp_path / "audit.jsonl", retention_days=30, clock=lambda: clock["now"])
    assert (tmp_path / "audit.jsonl").read_text() == ""


def test_zero_retention_keeps_everything(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl", retention_days=0,
                   clock=lambda: datetime(2000, 1, 1, tzinfo=timezone.utc))
    log.record(user="a", kind="answer", question="q", answer="a")
    assert log.purge() == 0 and len(log.records()) == 1
