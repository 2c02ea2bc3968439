"""Values a model's answer gives that neither its passages nor the question hold: the model filled a gap.

When a question asks for a value the papers do not give (a near miss: "the maximum subsidy per project
under the $3 billion scheme"), the 1.5B model usually answers anyway with a figure, date or name of its
own ("$300 million"). The verifier rejects the sentence, and before this the extractive fallback then
answered with topical passage sentences (run s29-h30-askcheck: 6 of 8 held-out near misses). A value
in no passage and not in the question is evidence that the passages lack what was asked, so the answer
path refuses instead of falling back (rag/acceptance.refused_if_filled). A value taken from the question
("LegCo", "HK and Guangdong") is not: the model only echoed the asker's wording. Measured on the tune
questions with the local model (run s31-tune-local, 145 questions, the rule applied to its saved answers): of
the 38 answers that fell back to passage sentences, 4 had such a value, all near misses (an invented
"$300 million" per project, "$200 million" saved, "University of Macau", "HKIT" ranked first); none of the 27
answerable ones. Figures judged against all passages instead of the cited ones found 3 of the 4.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag import claim_atoms as atoms
from rag.citations import check_answer, is_claim, plain_claim


def invented_values(sentence: str, passages: Sequence[str], question: str, named_anywhere: str = "") -> list[str]:
    """The figures, years and names of ``sentence`` found in none of ``passages`` and not in ``question``; a name
    also counts as known when ``named_anywhere`` (the other passages shown) has it: a figure carried over from
    another passage is a wrong answer, a name usually a wrong citation (tune, s31-tune-local: the one answerable
    question this rule refused had a correct "San Tin Technopole" cited to the wrong passage)."""
    claim = plain_claim(sentence)
    if not claim:
        return []
    known = " " + " ".join([*passages, question])  # the figure pattern wants a character before a figure
    known_values = {f.value for f in atoms.figures(known)}
    claim = _SPLIT_THOUSANDS.sub(r"\1,", claim)  # "66, 000" is 66,000
    found = [f.text for f in atoms.figures(claim, spelled=False)
             if f.value not in known_values and _digits_value(f.text) not in known_values]
    found += sorted(atoms.years(claim) - atoms.years(known))
    found += [name for name in atoms.entities(claim) if not atoms.entity_in(name, f"{known} {named_anywhere}")]
    return found


# A model rewrites a passage's figure in another house style: "66, 000" for "66 000", "1.300" for "1 300" (dev set,
# local model, 2 of 45 answers refused before these were read as the passage's figures).
_SPLIT_THOUSANDS = re.compile(r"(\d),\s+(?=\d{3}(?!\d))")


def _digits_value(text: str) -> float | None:
    """"1.300" read with its point as a thousands separator (1300.0); None for a figure without one."""
    if not re.search(r"\d[.,]\d{3}(?!\d)", text):
        return None
    return float(re.sub(r"\D", "", text))


def filled_gaps(text: str, passages: Sequence[str], question: str, headings: str = "") -> list[str]:
    """The invented values of ``text``'s unsupported claims, each judged against the passages it cites (after
    citation repair), or all ``passages`` where it cites none: a value borrowed from another passage ("$200
    million" of the iAM Smart budget, given as a saving) is filled in as much as one made up. ``headings``: the
    passages' titles and labels as the model read them ("LCQ13 reply (2)"): their values are not the model's own."""
    found: list[str] = []
    for sentence in check_answer(text, passages):
        if sentence.supported or not is_claim(sentence.text):
            continue
        own = [passages[n - 1] for n in sentence.citations if 1 <= n <= len(passages)] or list(passages)
        found += invented_values(sentence.text, [*own, headings], question, " ".join(passages))
    return found

