"""Question analysis: what kind of answer a question asks for, read from its wording alone.

Every function here is pure (question text in, verdict out), so each rule is pinned by a
table of examples in tests/test_questions.py without an index or a model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from core.text import has_cjk
from index.retrieval import Filters
from rag.citations import strip_markers
from rag.evidence import content_words, numbers


class Language(Enum):
    """The language a question is answered in; Chinese answers are checked and composed differently."""

    ENGLISH = "en"
    CHINESE = "zh"

    @classmethod
    def of(cls, text: str) -> Language:
        """Chinese when the text holds any Chinese character (a mixed question is a Chinese one)."""
        return cls.CHINESE if has_cjk(text) else cls.ENGLISH

    @property
    def chinese(self) -> bool:
        return self is Language.CHINESE


@dataclass
class Turn:
    """One earlier exchange of a conversation (follow-ups are condensed against these)."""

    question: str
    answer: str


_NUMERIC_QUESTION = re.compile(
    r"^\s*(how (many|much|long|far)|what (percentage|proportion|number|amount)|when\b|which year|in what year)"
    r"|幾多|多少|哪一年|何時|幾時",
    re.IGNORECASE,
)
# A list item's own number at a sentence's start ("3. ", "(b) "): it is not a figure the sentence gives.
LEAD_NUMBER = re.compile(r"^\s*(\d{1,3}\.|-?\s*\(\w{1,4}\))\s+")
# Questions about what Members asked or moved: only these read a Member's question or motion wording.
_ABOUT_MEMBERS = re.compile(r"\b(?:members?|motion|asked|urg\w*|question(?:s|ed)? (?:raised|put))\b|議員|議案|質詢", re.I)
# Questions whose answer is a list or an overview: the small model names one or two items, so more checked
# passage sentences are added beside its answer.
_BROAD = re.compile(
    r"\b(?:summar(?:y|ise|ize)|sum up|key points|main points|highlights|overview|outline|list|what(?:'s| is| are) (?:being )?done|measures|initiatives"
    r"|schemes|programmes?|programs?|projects|facilities|examples|applications|steps|efforts|co-?operation)\b"
    r"|總結|概述|措施|計劃",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(r"^\s*(and|also|what about|how about|then|so)\b|\b(it|its|they|them|their|this|that|these|those)\b", re.I)
_HOW_MANY = re.compile(r"how many\s+(?:of\s+)?(?:the\s+)?([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)", re.IGNORECASE)
_WHO_ROLE = re.compile(r"^\s*who\s+(?:is|was|are|were|will be)\s+(?:the\s+)?(?:current\s+|new\s+)?([A-Za-z][\w-]*)", re.I)
_GENERIC_FOCUS = {"money", "funding", "time", "people", "person", "one", "ones"}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*[/–-]\s*(?:19|20)?\d{2})?(?!\d)")
_COUNT_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozens?|hundreds?)\b", re.I
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NOT_A_COUNT = re.compile(
    rf"(?<!\d)\d{{1,2}}\s+(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}}(?!\d)|\d+(?:st|nd|rd|th)\b"
    r"|\b(?:Question|para(?:graph)?|item|Annex|Appendix|phase|No\.|LCQ|Q)\s*\d+",
    re.IGNORECASE,
)
_MONEY = re.compile(r"(?:HK|RMB|US)?\$\s*\d[\d,. ]*(?:\s*(?:thousand|million|billion))?", re.IGNORECASE)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
_ITEMS = re.compile(r"\b(\d{1,2}|two|three|four|five|six|seven|eight|ten)\s+(?:key\s+|main\s+|short\s+)?"
                    r"(?:bullet(?:\s+point)?|point|item|sentence|line)s?\b", re.IGNORECASE)
_WORDS = re.compile(r"\b(\d{2,3})\s*words?\b|(\d{2,3})\s*字", re.IGNORECASE)
FOLLOW_UP_MAX_WORDS = 20  # a longer question stands on its own: it is not a follow-up to condense


def expects_number(question: str) -> bool:
    """A count, amount, duration or date question ("how many", "when", "多少")."""
    return bool(_NUMERIC_QUESTION.search(question))


def focus_words(question: str) -> set[str]:
    """Words an answer must speak about: X in "how many X" or "who is the X of ...".

    "How many enquiries does the 1823 chatbot handle?" is not answered by a sentence
    about the chatbot without the enquiries, nor "who is the director" by one
    without a director.
    """
    match = _HOW_MANY.search(question) or _WHO_ROLE.search(question)  # X = up to two words; any of them will do
    if not match:
        return set()
    return content_words(match.group(1)) - content_words(" ".join(_GENERIC_FOCUS))


def mentions(focus: set[str], text: str) -> bool:
    """Does ``text`` speak of any focus word? A shared stem prefix counts ("lab" ~ "laboratories")."""
    words = content_words(text)
    if focus & words:
        return True
    return any(len(f) >= 3 and w.startswith(f) for f in focus for w in words)


def answers_numeric(question: str, sentence: str) -> bool:
    """Does ``sentence`` give a number the question asks for?

    It must hold a number the question does not already contain; for a count ("how
    many") dates, ordinals and money amounts do not count; and it must name the question's focus.
    """
    plain = LEAD_NUMBER.sub("", strip_markers(sentence))
    if _HOW_MANY.search(question):
        plain = _MONEY.sub(" ", _YEAR.sub(" ", _NOT_A_COUNT.sub(" ", plain)))
    focus = focus_words(question)
    if not numbers(plain) - numbers(question) and not _counts_in_words(plain, focus):
        return False
    return not focus or mentions(focus, sentence)


def _counts_in_words(text: str, focus: set[str]) -> bool:
    """"ten key projects" answers "how many projects": a count word within three words of the focus."""
    return bool(focus) and any(
        mentions(focus, " ".join(text[m.end():].split()[:3])) for m in _COUNT_WORD.finditer(text)
    )


@dataclass(frozen=True)
class Shape:
    """What a request asks the answer to look like: N bullet points, at most W words (None: not asked)."""

    items: int | None = None
    words: int | None = None


def asked_shape(question: str) -> Shape:
    """The shape a request states ("give me 3 bullet points", "brief a PS in 100 words")."""
    items = _ITEMS.search(question)
    words = _WORDS.search(question)
    count = None
    if items:
        token = items.group(1).lower()
        count = int(token) if token.isdigit() else _NUMBER_WORDS[token]
    return Shape(count, int(words.group(1) or words.group(2)) if words else None)


def is_broad(question: str) -> bool:
    """A list or overview question ("what measures ...", "summarise ...")."""
    return bool(_BROAD.search(question))


def answer_filters(question: str, filters: Filters | None) -> Filters:
    """The user's filters, plus: no Member's question or motion wording unless the question is about one."""
    filters = filters or Filters()
    return filters if _ABOUT_MEMBERS.search(question) else replace(filters, member_text=False)


def condense_heuristic(question: str, history: Sequence[Turn]) -> str:
    """Without an LLM: carry the previous question's topic into a short follow-up."""
    if not history or not _FOLLOW_UP.search(question) or len(question.split()) > FOLLOW_UP_MAX_WORDS:
        return question
    return f"{history[-1].question} {question}"
