"""Helpers shared by the web-app tests (this module holds no tests).

* ``restricted_settings``: the bundled corpus plus one invented document restricted
  to the ITIB group, ingested once per session (memoised on disk, because each
  test module that imports the fixture gets its own fixture instance);
* ``write_users``: a users file with an ITIB administrator, an OGCIO officer and a
  user without groups;
* ``serve_app``: the real app (``ui.app`` + ``ui.launch``) on a free loopback port;
* ``browser``: Debian's Chromium driven by Playwright, skipped with the reason if absent.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import make_settings

from core.config import Settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
RESTRICTED_DOC = "2025-06-02_itib-internal_falcon-pilot.md"
RESTRICTED_TITLE = "Project Falcon: internal planning note"
RESTRICTED_QUESTION = "What is the budget of Project Falcon?"
# Invented text: distinctive words so that, if it were visible, a question about it would find it.
RESTRICTED_TEXT = """# Project Falcon

1. Project Falcon is an internal pilot of the Innovation, Technology and Industry Bureau that tests a \
sovereign large language model for drafting briefing notes in four bureaux.

2. The Falcon pilot has a confidential budget of 47 million dollars and runs from July 2025 to June 2026, \
after which the Falcon steering group will report on whether to extend it.
"""
PASSWORDS = {"ivy": "ivy-pass-123", "otto": "otto-pass-123", "nora": "nora-pass-123"}


def settings_copy(settings: Settings, audit_dir: Path) -> Settings:
    """A private Settings (the session fixture's object is shared) writing its audit log under ``audit_dir``."""
    copy = settings.model_copy(deep=True)
    copy.ui.audit_log = audit_dir / "audit.jsonl"
    return copy


def restricted_settings(base: Path, built: Settings) -> Settings:
    """The built index plus ``RESTRICTED_DOC`` (groups = ["ITIB"]); ingested once per session."""
    from index.ingest import ingest
    from index.metadata import write_sidecar

    root = base / "restricted-index"
    settings = make_settings(root / "corpus", root / "index")
    if not (root / ".ready").exists():
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(built.paths.corpus_dir, root / "corpus")
        shutil.copytree(built.paths.index_dir, root / "index")
        doc = root / "corpus" / RESTRICTED_DOC
        doc.write_text(RESTRICTED_TEXT, encoding="utf-8")
        write_sidecar(doc, {"title": RESTRICTED_TITLE, "date": "2025-06-02", "kind": "internal note",
                            "groups": ["ITIB"]})
        report = ingest(settings, show_bar=False)
        assert RESTRICTED_DOC in report.added
        (root / ".ready").touch()
    return settings


def write_users(path: Path) -> Path:
    from ui.auth import add_user

    add_user(path, "ivy", PASSWORDS["ivy"], ["ITIB"], admin=True)
    add_user(path, "otto", PASSWORDS["otto"], ["OGCIO"])
    add_user(path, "nora", PASSWORDS["nora"], [])
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_demo(service) -> Iterator[tuple[str, Any]]:  # type: ignore[no-untyped-def]
    """Start the real app for ``service`` on 127.0.0.1; yield its URL and the Gradio Blocks; closed afterwards."""
    from ui.app import build_app
    from ui.launch import launch

    demo = build_app(service)
    port = free_port()
    launch(demo, service, "127.0.0.1", port, block=False)
    try:
        yield f"http://127.0.0.1:{port}/", demo
    finally:
        demo.close()


@contextmanager
def serve_app(service) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Start the real app for ``service`` on 127.0.0.1 and yield its URL; closed afterwards."""
    with serve_demo(service) as (url, _demo):
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium; CI does).")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under tests/artifacts/ (git-ignored) for people to look at."""
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
