"""Synthetic corpora and queries for the scale benchmark, grown from the real chunks.

Three steps, from most to least real:

* ``perturbed_passages``: new passages cut from real chunks (a window of one to
  three sentences, ~15 % of words dropped, a few swapped for words of other
  chunks) — they read like policy text and are embedded by the real MiniLM;
* ``expand``: many vectors per real passage vector, each nudged by Gaussian noise
  in embedding space (cosine ≈ 0.9 to its source, like a paraphrase), for sizes
  where embedding every text would take hours on two cores;
* ``random_unit``: uniformly random unit vectors, a worst case with no structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eval.dataset import load_questions
from core.sentences import sentence_spans

_WORD = re.compile(r"\S+")


def perturbed_passages(texts: Sequence[str], n: int, seed: int = 0) -> list[str]:
    """``n`` passages made by cutting, dropping and swapping words of real chunk texts."""
    rng = np.random.default_rng(seed)
    sentences = [[t[s:e] for s, e in sentence_spans(t)] or [t] for t in texts]
    vocab = [w for t in texts for w in _WORD.findall(t) if w.isalpha() and len(w) > 3]
    out = []
    for _ in range(n):
        source = sentences[int(rng.integers(len(sentences)))]
        start = int(rng.integers(len(source)))
        window = " ".join(source[start : start + int(rng.integers(1, 4))])
        words = [w for w in _WORD.findall(window) if rng.random() > 0.15] or _WORD.findall(window)
        for _ in range(max(1, len(words) // 20)):
            words[int(rng.integers(len(words)))] = vocab[int(rng.integers(len(vocab)))]
        out.append(" ".join(words))
    return out


def normalise(matrix: np.ndarray) -> np.ndarray:
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True).clip(min=1e-12)
    return matrix


def expand(base: np.ndarray, n: int, cosine: float = 0.9, seed: int = 1, block: int = 100_000) -> np.ndarray:
    """``n`` unit vectors, each a random ``base`` row plus isotropic noise (mean cosine to it ≈ ``cosine``)."""
    rng = np.random.default_rng(seed)
    dim = base.shape[1]
    sigma = float(np.sqrt(1 / cosine**2 - 1) / np.sqrt(dim))  # |noise| ≈ tan(angle)
    out = np.empty((n, dim), dtype="float32")
    for i in range(0, n, block):
        size = min(block, n - i)
        rows = base[rng.integers(len(base), size=size)]
        noise = rng.standard_normal((size, dim), dtype="float32") * sigma
        out[i : i + size] = normalise(rows + noise)
    return out


def random_unit(n: int, dim: int, seed: int = 2, block: int = 100_000) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype="float32")
    for i in range(0, n, block):
        size = min(block, n - i)
        out[i : i + size] = normalise(rng.standard_normal((size, dim), dtype="float32"))
    return out


def query_texts(dataset: str, n: int, seed: int = 3) -> list[str]:
    """The dev questions, then reworded copies of them (words dropped or reordered) up to ``n``."""
    rng = np.random.default_rng(seed)
    questions = [q.question for q in load_questions(Path(dataset))]
    out = list(questions[:n])
    while len(out) < n:
        words = _WORD.findall(questions[int(rng.integers(len(questions)))])
        kept = [w for w in words if rng.random() > 0.2] or words
        if len(kept) > 3 and rng.random() < 0.5:
            i = int(rng.integers(len(kept) - 1))
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
        out.append(" ".join(kept))
    return out
