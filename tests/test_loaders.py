"""Every supported format loads; every bad file fails with a message naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from docfactory import make_docx, make_pdf, make_zip_bomb_docx

from index.loaders import DocumentLoadError, load_file


def test_txt_md_html_docx_pdf(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("1. Plain text paragraph.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Heading\n\nMarkdown body.\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><style>p{}</style><script>var x=1;</script></head>"
        "<body><h1>Policy</h1><p>First <b>para</b>.</p><ul><li>Item one</li></ul></body></html>",
        encoding="utf-8",
    )
    make_docx(tmp_path / "d.docx", ["1. Docx paragraph one.", "2. Docx paragraph two."])
    make_pdf(tmp_path / "e.pdf", ["1. The PDF paragraph about data centres.", "2. Second line."])
    assert "Plain text" in load_file(tmp_path / "a.txt")
    assert "Markdown body" in load_file(tmp_path / "b.md")
    html = load_file(tmp_path / "c.html")
    assert "First para." in html and "Item one" in html and "var x" not in html
    assert "2. Docx paragraph two." in load_file(tmp_path / "d.docx")
    assert "data centres" in load_file(tmp_path / "e.pdf")


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
def test_legacy_chinese_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = "人工智能發展藍圖。數碼港超算中心提供算力，支援本地大學及企業。" * 5
    if encoding == "gb18030":
        text = "人工智能发展蓝图。数码港超算中心提供算力，支援本地大学及企业。" * 5
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert load_file(path) == text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "damaged|truncated|no extractable"),
        ("fake.docx", b"not a zip at all", "not a valid .docx"),
        ("table.xlsx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_fail_clearly(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentLoadError, match=message) as info:
        load_file(path)
    assert name in str(info.value)


def test_zip_bomb_docx_refused_without_expanding(tmp_path: Path) -> None:
    path = make_zip_bomb_docx(tmp_path / "bomb.docx", megabytes=250)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(DocumentLoadError, match="zip bomb"):
        load_file(path)


def test_oversized_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="over the"):
        load_file(path, max_bytes=1000)
