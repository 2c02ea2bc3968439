"""The scale-out path, with real processes: an LLM server of its own, several app processes on one index.

* The ``openai`` backend answers through a separate llama.cpp OpenAI-compatible
  server process (SmolLM2, the tiny stand-in), exactly as it would through a
  vLLM cluster: only the URL, model id and key differ.
* App processes keep no state but the read-only index (and their logs), so two
  of them can share one index directory and answer at the same time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, make_settings

from core.config import Settings

SERVER_START_S = 120
KEY_ENV = "POLICY_COPILOT_TEST_LLM_KEY"
QUESTIONS = [
    {"id": "q1", "question": "How many AI start-ups does Cyberport have?"},
    {"id": "q2", "question": "What will the Consented Data Exchange Gateway connect to?"},
    {"id": "q3", "question": "數碼港人工智能超算中心提供幾多算力？"},
]


@pytest.fixture(scope="module")
def llm_server() -> Iterator[tuple[str, str]]:
    """SmolLM2 behind llama.cpp's OpenAI-compatible server, in its own process, with an API key."""
    from rag.models import ModelFileError, smollm2_path

    try:
        smollm2_path()
    except ModelFileError as exc:
        pytest.skip(str(exc))
    key = "scale-out-test-key"
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.llm_server", "--gguf", "smollm2", "--port", "0", "--alias", "smollm2-pool",
         "--context", "2048", "--api-key", key],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + SERVER_START_S
        line = ""
        while time.monotonic() < deadline and not line.startswith("READY"):
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                pytest.fail(f"the LLM server exited with {process.returncode} before it was ready")
        assert line.startswith("READY"), "the LLM server did not start in time"
        yield line.split()[1], key
    finally:
        process.terminate()
        process.wait(timeout=30)


def served_model(base_url: str, key: str) -> str:
    request = urllib.request.Request(base_url + "/models", headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["data"][0]["id"]


def test_openai_backend_answers_through_a_separate_llama_cpp_server(
    built_index: Settings, llm_server: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.answer import Answerer

    base_url, key = llm_server
    monkeypatch.setenv(KEY_ENV, key)
    model = served_model(base_url, key)
    settings = make_settings(
        built_index.paths.corpus_dir, built_index.paths.index_dir, llm__backend="openai",
        llm__openai_base_url=base_url, llm__openai_model=model, llm__openai_api_key_env=KEY_ENV,
        llm__max_tokens=48, answer__ask_check=False,  # the ask check's weights are Qwen's; here the plumbing
    )

    answerer = Answerer(settings)
    answer = answerer.answer("How many AI start-ups does Cyberport have?")
    # the ask check's and the model check's P(yes) come through the server's log-probabilities too
    p_yes = answerer.generator.yes_probability([("user", "Is 2 larger than 1? Reply with one word: yes or no.")])
    assert p_yes is not None and 0.0 <= p_yes <= 1.0

    assert model == "smollm2-pool"
    assert answer.llm == f"openai:{model}"
    assert answer.prompt_tokens > 100  # system prompt + passages, counted by the server
    assert 0 < answer.completion_tokens <= 48
    assert answer.contexts and answer.timings["total_ms"] > 0


def test_openai_backend_refuses_a_wrong_key_with_a_clear_message(
    built_index: Settings, llm_server: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.answer import Answerer
    from rag.llm import LLMUnavailable

    base_url, _ = llm_server
    monkeypatch.setenv(KEY_ENV, "wrong-key")
    settings = make_settings(built_index.paths.corpus_dir, built_index.paths.index_dir, llm__backend="openai",
                             llm__openai_base_url=base_url, llm__openai_model="smollm2-pool",
                             llm__openai_api_key_env=KEY_ENV)
    with pytest.raises(LLMUnavailable, match=f"refused the API key.*{KEY_ENV}"):
        Answerer(settings)


def _tree_state(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def test_two_app_processes_share_one_index_directory(built_index: Settings, tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS) + "\n", encoding="utf-8")
    index_dir = built_index.paths.index_dir
    before = _tree_state(index_dir)
    command = [str(ROOT / ".venv" / "bin" / "policy-copilot"), "ask", "--json", "--llm", "extractive",
               "--questions", str(questions), "--index-dir", str(index_dir),
               "--corpus", str(built_index.paths.corpus_dir)]
    processes = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]

    for process, (_, err) in zip(processes, outputs):
        assert process.returncode == 0, err[-2000:]
    runs = [[json.loads(line) for line in out.splitlines() if line.startswith("{")] for out, _ in outputs]
    assert [len(r) for r in runs] == [len(QUESTIONS)] * 2
    for first, second in zip(*runs):
        assert [(c["doc"], c["start"], c["end"]) for c in first["contexts"]] == \
               [(c["doc"], c["start"], c["end"]) for c in second["contexts"]]
        assert first["answer"] == second["answer"]
    assert _tree_state(index_dir) == before  # readers never write to the shared index
