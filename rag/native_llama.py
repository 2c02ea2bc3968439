"""A llama.cpp server compiled for this machine's CPU, and running it as a child process.

Why: the ``xllamacpp`` wheel is built for AVX2 only, and on 2 cores prefill
(reading the prompt) is what the user waits for. The same llama.cpp compiled with
AVX-512/VNNI prefills the Qwen 1.5B model about 1.5× faster on the Xeon these
benchmarks ran on (``bench.answer_path`` measures both engines in one run). The
source is the llama.cpp that ``llama-cpp-python`` vendors, fetched from PyPI
(pinned, hash-checked), so no other network is needed. AMX is never enabled: its
Q4_K kernel crashed (SIGSEGV) on the Sapphire Rapids VM it was tried on.

    .venv/bin/python -m rag.native_llama build     # or: make native-llm (~15-25 min on 2 cores, once)
    .venv/bin/python -m rag.native_llama status

The product uses the build when ``llm.local_engine`` is ``auto`` (the default)
and it exists; ``xllamacpp`` otherwise.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from core.hashing import sha256_file

SDIST = "llama_cpp_python-0.3.36.tar.gz"
SDIST_REQUIREMENT = "llama-cpp-python==0.3.36"
SDIST_SHA256 = "832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e"
INSTALL_DIR_NAME = "llama-server-native"
# /proc/cpuinfo flag → ggml CMake option. AMX (amx_int8/amx_tile) is deliberately absent: see the module doc.
CPU_OPTIONS = {
    "avx": "GGML_AVX", "avx2": "GGML_AVX2", "fma": "GGML_FMA", "f16c": "GGML_F16C", "bmi2": "GGML_BMI2",
    "avx_vnni": "GGML_AVX_VNNI", "avx512f": "GGML_AVX512", "avx512vbmi": "GGML_AVX512_VBMI",
    "avx512_vnni": "GGML_AVX512_VNNI", "avx512_bf16": "GGML_AVX512_BF16",
}
AVX512_NEEDS = {"avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"}  # what ggml's AVX512 option compiles for


class NativeBuildError(RuntimeError):
    """The native server could not be built or started; the message says what to do."""


def install_dir(cache_dir: Path) -> Path:
    return cache_dir / INSTALL_DIR_NAME


def server_binary(cache_dir: Path) -> Path | None:
    """The built ``llama-server``, or None when ``make native-llm`` has not been run."""
    binary = install_dir(cache_dir) / "llama-server"
    return binary if binary.is_file() and os.access(binary, os.X_OK) else None


def cpu_flags(cpuinfo: str) -> set[str]:
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def cmake_cpu_options(flags: set[str]) -> list[str]:
    """Explicit instruction sets for ggml (not -march=native, which would switch AMX on)."""
    options = ["-DGGML_NATIVE=OFF", "-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF"]
    has_avx512 = AVX512_NEEDS <= flags
    for flag, option in CPU_OPTIONS.items():
        wanted = flag in flags and (has_avx512 or not flag.startswith("avx512"))
        options.append(f"-D{option}={'ON' if wanted else 'OFF'}")
    return options


def fetch_source(download_dir: Path) -> Path:
    """The pinned llama-cpp-python source archive from PyPI (its vendor/llama.cpp is what gets built)."""
    archive = download_dir / SDIST
    if not archive.exists():
        download_dir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--dest",
             str(download_dir), SDIST_REQUIREMENT], capture_output=True, text=True)
        if result.returncode != 0 or not archive.exists():
            raise NativeBuildError(f"Could not download {SDIST_REQUIREMENT} from PyPI:\n{result.stderr[-2000:]}\n"
                                   "Check the network or pip's index settings, or keep using the xllamacpp engine.")
    if sha256_file(archive) != SDIST_SHA256:
        archive.unlink()
        raise NativeBuildError(f"{SDIST} does not match its pinned sha256 and was deleted; run the build again.")
    return archive


def _run(command: Sequence[str], log_file: Path, step: str) -> None:
    with log_file.open("a") as log:
        log.write(f"$ {' '.join(command)}\n")
        log.flush()
        result = subprocess.run(list(command), stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise NativeBuildError(f"{step} failed (exit {result.returncode}); the last lines of {log_file}:\n"
                               + "\n".join(log_file.read_text(errors="replace").splitlines()[-25:]))


def build(cache_dir: Path, jobs: int | None = None, cpuinfo: str | None = None,
          say: Callable[[str], None] = print) -> Path:
    """Compile llama-server for this CPU into ``cache_dir``; the previous build stays until the new one is done."""
    for tool in ("cmake", "c++"):
        if shutil.which(tool) is None:
            raise NativeBuildError(f"'{tool}' is not installed; install it (Debian: apt-get install cmake g++) "
                                   "or keep using the xllamacpp engine (llm.local_engine = 'xllamacpp').")
    flags = cpu_flags(cpuinfo if cpuinfo is not None else Path("/proc/cpuinfo").read_text())
    options = cmake_cpu_options(flags)
    cache_dir.mkdir(parents=True, exist_ok=True)
    archive = fetch_source(cache_dir / "downloads")
    log_file = cache_dir / "llama-server-build.log"  # outside the work folder, so it outlives a failed build
    log_file.write_text("")
    with tempfile.TemporaryDirectory(prefix="llama-build-", dir=cache_dir) as tmp:
        work = Path(tmp)
        say(f"extracting {archive.name}")
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
        source = next(work.glob("llama_cpp_python-*/vendor/llama.cpp"))
        build_dir = work / "build"
        say("configuring: " + " ".join(o for o in options if o.endswith("=ON")))
        _run(["cmake", "-S", str(source), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release", "-DLLAMA_CURL=OFF",
              "-DLLAMA_OPENSSL=OFF", "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF",
              "-DBUILD_SHARED_LIBS=OFF", *options], log_file, "cmake configure")
        say(f"compiling llama-server on {jobs or os.cpu_count()} cores (15-25 min on 2; log: {log_file})")
        _run(["cmake", "--build", str(build_dir), "--target", "llama-server", "-j", str(jobs or os.cpu_count() or 1)],
             log_file, "cmake build")
        staged = work / INSTALL_DIR_NAME
        staged.mkdir()
        shutil.copy2(build_dir / "bin" / "llama-server", staged / "llama-server")
        (staged / "build.json").write_text(json.dumps(
            {"source": SDIST, "sha256": SDIST_SHA256, "cmake_options": options,
             "built": time.strftime("%Y-%m-%d %H:%M:%S")}, indent=2))
        target = install_dir(cache_dir)
        old = cache_dir / (INSTALL_DIR_NAME + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        staged.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    return target / "llama-server"


class NativeLlamaServer:
    """The built ``llama-server`` for one GGUF file, a child process on a loopback port, stopped at exit."""

    def __init__(self, binary: Path, gguf: Path, context_tokens: int, threads: int, parallel: int = 1,
                 port: int | None = None, ready_timeout_s: float = 180.0) -> None:
        self.gguf = gguf
        port = port or free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = Path(tempfile.gettempdir()) / f"policy-copilot-llama-server-{port}.log"
        command = [str(binary), "--model", str(gguf), "--host", "127.0.0.1", "--port", str(port),
                   "--ctx-size", str(context_tokens * parallel), "--parallel", str(parallel),
                   "--threads", str(threads), "--threads-batch", str(threads), "--flash-attn", "on",
                   "--cache-prompt", "--cache-ram", "512", "--no-warmup", "--no-webui", "--alias", gguf.name]
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(_dies_with_this_process(command), stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        atexit.register(self.stop)
        self._wait_ready(ready_timeout_s)

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                tail = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-15:])
                raise NativeBuildError(f"The native llama-server exited with code {self.process.returncode} while "
                                       f"loading {self.gguf.name}:\n{tail}\nRebuild it (make native-llm) or set "
                                       "llm.local_engine = 'xllamacpp'.")
            try:
                with urllib.request.urlopen(self.base_url + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise NativeBuildError(f"The native llama-server did not become ready within {timeout_s:.0f} s "
                               f"(log: {self.log_path}). Set llm.local_engine = 'xllamacpp' to use the wheel.")

    def stop(self) -> None:
        stop_process(self.process, timeout_s=10)
        self._log.close()


def stop_process(process: subprocess.Popen, timeout_s: float) -> None:  # type: ignore[type-arg]
    """SIGTERM, then SIGKILL if it has not exited within ``timeout_s``."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _dies_with_this_process(command: list[str]) -> list[str]:
    """Have the kernel stop the server if the app dies without running its exit handlers (SIGTERM, SIGKILL).

    The kernel's parent-death signal fires when the *thread* that started the child ends, so it is only
    used from the main thread (``serve``, the CLI); a server started from a worker thread relies on atexit.
    """
    setpriv = shutil.which("setpriv")
    if setpriv and threading.current_thread() is threading.main_thread():
        return [setpriv, "--pdeathsig", "TERM", "--", *command]
    return command


def free_port() -> int:
    """A loopback port nobody listens on now (for the server and for the benchmarks' app processes)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(argv: list[str] | None = None) -> None:
    from core.config import load_settings

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["build", "status"])
    parser.add_argument("--jobs", type=int, default=None, help="parallel compile jobs (default: all cores)")
    parser.add_argument("--if-missing", action="store_true", help="do nothing when a build is already installed")
    args = parser.parse_args(argv)
    cache_dir = load_settings().paths.cache_dir
    binary = server_binary(cache_dir)
    if args.action == "status" or (args.if_missing and binary):
        if binary:
            info = json.loads((binary.parent / "build.json").read_text())
            print(f"native llama-server: {binary} (built {info['built']}; "
                  f"{' '.join(o for o in info['cmake_options'] if o.endswith('=ON'))})")
        else:
            print("native llama-server: not built (the xllamacpp wheel is used); build it with: make native-llm")
        return
    try:
        path = build(cache_dir, args.jobs, say=lambda m: print(m, flush=True))
    except NativeBuildError as exc:
        raise SystemExit(f"error: {exc}") from exc
    print(f"built {path}; llm.local_engine = 'auto' (the default) now uses it")


if __name__ == "__main__":
    main()
