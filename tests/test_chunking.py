"""Structure-aware chunk labels, checked against the real corpus."""

from __future__ import annotations

import pytest
from conftest import CORPUS, LCQ20, PROGRESS_REPORT

from index.chunking import Chunk, chunk_document
from index.cleaning import clean_text
from index.metadata import DocumentMeta, MetadataCatalog


def _chunks(name: str) -> tuple[str, list[Chunk]]:
    meta = MetadataCatalog(CORPUS).for_file(CORPUS / name)
    text = clean_text((CORPUS / name).read_text(encoding="utf-8"))
    return text, chunk_document(text, meta)


def _containing(chunks: list[Chunk], phrase: str) -> Chunk:
    found = [c for c in chunks if phrase in c.text]
    assert found, f"no chunk contains {phrase!r}"
    return found[0]


def test_copilot_pilot_is_progress_report_para_24() -> None:
    _, chunks = _chunks(PROGRESS_REPORT)
    chunk = _containing(chunks, "document processing copilot")
    assert chunk.label == "Progress report (Jan 2025), para 24"
    assert chunk.section.endswith("Digital Government")
    assert chunk.date == "2025-01"


def test_hkpilot_sentence_is_in_lcq20_reply_part_2() -> None:
    _, chunks = _chunks(LCQ20)
    chunk = _containing(chunks, "HKPilot")
    assert chunk.label.startswith("LCQ20 reply (2)")


def test_roman_items_inside_a_reply_part() -> None:
    _, chunks = _chunks(LCQ20)
    chunk = _containing(chunks, "$3 billion AI Subsidy Scheme")
    assert chunk.label == "LCQ20 reply (1)(iii)"
    assert "Key initiatives include" in chunk.context


def test_numbered_section_heading_is_in_section_path() -> None:
    _, chunks = _chunks(PROGRESS_REPORT)
    chunk = _containing(chunks, "Policy Statement on Facilitating Data Flow")
    assert chunk.label == "Progress report (Jan 2025), para 16"
    assert chunk.section == "(3) Governance and Regulation > Data Governance"


def test_offsets_point_into_cleaned_text_and_respect_size_limit() -> None:
    for path in CORPUS.glob("*.txt"):
        text, chunks = _chunks(path.name)
        assert chunks
        labels = [c.label for c in chunks]
        assert len(labels) == len(set(labels)), f"duplicate labels in {path.name}"
        for chunk in chunks:
            assert text[chunk.start : chunk.end] == chunk.text
            assert len(chunk.text.split()) <= 200, chunk.label


def test_long_paragraph_split_into_labelled_parts() -> None:
    _, chunks = _chunks(PROGRESS_REPORT)
    parts = [c.label for c in chunks if c.label.startswith("Progress report (Jan 2025), para 25")]
    assert parts == ["Progress report (Jan 2025), para 25, part 1", "Progress report (Jan 2025), para 25, part 2"]


def test_unnumbered_document_falls_back_to_paragraphs() -> None:
    _, chunks = _chunks("2025-10-15_news_hk-ai-policies-ai-plus.txt")
    assert all(c.label.startswith("News report (15 Oct 2025), para ") for c in chunks)


def test_markdown_headings_used_when_no_numbering() -> None:
    meta = DocumentMeta(doc="note.md", title="Internal note", short="Note")
    text = clean_text(
        "# Internal note\n\n## Data Governance\n\nFirst paragraph about data governance in detail here.\n\n"
        "Second paragraph continues the same topic with more words added.\n\n## Talent\n\n"
        "A paragraph about talent schemes and admission of professionals.\n"
    )
    labels = [c.label for c in chunk_document(text, meta, min_words=5)]
    assert labels == ["Note, Data Governance", "Note, Data Governance, para 2", "Note, Talent"]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_gives_no_chunks(text: str) -> None:
    assert chunk_document(text, DocumentMeta(doc="x.txt", title="x")) == []
