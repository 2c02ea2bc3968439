"""Crash safety: a process killed (SIGKILL) during ingest, during the index save and in the
middle of an audit-log write.

After every kill the last good index must load, a rerun must complete and leave no debris,
and the audit log must consist of whole JSON lines only. The kill points are the
``POLICY_COPILOT_CRASH_AT`` hooks in ``index/ingest.py`` and ``index/store.py``; the audit
writer is killed by the test itself at the moment a large ``write`` starts.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import PROGRESS_REPORT, ROOT

from index.ingest import CRASH_ENV, LOCK_FILE, ingest
from index.retrieval import HybridRetriever
from index.store import CURRENT_FILE, current_generation, new_generation_dir, read_manifest
from core.config import Settings
from ui.audit import AuditLog

QUANTUM = "\n45. A late paragraph on quantum sensing laboratories.\n"


def _generations(index_dir: Path) -> set[str]:
    return {p.name for p in index_dir.glob("gen-*") if p.is_dir()}


def _assert_no_debris(index_dir: Path) -> None:
    assert not list(index_dir.glob("gen-*.tmp")), "unpublished generation left behind"
    assert not list(index_dir.glob(f"{CURRENT_FILE}.tmp-*")), "half-swapped CURRENT pointer left behind"
    live = current_generation(index_dir)
    assert live is not None
    assert len(_generations(index_dir) - {live.name}) <= 1, _generations(index_dir)  # live + one for old readers


def _loads(settings: Settings, question: str = "AI Supercomputing Centre computing power") -> HybridRetriever:
    retriever = HybridRetriever(settings)  # the whole index: manifest, chunks, FAISS x2, BM25, docstore
    assert retriever.retrieve(question, top_k=3)
    return retriever


# ---- killed ingest (the real CLI in a child process) -------------------------------------------
INGEST_POINTS = ["after_tmp", "after_storage", "before_publish", "publish_after_pointer_swap"]


@pytest.mark.parametrize("point", INGEST_POINTS)
def test_killed_ingest_leaves_last_good_index(own_index: Settings, point: str) -> None:
    index_dir = own_index.paths.index_dir
    before = current_generation(index_dir)
    target = own_index.paths.corpus_dir / PROGRESS_REPORT
    target.write_text(target.read_text(encoding="utf-8") + QUANTUM, encoding="utf-8")
    env = {**os.environ, CRASH_ENV: point}
    cmd = [sys.executable, "-m", "policy_copilot_cli", "ingest", "--index-dir", str(index_dir), "--corpus", str(own_index.paths.corpus_dir)]
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, timeout=300)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()[-2000:]
    published = point.startswith("publish_after")
    assert (current_generation(index_dir) == before) is not published
    retriever = _loads(own_index, "quantum sensing laboratories")  # the last good index loads
    assert any("quantum sensing" in h.text for h in retriever.retrieve("quantum sensing laboratories")) is published
    rerun = ingest(own_index, show_bar=False)  # and a rerun completes, cleaning the debris
    assert rerun.changed == ([] if published else [PROGRESS_REPORT])
    assert rerun.failed == {}
    _assert_no_debris(index_dir)
    assert "quantum sensing" in _loads(own_index).retrieve("quantum sensing laboratories", top_k=1)[0].text


# ---- killed while publishing a generation (the index save itself) ------------------------------
PUBLISH = (
    "import sys; from pathlib import Path; from index.store import publish_generation; "
    "publish_generation(Path(sys.argv[1]), Path(sys.argv[2]))"
)
PUBLISH_POINTS = {  # point -> is the new generation live afterwards?
    "publish_before_rename": False,
    "publish_after_rename": False,
    "publish_before_pointer_swap": False,
    "publish_after_pointer_swap": True,
}


@pytest.mark.parametrize("point", list(PUBLISH_POINTS))
def test_killed_index_save_keeps_a_loadable_index(own_index: Settings, point: str) -> None:
    index_dir = own_index.paths.index_dir
    old = current_generation(index_dir)
    assert old is not None
    tmp = new_generation_dir(index_dir)  # a complete new generation, as ingest writes it
    shutil.copytree(old, tmp, dirs_exist_ok=True)
    manifest = json.loads((tmp / "manifest.json").read_text(encoding="utf-8"))
    manifest["created"] = "crash-test"
    (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    os.utime(tmp)  # copytree copied the old folder's times
    env = {**os.environ, CRASH_ENV: point}
    result = subprocess.run([sys.executable, "-c", PUBLISH, str(index_dir), str(tmp)], env=env, cwd=ROOT,
                            capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()[-2000:]
    live = current_generation(index_dir)
    assert live is not None
    assert (live != old) is PUBLISH_POINTS[point]
    assert (read_manifest(index_dir).created == "crash-test") is PUBLISH_POINTS[point]  # type: ignore[union-attr]
    _loads(own_index)
    rerun = ingest(own_index, show_bar=False)  # nothing changed: the live generation stays, debris goes
    assert rerun.generation == live.name and rerun.embedded == 0 and not rerun.failed
    _assert_no_debris(index_dir)
    _loads(own_index)


def test_ingest_waits_for_one_already_running(own_index: Settings) -> None:
    """The CLI and the web app share one lock per index folder: a second ingest waits its turn."""
    from filelock import FileLock

    holder = FileLock(str(own_index.paths.index_dir / LOCK_FILE))
    holder.acquire()
    finished: list[float] = []
    worker = threading.Thread(target=lambda: finished.append(ingest(own_index, show_bar=False).seconds))
    try:
        worker.start()
        worker.join(timeout=3)
        assert worker.is_alive() and not finished, "ingest ran while another held the index's lock"
    finally:
        holder.release()
    worker.join(timeout=120)
    assert finished


# ---- the audit log: killed in the middle of writing a record -----------------------------------
WRITER = r"""
import os, sys
from pathlib import Path
import ui.audit as audit

audit.redact = lambda text: text  # the write path is under test, not redaction (fast on 32 MB)
signal_fd = int(sys.argv[2])
real_write = os.write

def write(fd, data):
    if fd != signal_fd and len(data) > (1 << 20):
        real_write(signal_fd, b"w")  # tell the parent: a large write starts now
    return real_write(fd, data)

os.write = write
log = audit.AuditLog(Path(sys.argv[1]))
for i in range(3):
    log.record(user="small", kind="answer", question=f"small {i}", answer="a")
i = 0
while True:
    log.record(user="big", kind="answer", question=f"big {i} " + "x" * (32 << 20), answer="y")
    i += 1
"""


def _kill_mid_write(path: Path, nth_big_write: int, delay_s: float) -> None:
    read_end, write_end = os.pipe()
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(write_end)], cwd=ROOT,
                             pass_fds=(write_end,), stderr=subprocess.PIPE)
    os.close(write_end)
    try:
        for _ in range(nth_big_write):
            ready, _, _ = select.select([read_end], [], [], 60)
            assert ready, "the writer never started a large write"
            os.read(read_end, 1)
        time.sleep(delay_s)  # copying 32 MB into the page cache takes a few ms: land inside it
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        os.close(read_end)
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL, child.stderr.read().decode()[-2000:] if child.stderr else ""


def _whole_lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    data = path.read_bytes()
    assert not data or data.endswith(b"\n")
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]  # raises on any half line


def test_audit_writer_killed_mid_write_leaves_only_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    torn = 0
    for trial, (nth, delay) in enumerate(((1, 0.001), (2, 0.002), (1, 0.0005)), 1):
        _kill_mid_write(path, nth, delay)
        torn += not path.read_bytes().endswith(b"\n")
        log = AuditLog(path)  # what the app does at start-up
        records = _whole_lines(path)
        assert sum(r["user"] == "small" for r in records) == 3 * trial  # no earlier record lost
        assert all(r["question"].startswith(("small", "big", "after")) for r in records)
        log.record(user="after", kind="answer", question="after the crash", answer="ok")
        assert _whole_lines(path)[-1]["user"] == "after"
    partial = path.with_name(path.name + ".partial")
    assert torn == 0 or partial.read_bytes().count(b"\n") == torn  # the torn tails were kept aside, not lost
    print(f"audit kill test: {torn} of 3 kills tore a line; repaired")
    path.unlink()  # ~100 MB of test data
    partial.unlink(missing_ok=True)


def test_half_written_line_is_moved_aside_never_merged_or_crashes_readers(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    log = AuditLog(path, retention_days=30)
    first = log.record(user="a", kind="answer", question="q1", answer="a1")
    whole = path.read_bytes()
    record = json.dumps({"type": "answer", "id": "torn", "time": "2026-01-01T00:00:00Z", "question": "x" * 5000})
    with path.open("ab") as handle:  # what a writer killed mid-write leaves
        handle.write(record.encode()[:3000])
    assert [r["id"] for r in log.records()] == [first]  # readers skip the unterminated tail
    assert log.purge() == 0  # the retention rewrite does not turn the tail into a whole broken line
    second = log.record(user="a", kind="answer", question="q2", answer="a2")
    assert [r["id"] for r in _whole_lines(path)] == [first, second]
    assert path.read_bytes().startswith(whole)
    assert path.with_name("audit.jsonl.partial").read_bytes() == record.encode()[:3000] + b"\n"
    assert path.with_name("audit.jsonl.partial").stat().st_mode & 0o077 == 0
