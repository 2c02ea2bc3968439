"""Who is asking, and which documents they may see.

Access is decided in one place and enforced at retrieval (``Filters.groups``), so
answers, sources, summaries, drafts and the document list all obey the same rule:
a document with ``groups`` is visible only to users in one of them; a document
without groups is visible to everyone. A user with no groups, and the anonymous
local user when login is off, see only unrestricted documents — the rule fails
closed if someone forgets to configure login.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from index.retrieval import Filters


class AccessDenied(PermissionError):
    """The user may not do this; the message says what they can do instead."""


@dataclass(frozen=True)
class Viewer:
    name: str
    groups: frozenset[str] = field(default_factory=frozenset)
    admin: bool = False  # may upload, delete and re-index documents

    def may_see(self, doc_groups: Iterable[str]) -> bool:
        wanted = set(doc_groups)
        return not wanted or bool(wanted & self.groups)

    def filters(self, base: Filters | None = None) -> Filters:
        """``base`` (the user's own choices) narrowed to what this viewer may read."""
        return replace(base or Filters(), groups=set(self.groups))

    def require_admin(self) -> None:
        if not self.admin:
            raise AccessDenied("Only administrators can change the document collection. Ask one to add this document.")


LOCAL_VIEWER = Viewer("local", frozenset(), admin=True)
