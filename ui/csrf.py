"""Cross-site request forgery guard: requests another site makes the browser send are refused.

Gradio's session cookie is ``SameSite=None``, so a page on any other site (or on
another port of this machine) can make a signed-in browser call ``/logout`` or
``/login`` or the API. This middleware applies the Fetch Metadata resource
isolation policy (https://web.dev/articles/fetch-metadata): a request whose
``Sec-Fetch-Site`` is ``cross-site`` or ``same-site`` (another port of the same host
is "same-site") is refused, except a plain top-level navigation to a page, so a
link to the app from an e-mail still opens it. Browsers without Fetch Metadata are
covered by the ``Origin`` (or ``Referer``) check on everything that changes state
(any method but GET/HEAD/OPTIONS, ``/logout``, websockets). Clients that send
neither header (scripts, ``gradio_client``) are not browsers carrying someone
else's cookie and pass through to the login gate.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ui.asgi import ASGIApp, Receive, Scope, Send, header, refuse

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_STATE_CHANGING_PATHS = {"/logout", "/logout/"}
REFUSED = ("Refused: this request came from another site or port. Open Policy Copilot at its own address "
           "and use it from there.")


def _host_port(netloc: str, scheme: str = "") -> tuple[str, str]:
    """Host name and port with the scheme's default port dropped (TLS may end at a load balancer)."""
    parts = urlsplit(f"//{netloc}")
    port = str(parts.port or "")
    if (scheme, port) in (("http", "80"), ("https", "443")):
        port = ""
    return (parts.hostname or "").lower(), port


def same_origin(url: str, host: str) -> bool:
    """True when ``url`` (an Origin or Referer value) names this server's ``Host``."""
    if not url or url == "null":
        return False
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
        return False
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    theirs = _host_port(parts.netloc, scheme)
    ours = _host_port(host, scheme)
    return theirs == ours


class CrossSiteGuard:
    """ASGI middleware enforcing the policy in the module docstring."""

    def __init__(self, app: ASGIApp, enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled

    def allowed(self, scope: Scope) -> bool:
        method = scope.get("method", "GET") if scope["type"] == "http" else "WEBSOCKET"
        path = scope.get("path", "")
        site = header(scope, b"sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            navigation = (method in ("GET", "HEAD") and header(scope, b"sec-fetch-mode") == "navigate"
                          and header(scope, b"sec-fetch-dest") in ("document", None))
            if not navigation or path in _STATE_CHANGING_PATHS:
                return False
        if method in _SAFE_METHODS and path not in _STATE_CHANGING_PATHS:
            return True
        host = header(scope, b"host") or ""
        origin = header(scope, b"origin")
        if origin is not None:
            return same_origin(origin, host)
        referer = header(scope, b"referer")
        return referer is None or same_origin(referer, host)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] not in ("http", "websocket") or self.allowed(scope):
            await self.app(scope, receive, send)
            return
        await refuse(scope, send, 403, REFUSED)
