"""Shared fixtures: the real bundled corpus, the real embedding models, a real FAISS index.

The index is built once per test session in a temporary folder; tests that
change it work on their own copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.config import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
PROGRESS_REPORT = "2025-01_progress-report_ai-plus-strategy-motion.txt"
LCQ20 = "2025-03-19_legco-q20_development-of-ai.txt"


def make_settings(corpus: Path, index_dir: Path, **overrides: object) -> Settings:
    settings = Settings()
    settings.paths.corpus_dir = corpus
    settings.paths.index_dir = index_dir
    for key, value in overrides.items():
        section, name = key.split("__")
        setattr(getattr(settings, section), name, value)
    return settings


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus ingested with the default models (shared, read-only)."""
    from index.ingest import ingest

    base = tmp_path_factory.mktemp("shared-index")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = make_settings(corpus, base / "index")
    ingest(settings, show_bar=False)
    return settings


@pytest.fixture(scope="session")
def retriever(built_index: Settings):
    from index.retrieval import HybridRetriever

    return HybridRetriever(built_index)


@pytest.fixture()
def own_index(built_index: Settings, tmp_path: Path) -> Settings:
    """A private copy of the built index and its corpus, free to modify."""
    corpus = tmp_path / "corpus"
    index_dir = tmp_path / "index"
    shutil.copytree(built_index.paths.corpus_dir, corpus)
    shutil.copytree(built_index.paths.index_dir, index_dir)
    return make_settings(corpus, index_dir)
