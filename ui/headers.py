"""Response headers that stop framing, MIME sniffing and URL leaks, and the app's CORS policy.

* ``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``: no other page may frame
  the app (clickjacking the Delete button, reading it through a transparent frame);
* ``X-Content-Type-Options: nosniff``: a served file is never run as a script;
* ``Referrer-Policy: same-origin``: URLs carrying a ``session_hash`` never reach other sites;
* ``Cross-Origin-Opener-Policy: same-origin``: a page that opened the app cannot script it.

CORS: the page and its API share one origin, so no other origin needs to read
responses. Gradio's own CORS middleware echoes any ``localhost``/``127.0.0.1``
origin (any port) with credentials, and any origin at all behind a real host
name; ``cors_middleware`` is Starlette's ``CORSMiddleware`` allowing none, which
``ui.launch`` puts in its place.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from ui.asgi import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every HTTP response (existing values are replaced)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def cors_middleware() -> Middleware:
    """Starlette's CORS middleware with no allowed origin: same-origin use only, never credentials to others."""
    return Middleware(CORSMiddleware, allow_origins=[], allow_credentials=False)
