"""Text patterns shared by ingestion, answering, the UI and eval — one definition each.

The CJK range is the widest of the three that existed (retrieval's): CJK Extension A and
Unified Ideographs (U+3400–U+9FFF) plus the Compatibility Ideographs (U+F900–U+FAFF).
Cleaning NFC-normalises documents, which maps almost all compatibility ideographs onto
unified ones, so the wider range changes nothing for indexed text and is correct for a
question typed with one.
"""

from __future__ import annotations

import re

CJK_CHARS = "\u3400-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHARS}]")
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds any Chinese character (the question is then treated as Chinese)."""
    return bool(CJK.search(text))


def cjk_count(text: str) -> int:
    """How many Chinese characters ``text`` holds (to tell mostly-Chinese text from English)."""
    return len(CJK.findall(text))


# A citation marker "[3]" (group 1: the passage number) ...
MARKER = re.compile(r"\[(\d+)\]")
# ... and the form a model sometimes writes, several numbers in one bracket: "[1, 3]", "[2;4]".
MARKER_GROUP = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
# A whole ISO date or prefix of one: YYYY, YYYY-MM or YYYY-MM-DD (document dates, date filters).
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A Member's question or motion wording: views put to the Government, not what the Government reports.
_MEMBER_SECTION = re.compile(r"(?:^|> )(?:Question|[^>]*\bmotion on\b[^>]*)$")


def is_member_text(section: str) -> bool:
    """A section path naming a Member's question or motion: it states views, not Government facts."""
    return bool(_MEMBER_SECTION.search(section))


_APPARATUS_SECTION = re.compile(r"(?:^|> )(?:(?:List of )?relevant papers|Footnotes|References)$", re.I)


def is_apparatus(section: str) -> bool:
    """A paper's reference list or footnotes: they locate sources, they do not state policy."""
    return bool(_APPARATUS_SECTION.search(section))
