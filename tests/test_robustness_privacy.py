"""The audit log: personal data redacted, whole lines under concurrency, feedback joined, retention."""

from __future__ import annotations

import json
import logging
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


# ---- more shapes people type -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, secret, placeholder",
    [
        ("HKID: Y 123456(7) on file", "Y 123456(7)", HKID),
        ("ID A 123456 (7)", "A 123456 (7)", HKID),
        ("card AB 987654 A.", "AB 987654 A", HKID),
        ("HKID Z1234560 again", "Z1234560", HKID),
        ("call (852) 2180 9090", "(852) 2180 9090", PHONE),
        ("call 852-9123-4567 today", "852-9123-4567", PHONE),
        ("tel:+85291234567", "+85291234567", PHONE),
        ("mobile +86 138 0013 8000", "+86 138 0013 8000", PHONE),
        ("London +44 20 7946 0958", "+44 20 7946 0958", PHONE),
        ("電話 9123 4567 聯絡", "9123 4567", PHONE),
        ("手機：61234567", "61234567", PHONE),
        ("mail JO.CHAN@ITIB.GOV.HK!", "JO.CHAN@ITIB.GOV.HK", EMAIL),
        ("first.last+tag@sub.example.org", "first.last+tag@sub.example.org", EMAIL),
        ("電郵 陳大文@例子.香港", "陳大文@例子.香港", EMAIL),
    ],
)
def test_more_personal_data_shapes_are_redacted(text: str, secret: str, placeholder: str) -> None:
    assert redact(text) == text.replace(secret, placeholder)


@pytest.mark.parametrize("text", ["HK$3,000,000,000 for 2025-26", "CB(4)1234/2024", "Cap. 486", "3.5 per cent",
                                  "ISO 27001", "10 000 square metres", "9:30 am on 19 March 2025", "Table A 123456"])
def test_more_policy_figures_are_kept(text: str) -> None:
    assert redact(text) == text


# ---- through the app: nothing personal reaches the log, by any field ---------------------------
PII = {"A123456(7)": HKID, "9123 4567": PHONE, "+852 2180-9090": PHONE, "jo.chan@itib.gov.hk": EMAIL}


def test_app_logs_no_personal_data_from_questions_follow_ups_or_comments(built_index, retriever, tmp_path: Path,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    from rag.answer import Turn
    from ui.access import LOCAL_VIEWER
    from ui.service import CopilotService

    settings = built_index.model_copy(deep=True)
    settings.ui.audit_log = tmp_path / "audit.jsonl"
    settings.llm.backend = "extractive"
    service = CopilotService(settings, retriever=retriever)
    caplog.set_level(logging.DEBUG)
    first = "What is the AI Subsidy Scheme? I am Ms Chan, HKID A123456(7), phone 9123 4567."
    result = list(service.ask(LOCAL_VIEWER, first))[-1][1]
    follow_up = "and what about it for jo.chan@itib.gov.hk, office +852 2180-9090?"
    second = list(service.ask(LOCAL_VIEWER, follow_up, [Turn(first, result.answer.answer)]))[-1][1]
    assert first in second.answer.standalone_question or "AI Subsidy" in second.answer.standalone_question
    service.feedback(LOCAL_VIEWER, second.record_id, "down", "Call me on 9123 4567 or jo.chan@itib.gov.hk")
    written = settings.ui.audit_log.read_text(encoding="utf-8")
    for secret, placeholder in PII.items():
        assert secret not in written, secret
        assert placeholder in written
        assert secret not in caplog.text
    records = service.audit.records()
    assert [r["question"] for r in records][0].startswith("What is the AI Subsidy Scheme? I am Ms Chan, HKID [HKID]")
    assert records[-1]["feedback"][0]["comment"] == f"Call me on {PHONE} or {EMAIL}"


def test_retention_applies_at_start_up_and_daily_while_running(tmp_path: Path) -> None:
    from ui import audit as audit_module

    path = tmp_path / "audit.jsonl"
    clock = {"now": datetime(2026, 1, 1, tzinfo=timezone.utc)}
    log = AuditLog(path, retention_days=7, clock=lambda: clock["now"])
    old = log.record(user="a", kind="answer", question="old", answer="x")
    clock["now"] += timedelta(days=8)
    log._last_purge -= audit_module.PURGE_EVERY_S + 1  # a day of uptime later...
    new = log.record(user="a", kind="answer", question="new", answer="y")  # ...the next write purges
    assert [r["id"] for r in log.records()] == [new] and old not in path.read_text()
    clock["now"] += timedelta(days=8)
    AuditLog(path, retention_days=7, clock=lambda: clock["now"])  # a restart purges at once
    assert path.read_text() == ""


def test_service_start_up_applies_the_configured_retention(built_index, retriever, tmp_path: Path) -> None:
    from ui.service import CopilotService

    path = tmp_path / "audit.jsonl"
    stale = {"type": "answer", "id": "stale", "time": "2020-01-01T00:00:00Z", "user": "a", "question": "q"}
    path.write_text(json.dumps(stale) + "\n", encoding="utf-8")
    settings = built_index.model_copy(deep=True)
    settings.ui.audit_log, settings.ui.audit_retention_days = path, 30
    CopilotService(settings, retriever=retriever)
    assert "stale" not in path.read_text()
