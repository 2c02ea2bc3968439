"""Remove extraction artefacts so chunks read as the paper was written.

Artefacts met in real Government papers: ``**`` bold markers, a stray ``□``,
sentences cut by page breaks ("so as to promote\\n\\nthe governance"),
footnote markers (``schemes¹``) and footnotes dropped mid-paragraph, escaped
dollar signs and leftover HTML tags. The cleaned text is what chunk offsets
point into, so the UI can highlight a passage in it.

Document text is data, never markup the answer pipeline acts on: a bracketed number
(``[9]``, ``[1-3]``) in a document would read as a citation marker — or fake a passage
header — once quoted, so its brackets become full-width (``［9］``), which look the same
and which no citation parser reads.
"""

from __future__ import annotations

import re
import unicodedata

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_FOOTNOTE_LINE = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)\s+(.+)$")
_FOOTNOTE_MARKER = re.compile(rf"(?<=[^\s{SUPERSCRIPT_DIGITS}])[{SUPERSCRIPT_DIGITS}]+")
_UNDERLINE = re.compile(r"^\s*([*=_~-])\1{3,}\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?(p|br|span|div|b|i|strong|em|u)\b[^>]*>", re.IGNORECASE)
_TERMINAL = tuple(".;:?!。；：？！)”\"'")
_BROKEN_BREAK = re.compile(r"([^\n])[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=[a-z])")
# the citation marker shapes rag/citations.py reads: [3], [1, 2], [1-3], [ 4 ]
_BRACKET_NUMBER = re.compile(r"\[(\s*\d+(?:\s*[,;\-–]\s*\d+)*\s*)\]")


def _strip_markup(text: str) -> str:
    text = "\n".join(line for line in text.split("\n") if not _UNDERLINE.match(line))
    text = text.replace("**", "").replace("□", "").replace("\\$", "$")
    text = _MD_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _BRACKET_NUMBER.sub(lambda m: f"［{m.group(1)}］", text)  # after links: "[3](url)" was a link
    return "\n".join(re.sub(r"^#{1,6}\s+", "", line).rstrip() for line in text.split("\n"))


def _move_footnotes(text: str) -> str:
    """Lift footnote lines out of the running text and append them at the end."""
    body, notes = [], []
    for line in text.split("\n"):
        match = _FOOTNOTE_LINE.match(line)
        if match:
            notes.append(f"Footnote {match.group(1).translate(_SUPER_TO_DIGIT)}: {match.group(2).strip()}")
        else:
            body.append(line)
    text = _FOOTNOTE_MARKER.sub("", "\n".join(body))
    if notes:
        text = text.rstrip() + "\n\nFootnotes\n\n" + "\n\n".join(notes) + "\n"
    return text


def _join_broken_sentences(text: str) -> str:
    """Join a line that stops mid-sentence with a following line that starts in lower case."""

    def repl(match: re.Match[str]) -> str:
        before = match.group(1)
        if before in _TERMINAL:
            return match.group(0)
        return before + " "

    return _BROKEN_BREAK.sub(repl, text)


# Page furniture of web articles: a line that is only a date or time stamp, or one bare lower-case
# word ("date", "avatar", "share"): never a sentence, and quoted as one it reads as noise ("14:31
# 15/10/2025 avatar [3]", issue 18). Judged by the line's shape, not by listing words of one file.
_STAMP_LINE = re.compile(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})?\s*"
                         r"(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_BARE_WORD_LINE = re.compile(r"^\s*[a-z]{2,15}\s*$")


def _drop_furniture(text: str) -> str:
    """Remove date/time-stamp lines and bare lower-case single-word lines."""
    kept = [line for line in text.split("\n")
            if not ((line.strip() and _STAMP_LINE.match(line)) or _BARE_WORD_LINE.match(line))]
    return "\n".join(kept)


def clean_text(raw: str) -> str:
    """The cleaned, offset-stable text of a document."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = _strip_markup(text)
    text = _drop_furniture(text)
    text = _move_footnotes(text)
    text = _join_broken_sentences(text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
