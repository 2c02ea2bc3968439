"""Login and document groups: passwords, the group rule everywhere, and every route refusing strangers.

Uses the real index with one invented document restricted to the ITIB group; the
ITIB user is the positive control that shows the document *would* be found.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_ui_support import (
    PASSWORDS,
    RESTRICTED_DOC,
    RESTRICTED_QUESTION,
    RESTRICTED_TITLE,
    browser,  # noqa: F401 - fixture
    restricted_settings,
    serve_demo,
    settings_copy,
    shot,
    write_users,
)

from ui.access import AccessDenied, Viewer
from ui.auth import UsersFileError, UserStore, add_user
from ui.documents import UploadError
from ui.service import CopilotService


@pytest.fixture(scope="module")
def service(built_index, tmp_path_factory: pytest.TempPathFactory) -> CopilotService:
    base = tmp_path_factory.getbasetemp()
    settings = settings_copy(restricted_settings(base, built_index), tmp_path_factory.mktemp("access-audit"))
    settings.llm.backend = "extractive"
    users = UserStore(write_users(tmp_path_factory.mktemp("access-users") / "users.toml"))
    return CopilotService(settings, users=users)


@pytest.fixture(scope="module")
def served(service: CopilotService):  # type: ignore[no-untyped-def]
    with serve_demo(service) as running:
        yield running


@pytest.fixture(scope="module")
def app_url(served) -> str:  # type: ignore[no-untyped-def]
    return served[0]


# ---- users file --------------------------------------------------------------------------------
def test_users_file_keeps_only_argon2_hashes_and_checks_passwords(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    add_user(path, "alice", "correct horse battery", ["ITIB"], admin=True)
    text = path.read_text()
    assert "correct horse battery" not in text and "$argon2id$" in text
    store = UserStore(path)
    assert store.verify("alice", "correct horse battery")
    assert not store.verify("alice", "wrong password")
    assert not store.verify("mallory", "correct horse battery")
    assert store.get("alice").groups == frozenset({"ITIB"}) and store.get("alice").admin
    add_user(path, "bob", "another password", [])  # picked up without a restart
    assert store.verify("bob", "another password") and store.get("bob").groups == frozenset()
    with pytest.raises(ValueError, match="at least 8"):
        add_user(path, "carol", "short")


def test_missing_or_broken_users_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(UsersFileError, match="ui.users add"):
        UserStore(tmp_path / "absent.toml")
    broken = tmp_path / "users.toml"
    broken.write_text('[users.alice]\npassword_hash = "plain-text"\n')
    with pytest.raises(UsersFileError, match="argon2"):
        UserStore(broken)


# ---- the group rule, below the web layer -------------------------------------------------------
def _docs_in(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {h.doc for h in result.answer.contexts} | {c.passage.doc for c in result.answer.citations}


def _ask(service: CopilotService, user: str, question: str):  # type: ignore[no-untyped-def]
    events = list(service.ask(service.viewer(user), question))
    return events[-1][1]


def test_restricted_document_reaches_only_its_group(service: CopilotService) -> None:
    ivy, otto, nora = (service.viewer(name) for name in ("ivy", "otto", "nora"))
    assert RESTRICTED_DOC in service.visible_doc_ids(ivy)
    assert RESTRICTED_DOC in _docs_in(_ask(service, "ivy", RESTRICTED_QUESTION))  # positive control
    for viewer in (otto, nora):
        assert RESTRICTED_DOC not in service.visible_doc_ids(viewer)
        assert len(service.visible_doc_ids(viewer)) == 5
        result = _ask(service, viewer.name, RESTRICTED_QUESTION)
        assert RESTRICTED_DOC not in _docs_in(result)
        assert "Falcon" not in result.answer.answer and RESTRICTED_TITLE not in result.answer.answer
        with pytest.raises(AccessDenied):
            service.summarise(viewer, doc=RESTRICTED_DOC)
        summary, _ = service.summarise(viewer, topic="Project Falcon budget")
        assert RESTRICTED_DOC not in {c["doc"] for c in summary.citations}
        draft, _ = service.draft(viewer, "Question:\n(1) what is the budget of Project Falcon; and\n"
                                         "(2) which bureaux take part in the Falcon pilot?")
        assert RESTRICTED_DOC not in {s["doc"] for s in draft.sources}
    records = service.audit.records()
    assert {r["user"] for r in records} >= {"ivy", "otto", "nora"}


def test_only_administrators_change_documents_and_only_within_their_groups(
    service: CopilotService, tmp_path: Path
) -> None:
    upload = tmp_path / "note.md"
    upload.write_text("1. A note about open data portals and their usage statistics for the year.\n")
    with pytest.raises(AccessDenied, match="administrators"):
        service.add_document(service.viewer("nora"), upload, {"title": "Note"})
    with pytest.raises(AccessDenied, match="groups you belong to"):
        service.add_document(service.viewer("ivy"), upload, {"title": "Note", "groups": ["OGCIO"]})
    with pytest.raises(AccessDenied):
        service.delete_document(service.viewer("otto"), RESTRICTED_DOC)
    with pytest.raises(UploadError, match="already exists"):  # a name taken by a hidden document is not revealed
        service.add_document(Viewer("admin-without-groups", frozenset(), admin=True), upload,
                             {"filename": RESTRICTED_DOC})
    assert RESTRICTED_DOC in service.visible_doc_ids(service.viewer("ivy"))


def test_feedback_only_on_ones_own_answers(service: CopilotService) -> None:
    result = _ask(service, "otto", "What is the AI Subsidy Scheme?")
    with pytest.raises(AccessDenied):
        service.feedback(service.viewer("nora"), result.record_id, "down")
    service.feedback(service.viewer("otto"), result.record_id, "up", "useful")
    (record,) = [r for r in service.audit.records() if r["id"] == result.record_id]
    assert record["feedback"][0]["rating"] == "up" and record["feedback"][0]["comment"] == "useful"


# ---- HTTP: every route refuses an unauthenticated request ---------------------------------------
PROTECTED = [
    ("GET", "/config"),
    ("GET", "/gradio_api/info"),
    ("GET", "/gradio_api/openapi.json"),
    ("POST", "/gradio_api/queue/join"),
    ("GET", "/gradio_api/queue/data?session_hash=abc"),
    ("POST", "/gradio_api/run/on_load"),
    ("POST", "/gradio_api/call/on_load"),
    ("POST", "/gradio_api/upload"),
    ("GET", "/gradio_api/file=" + RESTRICTED_DOC),
    ("POST", "/gradio_api/cancel"),
    ("GET", "/gradio_api/heartbeat/abc"),
    ("GET", "/gradio_api/upload_progress?upload_id=x"),
    ("GET", "/monitoring"),
    ("POST", "/gradio_api/reset"),
]


@pytest.mark.parametrize("method, path", PROTECTED)
def test_unauthenticated_request_is_refused(app_url: str, method: str, path: str) -> None:
    response = httpx.request(method, app_url.rstrip("/") + path, json={}, timeout=10)
    assert response.status_code == 401, (path, response.status_code, response.text[:200])
    assert "Falcon" not in response.text


# every route the server has, not only the ones we thought of: FastAPI's own, Gradio's, the API's
OPEN = {"/", "/login", "/login/", "/logout", "/favicon.ico", "/theme.css", "/gradio_api/theme.css", "/manifest.json",
        "/robots.txt", "/gradio_api/startup-events"}  # what drawing the login page needs (ui/gate.py)
OPEN_PREFIXES = ("/assets/", "/static/", "/svelte/", "/gradio_api/login_check")


def _routes(routes: Any, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for route in routes:
        if hasattr(route, "original_router"):  # an included router (Gradio's /gradio_api)
            found += _routes(route.original_router.routes, prefix + (route.include_context.prefix or ""))
        elif hasattr(route, "path"):
            for method in sorted(getattr(route, "methods", None) or {"WEBSOCKET"}):
                found.append((method, prefix + route.path))
    return found


def _concrete(path: str, on_disk: Path) -> str:
    values = {"api_name": "ask", "path_or_url": str(on_disk), "path": RESTRICTED_DOC, "url_path": "http://127.0.0.1/"}
    return re.sub(r"\{(\w+)(?::path)?\}", lambda m: values.get(m.group(1), "x"), path)


def test_every_route_refuses_a_request_without_a_session(served, service: CopilotService) -> None:
    url, demo = served
    routes = _routes(demo.server_app.routes)
    assert len(routes) > 60 and ("POST", "/gradio_api/queue/join") in routes  # the walk found Gradio's API
    on_disk = service.settings.paths.corpus_dir / RESTRICTED_DOC
    refused, leaks, checked = [], [], 0
    for method, path in routes:
        if method == "WEBSOCKET" or method == "HEAD":
            continue
        target = _concrete(path, on_disk)
        response = httpx.request(method, url.rstrip("/") + target, json={"data": [RESTRICTED_QUESTION]}, timeout=10)
        checked += 1
        if "Falcon" in response.text or "47 million" in response.text:
            leaks.append((method, target))
        is_open = path in OPEN or path.startswith(OPEN_PREFIXES)
        if not is_open and response.status_code != 401:
            refused.append((method, target, response.status_code))
    assert not leaks, leaks
    assert not refused, refused
    print(f"{checked} route/method pairs tried without a session")


def _client(url: str, user: str):  # type: ignore[no-untyped-def]
    from gradio_client import Client

    client = Client(url, auth=(user, PASSWORDS[user]), verbose=False)
    client.predict(api_name="/on_load")  # what the page does first: fills this session's document pickers
    return client


SECRET = ("47 million", "sovereign large language model", RESTRICTED_TITLE, RESTRICTED_DOC)


def _leaks(output: Any) -> list[str]:
    text = str(output)
    return [s for s in SECRET if s in text]


@pytest.mark.parametrize("user", ["otto", "nora"])
def test_api_calls_never_return_another_groups_document(app_url: str, user: str) -> None:
    """Through the API (gradio_client), not the page: ask, a crafted document filter, summaries, drafts, delete."""
    from gradio_client.exceptions import AppError

    client = _client(app_url, user)
    answer = client.predict(RESTRICTED_QUESTION, "extractive", 8, [], "", "", "auto", api_name="/ask")
    assert not _leaks(answer)
    with pytest.raises(AppError) as crafted:  # naming the hidden document in the filter is refused...
        client.predict(RESTRICTED_QUESTION, "extractive", 8, [RESTRICTED_DOC], "", "", "auto", api_name="/ask")
    assert "Falcon pilot" not in str(crafted.value) and "47 million" not in str(crafted.value)  # ...without a leak
    for call in (
        lambda: client.predict("doc", RESTRICTED_DOC, "", "brief", "", False, "extractive", api_name="/run_1"),
        lambda: client.predict(RESTRICTED_DOC, api_name="/delete"),
    ):
        with pytest.raises(AppError) as refused:
            call()
        assert not _leaks(str(refused.value).replace(RESTRICTED_DOC, ""))
    topic = client.predict("topic", None, "Project Falcon budget and steering group", "brief", "", False, "extractive",
                           api_name="/run_1")
    assert not _leaks(topic)
    draft = client.predict("Question:\n(1) what is the budget of Project Falcon; and\n(2) who steers the Falcon pilot?",
                           "extractive", api_name="/run")
    assert not _leaks(draft)


def test_api_positive_control_the_group_member_gets_the_document(app_url: str) -> None:
    client = _client(app_url, "ivy")
    answer = client.predict(RESTRICTED_QUESTION, "extractive", 8, [RESTRICTED_DOC], "", "", "auto", api_name="/ask")
    assert "47 million" in str(answer)


def test_login_page_names_no_document_and_login_opens_only_the_users_documents(
    app_url: str, service: CopilotService
) -> None:
    page = httpx.get(app_url, timeout=10)
    assert page.status_code == 200 and '"auth_required":true' in page.text.replace(" ", "")
    assert "Falcon" not in page.text and "AI Supercomputing" not in page.text
    assert '"named_endpoints":{}' in page.text.replace(" ", "")  # no endpoint schema for strangers
    with httpx.Client(base_url=app_url, timeout=10) as client:
        assert client.post("/login", data={"username": "otto", "password": "wrong"}).status_code == 400
        assert client.get("/config").status_code == 401
        assert client.post("/login", data={"username": "otto", "password": PASSWORDS["otto"]}).status_code == 200
        config = client.get("/config")
        assert config.status_code == 200 and "Falcon" not in config.text
        on_disk = service.settings.paths.corpus_dir / RESTRICTED_DOC  # Gradio's file route must not serve it
        leaked = client.get(f"/gradio_api/file={on_disk}")
        assert leaked.status_code in (403, 404) and "Falcon" not in leaked.text


@pytest.mark.parametrize("user, sees", [("otto", False), ("ivy", True)])
def test_api_returns_only_the_users_documents(app_url: str, user: str, sees: bool) -> None:
    from gradio_client import Client

    client = Client(app_url, auth=(user, PASSWORDS[user]), verbose=False)
    header, table, *pickers = client.predict(api_name="/on_load")  # the Column's visibility is not an output value
    titles = {row[0] for row in table["data"]}
    assert user in header
    assert (RESTRICTED_TITLE in titles) is sees
    assert len(titles) == 5 + sees
    for picker in pickers:  # document choices in the settings drawer, Summarise and Delete
        assert (RESTRICTED_DOC in {value for _label, value in picker["choices"]}) is sees


# ---- in the browser ---------------------------------------------------------------------------
def _login(page, url: str, user: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_label("username").fill(user)
    page.get_by_label("password").fill(PASSWORDS[user])
    page.get_by_role("button", name="Login").click()
    page.wait_for_selector("#pc-question textarea", timeout=30_000)
    page.wait_for_function("document.querySelector('#pc-header-block')?.innerText.includes('Signed in as')")


def _open_documents(page, expected: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Documents").click()
    page.wait_for_function(f"document.querySelector('#pc-doc-table')?.innerText.includes({expected!r})")


def test_restricted_user_never_sees_the_restricted_document_in_the_browser(browser, app_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(app_url)
    page.get_by_label("username").wait_for()
    shot(page, "login")
    _login(page, app_url, "otto")
    page.fill("#pc-question textarea", RESTRICTED_QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector("#pc-chat .bot-row .answer:not(.pending), #pc-chat .bot-row .refusal", timeout=30_000)
    passages = page.locator("#pc-sources details.source").all_inner_texts()
    assert passages and not any("Falcon" in text or "47 million" in text for text in passages)
    answer = page.locator("#pc-chat .bot-row").last.inner_text()
    # A refusal may name what the asker asked about ("Why: the papers never mention 'Project Falcon'": their own
    # words, and true of every paper they may read); nothing from the document may appear.
    told = "\n".join(line for line in answer.splitlines() if not line.startswith("Why: the papers never mention"))
    assert "Falcon" not in told and "47 million" not in answer
    shot(page, "access-otto-ask")
    _open_documents(page, "LCQ20")
    table = page.inner_text("#pc-doc-table")
    assert "LCQ20" in table and "Falcon" not in table
    assert not page.locator("#pc-doc-manage").is_visible()  # not an administrator
    shot(page, "access-otto-documents")
    page.goto(app_url.rstrip("/") + "/logout")
    _login(page, app_url, "ivy")
    _open_documents(page, "LCQ20")
    assert RESTRICTED_TITLE in page.inner_text("#pc-doc-table")
    assert page.locator("#pc-doc-manage").is_visible()
    shot(page, "access-ivy-documents")
    page.close()
