"""Answerers on one index share its sentence-vector cache and word statistics (the web app builds one a request)."""

from __future__ import annotations

import gc
import weakref
from types import SimpleNamespace

import numpy as np

from rag.index_state import index_state


class _Retriever:
    def __init__(self) -> None:
        self.chunks = {"c1": SimpleNamespace(text="The AI Supercomputing Centre opened in December 2024.")}
        self.embedder = SimpleNamespace(encode=lambda texts: np.ones((len(texts), 4)) / 2.0)


def test_state_is_built_once_per_retriever_and_not_shared_across_indexes() -> None:
    first, second = _Retriever(), _Retriever()
    similarity, stats = index_state(first)
    assert index_state(first) == (similarity, stats)  # the same objects, not rebuilt
    assert index_state(second)[0] is not similarity
    assert stats.passages == 1 and similarity("a", ["b"]) == [1.0]


def test_an_old_index_generation_can_be_freed() -> None:
    retriever = _Retriever()
    index_state(retriever)
    ref = weakref.ref(retriever)
    del retriever
    gc.collect()
    assert ref() is None
