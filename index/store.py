"""The index directory: generations written whole, then published by one atomic rename.

Layout::

    index_dir/
      CURRENT              name of the live generation (replaced atomically)
      gen-<stamp>/
        manifest.json      schema, models, chunker settings, sha256 per document
        chunks.jsonl       every chunk with its metadata, in corpus order
        texts/<doc>.txt    cleaned text the chunk offsets point into
        storage/           llama-index docstore + FaissVectorStore (MiniLM)
        multilingual/      llama-index docstore + FaissVectorStore (USE-m), optional
        bm25/              llama-index BM25Retriever
        embeddings.npz     vectors keyed by text hash, reused by incremental ingest

A crash mid-write leaves only an unpublished ``gen-*.tmp`` folder (or, during the
publish itself, a renamed but never-pointed-to generation or a ``CURRENT.tmp-*``
file) that the next ingest removes; readers always see the last complete generation.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.chunking import Chunk
from index.filemodes import DIR_MODE, private_dir, restrict_tree

SCHEMA_VERSION = 1
CURRENT_FILE = "CURRENT"
CRASH_ENV = "POLICY_COPILOT_CRASH_AT"  # test hook: kill the process at a named point


def crash_point(name: str) -> None:
    """Tests set ``CRASH_ENV`` to a point's name to SIGKILL the process exactly there."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


class IndexError_(RuntimeError):
    """Base for index problems whose message tells the user what to run."""


class IndexMissing(IndexError_):
    pass


class IndexIncompatible(IndexError_):
    pass


@dataclass
class Manifest:
    """What an index was built from and with; compared on load and on re-ingest."""

    schema_version: int
    embedding_model: str
    embedding_dim: int
    multilingual_model: str | None
    chunker: dict[str, int]
    index_type: str
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    created: str = ""

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    @property
    def digest(self) -> str:
        """Short hash identifying this exact index build (for audit records)."""
        return hashlib.sha256(self.to_json().encode()).hexdigest()[:16]


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def current_generation(index_dir: Path) -> Path | None:
    """The live generation folder, or None if no index has been published."""
    pointer = index_dir / CURRENT_FILE
    if not pointer.is_file():
        return None
    gen = index_dir / pointer.read_text(encoding="utf-8").strip()
    return gen if (gen / "manifest.json").is_file() else None


def read_manifest(index_dir: Path) -> Manifest | None:
    gen = current_generation(index_dir)
    if gen is None:
        return None
    return Manifest.from_json((gen / "manifest.json").read_text(encoding="utf-8"))


def read_chunks(gen: Path) -> list[Chunk]:
    with (gen / "chunks.jsonl").open(encoding="utf-8") as handle:
        return [Chunk(**json.loads(line)) for line in handle if line.strip()]


class EmbeddingCache:
    """Vectors keyed by (model key, text hash) so unchanged chunks are never embedded twice.

    Model keys come from ``cache_model_key`` so they are valid ``.npz`` member names.
    """

    def __init__(self) -> None:
        self._vectors: dict[str, dict[str, np.ndarray]] = {}

    @classmethod
    def load(cls, gen: Path | None) -> "EmbeddingCache":
        cache = cls()
        path = gen / "embeddings.npz" if gen else None
        if path and path.is_file():
            with np.load(path, allow_pickle=False) as data:
                for name in data.files:
                    if name.endswith("__keys"):
                        model = name[: -len("__keys")]
                        keys = data[name]
                        vectors = data[f"{model}__vectors"]
                        cache._vectors[model] = {str(k): v for k, v in zip(keys, vectors)}
        return cache

    def get(self, model: str, key: str) -> np.ndarray | None:
        return self._vectors.get(model, {}).get(key)

    def put(self, model: str, key: str, vector: np.ndarray) -> None:
        self._vectors.setdefault(model, {})[key] = vector

    def save(self, path: Path, keep: dict[str, set[str]]) -> None:
        """Write only the vectors still in use, so the cache does not grow without bound."""
        arrays: dict[str, np.ndarray] = {}
        for model, table in self._vectors.items():
            keys = sorted(k for k in table if k in keep.get(model, set()))
            if not keys:
                continue
            arrays[f"{model}__keys"] = np.array(keys)
            arrays[f"{model}__vectors"] = np.vstack([table[k] for k in keys]).astype("float32")
        with path.open("wb") as handle:
            np.savez(handle, **arrays)


def cache_model_key(model: str) -> str:
    return model.replace("/", "_").replace(":", "_")


def new_generation_dir(index_dir: Path) -> Path:
    private_dir(index_dir)  # generations hold every document's text, restricted ones included
    clean_index_dir(index_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    tmp = index_dir / f"gen-{stamp}.tmp"
    tmp.mkdir(mode=DIR_MODE)
    return tmp


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    """Make renames inside ``path`` durable (a power cut, not just a killed process)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish_generation(index_dir: Path, tmp: Path, keep_old: int = 1) -> Path:
    """Make ``tmp`` the live index: rename it, then swap CURRENT atomically. Published files are owner-only."""
    restrict_tree(tmp)  # llama-index, numpy and FAISS write with the process umask
    _fsync_tree(tmp)
    crash_point("publish_before_rename")
    final = tmp.with_name(tmp.name[: -len(".tmp")])
    os.replace(tmp, final)
    _fsync_dir(index_dir)
    crash_point("publish_after_rename")
    pointer_tmp = index_dir / f"{CURRENT_FILE}.tmp-{os.getpid()}"
    pointer_tmp.write_text(final.name, encoding="utf-8")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    crash_point("publish_before_pointer_swap")
    os.replace(pointer_tmp, index_dir / CURRENT_FILE)
    _fsync_dir(index_dir)
    crash_point("publish_after_pointer_swap")
    clean_index_dir(index_dir, keep_old)
    return final


def clean_index_dir(index_dir: Path, keep_old: int = 1) -> None:
    """Remove what interrupted ingests left, and old generations beyond ``keep_old``.

    Left-overs are unpublished ``gen-*.tmp`` folders, ``CURRENT.tmp-*`` files and
    generations renamed into place after the live one but never pointed to. A few
    generations older than the live one are kept so readers that opened them can finish.
    Only ingest calls this, under the index's lock, so no publish is in progress.
    """
    for stale in index_dir.glob("gen-*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in index_dir.glob(f"{CURRENT_FILE}.tmp-*"):
        stale.unlink(missing_ok=True)
    live = current_generation(index_dir)
    if live is None:
        return
    live_mtime = live.stat().st_mtime
    older: list[Path] = []
    for gen in index_dir.glob("gen-*"):
        if not gen.is_dir() or gen.name.endswith(".tmp") or gen == live:
            continue
        if gen.stat().st_mtime > live_mtime or not (gen / "manifest.json").is_file():
            shutil.rmtree(gen, ignore_errors=True)  # never published, or incomplete
        else:
            older.append(gen)
    older.sort(key=lambda p: p.stat().st_mtime)
    for old in older[: max(0, len(older) - keep_old)]:
        shutil.rmtree(old, ignore_errors=True)


def write_chunks(gen: Path, chunks: list[Chunk]) -> None:
    with (gen / "chunks.jsonl").open("w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(chunk.__dict__, ensure_ascii=False) + "\n")


def check_compatible(manifest: Manifest, embedding_model: str, multilingual_model: str | None) -> None:
    """Refuse an index built with another schema or model, naming the fix."""
    fix = "Rebuild it with: policy-copilot ingest --rebuild"
    if manifest.schema_version != SCHEMA_VERSION:
        raise IndexIncompatible(
            f"The index was built with schema version {manifest.schema_version}; this version reads "
            f"{SCHEMA_VERSION}. {fix}"
        )
    if manifest.embedding_model != embedding_model:
        raise IndexIncompatible(
            f"The index was built with embedding model {manifest.embedding_model!r} but the "
            f"configuration asks for {embedding_model!r}. {fix} (or set embedding.model back)."
        )
    if multilingual_model and manifest.multilingual_model != multilingual_model:
        raise IndexIncompatible(
            f"The index has no {multilingual_model!r} multilingual index. {fix} "
            "(or set embedding.multilingual = false)."
        )
