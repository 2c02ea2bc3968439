"""FAISS indexes for llama-index: the index type chosen by corpus size, vectors added in bulk."""

from __future__ import annotations

from typing import Any

import faiss
import numpy as np
from llama_index.core.schema import BaseNode
from llama_index.core.vector_stores.types import (
    VectorStoreQuery,
    VectorStoreQueryResult,
)
from llama_index.vector_stores.faiss import FaissVectorStore

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 512  # recall@10 0.86 at 128, 0.99 at 512 on 100k vectors, +0.4 ms (bench/retrieval_scale.py)
# One question is one FAISS query: on a busy 2-core machine OpenMP's second thread spin-waits
# and made a 10k-vector flat search ~100x slower (bench/retrieval_scale.py, thread table).
SEARCH_THREADS = 1


def choose_index_type(n_vectors: int, configured: str, approximate_above: int) -> str:
    """'flat' (exact) for small corpora, 'hnsw' once exact search would be slow."""
    if configured != "auto":
        return configured
    return "hnsw" if n_vectors > approximate_above else "flat"


def make_faiss_index(dim: int, index_type: str) -> Any:
    """Inner-product index over L2-normalised vectors, i.e. cosine similarity."""
    if index_type == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
        return index
    return faiss.IndexFlatIP(dim)


def set_search_depth(index: Any, ef_search: int = HNSW_EF_SEARCH) -> None:
    """efSearch is not saved with an HNSW index; set it again after loading."""
    hnsw = getattr(faiss.downcast_index(index), "hnsw", None)
    if hnsw is not None:
        hnsw.efSearch = ef_search


class BulkFaissVectorStore(FaissVectorStore):
    """FaissVectorStore whose ``add`` hands FAISS one matrix instead of one row at a time."""

    def add(self, nodes: list[BaseNode], **add_kwargs: Any) -> list[str]:
        if not nodes:
            return []
        first = int(self._faiss_index.ntotal)
        matrix = np.asarray([node.get_embedding() for node in nodes], dtype="float32")
        self._faiss_index.add(matrix)
        return [str(first + i) for i in range(len(nodes))]

    def query(self, query: VectorStoreQuery, **kwargs: Any) -> VectorStoreQueryResult:
        # omp_set_num_threads applies to the calling thread only, so ingest elsewhere keeps its threads.
        faiss.omp_set_num_threads(SEARCH_THREADS)
        return super().query(query, **kwargs)
