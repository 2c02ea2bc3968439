"""Does a verified sentence give what an ask asks for? A score from the ask's telling words.

A near miss shares its entity with the passages but not its asked attribute: "the maximum
subsidy a single project can get" is not answered by "the $3 billion AI Subsidy Scheme", nor
"how many civil servants use HKPilot" by "officers of about 60 B/Ds". Whether a word is
telling is measured, not listed: its inverse document frequency over the index's own passages
(a word every passage has — "AI", "Government" — weighs little; one no passage has — "hourly",
"Police" — weighs most). ``coverage`` is the weighted share of the ask's words the sentence and
its evidence hold (stems, shared prefixes and near spellings count); it feeds the calibrated
score of rag/relevance.LexicalScorer.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterable
from functools import cached_property

from core.text import has_cjk
from rag.answer_types import asked_kind, gives_kind
from rag.evidence import content_words
from rag.questions import answers_numeric, expects_number

SHARED_PREFIX = 5  # "regulat" ~ "regulatory": stems sharing five letters are one word (hand-set, see test table)
TYPO_CUTOFF = 0.85  # difflib ratio at which an unknown word is a misspelling of an indexed one ("goverment")


class TermStats:
    """Document frequencies of content words over the indexed passages (built once per index)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.df: Counter[str] = Counter()
        self.passages = 0
        self._spelled: dict[str, str] = {}  # unknown word -> its indexed spelling (difflib is slow: once a word)
        for text in texts:
            self.passages += 1
            self.df.update(content_words(text))

    @cached_property
    def max_idf(self) -> float:
        return math.log(self.passages + 1)

    @cached_property
    def _vocabulary(self) -> list[str]:
        return sorted(w for w in self.df if not has_cjk(w))

    def spelled(self, term: str) -> str:
        """``term``, or the indexed word it misspells (only for a word no passage has)."""
        if term in self.df or len(term) < 5:
            return term
        if term not in self._spelled:
            close = difflib.get_close_matches(term, self._vocabulary, n=1, cutoff=TYPO_CUTOFF)
            self._spelled[term] = close[0] if close else term
        return self._spelled[term]

    def idf(self, term: str) -> float:
        """How telling a word is: ln((N+1)/(df+1)), the most for a word no passage holds."""
        return math.log((self.passages + 1) / (self.df.get(term, 0) + 1))


def matches(term: str, words: set[str]) -> bool:
    """Is ``term`` among ``words``, allowing a shared stem prefix ("lab" ~ "laboratori")?"""
    if term in words:
        return True
    for word in words:
        short, long_ = sorted((term, word), key=len)
        if len(short) >= 3 and long_.startswith(short):  # "lab" ~ "laboratori", "govt"... not: see the test table
            return True
        if len(short) >= SHARED_PREFIX and long_[:SHARED_PREFIX] == short[:SHARED_PREFIX]:
            return True
    return False


def features(stats: TermStats, ask: str, sentence: str, evidence: str = "") -> tuple[float, float, str, bool]:
    """(coverage, missing, missing word, typed) of ``sentence`` (plus its ``evidence``) for ``ask``.

    coverage: idf-weighted share of the ask's words the sentence holds; missing: the idf of the most
    telling absent word over the largest possible idf; typed: a number is given if one is asked, and a value of
    the asked kind (money, date, percentage: rag/answer_types) if the ask names one.
    """
    terms = {stats.spelled(t) for t in content_words(ask) if not has_cjk(t)}
    typed = (answers_numeric(ask, sentence) if expects_number(ask) else True) and gives_kind(sentence, asked_kind(ask))
    if not terms:
        return 1.0, 0.0, "", typed
    words = content_words(f"{sentence} {evidence}")
    weights = {t: stats.idf(t) for t in terms}
    absent = {t: w for t, w in weights.items() if not matches(t, words)}
    coverage = 1.0 - sum(absent.values()) / max(sum(weights.values()), 1e-9)
    worst = max(absent, key=absent.__getitem__) if absent else ""
    return coverage, (absent[worst] / stats.max_idf if worst else 0.0), worst, typed
