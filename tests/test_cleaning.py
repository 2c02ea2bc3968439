"""Extraction artefacts in the real corpus are cleaned away."""
import pytest

from conftest import CORPUS, PROGRESS_REPORT

from index.cleaning import clean_text


def _cleaned(name: str) -> str:
    return clean_text((CORPUS / name).read_text(encoding="utf-8"))


def test_bold_markers_and_stray_box_removed() -> None:
    for path in CORPUS.glob("*.txt"):
        text = clean_text(path.read_text(encoding="utf-8"))
        assert "**" not in text, path.name
        assert "□" not in text, path.name
        assert "\\$" not in text, path.name


def test_sentence_broken_by_page_break_is_joined() -> None:
    raw = (CORPUS / PROGRESS_REPORT).read_text(encoding="utf-8")
    assert "so as to promote\n\nthe governance" in raw
    assert "so as to promote the governance and application of AI." in _cleaned(PROGRESS_REPORT)


def test_footnote_lifted_out_of_paragraph_and_marker_dropped() -> None:
    text = _cleaned(PROGRESS_REPORT)
    assert "schemes¹" not in text and "¹" not in text
    assert "Footnote 1: Including:" in text
    # paragraph 13 was interrupted by the footnote; it now reads straight through
    assert "public and private organisations to open up more data" in text


def test_synthetic_artefacts() -> None:
    raw = "Title**\n\n1. A sentence that is cut\n\nacross pages.² Next□.\n\n² A note.\n"
    text = clean_text(raw)
    assert text.startswith("Title\n")
    assert "1. A sentence that is cut across pages. Next." in text
    assert text.rstrip().endswith("Footnote 2: A note.")


@pytest.mark.parametrize("line, dropped", [
    ("14:31 15/10/2025", True),   # a web article's time stamp
    ("15/10/2025", True),
    ("avatar", True),              # a bare lower-case word: page furniture
    ("date", True),
    ("2025", False),               # a year alone may be a table cell
    ("Reply", False),              # a capitalised heading is structure, kept
    ("GMT Eight", False),
    ("1. The Government has launched the scheme.", False),
])
def test_page_furniture_lines(line: str, dropped: bool) -> None:
    text = clean_text(f"Title of the paper\n{line}\nThe Government has done this.\n")
    assert (line not in text) is dropped
