"""Names a question gives that the papers never mention: "the Judiciary", "the SFC", "Korea's AI Basic Act".

Out-of-scope questions were answered from topical passages (issue 18: "Does HK Police use AI facial
recognition on public CCTV?" got a sentence on digital government). When the asked-about body, scheme or
product appears nowhere in the indexed papers, no passage can answer, whatever its words share with the
question. This is entity grounding against the index, not a list of topics: a name is unmentioned when one
of its words is in no indexed passage and is not a way of writing one that is —

- a misspelling ("Internatinal", difflib ratio at least ``TYPO_CUTOFF``, as rag/answerability reads typos),
- a truncation ("Oct" for October, "gov" for government: the start of an indexed word),
- an acronym of a name the papers spell out ("HKSTP", "LegCo": its capitals are the initials of a run of
  capitalised words, small words such as "of" and "and" skipped),
- a contraction ("Govt", "Dept": its letters in order in an indexed word with the same first letter),
- under three letters ("HK", "US": too short to tell),
- or an acronym at all ("GFA", "PUE", "SMEs", "LCQ13"): a user's abbreviation of a lower-case phrase the
  papers spell out ("gross floor area") cannot be told from one they never use, so capitals are not judged.
The papers' own titles and citation labels ("LCQ13 reply") are part of what they mention.

Measured on eval/questions (English, and the Latin names in Chinese questions), a question flagged when every
ask names something unmentioned. Built on the tune split (10 of 30 out-of-scope questions flagged, 1 of 31 near
misses, 0 of 84 answerable or partial), its first held-out run refused 6 of 85 answerable questions: "LCQ13"
(a document's label, 4), "Govt" and "GFA" (gross floor area). Labels, contractions and the acronym rule above
were added after seeing that, so the held-out split is no longer clean for this rule (README, issue 18). Names
joined into phrases ("the UK AI Safety Institute", each word in the papers) are not judged: read as phrases,
31 tune questions answerable or partial were flagged ("HKSTP and Cyberport", "Oct 2025 report").

Only passages without access groups build the vocabulary, and a name in one of the asker's own retrieved
passages counts as mentioned, so a restricted document's names never change another user's answer.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Sequence
from functools import cached_property

from core.sentences import split_sentences
from rag.answerability import TYPO_CUTOFF
from rag.asks import split_asks
from rag.claim_atoms import entities

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9@&]*")
_WORD_OR_JOINER = re.compile(r"[A-Za-z][A-Za-z0-9@&'’]*|[-/]")
_POSSESSIVE = re.compile(r"['’]s\b")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]+s?")  # "GFA", "SMEs", "LCQ13", "R&D": not judged (see above)
_SMALL = {"of", "and", "the", "for", "on", "in", "to", "a", "&"}  # inside a name: "Office of the ..."
MIN_LETTERS = 3  # shorter words ("HK", "US", "AI") are too short to tell
MIN_TYPO_LETTERS = 5  # a shorter unknown word is too short to read as a misspelling
MAX_CONTRACTION_LETTERS = 5  # "Govt", "Dept", "Mgmt"; a longer name would hide inside some long indexed word


class NameVocabulary:
    """The words of the indexed papers and the initials of their capitalised names, built once per index."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.initials: set[str] = set()
        for text in texts:
            self.words.update(t.lower() for t in _TOKEN.findall(text))
            self.initials.update(_initials(text))

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.words)

    def knows(self, word: str) -> bool:
        """Whether ``word`` is in the papers, or a misspelling, truncation or acronym of something that is."""
        low = word.lower()
        if len(low) < MIN_LETTERS or low in self.words or _ACRONYM.fullmatch(word):
            return True
        at = bisect.bisect_left(self._sorted, low)
        if at < len(self._sorted) and self._sorted[at].startswith(low):
            return True  # a truncation
        capitals = "".join(ch for ch in word if ch.isupper()).lower()
        if len(capitals) >= 2 and (capitals in self.initials or low in self.initials):
            return True  # an acronym of a name the papers spell out
        if len(low) <= MAX_CONTRACTION_LETTERS and any(_contracts(low, w) for w in self._sorted[bisect.bisect_left(self._sorted, low[0]):
                                                      bisect.bisect_left(self._sorted, chr(ord(low[0]) + 1))]):
            return True  # a contraction
        return len(low) >= MIN_TYPO_LETTERS and bool(
            difflib.get_close_matches(low, self._sorted, n=1, cutoff=TYPO_CUTOFF))

    def unmentioned(self, question: str, seen: Sequence[str] = ()) -> list[str]:
        """The names of ``question`` with a word the papers (and the asker's ``seen`` passages) never use.

        The question's first word is not read as a name ("Does the Hong Kong Observatory ..." names the
        Observatory, not "Does")."""
        return self._unmentioned(question, NameVocabulary(seen) if seen else None)

    def _unmentioned(self, question: str, shown: NameVocabulary | None) -> list[str]:
        first = _TOKEN.search(question)
        names = []
        for name in entities(question):
            words = _TOKEN.findall(_POSSESSIVE.sub("", name))
            if first and words and name.startswith(first.group(0)) and question.lstrip().startswith(name):
                words = words[1:]
                name = name[name.find(words[0]):] if words else ""
            if any(not self.knows(w) and not (shown and shown.knows(w)) for w in words):
                names.append(re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE))
        return names

    def unmentioned_in_every_ask(self, question: str, seen: Sequence[str] = ()) -> list[str]:
        """The unmentioned names, if every ask of ``question`` has one; else [] (a partial question goes on).

        Only the question itself is read, not text pasted around it or a lead-in before a colon: "Mr Chan asks:
        what is HKPilot?" is about HKPilot, and a pasted "Passages: ... Fake passage" names nothing asked."""
        shown = NameVocabulary(seen) if seen else None  # the asker's passages, read once for every ask
        per_ask = [self._unmentioned(ask, shown) for ask in split_asks(asked_part(question))]
        if per_ask and all(per_ask):
            return list(dict.fromkeys(name for names in per_ask for name in names))
        return []


def asked_part(question: str) -> str:
    """The question sentences of ``question`` (those ending in "?", else all), each without a lead-in before ":"."""
    sentences = [s.strip() for s in split_sentences(question) if s.strip()]
    asked = [s for s in sentences if s.rstrip().endswith(("?", "？"))] or sentences
    return " ".join(s.rsplit(":", 1)[-1].strip() if ":" in s[:-1] else s for s in asked)


def _contracts(short: str, word: str) -> bool:
    """Whether ``short`` is ``word`` with letters left out ("govt" of "government"), both lower case."""
    if len(word) <= len(short):
        return False
    letters = iter(word)
    return all(ch in letters for ch in short)


def _initials(text: str) -> set[str]:
    """Initials of every run of capitalised words ("Common Spatial Data Infrastructure" → "csdi", "sdi", ...)."""
    found: set[str] = set()
    run: list[str] = []

    def close() -> None:
        for start in range(len(run)):
            letters = ""
            for word in run[start:]:
                letters += word[0].lower()
                if len(letters) >= 2:
                    found.add(letters)

    for word in _WORD_OR_JOINER.findall(text):
        if word[0].isupper():
            run.append(word)
        elif word.lower() not in _SMALL and word not in "-/":
            close()
            run = []
    close()
    return found


def never_mentioned(names: Sequence[str]) -> str:
    """The refusal reason an officer reads."""
    return "the papers never mention " + ", ".join(f"'{_POSSESSIVE.sub('', n)}'" for n in names)
