"""What one numbered part of a LegCo question asks, read from its structure.

A part such as "(1) as there are views that ..., whether the Fund will formulate guidelines to increase
the weighting of indicators, such as innovative capability and R&D intensity, when guiding patient
capital; if so, of the details; if not, the reasons" holds a Member's lead-in (context: views, not an
ask), one or more asks ("whether ...", "what measures ..."), the items an ask lists ("such as",
"including": facets, each worth its own evidence), and the standard follow-up ("if so, of the details;
if not, the reasons"), which the evidence for the ask answers. Drafted whole, such a part retrieved the
lead-in's topic and the reply's one relevant sentence came ninth (issue 19, LCQ13 part (1)).

Every cut is on the question's grammar (clause openers after a comma, the follow-up formula, list
connectives), never on topic words; ``tests/test_draft_asks.py`` holds the table of parts it must read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An ask opens with a question word at the start of the part or after a clause boundary.
# "when guiding patient capital" (a gerund after the word) is a circumstance of the ask before it, not an ask.
_OPENER = r"(?:whether|what|which|how|when|where|who|why)\b(?!\s+\w+ing\b)"
# LegCo's other ask form, after "will the Government inform this Council": "of the number of ...", "of examples
# of ...", opening a part, a ";" segment, or a clause after a lead-in ("as there are views that ..., of the
# timetable ..."). "of which" continues a clause. Read off our own drafting parts (eval/drafting_own, tune
# split): 6 of its 10 parts open this way and the old reading took every one as a single ask or as context.
_OF_OPENER = r"of\s+(?!which\b|whom\b)[a-z]+\b"
_ASK_START = re.compile(rf"(?:^|[,;:]\s+(?:and\s+)?|\s+and\s+(?={_OPENER}))(?={_OPENER}|{_OF_OPENER})", re.IGNORECASE)
# Asks of one part are separated by ";" ("...; the number of junctions ...; and the reduction in ..."),
# except inside brackets.
_SEGMENT = re.compile(r";\s*(?:and\s+|as well as\s+)?(?![^(]*\))")
# A follow-up formula opening a segment ("if so, of the details"), up to an ask that follows it in the same
# segment ("if so, of the details, and whether such guidelines have been updated").
_FOLLOW_UP_SEGMENT = re.compile(r"^(?:if so|if yes|if not|if no)\b", re.IGNORECASE)
# A noun-phrase ask ("of the timetable for ..., and the measures in place to ...") holds a second ask after
# ", and the" / ", as well as the" (a "whether ..." ask does not: ", and the public sector" joins nouns there).
_NOUN_COORDINATE = re.compile(r",\s+(?:and|as well as|together with)\s+(?:of\s+)?(?=the\s)", re.IGNORECASE)
# The standard follow-up of a LegCo part: "; if so, of the details; if not, the reasons for that".
_FOLLOW_UP = re.compile(r",\s*(?=(?:if so|if yes|if not|if no)\b)", re.IGNORECASE)
# A second verb phrase of the same "whether it will ..." ask: ", and urge ...", ", as well as encourage ...".
# The word after the connective must not be a determiner (", and the public sector" joins nouns).
_COORDINATE = re.compile(
    r",\s+(?:and|as well as)\s+(?!(?:the|a|an|its|their|other|all|any|such|so|in|to|of|for|with|on|at|by|when|if)\b)"
    r"(?=[a-z]+\s+\w)"
)
# Whose will an ask is: "whether it will", "whether the SAR Government will" — prefixed to a coordinated ask.
_SUBJECT = re.compile(r"^(whether\s+.{1,80}?\s(?:will|would|can|could|should|has|have|is|are|plans?\s+to))\s",
                      re.IGNORECASE)
# Where an ask's core ends and its elaboration begins: a list, a purpose or a circumstance clause.
_ELABORATION = re.compile(
    r",?\s+(?:including|such as|e\.g\.|for example|particularly|especially|so as to|with a view to|in order to"
    r"|in respect of)\b|\s+\((?![A-Z][A-Za-z&@-]{1,9}\))",  # "(HKSAR)", "(R&D)" name, they do not elaborate
    re.IGNORECASE,
)
_LIST_START = re.compile(r"\b(?:including|such as|e\.g\.|for example)\s+", re.IGNORECASE)
_LIST_END = re.compile(r",\s+(?:so as to|with a view to|in order to|when|to|for|in|with|by)\s|[;)]|,\s+(?:and|as well as)\s+(?:to\s)?"
                       r"(?=[a-z]+\s+(?:the|a|an|its|their)\b)", re.IGNORECASE)
_PART_NUMBER = re.compile(r"^\s*\(?\d{1,2}\)\s*|^\s*\[reconstructed\]\s*", re.IGNORECASE)
MIN_FACET_WORDS = 2  # "etc." and single adjectives are not facets


@dataclass(frozen=True)
class DraftAsk:
    """One ask of a part: its wording, the short core that is retrieved for, and the items it lists."""

    text: str
    core: str
    facets: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartAsks:
    """A part read: the Member's lead-in, its asks in order, and the follow-up formula (or "")."""

    context: str
    asks: tuple[DraftAsk, ...]
    follow_up: str = ""


def read_part(part: str) -> PartAsks:
    """The lead-in, asks and follow-up of one question part (a part without an opener is one ask)."""
    text = re.sub(r"\s+", " ", _PART_NUMBER.sub("", part.replace("□", " "))).strip()
    text = re.sub(r"[\s;,]*(?:\band\b)?[\s;,.?]*$", "", text)
    context, pieces, follow_ups = "", [], []
    segments = [piece.strip(" ,") for segment in _SEGMENT.split(text) for piece in _FOLLOW_UP.split(segment)]
    for number, segment in enumerate(segments):
        if _FOLLOW_UP_SEGMENT.match(segment):
            later = next((m for m in _ASK_START.finditer(segment) if m.start() > 0 and _is_question_word(segment, m.end())), None)
            follow_ups.append(segment[: later.start()].rstrip(" ,;") if later else segment)
            if not later:
                continue
            segment = segment[later.end():]
        starts = [m.end() for m in _ASK_START.finditer(segment)]
        if not starts:
            pieces.append(segment)
            continue
        if number == 0 and starts[0] > 0:
            context = segment[: starts[0]].rstrip(" ,;:").strip()
        elif starts[0] > 0:
            starts.insert(0, 0)
        pieces += [segment[a:b].rstrip(" ,;:") for a, b in zip(starts, [*starts[1:], len(segment)])]
    pieces = [re.sub(r"\s+and$", "", piece) for piece in pieces]
    asks: list[DraftAsk] = []
    for piece in pieces:
        asks.extend(_ask(p) for p in _coordinated(piece))
    return PartAsks(context, tuple(a for a in asks if a.text), "; ".join(follow_ups))


def _is_question_word(text: str, at: int) -> bool:
    """Whether an ask starts at ``at`` with a question word ("whether ..."), not an "of ..." noun phrase."""
    return bool(re.match(_OPENER, text[at:], re.IGNORECASE))


def _coordinated(ask: str) -> list[str]:
    """An ask with a second verb phrase split in two, the second given the first's subject."""
    head = _LIST_START.search(ask)
    limit = head.start() if head else len(ask)  # never split inside a list of items
    noun_phrase = bool(re.match(r"(?:of\s+)?the\s", ask, re.IGNORECASE))
    cuts = [m for m in (_NOUN_COORDINATE if noun_phrase else _COORDINATE).finditer(ask) if m.start() < limit]
    if not cuts:
        return [ask]
    subject = _SUBJECT.match(ask)
    pieces, start = [], 0
    for match in cuts:
        pieces.append(ask[start : match.start()])
        start = match.end()
    pieces.append(ask[start:])
    prefix = f"{subject.group(1)} " if subject and not noun_phrase else ""
    return [pieces[0], *(prefix + p for p in pieces[1:])]


def _ask(text: str) -> DraftAsk:
    text = re.sub(r"^of\s+", "", text.strip(" ,;:"))  # "(2) of the number of ..." after "inform this Council:"
    cut = _ELABORATION.search(text)
    core = text[: cut.start()].strip(" ,") if cut and cut.start() > 20 else text
    return DraftAsk(text, core, _facets(text))


def _facets(text: str) -> tuple[str, ...]:
    """The items of an ask's "including a, b and c" list, each worth looking up on its own."""
    start = _LIST_START.search(text)
    if not start:
        return ()
    tail = text[start.end():]
    ends = [m.start() for m in _LIST_END.finditer(tail) if not _inside_brackets(tail[: m.start()])]
    items_text = tail[: ends[0]] if ends else tail
    items = [i.strip() for i in re.split(r",\s+", items_text) if i.strip()]
    if items and " and " in items[-1]:
        items[-1:] = [i.strip() for i in items[-1].rsplit(" and ", 1)]
    items = [re.sub(r"^(?:and|or|as well as)\s+|\s*etc\.?$", "", i).strip() for i in items]
    return tuple(i for i in items if len(i.split()) >= MIN_FACET_WORDS)


def _inside_brackets(text: str) -> bool:
    """Whether ``text`` ends inside an open bracket (the ")" of "(R&D)" does not end a list)."""
    return text.count("(") > text.count(")")
