"""Owner-only file modes for everything that holds document text.

Index generations, uploaded documents and their sidecars, draft downloads and
the users file can all hold restricted text (or password hashes). Any other
local account must not read them, whatever the umask of the process that wrote
them: folders 0700, files 0600. ``policy-copilot serve`` also sets the umask to
0o077 so that files written by libraries (llama-index, numpy, Gradio) start private.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
PRIVATE_UMASK = 0o077


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700; returns it."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def restrict_tree(root: Path) -> None:
    """Make ``root`` and everything under it owner-only (folders 0700, files 0600); links are left alone."""
    os.chmod(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def restrict_file(path: Path) -> Path:
    os.chmod(path, FILE_MODE)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, created 0600 (never briefly readable by others), replacing what was there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # an existing file keeps its old mode through O_CREAT
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
    return path
