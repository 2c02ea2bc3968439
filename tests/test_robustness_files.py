"""Issue #20 items 1, 5, 6: what the server writes is owner-only, and the audit log keeps no personal data.

Files: an administrator uploads a restricted document through a real server; the
corpus copy, its sidecar, the new index generation and draft downloads must be
unreadable by any other local account. Redaction: shapes people really type.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_settings
from test_ui_support import PASSWORDS, restricted_settings, serve_demo, settings_copy, write_users

from ui.auth import UserStore
from ui.redact import EMAIL, HKID, PHONE, redact
from ui.service import CopilotService

SECRET_NOTE = "1. Project Heron is a confidential pilot with a budget of 12 million dollars for drafting notes.\n"


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


@pytest.fixture(scope="module")
def own_server(built_index, tmp_path_factory):  # type: ignore[no-untyped-def]
    shared = restricted_settings(tmp_path_factory.getbasetemp(), built_index)
    root = tmp_path_factory.mktemp("files-index")
    shutil.copytree(shared.paths.corpus_dir, root / "corpus")
    shutil.copytree(shared.paths.index_dir, root / "index")
    settings = settings_copy(make_settings(root / "corpus", root / "index"), root / "audit")
    settings.llm.backend = "extractive"
    users = UserStore(write_users(root / "users.toml"))
    service = CopilotService(settings, users=users)
    with serve_demo(service) as (url, _demo):
        yield url, service


def test_uploaded_document_sidecar_and_index_are_owner_only(own_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client, handle_file

    url, service = own_server
    note = tmp_path / "heron-note.md"
    note.write_text(SECRET_NOTE, encoding="utf-8")
    os.chmod(note, 0o644)
    ivy = Client(url, auth=("ivy", PASSWORDS["ivy"]), verbose=False)
    message = ivy.predict(handle_file(str(note)), "Project Heron", "2025-07-01", "internal note", "ITIB", "ITIB",
                          api_name="/add")[0]
    assert "Added" in str(message), message
    corpus, index_dir = service.settings.paths.corpus_dir, service.settings.paths.index_dir
    for path in (corpus / "heron-note.md", corpus / "heron-note.md.meta.toml", corpus, index_dir):
        assert _private(path), (path, oct(path.stat().st_mode))
    gen = index_dir / (index_dir / "CURRENT").read_text().strip()
    exposed = [p for p in [gen, *gen.rglob("*")] if not _private(p)]
    assert not exposed, exposed[:5]
    assert "Project Heron" in (gen / "chunks.jsonl").read_text(encoding="utf-8")  # the generation is the new one


def test_draft_downloads_are_private_and_bounded(own_server) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    import ui.tasks

    url, _service = own_server
    ui.tasks.DOWNLOADS._keep = 3  # the server runs in this process: a small bound to test
    ivy = Client(url, auth=("ivy", PASSWORDS["ivy"]), verbose=False, download_files=False)
    paths = []
    for i in range(6):
        outputs = ivy.predict(f"Draft reply {i}: the Falcon budget is 47 million dollars.", api_name="/files")
        docx, md = (_server_path(out) for out in outputs)  # FileData, or an update carrying one
        paths.append(md)
        for path in (docx, md):
            assert _private(path), (path, oct(path.stat().st_mode))
            assert not str(path).startswith("/tmp/gradio/")  # not the cache every local program shares
            for parent in path.parents:
                if parent == Path(os.environ["GRADIO_TEMP_DIR"]).parent:
                    break
                assert _private(parent), (parent, oct(parent.stat().st_mode))
    assert [p.exists() for p in paths] == [False, False, False, True, True, True]


def _server_path(output: object) -> Path:
    found = re.search(r"'path': '([^']+)'", str(output))
    assert found, output
    return Path(found.group(1))


def test_users_remove_keeps_the_users_file_private(tmp_path: Path) -> None:
    path = write_users(tmp_path / "users.toml")
    assert _private(path)
    done = subprocess.run([sys.executable, "-m", "ui.users", "remove", "nora", "--file", str(path)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "nora" not in path.read_text() and _private(path), oct(path.stat().st_mode)


# ---- 6. redaction gaps -------------------------------------------------------------------------
@pytest.mark.parametrize("text, secret, placeholder", [
    ("HKID A123456（7） typed with a Chinese input method", "A123456（7）", HKID),
    ("full-width Ａ１２３４５６（７） too", "Ａ１２３４５６（７）", HKID),
    ("HKID A123456 without its check digit", "A123456", HKID),
    ("reply to x [at] y [dot] com", "x [at] y [dot] com", EMAIL),
    ("or jo (at) itib.gov.hk", "jo (at) itib.gov.hk", EMAIL),
])
def test_typed_shapes_of_personal_data_are_redacted(text: str, secret: str, placeholder: str) -> None:
    assert redact(text) == text.replace(secret, placeholder)


def test_two_phone_numbers_in_a_row_are_both_redacted() -> None:
    assert redact("call 5123 4567 6123 4567 today") == f"call {PHONE} {PHONE} today"
    assert redact("years 2024 2025 and Table A 123456") == "years 2024 2025 and Table A 123456"


def test_translation_missing_numbers_are_logged_redacted(built_index, retriever, tmp_path: Path) -> None:
    from fakes import ScriptedLLM

    from rag.llm import LLMHandle
    from ui.access import LOCAL_VIEWER

    settings = built_index.model_copy(deep=True)
    settings.ui.audit_log = tmp_path / "audit.jsonl"
    llm = LLMHandle(ScriptedLLM(reply="請聯絡陳女士。", replies=[], prompts=[]), "scripted", "local")
    service = CopilotService(settings, retriever=retriever, llms={"local": llm})
    result = service.translate(LOCAL_VIEWER, "Call Ms Chan on 9123 4567 about the $3 billion scheme.", "zh-Hant",
                               "local")
    assert "9123" in result.missing_numbers  # the screen shows the user what was lost...
    written = settings.ui.audit_log.read_text(encoding="utf-8")
    record = json.loads(written.splitlines()[-1])
    assert "9123" not in written and "4567" not in written  # ...but the log does not keep the phone number
    assert "3 billion" in record["missing_numbers"]  # figures that are not personal data are kept
