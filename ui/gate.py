"""A second lock on the door: with login on, refuse every request without a live session.

Gradio's ``auth=`` guards its data and API routes, but a few (``/gradio_api/cancel``,
``/heartbeat``, ``/stream``, ``/startup-events``, monitoring, run history, ...) are
not checked. This ASGI middleware sits in front of the whole app and answers
401 to anything that is not part of drawing the login page, unless the request
carries a session cookie Gradio issued at sign-in. It reads Gradio's own session
table (``app.tokens``), so there is one source of truth for who is signed in;
``tests/test_robustness_access.py`` fails if a Gradio upgrade changes that. On top:

* a session ends after ``ui.session_hours`` or ``ui.session_idle_minutes`` without use
  (``ui.sessions.SessionClock``), and when its user is removed from the users file;
* a ``session_hash`` serves only the user who first used it (``ui.sessions.SessionOwners``);
* ``/monitoring`` (per-function counts, administrators' actions included) is for administrators;
* ``/gradio_api/deep_link`` is off: it would save one user's conversation where a link opens it.

It also tells ``ui.throttle`` the client's address for the sign-in it is checking.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from starlette.requests import HTTPConnection

from ui.asgi import ASGIApp, Message, Receive, Scope, Send, client_address, header, refuse
from ui.auth import UserStore
from ui.sessions import SessionClock, SessionOwners, hashes_in
from ui.throttle import CLIENT_ADDRESS

# What the login page itself needs: the page, its static assets, the login form post.
_OPEN_EXACT = {"/", "/login", "/login/", "/logout", "/favicon.ico", "/theme.css", "/gradio_api/theme.css",
               "/manifest.json", "/robots.txt"}
_OPEN_PREFIXES = ("/assets/", "/static/", "/svelte/", "/gradio_api/login_check")
# Gradio's launch() calls this once, without a session, to start the queue; later calls do nothing.
_OPEN_EXACT.add("/gradio_api/startup-events")
_CLOSED = {"/gradio_api/deep_link", "/gradio_api/deep_link/"}
MAX_JSON_BODY = 32 * 1024 * 1024
REFUSAL = {"detail": "Not signed in. Open the Policy Copilot address in a browser and sign in first."}
NOT_YOURS = "This conversation belongs to another signed-in session. Reload the page to start your own."
ADMINS_ONLY = "Monitoring shows every user's activity, so only administrators may see it."
NO_DEEP_LINKS = "Sharing links are turned off: they would carry one person's conversation to whoever opens them."


def session_token(scope: Scope) -> str | None:
    app = scope.get("app")
    cookie_id = getattr(app, "cookie_id", None)
    if cookie_id is None:
        return None
    cookies = HTTPConnection(scope).cookies
    return cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")


def signed_in_user(scope: Scope) -> str | None:
    """The user name behind the request's Gradio session cookie, if it is in Gradio's session table."""
    tokens = getattr(scope.get("app"), "tokens", None)
    token = session_token(scope)
    return tokens.get(token) if tokens is not None and token else None


class LoginGate:
    """ASGI middleware: see the module docstring."""

    def __init__(self, app: ASGIApp, enabled: bool = True, users: UserStore | None = None,
                 session_s: float = 12 * 3600, idle_s: float = 3600) -> None:
        self.app = app
        self.enabled = enabled
        self.users = users
        self.clock = SessionClock(session_s, idle_s)
        self.owners = SessionOwners()

    def _end(self, tokens: MutableMapping[str, Any], token: str) -> None:
        tokens.pop(token, None)
        self.clock.forget({token})

    def live_user(self, scope: Scope) -> tuple[str | None, bool]:
        """(user name, admin) for a live session, else (None, False); dead sessions are removed from Gradio."""
        tokens = getattr(scope.get("app"), "tokens", None)
        token = session_token(scope)
        name = tokens.get(token) if tokens is not None and token else None
        if name is None or tokens is None or token is None:
            return None, False
        user = self.users.get(name) if self.users is not None else None
        if (self.users is not None and user is None) or self.clock.expired(token):
            self._end(tokens, token)
            return None, False
        return name, bool(user and user.admin)

    def _watch_login(self, send: Send) -> Send:
        """Note when Gradio issues a session cookie, so its lifetime counts from sign-in."""

        async def watching(message: Message) -> None:
            if message["type"] == "http.response.start":
                for key, value in message.get("headers", []):
                    if key.lower() == b"set-cookie":
                        for morsel in SimpleCookie(value.decode("latin-1")).values():
                            if morsel.key.startswith("access-token-unsecure-") and morsel.value:
                                self.clock.issued(morsel.value)
            await send(message)

        return watching

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        CLIENT_ADDRESS.set(client_address(scope))
        path = scope.get("path", "")
        if not self.enabled:
            if path in _CLOSED:
                await refuse(scope, send, 404, NO_DEEP_LINKS)
                return
            await self.app(scope, receive, send)
            return
        user, admin = self.live_user(scope)
        if path in _OPEN_EXACT or path.startswith(_OPEN_PREFIXES):
            watched = self._watch_login(send) if path.startswith("/login") else send
            await self.app(scope, receive, watched)
            return
        if user is None:
            await refuse(scope, send, 401, REFUSAL["detail"])
            return
        if path in _CLOSED:
            await refuse(scope, send, 404, NO_DEEP_LINKS)
            return
        if path.startswith("/monitoring") and not admin:
            await refuse(scope, send, 403, ADMINS_ONLY)
            return
        body: bytes | None = None
        if scope["type"] == "http" and scope.get("method") == "POST" and \
                (header(scope, b"content-type") or "").startswith("application/json"):
            body = await _read_body(receive)
            if body is None:
                await refuse(scope, send, 413, "The request is too large.")
                return
            receive = _replay(body, receive)
        if not all(self.owners.claim(h, user) for h in hashes_in(scope, body)):
            await refuse(scope, send, 403, NOT_YOURS)
            return
        await self.app(scope, receive, send)


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > MAX_JSON_BODY:
            return None
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that yields the already-read body once, then defers to the real one (disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
