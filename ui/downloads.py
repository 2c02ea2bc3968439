"""Private, bounded storage for files the app hands to Gradio (draft downloads) and for Gradio's own cache.

Gradio copies every file a component returns, and every upload, into its cache
(``$GRADIO_TEMP_DIR``, by default ``/tmp/gradio``: shared by every program on the
machine and created with the default permissions), and never deletes them unless
``delete_cache`` is set. ``private_gradio_cache`` gives this process its own cache,
a fresh 0700 folder removed at exit; ``DraftDownloads`` writes a download into that
cache (so Gradio serves it without another copy), 0600, and keeps only the newest
``keep`` of them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from collections import deque
from pathlib import Path

from index.filemodes import private_dir, write_private

_CACHE_LOCK = threading.Lock()
CACHE_AGE_S = 3600  # Blocks(delete_cache=...): Gradio's copies older than an hour are deleted, checked hourly


def private_gradio_cache() -> Path:
    """Point ``GRADIO_TEMP_DIR`` at a 0700 folder owned by this process (made once; removed at exit).

    Call before building the ``gr.Blocks``: Gradio reads the variable when a Blocks is created.
    """
    with _CACHE_LOCK:
        current = os.environ.get("GRADIO_TEMP_DIR")
        if current and Path(current).name.startswith("policy-copilot-gradio-") and Path(current).is_dir():
            return Path(current)
        if current:  # set by the operator: use it, but never readable by others
            return private_dir(Path(current))
        folder = Path(tempfile.mkdtemp(prefix="policy-copilot-gradio-"))  # mkdtemp: mode 0700, unique
        atexit.register(shutil.rmtree, folder, True)
        os.environ["GRADIO_TEMP_DIR"] = str(folder)
        return folder


class DraftDownloads:
    """The newest ``keep`` draft downloads, each in its own 0700 folder of files 0600."""

    def __init__(self, root: Path | None = None, keep: int = 256) -> None:
        self._root = root
        self._folders: deque[Path] = deque()
        self._keep = keep
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = private_dir(private_gradio_cache() / "policy-copilot-drafts")
        return self._root

    def folder(self) -> Path:
        """A new private folder for one download; the oldest beyond ``keep`` are deleted."""
        folder = Path(tempfile.mkdtemp(prefix="draft-", dir=private_dir(self.root)))
        with self._lock:
            self._folders.append(folder)
            while len(self._folders) > self._keep:
                shutil.rmtree(self._folders.popleft(), ignore_errors=True)
        return folder

    def write_text(self, folder: Path, name: str, text: str) -> Path:
        return write_private(folder / name, text.encode("utf-8"))
