"""The running web app under load, and its memory with the local model loaded.

Starts ``policy-copilot serve`` as a child process on a free 127.0.0.1 port,
over a copy of the index in a temporary folder (the audit log goes there too),
then drives ``--sessions`` simultaneous chat sessions through Gradio's own API
(``gradio_client``, one client = one browser session with its own
conversation). The load is bounded: each session asks ``--questions`` questions
and every request has a deadline; the server is stopped afterwards.

Memory is the server process's resident set (llama.cpp runs in-process, so the
local model is inside it), read from /proc while it serves.

    .venv/bin/python -m bench.serving                 # extractive load test + local-model memory
    .venv/bin/python -m bench.serving --quick         # 3 sessions x 1 question, no local model
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import DEV_QA, ROOT, descendants, log, pct, process_names, report, table, tree_rss_mb
from eval.dataset import load_questions
from index.ingest import ingest
from index.store import current_generation
from core.config import load_settings
from rag.native_llama import free_port, stop_process

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
TARGET_RSS_MB = 3 * 1024
STARTUP_TIMEOUT_S = 300.0


@dataclass
class Server:
    """A ``policy-copilot serve`` child process; ``stop`` ends exactly this process."""

    process: subprocess.Popen[bytes]
    url: str
    log_path: Path
    rss_samples: list[float] = field(default_factory=list)

    def rss(self) -> float:
        value = tree_rss_mb(self.process.pid)
        self.rss_samples.append(value)
        return value

    def peak_rss(self) -> float:
        return tree_rss_mb(self.process.pid, peak=True)

    def engine(self) -> str:
        """How the app runs its LLM: in its own process, or as a native llama-server child."""
        native = "llama-server" in process_names(descendants(self.process.pid))
        return "native llama-server child process" if native else "xllamacpp in-process"

    def stop(self) -> None:
        stop_process(self.process, timeout_s=30)


def prepare_index(work: Path) -> tuple[Path, Path]:
    """A private copy of the corpus and index (built if the project has none yet)."""
    settings = load_settings()
    corpus, index_dir = work / "corpus", work / "index"
    shutil.copytree(settings.paths.corpus_dir, corpus)
    if current_generation(settings.paths.index_dir) is not None:
        shutil.copytree(settings.paths.index_dir, index_dir)
    else:
        settings.paths.corpus_dir, settings.paths.index_dir = corpus, index_dir
        ingest(settings, show_bar=False)
    return corpus, index_dir


def start_server(work: Path, corpus: Path, index_dir: Path, backend: str) -> Server:
    port = free_port()
    log_path = work / f"serve-{backend}.log"
    env = {**os.environ, "POLICY_COPILOT_UI__AUDIT_LOG": str(work / f"audit-{backend}.jsonl"),
           "GRADIO_ANALYTICS_ENABLED": "False"}
    command = [str(ROOT / ".venv" / "bin" / "policy-copilot"), "serve", "--llm", backend, "--host", "127.0.0.1",
               "--port", str(port), "--index-dir", str(index_dir), "--corpus", str(corpus)]
    with log_path.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=work, env=env)
    server = Server(process, f"http://127.0.0.1:{port}/", log_path)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"policy-copilot serve exited with {process.returncode}:\n"
                             + log_path.read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(server.url, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.stop()
    raise SystemExit(f"The app did not answer on {server.url} within {STARTUP_TIMEOUT_S:.0f} s; see {log_path}.")


def ask(client: Any, question: str, backend: str, timeout_s: float) -> tuple[float, str]:
    """One chat turn through the Ask screen's API; (seconds, error or '')."""
    started = time.perf_counter()
    try:
        # The app's endpoints are undocumented (no schema in the page), so arguments go by position,
        # in the order of ui/ask.py's inputs: text, backend, top_k, docs, date_from, date_to, language.
        job = client.submit(question, backend, 5, [], "", "", "auto", api_name="/ask")
        conversation, _sources, _box, copy_text = job.result(timeout=timeout_s)
    except Exception as exc:  # noqa: BLE001 - any failure (timeout, app error, dropped connection) is a failed request
        return time.perf_counter() - started, f"{type(exc).__name__}: {exc}"[:200]
    elapsed = time.perf_counter() - started
    if 'role="alert"' in str(conversation[-1]) or not copy_text:
        return elapsed, "error message in the chat: " + str(conversation[-1])[:200]
    return elapsed, ""


def load_test(server: Server, sessions: int, per_session: int, timeout_s: float) -> dict[str, Any]:
    """``sessions`` concurrent conversations, ``per_session`` questions each."""
    from gradio_client import Client

    questions = [q.question for q in load_questions(DEV_QA)]
    clients = [Client(server.url, verbose=False, analytics_enabled=False, download_files=False)
               for _ in range(sessions)]
    stop_sampling = threading.Event()

    def sample() -> None:
        while not stop_sampling.wait(0.5):
            server.rss()

    def session(i: int) -> list[tuple[float, str]]:
        return [ask(clients[i], questions[(i * per_session + j) % len(questions)], "extractive", timeout_s)
                for j in range(per_session)]

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = [r for rs in pool.map(session, range(sessions)) for r in rs]
    wall = time.perf_counter() - started
    stop_sampling.set()
    sampler.join()
    ok = [t for t, err in results if not err]
    errors = [err for _, err in results if err]
    for err in errors[:3]:
        log(f"error: {err}")
    return {"sessions": sessions, "requests": len(results), "errors": len(errors), "wall_s": wall,
            "throughput_per_min": 60 * len(ok) / wall, "p50_s": pct(ok, 50), "p95_s": pct(ok, 95),
            "max_s": max(ok) if ok else float("nan")}


def measure_local_memory(work: Path, corpus: Path, index_dir: Path, questions: int) -> dict[str, Any]:
    """Start with the local model, ask a few questions, read the server's RSS."""
    from gradio_client import Client

    started = time.perf_counter()
    server = start_server(work, corpus, index_dir, "local")
    try:
        ready_s = time.perf_counter() - started
        idle = server.rss()
        client = Client(server.url, verbose=False, analytics_enabled=False, download_files=False)
        texts = [q.question for q in load_questions(DEV_QA) if q.answerable][:questions]
        timings = [ask(client, text, "local", 300) for text in texts]
        return {"ready_s": ready_s, "idle_mb": idle, "after_mb": server.rss(), "peak_mb": server.peak_rss(),
                "engine": server.engine(),
                "answers": len(timings), "errors": sum(1 for _, e in timings if e),
                "answer_s": [t for t, _ in timings]}
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--questions", type=int, default=3, help="questions per session")
    parser.add_argument("--timeout", type=float, default=120.0, help="deadline per request, seconds")
    parser.add_argument("--local-questions", type=int, default=2,
                        help="questions answered by the local model before its memory is read (0: skip)")
    parser.add_argument("--quick", action="store_true", help="3 sessions x 1 question, no local model")
    args = parser.parse_args(argv)
    if args.quick:
        args.sessions, args.questions, args.local_questions = 3, 1, 0

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        work = Path(tmp)
        corpus, index_dir = prepare_index(work)
        log("starting policy-copilot serve --llm extractive")
        server = start_server(work, corpus, index_dir, "extractive")
        try:
            idle = server.rss()
            log(f"driving {args.sessions} sessions x {args.questions} questions")
            load = load_test(server, args.sessions, args.questions, args.timeout)
            load.update(idle_mb=idle, peak_mb=server.peak_rss())
        finally:
            server.stop()
        memory = None
        if args.local_questions:
            log("starting policy-copilot serve --llm local")
            memory = measure_local_memory(work, corpus, index_dir, args.local_questions)

    tables = [table(
        f"{load['sessions']} simultaneous chat sessions against `policy-copilot serve --llm extractive` "
        f"({args.questions} questions each, through the Gradio API)",
        ["requests", "errors", "wall s", "answers / min", "p50 s", "p95 s", "max s", "server RSS idle MB",
         "server RSS peak MB"],
        [[load["requests"], load["errors"], load["wall_s"], load["throughput_per_min"], load["p50_s"],
          load["p95_s"], load["max_s"], load["idle_mb"], load["peak_mb"]]])]
    if memory:
        tables.append(table(
            f"Serving memory with the local model (Qwen2.5-Coder-1.5B Q4_K_M, {memory['engine']}; the app and "
            "its child processes, peak = sum of each one's peak)",
            ["start-up to ready s", "RSS idle MB", f"RSS after {memory['answers']} answers MB", "peak RSS MB",
             "answer errors", f"target ≤ {TARGET_RSS_MB} MB"],
            [[memory["ready_s"], memory["idle_mb"], memory["after_mb"], memory["peak_mb"], memory["errors"],
              "met" if memory["peak_mb"] <= TARGET_RSS_MB else "MISSED"]]))
    report("serving", tables, {"load": load, "local_memory": memory})


if __name__ == "__main__":
    main()
