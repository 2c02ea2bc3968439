"""The fact-bearing atoms of a sentence, for the claim verifier.

A wrong claim usually differs from its passage in one atom: a figure, a year or
month, a named entity, the polarity, or the certainty ("will" vs "has"). The
content-word rule this replaces missed all of those (issue 17: balanced
accuracy 0.59), because the wrong claim still shares almost all its words with
the passage. Each atom here is extracted *with its position*, so the verifier can
ask whether it sits in the passage sentence that supports the claim, next to the
same words, rather than anywhere in the passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import has_cjk
from rag.evidence import content_words

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
    "hundred": 100, "a hundred": 100, "a thousand": 1000, "sixteen": 16, "dozen": 12, "half": 0.5,
}
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "千": 1e3, "萬": 1e4, "万": 1e4, "百萬": 1e6, "億": 1e8, "亿": 1e8, "萬億": 1e12,
}
_FIGURE = re.compile(
    r"(?<![A-Za-z\d.,])(\d{1,3}(?:(?:,| (?=\d{3}(?!\d)))\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d年月日號号])\s*"
    r"(thousand|million|billion|trillion|bn|mn|萬億|百萬|千|萬|万|億|亿|(?:k|m|b)(?![a-z/&]))?",  # not "60 B/Ds"
    re.IGNORECASE,
)
_WORD_FIGURE = re.compile(r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b", re.I)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_ACADEMIC_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*[/-–]\s*(\d{2})(?!\d)")
_MONTHS = "january february march april may june july august september october november december".split()
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b", re.I)
_ZH_MONTH = re.compile(r"(1[0-2]|[1-9])\s*月")
_ENTITY = re.compile(
    r"\b(?:[A-Z][A-Za-z0-9@&’'\-]*|[A-Z]{2,}[A-Za-z0-9@&/]*)(?:\s+(?:of|and|for|the|on|in|&)?\s*(?:[A-Z][A-Za-z0-9@&’'\-]*|\d{4}))*"
)
_ACRONYM = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*[A-Z][\w@&/]*\b")
_ENTITY_STOP = {"the", "a", "an", "in", "on", "it", "this", "these", "those", "its", "as", "at", "by", "for",
                "with", "since", "under", "from", "to", "and", "also", "besides", "meanwhile", "moreover",
                "however", "through", "there", "their", "he", "she", "they", "we", "apart", "according",
                "among", "after", "before", "during", "yes", "no", "president", "government", "hong", "kong",
                "mainland", "council", "question", "reply", "i", "ii", "iii", "iv", "v", "vi", *_WORD_NUMBERS}
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|neither|without|cannot|unable|fail(?:s|ed)?\s+to|no\s+longer|lack(?:s|ed)?)\b"
    r"|n't|\byet\s+to\b|\brather\s+than\b|\binstead\s+of\b"
    r"|(?:沒有|没有|並非|并非|毋須|無須|尚未|未(?![來来有])|不(?![同斷断少僅仅但論论過过])|無法|无法)",
    re.I,
)
# Modality: what is planned, expected or aimed at, as against what has happened or is so.
_PLANNED = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|aims?|aimed|aiming|expects?|expected|targets?|targeted"
    r"|intends?|intended|propos(?:e|es|ed|al)|prepares?|preparing|seeks?|strives?|striving|going\s+to"
    r"|pledg\w*|promis\w*|meant\s+to|committed\s+to|projected|forecast|estimated|likely|slated|set\s+to|upcoming|anticipated|envisaged|scheduled|to\s+be\s+\w+ed"
    r"|under\s+(?:planning|construction|development|consideration|study)|about\s+to)\b"
    r"|(?:將|将|計劃|计划|預計|预计|擬|拟|目標|目标|爭取|争取|期望|希望|準備|准备|計畫)",
    re.I,
)
_DONE = re.compile(
    r"\b(?:has|have|had|was|were|already|completed|launched|established|commenced|introduced"
    r"|announced|rolled\s+out|opened|began|started|admitted|signed|promulgated|published|has\s+set\s+up|was\s+set\s+up)\b|(?:已|已經|已经|完成|推出了|成立了|設立了)",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """A quantity by value ("$3bn" and "3 billion" are both 3e9) and where it was written."""

    value: float
    text: str
    start: int
    end: int


def figures(text: str, *, spelled: bool = True) -> list[Figure]:
    """Quantities other than years: amounts, counts, percentages; scale words applied.

    ``spelled`` adds number words ("sixteen"): a passage's words may match a claim's digits, but a
    claim's "phase one" is not a quantity to look for (12 faithful tune claims failed on such words).
    """
    found: list[Figure] = []
    for match in _FIGURE.finditer(text):
        number, scale = match.group(1), (match.group(2) or "")
        if _YEAR.fullmatch(number) and not scale:
            continue
        if re.fullmatch(r"\d{2}", number) and text[max(0, match.start() - 1) : match.start()] in "/-–":
            continue  # the "25" of "2024/25"
        value = float(re.sub(r"[, ]", "", number))
        value *= _SCALES.get(scale.lower(), _SCALES.get(scale, 1.0)) if scale else 1.0
        found.append(Figure(round(value, 6), match.group(0).strip(), match.start(), match.end()))
    for match in _WORD_FIGURE.finditer(text) if spelled else ():
        found.append(Figure(float(_WORD_NUMBERS[match.group(1).lower()]), match.group(0), match.start(), match.end()))
    return found


def years(text: str) -> set[str]:
    """Four-digit years, plus the second year of "2024/25" or "2025-26"."""
    found = set(_YEAR.findall(text))
    for first, second in _ACADEMIC_YEAR.findall(text):
        found.add(first[:2] + second)
    return found


def months(text: str) -> set[int]:
    """Months by number, from English names and Chinese "12月"."""
    found = set()
    for match in _MONTH.finditer(text):
        word = match.group(1).lower()
        if word == "may" and not re.search(r"\bmay\s+(?:19|20)\d\d", text[match.start():], re.I):
            continue  # the modal verb, not the month
        found.add(next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(word[:3])))
    found.update(int(m) for m in _ZH_MONTH.findall(text))
    return found


def entities(text: str) -> list[str]:
    """Names of organisations, schemes, places and people, and acronyms (as written)."""
    names: list[str] = []
    for match in _ENTITY.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in _ENTITY_STOP:
            words = words[1:]
        while words and words[-1].lower() in {"of", "and", "for", "the", "on", "in", "&"}:
            words = words[:-1]
        name = " ".join(words)
        if not name or re.fullmatch(r"\d{4}", name):
            continue
        if match.start() == 0 and len(words) == 1 and not _ACRONYM.fullmatch(name):
            continue  # a capitalised first word is usually just the start of the sentence
        names.append(name)
    for match in re.finditer(r"[A-Za-z][\w@&/\-]*[A-Z][\w@&/\-]*|[A-Z]{2,}", text):
        if has_cjk(text) and match.group(0) not in names:
            names.append(match.group(0))  # Latin names inside a Chinese sentence
    return names


def negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


def planned(text: str) -> bool:
    """Is the statement about intention or expectation rather than fact?"""
    return bool(_PLANNED.search(text))


def done(text: str) -> bool:
    return bool(_DONE.search(text))


# A deed, in the claim: a past participle or past tense ("was completed", "has purchased", "commissioned").
_DEED = re.compile(r"\b([a-z]{4,}ed)\b")
# Before the same verb in the evidence, a plan or a consideration: "are expected to be completed", "is studying the
# purchase of", "is exploring the extension of". Tune split of eval/verifier_set: 3 of the 5 missed modality errors
# were a deed whose sentence also reported a done step ("commenced in 2021, ... expected to be completed in 2025"),
# which the sentence-level rule (planned and nothing done) lets through.
_CONSIDERED = re.compile(r"\b(?:stud(?:y|ying|ies)|explor(?:e|es|ing)|consider(?:s|ing)?|review(?:s|ing)?"
                         r"|examin(?:e|es|ing)|look(?:s|ing)\s+into|feasibility)\b", re.I)
PLAN_REACH = 5  # words before the verb that may hold its plan ("are expected to be completed": 4)


def planned_deed(claim: str, evidence: str, stem: Callable[[str], str]) -> str:
    """A deed the claim states as done that the evidence gives only as planned or considered ("" if none).

    Bound to the verb, not the sentence: each of the claim's deeds is looked up (by ``stem``) in the evidence,
    and it counts only if every occurrence there follows a plan or consideration within ``PLAN_REACH`` words."""
    if planned(claim):
        return ""
    words = re.findall(r"[A-Za-z]+", evidence)
    stems = [stem(w.lower()) for w in words]
    for deed in _DEED.findall(claim.lower()):
        target = stem(deed)
        places = [i for i, s in enumerate(stems) if s == target]
        before = [" ".join(words[max(0, i - PLAN_REACH):i]) for i in places]
        if places and all(_PLANNED.search(b) or _CONSIDERED.search(b) for b in before):
            return deed
    return ""


def words_near(text: str, start: int, end: int, reach: int = 60) -> set[str]:
    """Content words within ``reach`` characters of a span: what a figure or date is *about*."""
    left = text[max(0, start - reach) : start]
    right = text[end : end + reach]
    return content_words(left + " " + right)


def initials(name: str) -> str:
    """"Digital Policy Office" → "DPO": a full name may stand for the acronym a claim uses."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'\-]*", name) if w[0].isupper() or w.lower() not in {"of", "and", "for", "the", "on", "in"}).upper()


def entity_in(name: str, text: str) -> bool:
    """Is the name there, literally, as its acronym or spelled out, or word for word?"""
    name = re.sub(r"[’']s\b", "", name)
    lowered = text.lower()
    if name.lower() in lowered:
        return True
    if re.fullmatch(r"[A-Z][A-Z&@]{1,9}s?", name):
        acronym = name.rstrip("s")
        return any(initials(other) == acronym for other in entities(text)) or spelled_out(acronym, text)
    if initials(name) in set(re.findall(r"\b[A-Z]{2,}\b", text)) and len(name.split()) > 1:
        return True
    if " and " in name:  # "HKSTP and Cyberport": two names
        return all(entity_in(part, text) for part in name.split(" and "))
    text_words = content_words(text.replace("-", " "))
    acronyms = {initials(n) for n in entities(text)}
    tokens = re.findall(r"[A-Za-z0-9@&]+", name.replace("-", " "))
    if not tokens:
        return False
    for token in tokens:
        stems = content_words(token)
        if stems and stems <= text_words or token.rstrip("s").lower() in lowered or token.rstrip("s") in acronyms:
            continue
        if not stems:
            continue
        return False
    return True


_LINKING = {"of", "and", "for", "the", "on", "in", "&"}


def spelled_out(acronym: str, text: str) -> bool:
    """Is the acronym written out in lower case? "R&D" = "research and development", "MSME" = "micro, small
    and medium enterprises", "NGO" = "non-governmental organisations": its letters are the initials of
    consecutive words, linking words skipped (a two-letter one only as "X and Y": two initials occur by
    chance in most passages). Tune split: 5 of 15 faithful claims flagged had such a name (R&D, MSMEs,
    LLMs, NGO) where the passage spells it out; names with capitals were matched already.
    """
    letters = re.sub(r"[^A-Z]", "", acronym)
    if len(letters) == 2:
        return bool(re.search(rf"\b{letters[0]}\w*\s+(?:and|&)\s+{letters[1]}", text, re.IGNORECASE))
    if len(letters) < 2:
        return False
    for word in (r"[A-Za-z][\w’']*", r"[A-Za-z][\w’'\-]*"):  # "non-governmental" as two words, then as one
        words = [w for w in re.findall(word, text) if w.lower() not in _LINKING]
        if letters in "".join(w[0].upper() for w in words):
            return True
    return False
