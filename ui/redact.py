"""Personal data scrubbing for the audit log.

Officers sometimes paste a constituent's phone number, HKID or e-mail address into
a question. The log must not keep them, so free text is redacted before it is
written. Phone numbers are found by Google's libphonenumber (``phonenumbers``),
which knows Hong Kong's numbering plan and international formats; HKID numbers and
e-mail addresses have simple fixed shapes and are matched by pattern.
"""

from __future__ import annotations

import re

import phonenumbers

PHONE, HKID, EMAIL = "[PHONE]", "[HKID]", "[EMAIL]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# One or two letters, six digits, then the check digit (0-9 or A), bracketed or not, as people
# type them: A123456(7), AB987654(A), a1234567, Y 123456 (7). A typo'd check digit is still
# someone's ID number, so the check digit is not validated.
_HKID = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}\s?\d{6}\s?(?:\(\s?[0-9Aa]\s?\)|[0-9Aa])(?![A-Za-z0-9])")


def redact(text: str, region: str = "HK") -> str:
    """``text`` with phone numbers, HKID numbers and e-mail addresses replaced by placeholders."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL, text)
    text = _HKID.sub(HKID, text)
    pieces: list[str] = []
    last = 0
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        pieces.append(text[last : match.start])
        pieces.append(PHONE)
        last = match.end
    pieces.append(text[last:])
    return "".join(pieces)
