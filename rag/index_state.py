"""State that belongs to one index generation, shared by every Answerer built on its retriever.

The web app builds an ``Answerer`` per request; the sentence-vector cache and the ask judge's word
statistics were rebuilt each time (0.24 s an extractive answer on the bundled index).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from typing import Any

from rag.answerability import TermStats
from rag.similarity import SimilarityCache
from rag.unmentioned import NameVocabulary

_INDEX_STATE: "weakref.WeakKeyDictionary[Any, tuple[SimilarityCache, TermStats]]" = weakref.WeakKeyDictionary()
_INDEX_STATE_LOCK = threading.Lock()


def index_state(retriever: Any) -> tuple[SimilarityCache, TermStats]:
    """The sentence-vector cache and word statistics of ``retriever``'s index, built once per retriever."""
    with _INDEX_STATE_LOCK:
        if retriever not in _INDEX_STATE:
            owner = weakref.ref(retriever)  # the cache must not keep an old index generation alive
            similarity = SimilarityCache(lambda texts: owner().embedder.encode(texts))
            _INDEX_STATE[retriever] = (similarity, TermStats(c.text for c in retriever.chunks.values()))
        return _INDEX_STATE[retriever]


_NAMES: "weakref.WeakKeyDictionary[Any, dict[frozenset[str] | None, NameVocabulary]]" = weakref.WeakKeyDictionary()


def name_vocabulary(retriever: Any, groups: Iterable[str] | None = ()) -> NameVocabulary:
    """The words and name initials of ``retriever``'s papers that ``groups`` may read: the public passages (no
    access groups) with their titles and labels, and the restricted ones those groups open (all of them for None,
    no access control). Built once per index and group set, so a restricted document's names never count for
    another user and no question rebuilds them."""
    key = None if groups is None else frozenset(groups)
    with _INDEX_STATE_LOCK:
        built = _NAMES.setdefault(retriever, {})
        if key not in built:
            readable = [c for c in retriever.chunks.values() if not c.groups or key is None or set(c.groups) & key]
            built[key] = NameVocabulary([c.text for c in readable]
                                        + sorted({f"{c.title}. {c.label}" for c in readable if not c.groups}))
        return built[key]
