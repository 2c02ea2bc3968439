"""Users for the optional login: a TOML file of argon2 password hashes and groups.

    [users.alice]
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."
    groups = ["ITIB"]     # document collections this user may read
    admin = true          # may upload, delete and re-index documents

Only hashes are stored (argon2id, the password-hashing competition winner, via
``argon2-cffi``). The file is re-read when it changes, so adding a user with
``python -m ui.users add`` needs no restart.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from tomlkit.exceptions import TOMLKitError

from index.filemodes import write_private

_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("not a real password: equalises timing for unknown users")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_HEADER = (
    "Policy Copilot users. Passwords are stored as argon2id hashes only.\n"
    "Add or change a user with: .venv/bin/python -m ui.users add NAME --group GROUP [--admin]"
)


class UsersFileError(ValueError):
    """The users file is missing or malformed; the message names the file and the fix."""


@dataclass(frozen=True)
class User:
    """A signed-in person and the document groups they may read."""

    name: str
    groups: frozenset[str] = field(default_factory=frozenset)
    admin: bool = False


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise ValueError("Choose a password of at least 8 characters.")
    return _HASHER.hash(password)


def _parse(path: Path) -> dict[str, tuple[str, User]]:
    try:
        data = tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()
    except FileNotFoundError as exc:
        raise UsersFileError(
            f"Users file {path} does not exist. Create it with: .venv/bin/python -m ui.users add NAME "
            f"--file {path}, or unset ui.users_file to run without login."
        ) from exc
    except (TOMLKitError, UnicodeDecodeError) as exc:
        raise UsersFileError(f"Users file {path} is not valid TOML: {exc}") from exc
    users: dict[str, tuple[str, User]] = {}
    for name, entry in (data.get("users") or {}).items():
        hashed = entry.get("password_hash") if isinstance(entry, dict) else None
        if not isinstance(hashed, str) or not hashed.startswith("$argon2"):
            raise UsersFileError(
                f"Users file {path}: user {name!r} has no argon2 password_hash. Set one with: "
                f".venv/bin/python -m ui.users add {name} --file {path}"
            )
        groups = entry.get("groups", [])
        if isinstance(groups, str):
            groups = [groups]
        users[name] = (hashed, User(name, frozenset(str(g) for g in groups), bool(entry.get("admin", False))))
    return users


class UserStore:
    """Checks passwords and tells each user's groups, re-reading the file when it changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._users: dict[str, tuple[str, User]] = {}
        self._reload()
        if not self._users:
            raise UsersFileError(
                f"Users file {path} lists no users. Add one with: .venv/bin/python -m ui.users add NAME --file {path}"
            )

    def _reload(self) -> None:
        with self._lock:
            try:
                stat = self.path.stat()
            except FileNotFoundError:
                stat = None
            stamp = (stat.st_mtime_ns, stat.st_size) if stat else None
            if stamp is not None and stamp == self._stamp:
                return
            self._users = _parse(self.path)
            self._stamp = stamp

    def verify(self, name: str, password: str) -> bool:
        """True if ``password`` is ``name``'s. Unknown names cost the same hash work as known ones."""
        try:
            self._reload()
        except UsersFileError:
            return False  # a broken file locks everyone out rather than letting anyone in
        hashed = self._users.get(name, (None, None))[0]
        try:
            return _HASHER.verify(hashed or _DUMMY_HASH, password) and hashed is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def users(self) -> list[User]:
        self._reload()
        return [user for _, user in self._users.values()]

    def get(self, name: str) -> User | None:
        try:
            self._reload()
        except UsersFileError:
            return None
        entry = self._users.get(name)
        return entry[1] if entry else None



def add_user(path: Path, name: str, password: str, groups: list[str] | None = None, admin: bool = False) -> User:
    """Create or update ``name`` in the users file, keeping everything else in it (comments too)."""
    if not _NAME.match(name):
        raise ValueError(f"User name {name!r}: use letters, digits, '.', '_', '@' or '-' (up to 64).")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = tomlkit.parse(path.read_text(encoding="utf-8")) if path.is_file() else tomlkit.document()
    if not path.is_file():
        for line in _HEADER.splitlines():
            doc.add(tomlkit.comment(line))
    users = doc.setdefault("users", tomlkit.table(is_super_table=True))
    entry = tomlkit.table()
    entry["password_hash"] = hash_password(password)
    entry["groups"] = sorted(set(groups or []))
    entry["admin"] = admin
    users[name] = entry
    _save(path, doc)
    return User(name, frozenset(groups or []), admin)


def remove_user(path: Path, name: str) -> bool:
    """Delete ``name`` from the users file; False if they were not in it."""
    if not path.is_file():
        return False
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    users = doc.get("users")
    if not users or name not in users:
        return False
    del users[name]
    _save(path, doc)
    return True


def _save(path: Path, doc: tomlkit.TOMLDocument) -> None:
    """Replace the users file atomically; it is 0600 from the first byte (it holds password hashes)."""
    tmp = path.with_name(path.name + ".tmp")
    write_private(tmp, tomlkit.dumps(doc).encode("utf-8"))
    tmp.replace(path)
