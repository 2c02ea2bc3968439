"""The evidence for each ask of a reply part: retrieved per ask, whole sentences only, within a word budget.

Drafted from one retrieval of the whole part, LCQ13 part (1) got ten loosely related sentences and its one
relevant sentence ninth (issue 19). Here each ask (rag/draft_asks) is retrieved for on its own (its wording,
its core and the whole part, fused), each listed item ("land supply", "tax concessions") gets a small
retrieval of its own, and only whole sentences of Government text are candidates (core/whole_sentence).

Two scores, with different jobs. The answerability issue's calibrated P(sentence answers ask)
(rag/relevance) decides: an ask is answered when a sentence reaches ``POLICY.answerability_min``; an ask
with no sentence even at ``POLICY.draft_related_min`` is off the papers and gets only its placeholder; in
between, the related sentences are given beside a placeholder naming what the bureau must add. The order is
by value: the ask's best-answering sentence first, then in turns, ask by ask, the sentence with the best
MiniLM cosine to the ask plus credit for named items and listed items not yet in the draft (maximal
marginal relevance), while the part's budget lasts. P ranks worse than cosine here (drafting set, extractive:
5 of 30 reply facts against 9), though it is the better yes/no. A sentence restating one taken is skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from core.policy import POLICY
from core.whole_sentence import is_whole_sentence
from index.retrieval import Hit
from rag.draft_asks import DraftAsk
from rag.evidence import content_words, mostly_shared
from rag.citations import strip_markers
from rag.claim_atoms import entities, figures
from rag.extractive import quotable
from rag.questions import mentions
from rag.relevance import gives_asked_kind

Scores = Callable[[str, list[str]], list[float]]  # P(each sentence answers the ask)
Similarity = Callable[[str, list[str]], list[float]]
Retrieve = Callable[[str, int], list[Hit]]
# Two sentences restate one fact when the shorter's content words are this much inside the longer's: the
# eval report's repeat check (eval/metrics.REPEAT_SHARE) uses the same share, so a draft passes its own measure.
RESTATES_SHARE = POLICY.restates_share
# ... or when their MiniLM vectors are this close. Read off the sentence pairs of four drafting runs (the
# drafting set; no held-out data): the two sentences on the $3 billion AI Subsidy Scheme (0.85) and two
# framings of the talent measures (0.84) restate each other; the Talent List and the 28 approved
# applications under it (0.83), or the AISC's set-up and its first phase (0.80), are different facts.
RESTATES_COSINE = 0.84
FACET_TOP_K = 3  # a listed item ("land supply") is looked up in a few passages of its own


@dataclass(frozen=True)
class Evidence:
    """One passage sentence taken for an ask: its passage (1-based in the part's hits) and score."""

    passage: int
    sentence: str
    score: float


@dataclass
class AskEvidence:
    """An ask and the sentences that answer it (empty: the documents do not cover it)."""

    ask: DraftAsk
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        """Some sentence gives what the ask asks (P at or above the answering threshold), not only its topic."""
        return any(e.score >= POLICY.answerability_min for e in self.evidence)


@dataclass
class Retrieved:
    """The part's passages (each once) and, per ask and per listed item, its passages in rank order (1-based)."""

    hits: list[Hit]
    ask_passages: list[list[int]]
    facet_passages: list[list[list[int]]]


def retrieve_for_asks(retrieve: Retrieve, part: str, asks: Sequence[DraftAsk], top_k: int) -> Retrieved:
    """Each ask's passages: the ranks of its full wording, its core and the whole part, fused (RRF).

    The whole part stays a query: an ask's core can be dominated by a long name ("the Fund set up by the
    Hong Kong Special Administrative Region (HKSAR) Government"), which alone missed LCQ13 (1)'s fund passage.
    """
    merged: dict[str, int] = {}
    hits: list[Hit] = []

    def numbers(query: str, k: int) -> list[int]:
        found = []
        for hit in retrieve(query, k):
            if hit.chunk_id not in merged:
                hits.append(hit)
                merged[hit.chunk_id] = len(hits)
            found.append(merged[hit.chunk_id])
        return found

    whole = numbers(part, top_k)
    ask_passages, facet_passages = [], []
    for ask in asks:
        ask_passages.append(_fused([numbers(ask.text, top_k), numbers(ask.core, top_k), whole]))
        facet_passages.append([numbers(f"{facet} {ask.core}", FACET_TOP_K) for facet in ask.facets])
    return Retrieved(hits, ask_passages, facet_passages)


def _fused(rankings: list[list[int]], k: int = 60) -> list[int]:
    """Reciprocal rank fusion (Cormack et al. 2009, k = 60) of passage rankings."""
    score: dict[int, float] = {}
    for ranking in rankings:
        for rank, n in enumerate(ranking):
            score[n] = score.get(n, 0.0) + 1.0 / (k + rank + 1)
    return sorted(score, key=lambda n: -score[n])


def select_evidence(asks: Sequence[DraftAsk], retrieved: Retrieved, scores: Scores, similarity: Similarity,
                    budget_words: int) -> list[AskEvidence]:
    """Each ask's sentences within the part's word budget, taken in turns (see the module docstring)."""
    candidates = [(n, s) for n, _, s in quotable(retrieved.hits, apparatus=False) if is_whole_sentence(s)]
    texts = [s for _, s in candidates]
    result = [AskEvidence(ask) for ask in asks]
    if not candidates:
        return result
    items = [named_items(t) for t in texts]  # each candidate's names and figures, read once
    picker = _Picker(candidates, items, similarity, budget_words)
    pools = []
    for ask, passages, facets in zip(asks, retrieved.ask_passages, retrieved.facet_passages):
        mine = {*passages, *(n for facet in facets for n in facet)}
        eligible = [(i, p, c) for i, (p, c) in enumerate(zip(scores(ask.core, texts), similarity(ask.text, texts)))
                    if candidates[i][0] in mine and c >= POLICY.overview_min_cosine and gives_asked_kind(ask.core, texts[i])]
        # An ask off the papers' subject (no sentence at ``POLICY.draft_related_min``) keeps its placeholder
        # alone: "the number of robots in public toilets" drew 8 unrelated sentences without this.
        if not any(p >= POLICY.draft_related_min for _, p, _ in eligible):
            eligible = []
        pools.append(_Pool(ask, eligible, texts, items))
    for chosen, pool in zip(result, pools):  # the sentence that answers best (and is still free) comes first
        for i, p, _ in sorted(pool.eligible, key=lambda e: -e[1]):
            if picker.take(chosen, i, p):
                pool.cover(i)
                break
    background = _background_items(items)
    for pool in pools:  # after the first, a sentence must name something: a scheme, a body, a figure
        pool.eligible = [e for e in pool.eligible if items[e[0]] - pool.asked - background]
    progress = True
    while progress:  # then one sentence per ask per turn, the best by value, while the budget lasts
        progress = False
        for chosen, pool in zip(result, pools):
            for i, p in pool.by_value(picker.items):
                if picker.take(chosen, i, p):
                    pool.cover(i)
                    progress = True
                    break
    return result


# A sentence's value for an ask: its MiniLM cosine with the ask, plus these for what it adds (maximal marginal
# relevance, Carbonell & Goldstein 1998, with novelty counted in named items rather than vectors). Hand-set on
# the drafting set (its only data; no held-out split): a reply part lists measures by name and figure, and at
# cosine alone LCQ20 (1)'s draft spent its budget on framing sentences that repeat the ask's words.
ITEM_VALUE = 0.05  # each named entity or figure not yet in the draft, nor in the ask, ...
ITEM_CAP = 3  # ... counting at most three (0.15, the overview's figure bonus)
FACET_VALUE = 0.15  # a listed item of the ask ("land supply") that no sentence has named yet
# Beyond an ask's first sentence, one that names nothing but the ask's items and ever-present ones ("Data is
# an essential element of AI", "Talent is the key to unleash the potentials of AI") is filler (12 of the 78
# sentences of the first by-ask extractive run (runs/draft-final-extractive) were of this kind).
BACKGROUND_SHARE = 0.2


class _Pool:
    """One ask's candidate sentences (index, P, cosine), and the listed items not yet covered."""

    def __init__(self, ask: DraftAsk, eligible: list[tuple[int, float, float]], texts: list[str],
                 items: list[set[str]]) -> None:
        self.eligible = eligible
        self.items = items
        self.asked = named_items(ask.text)
        facet_words = {facet: content_words(facet) for facet in ask.facets}
        # the listed items each eligible sentence names, in the ask's order (matched once, not every turn)
        self.facets_in = {i: [f for f, words in facet_words.items() if mentions(words, texts[i])] for i, _, _ in eligible}
        self.open_facets = set(ask.facets)

    def facet_named(self, i: int) -> str:
        """The first listed item not yet covered that sentence ``i`` names ("" if none)."""
        return next((f for f in self.facets_in.get(i, []) if f in self.open_facets), "")

    def cover(self, i: int) -> None:
        self.open_facets.discard(self.facet_named(i))

    def by_value(self, taken_items: set[str]) -> list[tuple[int, float]]:
        """(index, P) of the eligible sentences, best value first."""
        def value(entry: tuple[int, float, float]) -> float:
            i, _, cosine = entry
            new = self.items[i] - taken_items - self.asked
            return cosine + ITEM_VALUE * min(len(new), ITEM_CAP) + FACET_VALUE * bool(self.facet_named(i))
        return [(i, p) for i, p, _ in sorted(self.eligible, key=lambda e: -value(e))]


def _background_items(items: Sequence[set[str]]) -> set[str]:
    """Items in at least ``BACKGROUND_SHARE`` of the candidate sentences ("ai", "government"): they name no measure."""
    counts = Counter(item for sentence_items in items for item in sentence_items)
    return {item for item, n in counts.items() if n >= max(2.0, BACKGROUND_SHARE * len(items))}


def named_items(sentence: str) -> set[str]:
    """The names and figures a sentence gives ("air@innohk", "16"), lower-cased: what a reply's reader takes away."""
    return {item.lower() for item in entities(sentence)} | {f.text.lower() for f in figures(sentence, spelled=False)}


class _Picker:
    """Takes sentences under one word budget, never the same sentence twice nor one restating another."""

    def __init__(self, candidates: list[tuple[int, str]], items: list[set[str]], similarity: Similarity,
                 budget_words: int) -> None:
        self.candidates = candidates
        self.candidate_items = items
        self.similarity = similarity
        self.words_left = budget_words
        self.taken: set[int] = set()
        self.taken_texts: list[str] = []
        self.items: set[str] = set()  # the named items of the sentences taken

    def take(self, into: AskEvidence, i: int, p: float) -> bool:
        """Add candidate ``i`` to ``into`` unless taken, over the budget or restating one taken; whether added."""
        n, sentence = self.candidates[i]
        words = len(sentence.split())
        if i in self.taken or words > self.words_left or restates_any(sentence, self.taken_texts, self.similarity):
            return False
        self.taken.add(i)
        self.taken_texts.append(sentence)
        self.items |= self.candidate_items[i]
        self.words_left -= words
        into.evidence.append(Evidence(n, sentence, p))
        return True


def restates_any(sentence: str, others: Sequence[str], similarity: Similarity) -> bool:
    """Whether ``sentence`` says what one of ``others`` says (shared content words, or nearly the same vector)."""
    if not others:
        return False
    words = content_words(strip_markers(sentence))
    if any(mostly_shared(words, content_words(strip_markers(earlier)), RESTATES_SHARE) for earlier in others):
        return True
    return max(similarity(strip_markers(sentence), [strip_markers(o) for o in others])) >= RESTATES_COSINE
