"""Read a document file into plain text, one loader per format.

Every failure is a ``DocumentLoadError`` whose message names the file and says
what to do, so ingest can report it and carry on with the rest of the corpus.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200  # deflate rarely beats ~20x on real documents; bombs reach 1000x


class DocumentLoadError(ValueError):
    """A file that cannot be turned into text; the message is for the user."""


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8, else the detected legacy encoding (Big5, GB18030, ...)."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentLoadError(f"{name}: looks like a binary file, not text. Save it as UTF-8 text, PDF or DOCX.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DocumentLoadError(f"{name}: could not detect the text encoding. Re-save it as UTF-8.")
    text = str(best)
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(10, len(text) // 100):
        raise DocumentLoadError(f"{name}: looks like a binary file, not text. Save it as UTF-8 text, PDF or DOCX.")
    return text


def _load_text(path: Path) -> str:
    return decode_text(path.read_bytes(), path.name)


def _load_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentLoadError(
                f"{path.name}: the PDF is password-protected. Remove the password and add it again."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentLoadError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError, AttributeError) as exc:
        raise DocumentLoadError(f"{path.name}: the PDF is damaged or truncated ({exc}).") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise DocumentLoadError(
            f"{path.name}: the PDF has no extractable text (a scan?). Run OCR on it first."
        )
    return text


def _check_zip_safe(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DocumentLoadError(f"{path.name}: not a valid .docx (damaged zip: {exc}).") from exc
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_DOCX_UNCOMPRESSED or total / packed > MAX_DOCX_RATIO:
        raise DocumentLoadError(
            f"{path.name}: refused — it would expand to {total // (1024 * 1024)} MB "
            "(a zip bomb or a corrupt file)."
        )


def _load_docx(path: Path) -> str:
    _check_zip_safe(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for a bad package
        raise DocumentLoadError(f"{path.name}: not a readable .docx ({exc}).") from exc
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append("\t".join(cell.text for cell in row.cells))
    return "\n\n".join(blocks)


def _load_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(path.read_bytes(), path.name), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre"]):
        if element.find(["p", "li", "tr"]):
            continue  # its children are visited on their own
        text = re.sub(r"\s+", " ", element.get_text()).strip()
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) if blocks else soup.get_text("\n")


_LOADERS: dict[str, Callable[[Path], str]] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
    ".html": _load_html,
    ".htm": _load_html,
}


def load_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Text of a supported document, or a ``DocumentLoadError`` saying why not."""
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise DocumentLoadError(
            f"{path.name}: unsupported file type {path.suffix or '(none)'}; "
            f"use one of {', '.join(SUPPORTED_SUFFIXES)}."
        )
    size = path.stat().st_size
    if size == 0:
        raise DocumentLoadError(f"{path.name}: the file is empty.")
    if size > max_bytes:
        raise DocumentLoadError(
            f"{path.name}: {size / 1e6:.0f} MB is over the {max_bytes / 1e6:.0f} MB limit; split the document."
        )
    text = loader(path)
    if not text.strip():
        raise DocumentLoadError(f"{path.name}: contains no text.")
    return text


def is_document(path: Path) -> bool:
    """True for files ingest should try: everything but hidden files, SOURCES.md and sidecars.

    Unsupported types are included on purpose so the user hears why they were skipped.
    """
    return (
        path.is_file()
        and not path.name.startswith(".")
        and path.name not in {"SOURCES.md", "README.md"}
        and not path.name.endswith(".meta.toml")
    )
