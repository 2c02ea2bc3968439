"""Sentence-level faithfulness: each answer sentence judged against *its own* cited passages.

Built on the product's deterministic checker (``rag.citations``): numbers, dates and
amounts must appear in the cited passage and at least half the content words must.
Unlike RAGAS-style scores, which test a sentence against all retrieved text joined
together, this says whether the passage a sentence *cites* backs it. The joined-text
variant is computed too (``grounded_any``) so the report can show the difference.

Citation precision follows ALCE (Gao et al., 2023): a citation is precise if its
passage alone supports the sentence, or if the sentence's citations together support
it and dropping this one breaks that. Citation recall here is the issue's definition:
the share of claim sentences that carry at least one citation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from rag.citations import check_answer, is_claim, strip_markers, support


@dataclass
class ScoredSentence:
    """One answer sentence and every check the report needs on it."""

    text: str
    citations: list[int]
    supported: bool  # by its own cited passages
    reason: str
    claim: bool  # states something (not connective text)
    grounded_any: bool  # by all retrieved passages joined (what RAGAS-style tools measure)
    precise: list[bool] = field(default_factory=list)  # one flag per citation, ALCE precision
    judge: bool | None = None  # LLM judge verdict on the same (sentence, cited passages), if run

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def citation_precision(sentence: str, passages: Sequence[str], citations: Sequence[int], lenient_cjk: bool) -> list[bool]:
    """ALCE precision flag for each citation of ``sentence``."""
    together, _ = support(sentence, passages, citations, lenient_cjk)
    flags = []
    for n in citations:
        alone, _ = support(sentence, passages, [n], lenient_cjk)
        if alone:
            flags.append(True)
            continue
        rest = [m for m in citations if m != n]
        needed = together and bool(rest) and not support(sentence, passages, rest, lenient_cjk)[0]
        flags.append(needed)
    return flags


def score_sentences(answer: str, passages: Sequence[str], lenient_cjk: bool = False) -> list[ScoredSentence]:
    """Score an answer exactly as written: no repair, so an uncited sentence stays uncited."""
    joined = [" ".join(passages)] if passages else []
    scored = []
    for checked in check_answer(answer, passages, repair=False, lenient_cjk=lenient_cjk):
        claim_text = strip_markers(checked.text)
        grounded, _ = support(claim_text, joined, [1] if joined else [], lenient_cjk)
        scored.append(
            ScoredSentence(
                text=checked.text,
                citations=list(checked.citations),
                supported=checked.supported,
                reason=checked.reason,
                claim=is_claim(checked.text),
                grounded_any=grounded,
                precise=citation_precision(checked.text, passages, checked.citations, lenient_cjk),
            )
        )
    return scored
