"""Read a document file into plain text, one loader per format.

Every failure is a ``DocumentLoadError`` whose message names the file and says
what to do, so ingest can report it and carry on with the rest of the corpus.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200  # deflate rarely beats ~20x on real documents; bombs reach 1000x


class DocumentLoadError(ValueError):
    """A file that cannot be turned into text; the message is for the user."""


_BINARY = "looks like a binary file, not text. Save it as UTF-8 text, PDF or DOCX."
# Byte-order marks, longest first (a UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Hong Kong's legacy encodings, tried before general detection (Big5-HKSCS is a superset of Big5).
_CHINESE_CODECS = ("big5hkscs", "gb18030")
_CHINESE_MIN_SCORE = 0.5


@lru_cache(maxsize=None)
def _common_chinese(ch: str) -> bool:
    """A frequently used Chinese character (Big5 level 1 or GB2312 level 1) or CJK punctuation.

    Big5 bytes read as GB18030 (or the reverse) still decode, but mostly to rare
    characters, kana or symbols; real text is mostly common characters.
    """
    code = ord(ch)
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
        return True
    if not 0x4E00 <= code <= 0x9FFF:
        return False
    for codec, low, high in (("big5", 0xA440, 0xC67E), ("gb2312", 0xB0A1, 0xD7F9)):
        try:
            if low <= int.from_bytes(ch.encode(codec), "big") <= high:
                return True
        except UnicodeEncodeError:
            pass
    return False


def _chinese_score(text: str, sample: int = 4000) -> float:
    considered = common = 0
    for ch in text:
        if ch < "\x80":
            continue
        considered += 1
        common += _common_chinese(ch)
        if considered >= sample:
            break
    return common / considered if considered else 0.0


def _decode_chinese(data: bytes) -> str | None:
    """Big5(-HKSCS) or GB18030 text, whichever decodes cleanly into common Chinese characters."""
    best, best_score = None, _CHINESE_MIN_SCORE
    for codec in _CHINESE_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _chinese_score(text)
        if score > best_score or (best is None and score >= best_score):
            best, best_score = text, score
    return best


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = "utf-16-le" if odd > 0.6 * half and even < 0.05 * half else (
        "utf-16-be" if even > 0.6 * half and odd < 0.05 * half else None)
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _detected(data: bytes, name: str) -> str:
    """General detection (charset-normalizer); Western text prefers Windows-1252 among equals."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise DocumentLoadError(f"{name}: could not detect the text encoding. Re-save it as UTF-8.")
    least_chaos = min(m.chaos for m in matches)
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= least_chaos + 0.05:
            return str(match)
    return str(matches[0])


def _checked(text: str, name: str) -> str:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if control > max(10, len(text) // 100):
        raise DocumentLoadError(f"{name}: {_BINARY}")
    return text


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as the encoding its BOM names, UTF-8, Big5/GB18030, else the detected one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise DocumentLoadError(
                    f"{name}: starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                    f"text (byte {exc.start}). Re-save it as UTF-8."
                ) from exc
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _checked(utf16, name)
    if b"\x00" in data[:4096]:
        raise DocumentLoadError(f"{name}: {_BINARY}")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    text = _decode_chinese(data)
    return _checked(text if text is not None else _detected(data, name), name)


def _load_text(path: Path) -> str:
    return decode_text(path.read_bytes(), path.name)


def _load_pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes on damaged files are not for users
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise DocumentLoadError(
                f"{path.name}: the PDF is password-protected. Remove the password and add it again."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentLoadError:
        raise
    except (DependencyError, NotImplementedError) as exc:  # AES encryption without ``cryptography``
        raise DocumentLoadError(
            f"{path.name}: the PDF is encrypted in a way this installation cannot open ({exc}). "
            "Save an unencrypted copy and add that."
        ) from exc
    except Exception as exc:  # pypdf raises many types on a damaged file; none may stop an ingest
        raise DocumentLoadError(f"{path.name}: the PDF is damaged or truncated ({exc}).") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise DocumentLoadError(
            f"{path.name}: the PDF has no extractable text (a scan?). Run OCR on it first."
        )
    return text


def _opens_without_password(reader) -> bool:  # type: ignore[no-untyped-def]
    """Many published PDFs are encrypted only to restrict printing or copying: their user
    password is empty and anyone may read them. True if this one opens that way."""
    return bool(reader.decrypt(""))


def _zip_bomb(name: str, size: int) -> DocumentLoadError:
    return DocumentLoadError(
        f"{name}: refused — it would expand to {size // (1024 * 1024)} MB (a zip bomb or a corrupt file)."
    )


def _check_zip_safe(path: Path) -> None:
    """Refuse a .docx that would inflate too far, judged by its headers and then by inflating it.

    The headers can lie (a member declared as 4 kB that inflates to gigabytes), so every
    member is also read through in 1 MB steps — memory stays small — and the real total
    is counted; zipfile's CRC check at the end of each member catches a size that lies.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            packed = max(1, sum(i.compress_size for i in infos))
            if total > MAX_DOCX_UNCOMPRESSED or total / packed > MAX_DOCX_RATIO:
                raise _zip_bomb(path.name, total)
            inflated = 0
            for info in infos:
                with archive.open(info) as member:
                    while chunk := member.read(1 << 20):
                        inflated += len(chunk)
                        if inflated > MAX_DOCX_UNCOMPRESSED:
                            raise _zip_bomb(path.name, inflated)
    except DocumentLoadError:
        raise
    except zipfile.BadZipFile as exc:
        raise DocumentLoadError(f"{path.name}: not a valid .docx (damaged zip: {exc}).") from exc
    except (RuntimeError, NotImplementedError) as exc:  # an encrypted or exotically compressed member
        raise DocumentLoadError(f"{path.name}: not a readable .docx ({exc}).") from exc
    except (zlib.error, EOFError, ValueError, OSError) as exc:
        raise DocumentLoadError(f"{path.name}: not a valid .docx (damaged zip: {exc}).") from exc


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


def _size(size: int) -> str:
    """Binary units, as the limits are set (20 * 1024 * 1024 bytes is "20 MB", not "21 MB")."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    value = size / (1024 * 1024)
    return (f"{value:.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")) + " MB"


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
            f"{path.name}: {_size(size)} is over the {_size(max_bytes)} limit; split the document."
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
