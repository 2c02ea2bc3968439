"""The answer pipeline: condense → retrieve → (prompt → LLM | extract) → decide → cited answer.

``Answerer.answer`` returns one ``Answer`` (the JSON contract shared by the CLI,
UI and eval); ``Answerer.stream`` yields the sources first, then tokens, then
the decided answer, so a UI can show passages before generation finishes. The
decisions live in modules named for them: ``questions`` (what is asked),
``acceptance`` (answered or refused), ``extractive`` (no-LLM composing),
``generation`` (the model), ``bilingual`` (Chinese questions), ``presentation``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from core.config import Settings
from index.retrieval import Filters, Hit, HybridRetriever, check_question
from rag import bilingual, extractive
from rag.acceptance import INVENTED, NOT_GIVEN, REFUSED, SOME_NOT_GIVEN, decide, refused_if_filled
from rag.ask_check import AskVerdicts, check_shown
from rag.citations import CheckedSentence, clean_citations
from rag.context import ShownPassage, render, select_sentences
from rag.generation import Completion, Generator, complete, generator_for
from rag.llm import LLMHandle, build_llm
from rag.model_check import ModelCheck, recheck as model_recheck
from rag.presentation import (Citation, Clock, Context, citation_records, not_covered_note, refusal_message,
                               within_budget)
from rag.prompts import SYSTEM_PROMPT, user_prompt
from rag.questions import Language, Turn, answer_filters, asked_shape, is_broad
from rag.condense import condense
from rag.relevance import AskJudge, Chat, LexicalScorer, follow_up_chat
from rag.index_state import index_state, name_vocabulary
from rag.unmentioned import never_mentioned

__all__ = ["Answer", "Answerer", "CheckedSentence", "Citation", "Completion", "Context", "Turn"]


@dataclass
class Answer:
    """One answer; ``to_dict`` is the shape ``ask --json`` prints (and eval and the audit log store)."""

    question: str
    answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    sentences: list[CheckedSentence] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    llm: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    id: str | None = None
    standalone_question: str = ""
    engine: str = ""  # "llm", "extractive" or "extractive-fallback" (the model's answer failed the check)
    model_text: str = ""  # the model's raw output, before checking (traceability in eval)
    outcome: str = ""  # "answered", "partial" (``unanswered`` names what the documents do not cover) or "refused"
    reason: str = ""  # the decision's reason (rag.acceptance), e.g. "no passage gives what was asked"
    unanswered: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: every field in order, citations, sentences and contexts as plain dicts."""
        return {**self.__dict__, "citations": [c.to_dict() for c in self.citations],
                "sentences": [s.to_dict() for s in self.sentences], "contexts": [c.to_dict() for c in self.contexts]}

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Answer:
        """An answer read back from its JSON record (an eval run's ``results.jsonl``)."""
        return cls(**{**record, "citations": [Citation.from_dict(c) for c in record.get("citations", [])],
                      "sentences": [CheckedSentence(**s) for s in record.get("sentences", [])],
                      "contexts": [Context.from_dict(c) for c in record.get("contexts", [])]})

    @property
    def supported_share(self) -> float:
        return sum(1 for s in self.sentences if s.supported) / len(self.sentences) if self.sentences else 1.0


class Answerer:
    """Holds the retriever and the LLM so a batch or a UI session loads models once."""

    def __init__(self, settings: Settings, retriever: HybridRetriever | None = None, llm: LLMHandle | None = None) -> None:
        self.settings = settings
        self.retriever = retriever or HybridRetriever(settings)
        self.llm = llm or build_llm(settings)
        # Cosines (each sentence encoded once) and word statistics belong to the index generation, shared by every
        # Answerer on it: rebuilt per request they cost 0.24 s an extractive answer (rag/index_state).
        self.similarity, stats = index_state(self.retriever)
        # Does a sentence give what an ask asks: word coverage (weighted by the index's own word statistics) and cosine.
        self.judge = AskJudge(LexicalScorer(stats, self.similarity))

    @property
    def generator(self) -> Generator:
        """The LLM, or the extractive stand-in when the backend has none (read from ``llm`` each time)."""
        return generator_for(self.llm)

    def warm_up(self) -> bool:
        """Prefill the fixed system prompt now; False when there is no LLM or it failed."""
        return self.generator.warm_up()

    def complete(self, system: str, user: str, max_tokens: int | None = None) -> Completion:
        """A whole completion with its token counts (for tasks that do not stream)."""
        return complete(self.generator, system, user, max_tokens)

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """A standalone question for retrieval; the LLM rewrites it when one is available."""
        return condense(self.generator, question, history)

    def answer(self, question: str, history: Sequence[Turn] = (), top_k: int | None = None,
               filters: Filters | None = None, qid: str | None = None) -> Answer:
        result: Answer | None = None
        for event, payload in self.stream(question, history, top_k, filters, qid):
            if event == "answer":
                result = payload
        assert result is not None
        return result

    def stream(self, question: str, history: Sequence[Turn] = (), top_k: int | None = None,
               filters: Filters | None = None, qid: str | None = None) -> Iterator[tuple[str, Any]]:
        """Yields ("sources", [Hit]), then ("token", str)*, then ("answer", Answer)."""
        clock = Clock(time.perf_counter())
        question = check_question(question)  # raises QueryError: empty, too long; control characters removed
        standalone = self.condense(question, history)
        hits = self.retriever.retrieve(standalone, top_k=top_k or self.settings.answer.top_k,
                                       filters=answer_filters(standalone, filters))
        clock.retrieve_ms = clock.elapsed_ms()
        yield "sources", hits
        asked_in = Language.of(question)
        base = Answer(question=question, answer="", refused=False, contexts=[Context.of(h) for h in hits],
                      llm=self.llm.model_id, id=qid, standalone_question=standalone)
        names = name_vocabulary(self.retriever, getattr(filters, "groups", None)) if self.settings.answer.refuse_unmentioned else None
        unknown = names.unmentioned_in_every_ask(standalone, [h.text for h in hits]) if names and hits else []
        if not hits or unknown:  # nothing retrieved, or the question is about something the papers never mention
            if unknown:
                base.outcome, base.reason, base.unanswered = REFUSED, never_mentioned(unknown), [question]
            yield "answer", self._refuse(base, hits, asked_in, clock)
            return
        if not self.generator.available:  # composed from passage sentences, in the question's own language
            text = self.extractive(standalone, hits, asked_in.chinese)
            clock.first_token_ms = clock.elapsed_ms()
            base.engine = "extractive"
            if text:
                yield "token", text
            yield "answer", self._finish(base, text, hits, question=standalone, asked_in=asked_in,
                                         written_in=asked_in, clock=clock)
            return
        # The model reads and writes English; a Chinese question's checked answer is translated back (bilingual).
        english = bilingual.to_english(self.llm, standalone) if asked_in.chinese else standalone
        base.standalone_question = english
        shown = select_sentences(hits[: self.settings.answer.prompt_passages], english,
                                 self.settings.answer.prompt_words, self.similarity)
        asked, missing = english, None  # None: no ask check ran (the answer's sentences are then judged per ask)
        if self.settings.answer.ask_check:  # do the shown passages give what each ask asks? (rag/ask_check)
            started = clock.elapsed_ms()
            verdicts = self.check_asks(english, shown)
            clock.ask_check_ms, missing = clock.elapsed_ms() - started, ()
            if not verdicts.covered:  # refused before a token is generated
                base.engine, base.outcome, base.reason, base.unanswered = "llm", REFUSED, NOT_GIVEN, list(verdicts.asks)
                yield "answer", self._refuse(base, hits, asked_in, clock)
                return
            if verdicts.missing:  # the model is asked only what the passages cover; the note names the rest
                asked, missing = verdicts.asked, verdicts.missing
        text, prompt = "", user_prompt(render(shown), asked, False)
        for event, payload in self.generator.generate(SYSTEM_PROMPT, prompt):
            if event == "token":
                if not text:
                    clock.first_token_ms = clock.elapsed_ms()
                text += payload
                yield "token", payload
            else:
                base.prompt_tokens, base.completion_tokens = payload
        base.engine = "llm"
        chat = None if self.settings.answer.ask_check else follow_up_chat(self.generator.chat, SYSTEM_PROMPT)  # no 2nd yes/no
        recheck = None
        if self.settings.answer.model_check:  # the model judges each of its sentences against its cited passages
            check = ModelCheck.of(self.generator)
            recheck = partial(model_recheck, check=check, passages=[h.evidence for h in hits], shown=render(shown))
        yield "answer", self._finish(base, text, hits, question=asked, asked_in=asked_in, written_in=Language.ENGLISH,
                                     clock=clock, chat=chat, recheck=recheck, missing=missing)

    def check_asks(self, question: str, shown: Sequence[ShownPassage]) -> AskVerdicts:
        """Each ask of ``question`` with the probability that the ``shown`` passages give what it asks."""
        return check_shown(question, shown, self.judge.scores, self.generator.yes_probability, SYSTEM_PROMPT)

    def _finish(self, base: Answer, text: str, hits: list[Hit], *, question: str, asked_in: Language,
                written_in: Language, clock: Clock, chat: Chat | None = None,
                recheck: Callable[[list[CheckedSentence]], list[CheckedSentence]] | None = None,
                missing: Sequence[str] | None = None) -> Answer:
        """Decide on the answer; if the model's would be refused, try the extractive composer before refusing.

        A small model often leaves out citations or misreads a passage that answers: the passages' own best sentences,
        checked, are then a faithful answer; not when it gave a value of its own (rag/invented). ``missing``: the asks
        the ask check found uncovered (None: it did not run); the model was asked the others; the missing are named.
        """
        base.model_text, text = text, clean_citations(text, len(hits))
        decision = decide(text, hits, question, lenient_cjk=written_in.chinese,
                          judge=self.judge, chat=chat, recheck=recheck, asks_decided=missing is not None)
        if base.engine == "llm":
            decision = refused_if_filled(decision, text, hits, question)
        if decision.outcome != "answered" and base.engine == "llm" and decision.reason != INVENTED:
            # Composed passage sentences are on the topic by construction, so each ask is judged on them again (taken
            # whole after the ask check, they answered near misses whose model answer had failed: run s29-h30-askcheck).
            fallback = decide(self.extractive(question, hits, False), hits, question, screen=False, judge=self.judge,
                              chat=chat)
            if fallback.accepted and (not decision.accepted or len(fallback.unanswered) < len(decision.unanswered)):
                decision, base.engine = fallback, "extractive-fallback"
        if missing and decision.accepted:
            unanswered = tuple(dict.fromkeys((*missing, *decision.unanswered)))
            decision = replace(decision, reason=SOME_NOT_GIVEN, unanswered=unanswered)
        if asked_in is not written_in and decision.unanswered:  # named in the question's own language
            decision = bilingual.unanswered_in_chinese(self.llm, base.question, base.standalone_question, decision)
        base.outcome, base.reason, base.unanswered = decision.outcome, decision.reason, list(decision.unanswered)
        if not decision.accepted:
            return self._refuse(base, hits, asked_in, clock)
        checked = decision.sentences
        if base.engine == "llm":
            checked = self.complete_from_passages(checked, hits, question)
        shape = asked_shape(base.question)
        broad = is_broad(question) or shape.items is not None  # "3 bullet points on ..." is a summary request
        checked = within_budget(checked, shape.words or (self.settings.answer.broad_words if broad
                                                         else self.settings.answer.factoid_words))[:shape.items]
        if asked_in is not written_in:
            checked = bilingual.to_chinese(self.llm, checked)
        joined = "\n".join(f"- {s.text}" for s in checked) if shape.items else " ".join(s.text for s in checked)
        base.answer = joined + not_covered_note(decision, asked_in.chinese)
        base.sentences, base.citations = list(checked), citation_records(checked, base.contexts)
        base.timings = clock.timings()
        return base

    def extractive(self, question: str, hits: Sequence[Hit], chinese: bool) -> str:
        """The no-LLM answer, each ask composed on its own (rag/extractive.compose_asks)."""
        return extractive.compose_asks(question, hits, chinese, self.settings.answer.broad_extra_sentences,
                                       self.similarity)

    def complete_from_passages(self, checked: list[CheckedSentence], hits: Sequence[Hit], question: str,
                               broad: bool | None = None, max_extra: int | None = None) -> list[CheckedSentence]:
        """Add checked sentences of passages the model did not use; ``broad`` (default: judged from the
        question) asks for an overview, and a LegCo question part always is one."""
        broad = is_broad(question) if broad is None else broad
        if max_extra is None:
            max_extra = self.settings.answer.broad_extra_sentences if broad else self.settings.answer.extra_sentences
        return extractive.complete_from_passages(checked, hits, question, broad=broad, max_extra=max_extra,
                                                 similarity=self.similarity)

    def _refuse(self, base: Answer, hits: list[Hit], asked_in: Language, clock: Clock) -> Answer:
        base.answer, base.refused = refusal_message(hits, asked_in.chinese), True
        base.sentences, base.citations = [], []
        base.timings = clock.timings()
        return base
