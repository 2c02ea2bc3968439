"""Text evidence helpers shared by the checker, the extractive backend and prompt compression.

Numbers are compared in a canonical form ("1 300" = "1,300" = "1300";
"$3 billion" keeps its number 3 and its scale word), content words are
stemmed English words minus stop words.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being this that
    these those it its into than then there their they them he she his her we our you your i me my do does did
    done has have had having not no nor so such can could will would shall should may might must also about
    over under more most less least very just only other any each all both some what which who whom whose when
    where why how many much per via up down out off again further once here same own too s t any""".split()
)
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?(?![\w])|\d+(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


def numbers(text: str) -> set[str]:
    """Canonical numbers in ``text``: thousands separators dropped, trailing .0 removed."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = re.sub(r"[ ,]", "", match.group(0))
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        found.add(value)
    return found


def content_words(text: str) -> set[str]:
    """Stemmed, lower-cased content words (and CJK character bigrams for Chinese text)."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    stems = set(_stemmer().stemWords([w for w in words if w not in _STOP and len(w) > 1]))
    for run in _CJK_RUN.findall(text):
        stems.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return stems


def overlap(sentence_words: set[str], passage_words: set[str]) -> float:
    """Share of the sentence's content words found in the passage."""
    if not sentence_words:
        return 1.0
    return len(sentence_words & passage_words) / len(sentence_words)
