"""Small ASGI helpers shared by the security middleware (``ui/gate.py``, ``ui/csrf.py``, ``ui/headers.py``).

Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``: it does not buffer
streamed responses (the queue's server-sent events) and keeps ``contextvars``
visible to the route that handles the request.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def refuse(scope: Scope, send: Send, status: int, detail: str,
                 headers: dict[str, str] | None = None) -> None:
    """Answer ``status`` with ``{"detail": ...}`` (or close a websocket) without calling the app."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def header(scope: Scope, name: bytes) -> str | None:
    """The first value of request header ``name`` (lower-case bytes), decoded as Latin-1."""
    for key, value in scope.get("headers") or []:
        if key == name:
            return value.decode("latin-1")
    return None


def client_address(scope: Scope) -> str:
    """The peer address; a proxy in front must be trusted explicitly (see the README), so no X-Forwarded-For."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
