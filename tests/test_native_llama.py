"""The CPU-specific llama.cpp server: which instruction sets it is built with, when it is used, how it fails.

Building it takes 15-25 minutes, so CI does not: the end-to-end test runs the real
build when ``make native-llm`` has made one on this machine, and is skipped otherwise.
The process handling is tested with small stand-in executables.
"""

from __future__ import annotations

import json
import stat
import textwrap
import urllib.request
from pathlib import Path

import pytest

from rag import native_llama
from core.config import Settings
from rag.llm import LLMUnavailable, native_binary

SAPPHIRE_RAPIDS = ("flags : fpu sse2 avx avx2 fma f16c bmi2 avx_vnni avx512f avx512dq avx512cd avx512bw avx512vl "
                   "avx512vbmi avx512_vnni avx512_bf16 amx_tile amx_int8 amx_bf16\n")
HASWELL = "flags : fpu sse2 avx avx2 fma f16c bmi2\n"


def options(cpuinfo: str) -> dict[str, str]:
    flags = native_llama.cpu_flags(cpuinfo)
    return dict(o.removeprefix("-D").split("=") for o in native_llama.cmake_cpu_options(flags))


def test_avx512_machine_gets_avx512_and_vnni_but_never_amx() -> None:
    chosen = options(SAPPHIRE_RAPIDS)
    assert chosen["GGML_NATIVE"] == "OFF"  # -march=native would switch AMX on
    assert chosen["GGML_AVX512"] == chosen["GGML_AVX512_VNNI"] == chosen["GGML_AVX_VNNI"] == "ON"
    assert chosen["GGML_AMX_INT8"] == chosen["GGML_AMX_TILE"] == chosen["GGML_AMX_BF16"] == "OFF"


def test_avx2_machine_gets_no_avx512() -> None:
    chosen = options(HASWELL)
    assert chosen["GGML_AVX2"] == chosen["GGML_FMA"] == "ON"
    assert chosen["GGML_AVX512"] == chosen["GGML_AVX512_VNNI"] == chosen["GGML_AVX_VNNI"] == "OFF"


def test_partial_avx512_is_not_enabled() -> None:
    """ggml's AVX512 option compiles for F, CD, VL, DQ and BW together; a CPU with only some must not get it."""
    assert options("flags : avx avx2 fma f16c avx512f avx512cd\n")["GGML_AVX512"] == "OFF"


def settings_with(tmp_path: Path, engine: str) -> Settings:
    settings = Settings()
    settings.paths.cache_dir = tmp_path
    settings.llm.local_engine = engine  # type: ignore[assignment]
    return settings


def fake_build(cache_dir: Path, script: str = "#!/bin/sh\nexit 3\n") -> Path:
    binary = native_llama.install_dir(cache_dir) / "llama-server"
    binary.parent.mkdir(parents=True)
    binary.write_text(script)
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return binary


def test_engine_choice(tmp_path: Path) -> None:
    assert native_binary(settings_with(tmp_path, "auto")) is None  # nothing built: the wheel
    with pytest.raises(LLMUnavailable, match="make native-llm"):
        native_binary(settings_with(tmp_path, "native"))
    binary = fake_build(tmp_path)
    assert native_binary(settings_with(tmp_path, "auto")) == binary
    assert native_binary(settings_with(tmp_path, "native")) == binary
    assert native_binary(settings_with(tmp_path, "xllamacpp")) is None


def test_server_that_dies_while_loading_reports_its_log(tmp_path: Path) -> None:
    binary = fake_build(tmp_path, "#!/bin/sh\necho 'error: unknown model architecture' >&2\nexit 3\n")
    with pytest.raises(native_llama.NativeBuildError, match="unknown model architecture") as info:
        native_llama.NativeLlamaServer(binary, tmp_path / "model.gguf", 512, 1, ready_timeout_s=20)
    assert "llm.local_engine = 'xllamacpp'" in str(info.value)


def test_server_is_started_with_the_product_settings_and_stopped(tmp_path: Path) -> None:
    """A stand-in llama-server that records its arguments and answers /health."""
    record = tmp_path / "args.json"
    script = textwrap.dedent(f"""\
        #!/usr/bin/env python3
        import json, sys, http.server
        args = sys.argv[1:]
        json.dump(args, open({str(record)!r}, "w"))
        port = int(args[args.index("--port") + 1])
        class Health(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200); self.end_headers(); self.wfile.write(b"{{}}")
            def log_message(self, *a):
                pass
        http.server.HTTPServer(("127.0.0.1", port), Health).serve_forever()
        """)
    binary = fake_build(tmp_path, script)
    server = native_llama.NativeLlamaServer(binary, tmp_path / "model.gguf", 1024, 2, parallel=3)
    try:
        with urllib.request.urlopen(server.base_url + "/health", timeout=5) as response:
            assert response.status == 200
        args = json.loads(record.read_text())
        value = {args[i]: args[i + 1] for i in range(len(args) - 1) if args[i].startswith("--")}
        assert value["--ctx-size"] == "3072"  # llama.cpp splits the context between the slots
        assert value["--threads"] == value["--threads-batch"] == "2"
        assert value["--flash-attn"] == "on" and "--cache-prompt" in args
        assert value["--host"] == "127.0.0.1"
    finally:
        server.stop()
    assert server.process.poll() is not None


def test_corrupt_source_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / native_llama.SDIST).write_bytes(b"not the pinned archive")
    with pytest.raises(native_llama.NativeBuildError, match="sha256"):
        native_llama.fetch_source(tmp_path)
    assert not (tmp_path / native_llama.SDIST).exists()


def test_real_native_server_answers_through_the_product(built_index: Settings, retriever) -> None:
    """The built server, the real Qwen model and index, one cited answer (only where `make native-llm` has run)."""
    from rag.answer import Answerer
    from rag.llm import build_llm
    from rag.models import ModelFileError, resolve_gguf

    settings = built_index.model_copy(deep=True)
    settings.paths.cache_dir = Settings().paths.cache_dir
    if native_llama.server_binary(settings.paths.cache_dir) is None:
        pytest.skip("no native llama-server built on this machine (make native-llm)")
    try:
        resolve_gguf(settings.llm.gguf_path, settings.paths.cache_dir)
    except ModelFileError as exc:
        pytest.skip(f"local model not installed: {exc}")
    settings.llm.local_engine = "native"
    handle = build_llm(settings, "local")
    assert handle.engine == "native"
    result = Answerer(settings, retriever=retriever, llm=handle).answer(
        "How much computing power will the AI Supercomputing Centre reach?")
    assert not result.refused, result.answer
    assert any(f in result.answer for f in ("3 000", "3000", "3,000")), result.answer
    assert result.citations and all(s.supported for s in result.sentences if s.citations)


def running(pid: int) -> bool:
    """Alive and not a zombie (a container's PID 1 may never reap the orphan)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_server_stops_when_the_app_is_killed(tmp_path: Path) -> None:
    """SIGKILL skips atexit; the kernel's parent-death signal must still stop the ~1 GB server."""
    import shutil

    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed: only atexit stops the server")
    import os
    import signal
    import subprocess
    import sys
    import time

    pid_file = tmp_path / "server.pid"
    binary = fake_build(tmp_path, textwrap.dedent(f"""\
        #!/usr/bin/env python3
        import os, sys, http.server
        open({str(pid_file)!r}, "w").write(str(os.getpid()))
        port = int(sys.argv[sys.argv.index("--port") + 1])
        class Health(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200); self.end_headers()
            def log_message(self, *a):
                pass
        http.server.HTTPServer(("127.0.0.1", port), Health).serve_forever()
        """))
    app = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""\
        import time
        from pathlib import Path
        from rag.native_llama import NativeLlamaServer
        NativeLlamaServer(Path({str(binary)!r}), Path("m.gguf"), 512, 1)
        print("ready", flush=True)
        time.sleep(600)
        """)], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None and app.stdout.readline().strip() == "ready"
    server_pid = int(pid_file.read_text())
    assert running(server_pid)
    app.kill()
    app.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not running(server_pid):
            return
        time.sleep(0.1)
    os.kill(server_pid, signal.SIGKILL)
    pytest.fail("the native server outlived the killed app")


def test_build_without_a_compiler_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native_llama.shutil, "which", lambda tool: None if tool == "cmake" else "/usr/bin/" + tool)
    with pytest.raises(native_llama.NativeBuildError, match="apt-get install cmake"):
        native_llama.build(tmp_path, cpuinfo=HASWELL)
    assert native_llama.server_binary(tmp_path) is None


def test_failed_compile_keeps_its_log_and_the_previous_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken toolchain: the error quotes the log, the log survives, the installed server is untouched."""
    import tarfile

    previous = fake_build(tmp_path)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    source = tmp_path / "src" / "llama_cpp_python-0.3.36" / "vendor" / "llama.cpp"
    source.mkdir(parents=True)
    with tarfile.open(downloads / native_llama.SDIST, "w:gz") as tar:
        tar.add(tmp_path / "src" / "llama_cpp_python-0.3.36", arcname="llama_cpp_python-0.3.36")
    monkeypatch.setattr(native_llama, "fetch_source", lambda d: d / native_llama.SDIST)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("cmake", "c++"):
        fake = bin_dir / tool
        fake.write_text("#!/bin/sh\necho 'CMake Error: no CMAKE_CXX_COMPILER could be found' >&2\nexit 1\n")
        fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    with pytest.raises(native_llama.NativeBuildError, match="CMAKE_CXX_COMPILER") as info:
        native_llama.build(tmp_path, cpuinfo=HASWELL, say=lambda _: None)
    assert "llama-server-build.log" in str(info.value)
    assert "CMAKE_CXX_COMPILER" in (tmp_path / "llama-server-build.log").read_text()
    assert native_llama.server_binary(tmp_path) == previous
