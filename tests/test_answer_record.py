"""The ``Answer`` record: typed citations, sentences and contexts, one JSON shape (no index needed)."""

from __future__ import annotations

import json

import pytest

from eval.judge import Judge
from index.retrieval import Hit
from rag.answer import Answer, CheckedSentence, Citation, Context
from rag.generation import ExtractiveGenerator, generator_for
from rag.llm import LLMHandle, LLMUnavailable
from rag.presentation import citation_records

HIT = Hit(chunk_id="doc.txt#3", doc="doc.txt", title="Progress report", date="2025-01-10",
          label="Progress report (Jan 2025), para 3", section="", start=10, end=42,
          text="The scheme is worth $3 billion.", score=0.5, rank=1)
SENTENCE = CheckedSentence("The scheme is worth $3 billion [1].", [1], True, "")


def _answer() -> Answer:
    context = Context.of(HIT)
    return Answer(question="How big is the scheme?", answer=SENTENCE.text, refused=False,
                  citations=citation_records([SENTENCE], [context]), sentences=[SENTENCE], contexts=[context],
                  timings={"total_ms": 1.0}, llm="extractive", engine="extractive")


def test_to_dict_is_the_json_shape_ask_prints() -> None:
    record = _answer().to_dict()
    assert list(record)[:6] == ["question", "answer", "refused", "citations", "sentences", "contexts"]
    assert record["citations"] == [{"n": 1, "doc": "doc.txt", "label": "Progress report (Jan 2025), para 3",
                                    "date": "2025-01-10", "start": 10, "end": 42,
                                    "text": "The scheme is worth $3 billion."}]
    assert record["sentences"] == [{"text": SENTENCE.text, "citations": [1], "supported": True, "reason": ""}]
    assert record["contexts"] == [HIT.to_dict()]
    json.dumps(record)  # plain data only


def test_from_dict_reads_a_stored_answer_back_unchanged() -> None:
    record = json.loads(json.dumps(_answer().to_dict()))
    again = Answer.from_dict(record)
    assert again.to_dict() == record
    assert isinstance(again.citations[0], Citation) and again.citations[0].passage.doc == "doc.txt"
    assert again.sentences[0].supported and again.contexts[0].evidence == HIT.evidence
    assert again.supported_share == 1.0


def test_no_llm_is_the_extractive_generator_everywhere() -> None:
    handle = LLMHandle(None, "extractive", "extractive")
    generator = generator_for(handle)
    assert isinstance(generator, ExtractiveGenerator) and not generator.available
    with pytest.raises(LLMUnavailable):
        generator.reply("Hello")
    with pytest.raises(ValueError, match="judge needs an LLM"):
        Judge(handle)
