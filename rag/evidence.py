"""Text evidence helpers shared by the checker, the extractive backend and prompt compression.

Numbers are compared in a canonical form ("1 300" = "1,300" = "1300";
"$3 billion" keeps its number 3 and its scale word), content words are
stemmed English words minus stop words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.text import CJK_RUN, MARKER

_STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being this that
    these those it its into than then there their they them he she his her we our you your i me my do does did
    done has have had having not no nor so such can could will would shall should may might must also about
    over under more most less least very just only other any each all both some what which who whom whose when
    where why how many much per via up down out off again further once here same own too s t any""".split()
)
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?(?![\w])|\d+(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


def stem_word(word: str) -> str:
    """One lower-case word's stem, as ``content_words`` stems it ("completed", "completion" → "complet")."""
    return str(_stemmer().stemWord(word))


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
    for run in CJK_RUN.findall(text):
        stems.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return stems


def mostly_shared(words: set[str], other: set[str], share: float) -> bool:
    """Whether the shorter of two content-word sets is at least ``share`` inside the other (a restatement)."""
    return bool(words and other) and len(words & other) >= share * min(len(words), len(other))


def overlap(sentence_words: set[str], passage_words: set[str]) -> float:
    """Share of the sentence's content words found in the passage."""
    if not sentence_words:
        return 1.0
    return len(sentence_words & passage_words) / len(sentence_words)


# ---- figures by value, across languages ("$3 billion" = "30億元") -------------------------------
_SCALE_EN = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_ZH = {"千": 1e3, "萬": 1e4, "万": 1e4, "百萬": 1e6, "億": 1e8, "亿": 1e8, "萬億": 1e12}
_FIGURE = re.compile(
    r"((?<![\d.])\d{1,3}(?:(?:, ?| )\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|萬億|百萬|千|萬|万|億|亿)?",
    re.IGNORECASE,
)
_MONTH_NUMBERS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def figure_values(text: str) -> dict[float, str]:
    """Every figure in ``text`` by value (scale words applied), mapped to how it was written."""
    values: dict[float, str] = {}
    for match in _FIGURE.finditer(text):
        number, scale = match.group(1), match.group(2)
        value = float(re.sub(r"[, ]", "", number))
        if scale:
            value *= _SCALE_EN.get(scale.lower(), _SCALE_ZH.get(scale, 1.0))
        values.setdefault(round(value, 6), match.group(0).strip())
    return values


def missing_figures(source: str, translated: str) -> list[str]:
    """Figures of ``source`` whose value is absent from ``translated`` (markers are checked separately)."""
    source, translated = MARKER.sub(" ", source), MARKER.sub(" ", translated)
    target_values = figure_values(translated)
    plain_target = set(figure_values(re.sub(r"(thousand|million|billion|trillion|萬億|百萬|千|萬|万|億|亿)", " ", translated)))
    return [
        written for value, written in figure_values(source).items()
        if value not in target_values and value not in plain_target
    ]


def month_numbers(text: str) -> str:
    """"December 2024" → " 12": a Chinese date (2024年12月) writes the month as a figure."""
    return " ".join(str(_MONTH_NUMBERS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _MONTH_NUMBERS)
