"""Question–sentence cosine with the index's own embedder, each text encoded once (an LRU cache)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from core.policy import POLICY

Encode = Callable[[list[str]], np.ndarray]  # texts -> unit vectors, one row a text

class SimilarityCache:
    """Cosines for the composers and the prompt selection, sharing vectors across an answer's steps.

    One answer scores the same passage sentences for the prompt, the extractive answer and
    the completion, and a drafted reply does so for every part; the lock lets UI sessions share it.
    """

    def __init__(self, encode: Encode, size: int = POLICY.vector_cache_size) -> None:
        self._encode = encode
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # text -> unit vector, least recently used first
        self._lock = threading.Lock()

    def __call__(self, question: str, sentences: list[str]) -> list[float]:
        """Cosine of each sentence to the question."""
        vectors = self.encode([question, *sentences])
        return [float(vectors[s] @ vectors[question]) for s in sentences]

    def encode(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Unit vectors of ``texts``, encoding only those not cached."""
        with self._lock:
            found = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            found.update(zip(missing, self._encode(missing)))
        with self._lock:
            for text in dict.fromkeys(texts):
                self._vectors[text] = found[text]
                self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return found
