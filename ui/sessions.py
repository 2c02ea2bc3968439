"""Session lifetimes and session-hash ownership, for ``ui.gate.LoginGate``.

Gradio's sign-in keeps ``token -> user name`` in ``app.tokens`` for ever. ``SessionClock``
adds when each token was issued and last used, so a session ends after
``lifetime_s`` however busy it is, or after ``idle_s`` without a request.

A Gradio ``session_hash`` names one browser tab's conversation (its ``gr.State``,
its queue of results). The page makes it up and it travels in URLs
(``queue/data?session_hash=…``, ``heartbeat/<hash>``) that proxies log, so knowing it
must not be enough to read the conversation: ``SessionOwners`` binds each hash to
the first signed-in user who uses it and refuses it to everyone else.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import parse_qs

from ui.asgi import Scope, header

_PATH_HASH = re.compile(r"^/gradio_api/(?:heartbeat|stream)/([^/]+)")


class SessionClock:
    """Issue and last-use times per token; ``expired`` says whether a token must be dropped."""

    def __init__(self, lifetime_s: float, idle_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.lifetime_s, self.idle_s = lifetime_s, idle_s
        self._clock = clock
        self._times: dict[str, list[float]] = {}  # token -> [issued, last used]
        self._lock = threading.Lock()

    def issued(self, token: str) -> None:
        now = self._clock()
        with self._lock:
            self._times[token] = [now, now]

    def expired(self, token: str) -> bool:
        """False (and the idle timer restarted) for a live token; True once it is too old or idle."""
        now = self._clock()
        with self._lock:
            times = self._times.setdefault(token, [now, now])  # issued before this clock knew it: start now
            if now - times[0] > self.lifetime_s or now - times[1] > self.idle_s:
                del self._times[token]
                return True
            times[1] = now
            return False

    def forget(self, tokens: set[str]) -> None:
        with self._lock:
            for token in tokens:
                self._times.pop(token, None)


class SessionOwners:
    """``session_hash -> user``, first use wins; bounded (least recently used hashes are forgotten)."""

    def __init__(self, max_hashes: int = 100_000) -> None:
        self._owners: OrderedDict[str, str] = OrderedDict()
        self._max = max_hashes
        self._lock = threading.Lock()

    def claim(self, session_hash: str, user: str) -> bool:
        """True if ``user`` may use ``session_hash`` (binding it to them if it is new)."""
        with self._lock:
            owner = self._owners.get(session_hash)
            if owner is None:
                self._owners[session_hash] = user
                while len(self._owners) > self._max:
                    self._owners.popitem(last=False)
                return True
            self._owners.move_to_end(session_hash)
            return owner == user


def hashes_in(scope: Scope, body: bytes | None) -> set[str]:
    """Every session hash a request names: query string, path, ``session_hash`` header, JSON body."""
    found: set[str] = set()
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    found.update(query.get("session_hash", []))
    match = _PATH_HASH.match(scope.get("path", ""))
    if match:
        found.add(match.group(1))
    in_header = header(scope, b"session_hash")
    if in_header:
        found.add(in_header)
    if body:
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("session_hash"), str):
            found.add(data["session_hash"])
    return found
