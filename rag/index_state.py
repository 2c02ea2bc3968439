"""State that belongs to one index generation, shared by every Answerer built on its retriever.

The web app builds an ``Answerer`` per request; the sentence-vector cache and the ask judge's word
statistics were rebuilt each time (0.24 s an extractive answer on the bundled index).
"""

from __future__ import annotations

import threading
import weakref
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


_NAMES: "weakref.WeakKeyDictionary[Any, NameVocabulary]" = weakref.WeakKeyDictionary()


def name_vocabulary(retriever: Any) -> NameVocabulary:
    """The words and name initials of ``retriever``'s public passages (no access groups), built once per index."""
    with _INDEX_STATE_LOCK:
        if retriever not in _NAMES:
            public = [c for c in retriever.chunks.values() if not c.groups]  # the papers' text, titles and labels
            _NAMES[retriever] = NameVocabulary([c.text for c in public] + sorted({f"{c.title}. {c.label}" for c in public}))
        return _NAMES[retriever]


def seen_by(retriever: Any, hits: Any, filters: Any) -> list[str]:
    """What the asker may read beyond the public papers: their retrieved passages and every restricted passage
    their groups open (all of them without access control), so a name only in their own documents is mentioned."""
    groups = getattr(filters, "groups", None)
    opened = [c.text for c in retriever.chunks.values() if c.groups and (groups is None or set(c.groups) & groups)]
    return [h.text for h in hits] + opened
