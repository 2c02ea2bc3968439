"""Personal data scrubbing for the audit log.

Officers sometimes paste a constituent's phone number, HKID or e-mail address into
a question. The log must not keep them, so free text is redacted before it is
written. Phone numbers are found by Google's libphonenumber (``phonenumbers``),
which knows Hong Kong's numbering plan and international formats; HKID numbers and
e-mail addresses have simple fixed shapes and are matched by pattern, including the
shapes people type to dodge filters (``jo [at] itib [dot] gov [dot] hk``) and those a
Chinese input method produces (full-width brackets and digits).
"""

from __future__ import annotations

import re

import phonenumbers

PHONE, HKID, EMAIL = "[PHONE]", "[HKID]", "[EMAIL]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "x [at] y [dot] com", "x (at) y.com", "x at y dot com": the at is bracketed, or both are words.
_BRACKET_AT = r"\s*[\[({<]\s*at\s*[\])}>]\s*"
_BRACKET_DOT = r"\s*[\[({<]\s*dot\s*[\])}>]\s*"
_SPELLED_EMAIL = re.compile(
    rf"[\w.+-]+(?:{_BRACKET_AT}[\w-]+(?:(?:{_BRACKET_DOT}|\s+dot\s+|\.)[\w-]+)+"
    rf"|\s+at\s+[\w-]+(?:(?:{_BRACKET_DOT}|\s+dot\s+)[\w-]+)+)",
    re.IGNORECASE,
)
# One or two letters, six digits, then the check digit (0-9 or A), bracketed or not, as people
# type them: A123456(7), AB987654(A), a1234567, Y 123456 (7), A123456（7） (full-width, from a Chinese
# input method). A typo'd check digit is still someone's ID number, so it is not validated; a number
# typed without its check digit (A123456) is one too, when the letters touch the digits.
# (\d also matches full-width digits; \s the ideographic space.)
_LETTER = r"[A-Za-zＡ-Ｚａ-ｚ]"
_CHECK = r"[0-9Aa０-９Ａａ]"
_HKID = re.compile(
    rf"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９]){_LETTER}{{1,2}}(?:\s?\d{{6}}\s?(?:[(（]\s?{_CHECK}\s?[)）]|{_CHECK})|\d{{6}})"
    r"(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])"
)
# Phone numbers typed back to back ("5123 4567 6123 4567") read as one 16-digit number to
# libphonenumber, which then finds none; each 8-digit piece that is a valid HK number is one.
_NUMBER_RUN = re.compile(r"(?<![\d-])\d{4}[ -]?\d{4}(?:[\s,/;]+\d{4}[ -]?\d{4})+(?![\d-])")
_EIGHT = re.compile(r"\d{4}[ -]?\d{4}")


def _phone_runs(text: str, region: str) -> str:
    def pieces(match: re.Match[str]) -> str:
        def one(piece: re.Match[str]) -> str:
            try:
                number = phonenumbers.parse(piece.group(0), region)
            except phonenumbers.NumberParseException:
                return piece.group(0)
            return PHONE if phonenumbers.is_valid_number(number) else piece.group(0)

        return _EIGHT.sub(one, match.group(0))

    return _NUMBER_RUN.sub(pieces, text)


def redact(text: str, region: str = "HK") -> str:
    """``text`` with phone numbers, HKID numbers and e-mail addresses replaced by placeholders."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL, text)
    text = _SPELLED_EMAIL.sub(EMAIL, text)
    text = _HKID.sub(HKID, text)
    text = _phone_runs(text, region)
    pieces: list[str] = []
    last = 0
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        pieces.append(text[last : match.start])
        pieces.append(PHONE)
        last = match.end
    pieces.append(text[last:])
    return "".join(pieces)


def redact_figures(figures: list[str], source: str) -> list[str]:
    """Figures quoted from ``source`` (e.g. translation's ``missing_numbers``), each kept only if it
    survives redaction of the source: the digits of a phone number or HKID become ``[REDACTED]``."""
    cleaned = redact(source)
    return [figure if figure in cleaned else "[REDACTED]" for figure in figures]
