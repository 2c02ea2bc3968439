"""The answer pipeline: condense → retrieve → (prompt → LLM | extract) → check → cited answer.

``Answerer.answer`` returns one ``Answer`` (the JSON contract shared by the CLI,
UI and eval); ``Answerer.stream`` yields the sources first, then tokens, then
the checked answer, so a UI can show passages before generation finishes.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from llama_index.core.llms import ChatMessage

from index.retrieval import Filters, Hit, HybridRetriever, check_question, has_cjk, is_apparatus, is_member_text
from index.sentences import sentence_spans
from rag.citations import CheckedSentence, check_answer, clean_citations, strip_markers
from rag.config import Settings
from rag.context import render, select_sentences
from rag.evidence import content_words, missing_figures, numbers, overlap
from rag.llm import LLMHandle, LLMUnavailable, build_llm, usage_of
from rag.prompts import (
    CONDENSE_PROMPT,
    REFUSAL_EN,
    REFUSAL_ZH,
    SYSTEM_PROMPT,
    user_prompt,
)

_REFUSAL_PATTERNS = re.compile(
    r"do(?:es)? not (?:contain|include|mention|provide|specify|say)"
    r"|(?:is|are|was|were) not (?:mentioned|stated|specified|given|provided|available)"
    r"|not (?:in|mentioned in|stated in|found in) the (?:provided |given )?(?:documents|passages|text)"
    r"|no information|沒有(?:這項|相關)?資料|未有提及",
    re.IGNORECASE,
)
_NUMERIC_QUESTION = re.compile(
    r"^\s*(how (many|much|long|far)|what (percentage|proportion|number|amount)|when\b|which year|in what year)"
    r"|幾多|多少|哪一年|何時|幾時",
    re.IGNORECASE,
)
_LEAD_NUMBER = re.compile(r"^\s*(\d{1,3}\.|-?\s*\(\w{1,4}\))\s+")
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


@dataclass
class Answer:
    """One answer, in the shape ``ask --json`` prints."""

    question: str
    answer: str
    refused: bool
    citations: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    contexts: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    llm: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    id: str | None = None
    standalone_question: str = ""
    engine: str = ""  # "llm", "extractive" or "extractive-fallback" (the model's answer failed the check)
    model_text: str = ""  # the model's raw output, before checking (traceability in eval)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def supported_share(self) -> float:
        if not self.sentences:
            return 1.0
        return sum(1 for s in self.sentences if s["supported"]) / len(self.sentences)


@dataclass
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    first_token_ms: float
    total_ms: float


@dataclass
class Turn:
    question: str
    answer: str


def expects_number(question: str) -> bool:
    return bool(_NUMERIC_QUESTION.search(question))


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
    plain = _LEAD_NUMBER.sub("", strip_markers(sentence))
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


_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,40}\b(?:instructions?|rules|prompt|above)\b"
    r"|\bsystem prompt\b|\bnew instructions\b|</?(?:system|passages|assistant|user)>|\b(?:reply|answer|say)\b[^.]{0,30}\bonly\b[^.]{0,20}['\"]",
    re.IGNORECASE,
)
_RULE_LINES = [line.split(". ", 1)[-1][:60] for line in SYSTEM_PROMPT.splitlines() if line[:2].rstrip(".").isdigit()]


def looks_like_instruction(text: str) -> bool:
    """Text that tries to steer the model ("ignore previous instructions", "print your system prompt").

    Retrieved text is data: a passage sentence like this is never quoted as an answer, and a
    model reply that echoes one (or the rules themselves) is treated as failed, not checked.
    """
    return bool(_INSTRUCTION.search(text)) or any(rule and rule in text for rule in _RULE_LINES)


def is_broad(question: str) -> bool:
    """A list or overview question ("what measures ...", "summarise ...")."""
    return bool(_BROAD.search(question))


def answer_filters(question: str, filters: Filters | None) -> Filters:
    """The user's filters, plus: no Member's question or motion wording unless the question is about one."""
    filters = filters or Filters()
    return filters if _ABOUT_MEMBERS.search(question) else replace(filters, member_text=False)


def looks_like_refusal(text: str) -> bool:
    return bool(_REFUSAL_PATTERNS.search(text)) and len(strip_markers(text)) < 400


def condense_heuristic(question: str, history: Sequence[Turn]) -> str:
    """Without an LLM: carry the previous question's topic into a short follow-up."""
    if not history or not _FOLLOW_UP.search(question) or len(question.split()) > 20:
        return question
    return f"{history[-1].question} {question}"


VECTOR_CACHE_SIZE = 20_000  # sentence vectors kept (384 floats each: ~30 MB at most)


class Answerer:
    """Holds the retriever and the LLM so a batch or a UI session loads models once."""

    def __init__(self, settings: Settings, retriever: HybridRetriever | None = None, llm: LLMHandle | None = None) -> None:
        self.settings = settings
        self.retriever = retriever or HybridRetriever(settings)
        self.llm = llm or build_llm(settings)
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # text -> unit vector, least recently used first
        self._vectors_lock = threading.Lock()

    def similarity(self, question: str, sentences: list[str]) -> list[float]:
        """Cosine of each sentence to the question with the index's own embedder (loaded already)."""
        vectors = self._encode([question, *sentences])
        return [float(vectors[s] @ vectors[question]) for s in sentences]

    def _encode(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Unit vectors of ``texts``, each encoded once: one answer scores the same passage sentences for the
        prompt, the extractive answer and the completion, and a drafted reply does so for every part."""
        with self._vectors_lock:
            found = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            found.update(zip(missing, self.retriever.embedder.encode(missing)))
        with self._vectors_lock:
            for text in dict.fromkeys(texts):
                self._vectors[text] = found[text]
                self._vectors.move_to_end(text)
            while len(self._vectors) > VECTOR_CACHE_SIZE:
                self._vectors.popitem(last=False)
        return found

    def warm_up(self) -> bool:
        """Prefill the fixed system prompt now, so the first question does not wait for it.

        llama.cpp keeps the KV of the longest shared prefix; every answer starts with the same
        ~370-token system prompt, which takes ~6-10 s to prefill on 2 cores. Returns False when
        there is no LLM or it failed (the first question then pays, as before).
        """
        if self.llm.llm is None:
            return False
        try:
            self.complete(SYSTEM_PROMPT, user_prompt("", "", False), max_tokens=1)
        except Exception:  # a warm-up must never stop the app from starting
            return False
        return True

    # ---- follow-ups -------------------------------------------------------------------
    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """A standalone question for retrieval; the LLM rewrites it when one is available."""
        if not history:
            return question
        fallback = condense_heuristic(question, history)
        if self.llm.llm is None or fallback == question:
            return fallback
        transcript = "\n".join(f"User: {t.question}\nAssistant: {strip_markers(t.answer)[:300]}" for t in history[-3:])
        prompt = CONDENSE_PROMPT.format(history=transcript, question=question)
        try:
            reply = self.llm.llm.chat([ChatMessage(role="user", content=prompt)], max_tokens=60)
            rewritten = (reply.message.content or "").strip().splitlines()[0].strip(' "')
        except Exception:  # an LLM hiccup must not lose the question
            return fallback
        if not rewritten or len(rewritten) > 300 or looks_like_refusal(rewritten):
            return fallback
        return rewritten

    # ---- main entry points -------------------------------------------------------------
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
        started = time.perf_counter()
        question = check_question(question)  # raises QueryError: empty, too long; control characters removed
        standalone = self.condense(question, history)
        hits = self.retriever.retrieve(standalone, top_k=top_k or self.settings.answer.top_k,
                                       filters=answer_filters(standalone, filters))
        retrieve_ms = (time.perf_counter() - started) * 1000
        yield "sources", hits
        chinese = has_cjk(question)
        base = Answer(
            question=question, answer="", refused=False, contexts=[h.to_dict() for h in hits],
            llm=self.llm.model_id, id=qid, standalone_question=standalone,
        )
        if not hits:
            yield "answer", self._refuse(base, hits, chinese, started, retrieve_ms)
            return
        if self.llm.llm is None:
            text = self.extractive(standalone, hits, chinese)
            first_token_ms = (time.perf_counter() - started) * 1000
            base.engine = "extractive"
            if text:
                yield "token", text
            yield "answer", self._finish(base, text, hits, standalone, chinese, chinese, started, retrieve_ms,
                                         first_token_ms)
            return
        # The 1.5B model answers Chinese questions poorly (measured: 1 of 5 dev questions fully right), so a
        # Chinese question is answered in English and the checked answer is translated back.
        english = self.to_english(standalone) if chinese else standalone
        base.standalone_question = english
        shown = select_sentences(hits[: self.settings.answer.prompt_passages], english,
                                 self.settings.answer.prompt_words, self.similarity)
        text = ""
        first_token_ms = 0.0
        for event, payload in self.generate(SYSTEM_PROMPT, user_prompt(render(shown), english, False)):
            if event == "token":
                if not text:
                    first_token_ms = (time.perf_counter() - started) * 1000
                text += payload
                yield "token", payload
            else:
                base.prompt_tokens, base.completion_tokens = payload
        base.engine = "llm"
        yield "answer", self._finish(base, text, hits, english, chinese, False, started, retrieve_ms, first_token_ms)

    def to_english(self, question: str) -> str:
        """The question in English for the model (retrieval already used the Chinese original)."""
        from rag.translate import TranslationInputError, translate

        try:
            english = translate(self.llm, question, "en").text.strip().splitlines()
        except (TranslationInputError, LLMUnavailable):
            return question
        return english[0] if english and not has_cjk(english[0]) else question

    # ---- the one place an LLM is called ------------------------------------------------
    def generate(self, system: str, user: str, max_tokens: int | None = None) -> Iterator[tuple[str, Any]]:
        """Stream one chat completion: ("token", str)*, then ("usage", (prompt, completion)).

        The system prompt comes first and never changes within a task, so llama.cpp
        reuses its cached KV and only the passages are prefilled.
        """
        if self.llm.llm is None:
            raise LLMUnavailable("This task needs an LLM backend (local or openai); the extractive backend has none.")
        messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        extra: dict[str, Any] = {"stream_options": {"include_usage": True}}
        if max_tokens:
            extra["max_tokens"] = max_tokens
        last = None
        for chunk in self.llm.llm.stream_chat(messages, **extra):
            last = chunk
            if chunk.delta:
                yield "token", chunk.delta
        yield "usage", usage_of(last.raw if last else None)

    def complete(self, system: str, user: str, max_tokens: int | None = None) -> Completion:
        """A whole completion with its token counts (for tasks that do not stream)."""
        started = time.perf_counter()
        text, first, usage = "", 0.0, (0, 0)
        for event, payload in self.generate(system, user, max_tokens):
            if event == "token":
                first = first or (time.perf_counter() - started) * 1000
                text += payload
            else:
                usage = payload
        return Completion(text, usage[0], usage[1], first, (time.perf_counter() - started) * 1000)

    # ---- post-processing -------------------------------------------------------------
    def _finish(self, base: Answer, text: str, hits: list[Hit], question: str, chinese: bool, lenient_cjk: bool,
                started: float, retrieve_ms: float, first_token_ms: float) -> Answer:
        """Check the answer; if it would be refused, try the extractive composer before refusing.

        A small model often leaves out its citations or misreads a passage that does answer
        ("the documents do not contain this"): the passage's own best sentences, each cited
        and checked, are then a faithful answer (dev set, local model: false refusals 0.15 → see README).
        """
        base.model_text = text
        text = clean_citations(text, len(hits))
        failed = not text or looks_like_refusal(text) or looks_like_instruction(text)
        checked = None if failed else self._accepted(text, hits, question, lenient_cjk)
        if checked is None and base.engine == "llm":
            fallback = self.extractive(question, hits, False)
            checked = self._accepted(fallback, hits, question, False) if fallback else None
            base.engine = "extractive-fallback"
        if checked is None:
            return self._refuse(base, hits, chinese, started, retrieve_ms, first_token_ms)
        if base.engine == "llm":
            checked = self.complete_from_passages(checked, hits, question)
        if chinese and not lenient_cjk:
            checked = self.to_chinese(checked)
        base.answer = " ".join(s.text for s in checked)
        base.sentences = [s.to_dict() for s in checked]
        base.citations = _citations(checked, hits)
        base.timings = _timings(started, retrieve_ms, first_token_ms)
        return base

    def extractive(self, question: str, hits: Sequence[Hit], chinese: bool) -> str:
        """The no-LLM answer: an overview of the passages for a list/summary question, else the best answering sentences."""
        if is_broad(question) and not chinese:
            return overview_sentences(question, hits, self.settings.answer.broad_extra_sentences, self.similarity)
        return extractive_answer(question, hits, chinese, similarity=self.similarity)

    def complete_from_passages(self, checked: list[CheckedSentence], hits: Sequence[Hit], question: str,
                               broad: bool | None = None, max_extra: int | None = None) -> list[CheckedSentence]:
        """Add the best answering sentences of passages the model did not use (cited, checked).

        The small model tends to answer from one passage; on list, summary and multi-document
        questions the other facts were in the prompt (or in passages read but not shown) but
        not in its answer. ``broad`` (default: judged from the question) asks for an overview;
        a LegCo question part always is one.
        """
        answer = self.settings.answer
        broad = is_broad(question) if broad is None else broad
        if max_extra is None:
            max_extra = answer.broad_extra_sentences if broad else answer.extra_sentences
        if broad:
            extra = overview_sentences(question, hits, max_extra * 2, self.similarity)
        else:  # the model's own passages too: its paraphrase may have dropped a figure ("up to 90" for "15 to 90")
            extra = extractive_answer(question, hits, False, max_sentences=max_extra * 2, similarity=self.similarity)
        if not extra:
            return checked
        said_text = " ".join(strip_markers(s.text) for s in checked)
        said, said_figures = content_words(said_text), numbers(said_text)
        added: list[CheckedSentence] = []
        for sentence in check_answer(extra, [h.evidence for h in hits], repair=False):
            plain = strip_markers(sentence.text)
            words, figures = content_words(plain), numbers(plain)
            # new when it says mostly other things, or gives a figure the answer lacks ("5,600" beside "5 500")
            if sentence.supported and (overlap(words, said) < 0.6 or figures - said_figures):
                added.append(sentence)
                said, said_figures = said | words, said_figures | figures
            if len(added) == max_extra:
                break
        return checked + added

    def _accepted(self, text: str, hits: Sequence[Hit], question: str, lenient_cjk: bool) -> list[CheckedSentence] | None:
        """The checked sentences, or None when none is supported or they do not answer what was asked."""
        checked = drop_repeats(check_answer(text, [h.evidence for h in hits], lenient_cjk=lenient_cjk))
        supported = [s for s in checked if s.supported]
        if not supported or not _addresses(question, supported, hits):
            return None
        return checked

    def to_chinese(self, checked: list[CheckedSentence]) -> list[CheckedSentence]:
        """Each checked English sentence in Traditional Chinese, keeping its citations and verdict.

        One translation call for the whole answer (a line per sentence); a sentence whose
        translation lost a figure is flagged, never passed off as supported.
        """
        from rag.translate import TranslationInputError, translate

        bodies = [strip_markers(s.text) for s in checked]
        try:
            lines = [l.strip() for l in translate(self.llm, "\n".join(bodies), "zh-Hant").text.splitlines() if l.strip()]
            if len(lines) != len(bodies):  # the model merged or split lines: one call per sentence instead
                lines = [translate(self.llm, body, "zh-Hant").text.replace("\n", " ").strip() for body in bodies]
        except (TranslationInputError, LLMUnavailable):  # keep the checked English rather than lose the answer
            return checked
        result = []
        for sentence, english, chinese in zip(checked, bodies, lines):
            lost = missing_figures(english, chinese)
            markers = "".join(f"[{n}]" for n in sentence.citations)
            reason = sentence.reason or (f"translation lost figure(s): {', '.join(lost)}" if lost else "")
            result.append(CheckedSentence(strip_markers(chinese) + markers, sentence.citations,
                                          sentence.supported and not lost, reason))
        return result

    def _refuse(self, base: Answer, hits: list[Hit], chinese: bool, started: float,
                retrieve_ms: float, first_token_ms: float = 0.0) -> Answer:
        nearest = list(dict.fromkeys(_short_title(h.title) for h in hits))[:3]
        if chinese:
            message = REFUSAL_ZH + ("最接近的文件：" + "；".join(nearest) if nearest else "")
        else:
            message = REFUSAL_EN + (" Nearest documents: " + "; ".join(nearest) + "." if nearest else "")
        base.answer, base.refused = message, True
        base.sentences, base.citations = [], []
        base.timings = _timings(started, retrieve_ms, first_token_ms)
        return base


def drop_repeats(checked: list[CheckedSentence], threshold: float = 0.9) -> list[CheckedSentence]:
    """Leave out a sentence that repeats an earlier one: a small model sometimes loops on a sentence."""
    kept: list[CheckedSentence] = []
    seen: list[set[str]] = []
    for sentence in checked:
        words = content_words(strip_markers(sentence.text))
        if words and any(overlap(words, earlier) >= threshold and overlap(earlier, words) >= threshold for earlier in seen):
            continue
        kept.append(sentence)
        seen.append(words)
    return kept


def _addresses(question: str, supported: Sequence[CheckedSentence], hits: Sequence[Hit]) -> bool:
    """Do the supported sentences answer what was asked (a number for a count, the focus word)?"""
    if expects_number(question):
        return any(answers_numeric(question, s.text) for s in supported)
    focus = focus_words(question)
    if not focus:
        return True
    evidence = " ".join([s.text for s in supported] + [hits[n - 1].text for s in supported for n in s.citations])
    return mentions(focus, evidence)


def _short_title(title: str, limit: int = 90) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _timings(started: float, retrieve_ms: float, first_token_ms: float) -> dict[str, float]:
    total = (time.perf_counter() - started) * 1000
    return {"retrieve_ms": round(retrieve_ms, 1), "first_token_ms": round(first_token_ms or total, 1), "total_ms": round(total, 1)}


def _citations(checked: Sequence[CheckedSentence], hits: Sequence[Hit]) -> list[dict[str, Any]]:
    used = sorted({n for s in checked for n in s.citations})
    return [
        {"n": n, "doc": hits[n - 1].doc, "label": hits[n - 1].label, "date": hits[n - 1].date,
         "start": hits[n - 1].start, "end": hits[n - 1].end, "text": hits[n - 1].text}
        for n in used
    ]


def question_coverage(q_words: set[str], sentence: str) -> float:
    """Share of the question's content words a sentence contains, counting at most six.

    Capping the denominator lets a long LegCo question part ("whether ... land supply,
    funding, tax, talents ...") be matched by a sentence that covers one of its topics.
    """
    if not q_words:
        return 0.0
    return len(q_words & content_words(sentence)) / min(len(q_words), 6)


Similarity = Callable[[str, list[str]], list[float]]
SEMANTIC_MIN = 0.55  # cosine (MiniLM) at which a sentence says what the question asks, in other words


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
    candidates: list[tuple[float, int, int, str]] = []
    for n, hit in enumerate(hits, 1):
        if is_member_text(hit.section) or n in skip:  # a Member's question states views, not Government facts
            continue
        for order, (s, e) in enumerate(sentence_spans(hit.text)):
            sentence = hit.text[s:e]
            if len(sentence.split()) < 5 or sentence.rstrip().endswith(":") or looks_like_instruction(sentence):
                continue
            if wants_number and not answers_numeric(question, sentence):
                continue
            if focus and not mentions(focus, sentence):
                continue
            candidates.append((0.0, n, order, sentence))
    if chinese:
        scored = [(1.0 / n - 0.01 * order, n, order, s) for _, n, order, s in candidates]
        picked = sorted(scored, key=lambda c: -c[0])[:max_sentences]
    else:
        cosines = similarity(question, [c[3] for c in candidates]) if similarity and candidates else [0.0] * len(candidates)
        scored = []
        for (_, n, order, sentence), cosine in zip(candidates, cosines):
            coverage = question_coverage(q_words, sentence)
            if coverage >= 0.34 or cosine >= SEMANTIC_MIN:
                scored.append((cosine + 0.3 * min(coverage, 1.0) - 0.02 * (n - 1), n, order, sentence))
        picked = sorted(scored, key=lambda c: -c[0])[:max_sentences]
    if not picked:
        return ""
    picked.sort(key=lambda c: (c[1], c[2]))
    parts = []
    for _, n, _, sentence in picked:
        body = _LEAD_NUMBER.sub("", sentence).rstrip().rstrip(";,")
        end = body[-1] if body and body[-1] in ".!?" else "."
        parts.append(f"{body.rstrip('.!?')} [{n}]{end}")
    return " ".join(parts)



OVERVIEW_MIN_COSINE = 0.25  # below this a passage's best sentence is off the question's subject
OVERVIEW_ROUNDS = 2  # sentences taken per passage, at most
_QUOTED_NAME = re.compile(r"[“\"][A-Z][^”\"]{3,}[”\"]")


def overview_sentences(question: str, hits: Sequence[Hit], max_sentences: int, similarity: Similarity) -> str:
    """For a list or overview question: the most informative sentences of the passages, in rounds.

    Hybrid retrieval already judged the passages relevant; within a passage the sentences
    closest to the question win, nudged towards concrete facts (a figure or date, a quoted
    scheme name), because an overview is made of items, not of the framing sentences that
    resemble the question most ("The Government attaches great importance to ...").
    Round one takes each passage's best sentence by retrieval rank, round two each one's
    second best: one passage often lists two items of an overview (an agreement and a fund).
    """
    candidates: list[tuple[int, int, str]] = []
    for n, hit in enumerate(hits, 1):
        if is_member_text(hit.section) or is_apparatus(hit.section):  # an overview lists policy, not paper titles
            continue
        for order, (s, e) in enumerate(sentence_spans(hit.text)):
            sentence = hit.text[s:e]
            if len(sentence.split()) >= 5 and not sentence.rstrip().endswith(":") and not looks_like_instruction(sentence):
                candidates.append((n, order, sentence))
    if not candidates:
        return ""
    cosines = similarity(question, [c[2] for c in candidates])
    ranked: dict[int, list[tuple[float, str]]] = {}
    for (n, _, sentence), cosine in zip(candidates, cosines):
        if cosine >= OVERVIEW_MIN_COSINE:
            score = cosine + 0.15 * bool(numbers(sentence)) + 0.1 * bool(_QUOTED_NAME.search(sentence))
            ranked.setdefault(n, []).append((score, sentence))
    picked = [(n, sentence) for depth in range(OVERVIEW_ROUNDS) for n in sorted(ranked)
              for _, sentence in sorted(ranked[n], key=lambda c: -c[0])[depth:depth + 1]]
    parts = []
    for n, sentence in picked[:max_sentences]:
        body = _LEAD_NUMBER.sub("", sentence).rstrip().rstrip(";,")
        end = body[-1] if body and body[-1] in ".!?" else "."
        parts.append(f"{body.rstrip('.!?')} [{n}]{end}")
    return " ".join(parts)
