"""The no-LLM composers: passage sentences that answer the question, each cited.

``extractive_answer`` picks the best answering sentences; ``overview_sentences`` takes
a list/overview question's most informative sentences passage by passage;
``complete_from_passages`` adds checked passage sentences beside a model's answer.
All three read passages through one sentence filter (``quotable``) and write through
one cite-and-punctuate step (``cite_sentences``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from core.policy import POLICY
from core.sentences import sentence_spans
from core.text import is_apparatus, is_member_text
from index.retrieval import Hit
from rag.acceptance import looks_like_instruction
from rag.asks import split_asks, with_subject
from rag.citations import CheckedSentence, check_answer, strip_markers
from rag.evidence import content_words, mostly_shared, numbers, overlap
from rag.questions import LEAD_NUMBER, answers_numeric, expects_number, focus_words, is_broad, mentions

Similarity = Callable[[str, list[str]], list[float]]
_QUOTED_NAME = re.compile(r"[“\"][A-Z][^”\"]{3,}[”\"]")


def question_coverage(q_words: set[str], sentence: str) -> float:
    """Share of the question's content words a sentence contains, counting at most six.

    Capping the denominator lets a long LegCo question part ("whether ... land supply,
    funding, tax, talents ...") be matched by a sentence that covers one of its topics.
    """
    if not q_words:
        return 0.0
    return len(q_words & content_words(sentence)) / min(len(q_words), POLICY.coverage_cap_words)


def quotable(hits: Sequence[Hit], skip: set[int] | frozenset[int] = frozenset(),
              apparatus: bool = True) -> Iterator[tuple[int, int, str]]:
    """(passage number, sentence order, sentence) of every passage sentence fit to quote.

    Never a Member's question or motion (views, not Government facts), a heading-like
    fragment, a lead-in ending with ":" or a sentence that tries to steer the model;
    ``apparatus=False`` also leaves out reference lists and footnotes.
    """
    for n, hit in enumerate(hits, 1):
        if is_member_text(hit.section) or n in skip or (not apparatus and is_apparatus(hit.section)):
            continue
        for order, (s, e) in enumerate(sentence_spans(hit.text)):
            sentence = hit.text[s:e]
            if (len(sentence.split()) >= POLICY.min_sentence_words and not sentence.rstrip().endswith(":")
                    and not looks_like_instruction(sentence)):
                yield n, order, sentence


def cite_sentences(picked: Sequence[tuple[int, str]]) -> str:
    """Each (passage number, sentence) as "sentence [n]." — list numbering and trailing ";," removed."""
    parts = []
    for n, sentence in picked:
        body = LEAD_NUMBER.sub("", sentence).rstrip().rstrip(";,")
        end = body[-1] if body and body[-1] in ".!?" else "."
        parts.append(f"{body.rstrip('.!?')} [{n}]{end}")
    return " ".join(parts)


def extractive_answer(
    question: str, hits: Sequence[Hit], chinese: bool, max_sentences: int = 3, similarity: Similarity | None = None,
    skip: set[int] | frozenset[int] = frozenset(),
) -> str:
    """No LLM: the passage sentences that best answer the question, each cited.

    A sentence qualifies when it covers at least a third of the question's content
    words (``question_coverage``) or, with ``similarity``, means nearly the same
    ("tax break" ~ "tax concessions"); it must give a number for a numeric question
    and name the question's focus. Chinese questions cannot match English words, so
    the top passages' leading sentences are used, ranked by retrieval.
    """
    q_words = content_words(question)
    wants_number = expects_number(question)
    focus = focus_words(question)
    candidates = [
        (n, order, sentence) for n, order, sentence in quotable(hits, skip)
        if (not wants_number or answers_numeric(question, sentence)) and (not focus or mentions(focus, sentence))
    ]
    scored: list[tuple[float, int, int, str]] = []
    if chinese:
        scored = [(1.0 / n - 0.01 * order, n, order, s) for n, order, s in candidates]
    else:
        cosines = similarity(question, [c[2] for c in candidates]) if similarity and candidates else [0.0] * len(candidates)
        for (n, order, sentence), cosine in zip(candidates, cosines):
            coverage = question_coverage(q_words, sentence)
            if coverage >= POLICY.coverage_min or cosine >= POLICY.semantic_min:
                score = cosine + POLICY.coverage_weight * min(coverage, 1.0) - POLICY.rank_penalty * (n - 1)
                scored.append((score, n, order, sentence))
    picked = sorted(scored, key=lambda c: -c[0])[:max_sentences]
    picked.sort(key=lambda c: (c[1], c[2]))
    return cite_sentences([(n, sentence) for _, n, _, sentence in picked])


def overview_sentences(question: str, hits: Sequence[Hit], max_sentences: int, similarity: Similarity) -> str:
    """For a list or overview question: the most informative sentences of the passages, in rounds.

    Hybrid retrieval already judged the passages relevant; within a passage the sentences
    closest to the question win, nudged towards concrete facts (a figure or date, a quoted
    scheme name), because an overview is made of items, not of the framing sentences that
    resemble the question most ("The Government attaches great importance to ...").
    Round one takes each passage's best sentence by retrieval rank, round two each one's
    second best: one passage often lists two items of an overview (an agreement and a fund).
    """
    candidates = list(quotable(hits, apparatus=False))  # an overview lists policy, not paper titles
    if not candidates:
        return ""
    cosines = similarity(question, [c[2] for c in candidates])
    ranked: dict[int, list[tuple[float, str]]] = {}
    for (n, _, sentence), cosine in zip(candidates, cosines):
        if cosine >= POLICY.overview_min_cosine:
            score = (cosine + POLICY.overview_figure_bonus * bool(numbers(sentence))
                     + POLICY.overview_name_bonus * bool(_QUOTED_NAME.search(sentence)))
            ranked.setdefault(n, []).append((score, sentence))
    picked = [(n, sentence) for depth in range(POLICY.overview_rounds) for n in sorted(ranked)
              for _, sentence in sorted(ranked[n], key=lambda c: -c[0])[depth:depth + 1]]
    return cite_sentences(picked[:max_sentences])


def compose(question: str, hits: Sequence[Hit], chinese: bool, broad_sentences: int, similarity: Similarity) -> str:
    """The no-LLM answer: an overview for a list/summary question, else the best answering sentences.

    """
    if is_broad(question) and not chinese:
        return overview_sentences(question, hits, broad_sentences, similarity)
    return extractive_answer(question, hits, chinese, similarity=similarity)


def complete_from_passages(checked: list[CheckedSentence], hits: Sequence[Hit], question: str, *, broad: bool,
                           max_extra: int, similarity: Similarity) -> list[CheckedSentence]:
    """Add the best answering sentences of passages the model did not use (cited, checked).

    The small model tends to answer from one passage; on list, summary and multi-document
    questions the other facts were in the prompt (or in passages read but not shown) but
    not in its answer. ``broad`` asks for an overview.
    """
    if broad:
        extra = overview_sentences(question, hits, max_extra * 2, similarity)
    else:  # the model's own passages too: its paraphrase may have dropped a figure ("up to 90" for "15 to 90")
        extra = extractive_answer(question, hits, False, max_sentences=max_extra * 2, similarity=similarity)
    if not extra:
        return checked
    said_text = " ".join(strip_markers(s.text) for s in checked)
    said, said_figures = content_words(said_text), numbers(said_text)
    out, added = list(checked), 0
    for sentence in check_answer(extra, [h.evidence for h in hits], repair=False):
        plain = strip_markers(sentence.text)
        words, figures = content_words(plain), numbers(plain)
        if not sentence.supported:
            continue
        restated = restates(words, checked)
        if restated is not None:
            # The model's sentence said this in other words: the passage's own sentence replaces it only when it
            # gives a figure the answer lacks ("Since mid-2024 ..." after "HKPilot is a copilot [1]"), so each fact
            # is said once (issue 18: the paraphrase followed by the sentence it paraphrased).
            if figures - said_figures and out[restated] is checked[restated]:
                out[restated] = sentence
                said, said_figures = said | words, said_figures | figures
            continue
        # new when it says mostly other things, or gives a figure the answer lacks ("5,600" beside "5 500")
        if overlap(words, said) < POLICY.new_overlap_max or figures - said_figures:
            out.append(sentence)
            added += 1
            said, said_figures = said | words, said_figures | figures
        if added == max_extra:
            break
    return out


def restates(words: set[str], sentences: Sequence[CheckedSentence]) -> int | None:
    """The index of the first sentence that says the same as ``words`` (the eval report's repeat measure)."""
    for i, sentence in enumerate(sentences):
        if mostly_shared(words, content_words(strip_markers(sentence.text)), POLICY.restates_share):
            return i
    return None


def compose_asks(question: str, hits: Sequence[Hit], chinese: bool, extra: int, similarity: Similarity | None) -> str:
    """The no-LLM answer: an overview for a list/summary question, else the best answering sentences.

    Each ask is composed on its own: the whole question's focus ("how many civil servants") would
    otherwise filter out the sentence that answers its other ask ("what is HKPilot").
    """
    asks = split_asks(question)
    return " ".join(dict.fromkeys(compose(with_subject(a, asks[0]), hits, chinese, extra, similarity) for a in asks))
