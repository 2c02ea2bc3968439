"""The kind of value an ask asks for (money, date, percentage), and whether a sentence gives a value of that kind.

Classic question classification (answer types, as in Li & Roth 2002): a near miss is often on
the right entity with the wrong kind of value. "How much did the Microelectronics Centre cost to
build?" is not answered by "... is planned to be commissioned within 2024", nor "what is the max
subsidy per project" by a sentence that gives a date. This is a *feature* of the calibrated
answerability score (rag/answerability.features ``typed``; weights fitted on the tune split by
``make fit-answerability``), never a rule that refuses on its own.

The cues are kinds of value, not topics: the wording that names a sum of money, a point in time
or a share. Of the 31 near misses in the tune split, 14 ask for one of these kinds; the measurement
that justified adding them is in core/policy.py beside the refitted weights.
"""

from __future__ import annotations

import re

MONEY, DATE, PERCENT = "money", "date", "percent"

_NAME_WORD = re.compile(r"(?<=\S\s)[A-Z][\w&'-]*")  # a capitalised word that is not the ask's first
_DATE_OPENING = r"^\s*(?:when|by when|since when|which year|in what year)\b"
_ASKS = {
    MONEY: re.compile(
        r"\b(?:cost(?:s|ing)?|price[sd]?|fees?|charges?|budget|funding|grants?|subsid(?:y|ies)|ceiling|spent|spend"
        r"|salar(?:y|ies)|how much money|worth)\b|幾多錢|多少錢|費用|資助額|撥款|成本",
        re.IGNORECASE),
    DATE: re.compile(rf"{_DATE_OPENING}|\b(?:deadline|what date)\b|幾時|何時|哪一年|邊年|甚麼時候", re.IGNORECASE),
    PERCENT: re.compile(r"\b(?:percentage|per cent|percent|proportion|share of|rate)\b|%|百分比|比率|比例", re.IGNORECASE),
}
_GIVES = {
    MONEY: re.compile(r"(?:HK|RMB|US)?\$\s*\d|\b\d[\d,.]*\s*(?:million|billion|thousand)?\s*(?:dollars|yuan)\b"
                      r"|\d\s*(?:億|萬)?元", re.IGNORECASE),
    DATE: re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|\b(?:January|February|March|April|May|June|July|August"
                     r"|September|October|November|December)\b|\d{4}年|\d{1,2}月", re.IGNORECASE),
    PERCENT: re.compile(r"\d\s*%|\d\s*per\s*cent|百分之|\d\s*成\b", re.IGNORECASE),
}


def asked_kind(ask: str) -> str | None:
    """money, date or percent when the ask's wording names that kind of value; else None (no expectation).

    A question opening with "when" asks a date whatever else it names ("when was the funding approved");
    otherwise a date noun ("the deadline"), then money, then a share. Capitalised words after the first
    are read as part of a name ("AI Subsidy Scheme") and give no cue.
    """
    if re.match(_DATE_OPENING, ask, re.IGNORECASE):
        return DATE
    plain = _NAME_WORD.sub(" ", ask)  # "the AI Subsidy Scheme", "the ... Funding Programme" are names, not asks
    for kind in (DATE, MONEY, PERCENT):
        if _ASKS[kind].search(plain):
            return kind
    return None


def gives_kind(sentence: str, kind: str | None) -> bool:
    """Does ``sentence`` hold a value of ``kind`` (True when no kind is asked)?"""
    return kind is None or bool(_GIVES[kind].search(sentence))
