"""Document metadata from SOURCES.md and sidecars."""

from pathlib import Path

import pytest
from conftest import CORPUS, LCQ20, PROGRESS_REPORT

from index.metadata import MetadataCatalog, MetadataError, write_sidecar


def test_sources_table_gives_title_date_kind_issuer() -> None:
    catalog = MetadataCatalog(CORPUS)
    meta = catalog.for_file(CORPUS / PROGRESS_REPORT)
    assert meta.date == "2025-01"
    assert meta.kind == "progress report"
    assert meta.issuer.startswith("Innovation, Technology and Industry Bureau")
    assert meta.short == "Progress report (Jan 2025)"
    assert catalog.for_file(CORPUS / LCQ20).short == "LCQ20"


def test_sidecar_overrides_and_groups(tmp_path: Path) -> None:
    doc = tmp_path / "memo.txt"
    doc.write_text("1. Something.\n", encoding="utf-8")
    write_sidecar(doc, {"title": 'Memo "A"', "date": "2025-06-01", "kind": "memo", "groups": ["ITIB"]})
    meta = MetadataCatalog(tmp_path).for_file(doc)
    assert meta.title == 'Memo "A"'
    assert meta.groups == ("ITIB",)
    assert meta.short == "Memo (1 Jun 2025)"


def test_bad_sidecar_date_is_a_clear_error(tmp_path: Path) -> None:
    doc = tmp_path / "memo.txt"
    doc.write_text("text", encoding="utf-8")
    (tmp_path / "memo.txt.meta.toml").write_text('date = "June 2025"\n', encoding="utf-8")
    with pytest.raises(MetadataError, match="not ISO"):
        MetadataCatalog(tmp_path).for_file(doc)


def test_file_without_metadata_still_gets_a_name(tmp_path: Path) -> None:
    doc = tmp_path / "2024-05-02_notes.txt"
    doc.write_text("text", encoding="utf-8")
    meta = MetadataCatalog(tmp_path).for_file(doc)
    assert meta.date == "2024-05-02"
    assert meta.title == doc.name
