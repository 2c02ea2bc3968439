"""A second lock on the door: with login on, refuse every request without a session.

Gradio's ``auth=`` guards its data and API routes, but a few (``/gradio_api/cancel``,
``/heartbeat``, ``/stream``, ``/startup-events``, monitoring, run history, ...) are
not checked. This ASGI middleware sits in front of the whole app and answers
401 to anything that is not part of drawing the login page, unless the request
carries a session cookie Gradio issued at sign-in. It reads Gradio's own session
table (``app.tokens``), so there is one source of truth for who is signed in;
``tests/test_robustness_access.py`` fails if a Gradio upgrade changes that.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import HTTPConnection

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# What the login page itself needs: the page, its static assets, the login form post.
_OPEN_EXACT = {"/", "/login", "/login/", "/logout", "/favicon.ico", "/theme.css", "/gradio_api/theme.css",
               "/manifest.json", "/robots.txt"}
_OPEN_PREFIXES = ("/assets/", "/static/", "/svelte/", "/gradio_api/login_check")
# Gradio's launch() calls this once, without a session, to start the queue; later calls do nothing.
_OPEN_EXACT.add("/gradio_api/startup-events")
REFUSAL = {"detail": "Not signed in. Open the Policy Copilot address in a browser and sign in first."}


def signed_in_user(scope: Scope) -> str | None:
    """The user name behind the request's Gradio session cookie, if it is a live session."""
    app = scope.get("app")
    tokens = getattr(app, "tokens", None)
    cookie_id = getattr(app, "cookie_id", None)
    if tokens is None or cookie_id is None:
        return None
    cookies = HTTPConnection(scope).cookies
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    return tokens.get(token) if token else None


class LoginGate:
    """ASGI middleware: 401 for every unauthenticated request except the login page's own."""

    def __init__(self, app: ASGIApp, enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path in _OPEN_EXACT or path.startswith(_OPEN_PREFIXES) or signed_in_user(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps(REFUSAL).encode()
        await send({"type": "http.response.start", "status": 401,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
