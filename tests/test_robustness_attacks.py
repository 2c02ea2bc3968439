"""Issue #20: attacks from the same host or network, each against a real server on 127.0.0.1.

Another signed-in user, another program on the machine (a page on another port), a
script guessing passwords. Each test reproduces the attack and asserts it fails.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from test_ui_support import PASSWORDS, RESTRICTED_QUESTION, restricted_settings, serve_demo, settings_copy, write_users

from ui.auth import UserStore, add_user, remove_user
from ui.service import CopilotService

EXTRA = {"tess": "tess-pass-123", "rita": "rita-pass-123"}
EVIL = ["http://127.0.0.1:9", "http://localhost:9", "null", "https://evil.example"]


def _service(built_index, factory: pytest.TempPathFactory, **ui: float) -> tuple[CopilotService, Path]:
    settings = settings_copy(restricted_settings(factory.getbasetemp(), built_index), factory.mktemp("attack-audit"))
    settings.llm.backend = "extractive"
    settings.ui = settings.ui.model_copy(update=ui)
    path = write_users(factory.mktemp("attack-users") / "users.toml")
    for name, password in EXTRA.items():
        add_user(path, name, password, [])
    return CopilotService(settings, users=UserStore(path)), path


@pytest.fixture(scope="module")
def server(built_index, tmp_path_factory):  # type: ignore[no-untyped-def]
    service, path = _service(built_index, tmp_path_factory)
    with serve_demo(service) as (url, demo):
        yield url.rstrip("/"), path


@pytest.fixture(scope="module")
def short_server(built_index, tmp_path_factory):  # type: ignore[no-untyped-def]
    service, path = _service(built_index, tmp_path_factory, session_hours=6 / 3600, session_idle_minutes=3 / 60)
    with serve_demo(service) as (url, demo):
        yield url.rstrip("/")


@contextmanager
def _login(url: str, user: str, password: str | None = None) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=30) as client:
        response = client.post("/login", data={"username": user, "password": password or {**PASSWORDS, **EXTRA}[user]})
        assert response.status_code == 200, response.text
        yield client


# ---- 2. CORS ---------------------------------------------------------------------------------
def test_cors_grants_no_other_origin_credentials(server) -> None:  # type: ignore[no-untyped-def]
    url, _ = server
    with _login(url, "ivy") as ivy:
        for origin in EVIL:
            for host in (None, "policy.example.gov.hk"):  # on loopback, and behind a real host name
                headers = {"Origin": origin, **({"Host": host} if host else {})}
                response = ivy.get("/config", headers=headers)
                assert "access-control-allow-origin" not in response.headers, (origin, host)
                assert response.headers.get("access-control-allow-credentials") != "true"
                preflight = ivy.options("/gradio_api/queue/join", headers={
                    **headers, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
                assert "access-control-allow-origin" not in preflight.headers, (origin, host)
        assert ivy.get("/config").status_code == 200  # same-origin use is unaffected


# ---- 3. session hash bound to its user --------------------------------------------------------
def test_another_user_cannot_use_a_known_session_hash(server) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    url, _ = server
    ivy = Client(url, auth=("ivy", PASSWORDS["ivy"]), verbose=False)
    ivy.predict(api_name="/on_load")
    answer = ivy.predict(RESTRICTED_QUESTION, "extractive", 8, [], "", "", "auto", api_name="/ask")
    assert "47 million" in str(answer)  # positive control: ivy's conversation holds the restricted answer
    victim = ivy.session_hash
    with _login(url, "otto") as otto:
        link = otto.get("/gradio_api/deep_link", params={"session_hash": victim})
        assert link.status_code in (403, 404) and "47 million" not in link.text
        if link.status_code == 200 and link.json():  # (before the fix) the link opened ivy's conversation
            assert "47 million" not in otto.get("/", params={"deep_link": link.json()}).text
        with otto.stream("GET", "/gradio_api/queue/data", params={"session_hash": victim}, timeout=5) as stream:
            assert stream.status_code == 403
        assert otto.get(f"/gradio_api/heartbeat/{victim}", timeout=5).status_code == 403
        join = otto.post("/gradio_api/queue/join", json={"data": [], "fn_index": 0, "session_hash": victim})
        assert join.status_code == 403
    again = ivy.predict(RESTRICTED_QUESTION, "extractive", 8, [], "", "", "auto", api_name="/ask")
    assert "47 million" in str(again)  # the owner still uses her session


# ---- 4. throttling, and hashing off the event loop --------------------------------------------
def test_repeated_wrong_passwords_lock_the_account(server) -> None:  # type: ignore[no-untyped-def]
    url, _ = server
    with httpx.Client(base_url=url, timeout=30) as client:
        codes = [client.post("/login", data={"username": "tess", "password": f"wrong-{i}"}).status_code
                 for i in range(6)]
        assert codes[:5] == [400] * 5 and codes[5] == 429, codes
        right = client.post("/login", data={"username": "tess", "password": EXTRA["tess"]})
        assert right.status_code == 429 and "Too many failed sign-ins" in right.text
        assert int(right.headers["retry-after"]) > 0
    with _login(url, "nora") as nora:  # another user from the same address is not locked out
        assert nora.get("/config").status_code == 200


def test_parallel_logins_do_not_stall_other_requests(server) -> None:  # type: ignore[no-untyped-def]
    url, _ = server
    quiet = min(_timed(url) for _ in range(3))
    threads = [threading.Thread(target=httpx.post, args=(f"{url}/login",),
                                kwargs={"data": {"username": f"nobody{i}", "password": "x" * 12}, "timeout": 60})
               for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    busy = _timed(url)
    for thread in threads:
        thread.join()
    assert busy < max(1.0, 10 * quiet), (busy, quiet)


def _timed(url: str) -> float:
    start = time.perf_counter()
    assert httpx.get(f"{url}/robots.txt", timeout=30).status_code == 200
    return time.perf_counter() - start


# ---- 7. sessions end ------------------------------------------------------------------------
def test_removed_users_session_is_rejected(server) -> None:  # type: ignore[no-untyped-def]
    url, path = server
    with _login(url, "rita") as rita:
        assert rita.get("/config").status_code == 200
        assert remove_user(path, "rita")
        assert rita.get("/config").status_code == 401
        assert rita.post("/gradio_api/queue/join", json={"data": [], "fn_index": 0, "session_hash": "r1"}
                         ).status_code == 401


def test_sessions_expire_when_idle_and_when_old(short_server: str) -> None:
    with _login(short_server, "nora") as nora:
        for _ in range(3):  # used every 2 s: the idle limit (3 s) never passes...
            assert nora.get("/config").status_code == 200
            time.sleep(2)
        assert nora.get("/config").status_code == 401  # ...but the 6 s lifetime has
    with _login(short_server, "nora") as idle:
        assert idle.get("/config").status_code == 200
        time.sleep(3.5)
        assert idle.get("/config").status_code == 401


# ---- 8. login and logout CSRF ---------------------------------------------------------------
CROSS_SITE = {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image",
              "Referer": "http://127.0.0.1:9/attack.html"}


def test_cross_site_logout_and_login_are_refused(server) -> None:  # type: ignore[no-untyped-def]
    url, _ = server
    with _login(url, "ivy") as ivy:
        assert ivy.get("/logout", headers=CROSS_SITE, follow_redirects=False).status_code == 403
        assert ivy.get("/logout", headers={"Referer": "http://127.0.0.1:9/x"}, follow_redirects=False
                       ).status_code == 403  # a browser without Fetch Metadata
        assert ivy.get("/config").status_code == 200  # still signed in
        assert ivy.get("/logout", headers={"Sec-Fetch-Site": "same-origin", "Referer": url + "/"},
                       follow_redirects=False).status_code == 302  # the page's own Sign out link works
        assert ivy.get("/config").status_code == 401
    with httpx.Client(base_url=url, timeout=30) as client:
        for origin in EVIL:
            forged = client.post("/login", data={"username": "otto", "password": PASSWORDS["otto"]},
                                 headers={"Origin": origin})
            assert forged.status_code == 403 and "set-cookie" not in forged.headers, origin
        own = client.post("/login", data={"username": "otto", "password": PASSWORDS["otto"]},
                          headers={"Origin": url, "Sec-Fetch-Site": "same-origin"})
        assert own.status_code == 200


# ---- 9. headers, monitoring ------------------------------------------------------------------
def test_security_headers_on_every_response(server) -> None:  # type: ignore[no-untyped-def]
    url, _ = server
    for response in (httpx.get(url + "/", timeout=30), httpx.get(url + "/config", timeout=30)):
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] in ("same-origin", "no-referrer")


def test_monitoring_summary_is_for_administrators_only(server) -> None:  # type: ignore[no-untyped-def]
    url, _ = server
    with _login(url, "otto") as otto:
        refused = otto.get("/monitoring/summary")
        assert refused.status_code == 403 and "functions" not in refused.text
    with _login(url, "ivy") as ivy:
        assert ivy.get("/monitoring/summary").status_code != 403


# ---- 4 (address): last, as it locks 127.0.0.1 out of short_server --------------------------
def test_one_address_guessing_many_accounts_is_locked_out(short_server: str) -> None:
    with httpx.Client(base_url=short_server, timeout=30) as client:
        codes = [client.post("/login", data={"username": f"guess{i}", "password": "password1"}).status_code
                 for i in range(21)]
        assert 429 in codes, codes
        right = client.post("/login", data={"username": "ivy", "password": PASSWORDS["ivy"]})
        assert right.status_code == 429


def test_lockout_grows_then_expires_and_success_clears_only_the_user() -> None:
    from ui.throttle import LoginThrottle

    now = [0.0]
    throttle = LoginThrottle(per_user=3, per_address=5, lockout_s=10, max_lockout_s=40, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait_s("tess", "10.0.0.1") == 0
        throttle.record("tess", "10.0.0.1", ok=False)
    assert throttle.wait_s("TESS", "10.0.0.2") == 10  # per user name, whatever the address or case
    throttle.record("tess", "10.0.0.1", ok=False)
    assert throttle.wait_s("tess", "10.0.0.9") == 20  # doubling
    now[0] = 25.0
    assert throttle.wait_s("tess", "10.0.0.9") == 0  # expired
    throttle.record("tess", "10.0.0.1", ok=True)
    assert throttle.users.wait_s("tess") == 0
    throttle.record("x", "10.0.0.1", ok=False)  # the address's 5th failure: a success did not clear it
    assert throttle.wait_s("anyone", "10.0.0.1") > 0
