"""Sign-in throttling, and password checks off the event loop.

Gradio calls the ``auth`` function on its event loop; an argon2 check takes
~0.17 s of CPU, so checking it there stalls every other request while a few
logins are in flight. ``make_auth`` returns a coroutine function (Gradio awaits
those) that runs the check on a small dedicated thread pool (argon2-cffi releases
the GIL) and, before any hashing, refuses a user name or an address that has
failed too often: after ``free`` failures (none forgotten until ``window_s`` passes
without one) it is locked out for ``lockout_s`` seconds, doubling with each further
failure up to ``max_lockout_s``. A success clears the user's count but not the
address's, so an attacker cannot reset it by signing in to their own account. Lockouts answer 429 with
``Retry-After``, so the page and scripts know when to try again.
"""

from __future__ import annotations

import contextvars
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
from fastapi import HTTPException

from ui.auth import UserStore

# Set by LoginGate for each request: Gradio passes only (username, password) to ``auth``.
CLIENT_ADDRESS: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="unknown")


@dataclass
class _Record:
    failures: int = 0
    last_failure: float = 0.0
    locked_until: float = 0.0


class FailureCounter:
    """Consecutive failures per key, with an exponentially growing lockout; bounded in memory."""

    def __init__(self, free: int, lockout_s: float, max_lockout_s: float, window_s: float = 900.0,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000) -> None:
        self.free, self.lockout_s, self.max_lockout_s, self.window_s = free, lockout_s, max_lockout_s, window_s
        self._clock = clock
        self._max_keys = max_keys
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._lock = threading.Lock()

    def wait_s(self, key: str) -> float:
        """Seconds until ``key`` may try again (0 = now)."""
        with self._lock:
            record = self._records.get(key)
            return max(0.0, record.locked_until - self._clock()) if record else 0.0

    def failed(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            record = self._records.pop(key, None) or _Record()
            if now - record.last_failure > self.window_s and now >= record.locked_until:
                record.failures = 0
            record.failures += 1
            record.last_failure = now
            if record.failures >= self.free:
                extra = record.failures - self.free
                record.locked_until = now + min(self.max_lockout_s, self.lockout_s * 2 ** min(extra, 30))
            self._records[key] = record
            while len(self._records) > self._max_keys:  # forget the oldest, never the newest attacker
                self._records.popitem(last=False)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)


class LoginThrottle:
    """Per-user and per-address failure counters; an address gets more tries (several users behind one NAT)."""

    def __init__(self, per_user: int = 5, per_address: int = 20, lockout_s: float = 60.0,
                 max_lockout_s: float = 900.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.users = FailureCounter(per_user, lockout_s, max_lockout_s, clock=clock)
        self.addresses = FailureCounter(per_address, lockout_s, max_lockout_s, clock=clock)

    def wait_s(self, name: str, address: str) -> float:
        return max(self.users.wait_s(name.lower()), self.addresses.wait_s(address))

    def record(self, name: str, address: str, ok: bool) -> None:
        if ok:
            self.users.succeeded(name.lower())
        else:
            self.users.failed(name.lower())
            self.addresses.failed(address)


def too_many(wait_s: float) -> HTTPException:
    seconds = max(1, math.ceil(wait_s))
    return HTTPException(
        status_code=429,
        detail=f"Too many failed sign-ins. Wait {seconds} seconds and try again, or ask an administrator "
               "to reset your password with: python -m ui.users add NAME",
        headers={"Retry-After": str(seconds)},
    )


def make_auth(users: UserStore, throttle: LoginThrottle, hash_threads: int = 2) -> Callable[[str, str], Awaitable[bool]]:
    """The coroutine Gradio's ``/login`` awaits: throttle first, then argon2 on ``hash_threads`` worker threads."""
    limiter = anyio.CapacityLimiter(hash_threads)  # logins never take every thread the app's sync routes use

    async def verify(username: str, password: str) -> bool:
        address = CLIENT_ADDRESS.get()
        wait = throttle.wait_s(username, address)
        if wait > 0:
            raise too_many(wait)
        ok = await anyio.to_thread.run_sync(users.verify, username, password, limiter=limiter)
        throttle.record(username, address, ok)
        return ok

    return verify
