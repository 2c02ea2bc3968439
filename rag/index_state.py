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
