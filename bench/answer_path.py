"""The answer path with the local model: ours vs llama-index's default query engine.

Both systems stream from the same llama.cpp server and model (one ``LLMHandle``),
answer the same answerable English dev questions, and are timed the same way:
time to sources (retrieval done), time to first token, total time; prompt tokens
come from the server's own usage report. The default engine is eval's ``vanilla``
system (``VectorStoreIndex`` over the documents, default ``SentenceSplitter``,
MiniLM, top-2, ``compact`` synthesis), run with ``streaming=True``.

Ours runs first over all questions, then the default engine. The system prompt is
prefilled at load (``Answerer.warm_up``, as ``serve`` does), so every question of
ours finds its KV in llama.cpp's cache, as in service.

    .venv/bin/python -m bench.answer_path --n 8           # Qwen2.5-Coder-1.5B (~5 min)
    .venv/bin/python -m bench.answer_path --quick         # SmolLM2-135M, 2 questions
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from llama_index.core.instrumentation import get_dispatcher
from llama_index.core.instrumentation.event_handlers import BaseEventHandler
from llama_index.core.instrumentation.events import BaseEvent
from llama_index.core.instrumentation.events.llm import LLMChatEndEvent

from bench.common import DEV_QA, log, pct, report, table
from eval.dataset import Question, fact_present, load_questions
from eval.systems import VanillaSystem
from index.retrieval import HybridRetriever
from rag.answer import Answerer
from core.config import Settings, load_settings
from rag.llm import LLMHandle, build_llm
from rag.questions import answer_filters
from rag.context import ShownPassage, render, select_sentences
from rag.prompts import user_prompt

TARGET_SOURCES_S = 1.0
TARGET_TTFT_S = 8.0
TARGET_PROMPT_RATIO = 0.5
FAST_PROMPT_WORDS = 120  # the budget whose prompt (~250 tokens) prefills within the 8-s target at ~33 tok/s
COMPRESSION_BUDGETS = (None, 300, 240, 200, 160, 120)  # words of the most relevant sentences; None = whole passages


class PrefillRecorder(BaseEventHandler):
    """How many prompt tokens llama.cpp served from its KV cache, and how fast it prefilled the rest."""

    cached: int = 0
    prefilled: int = 0
    prefill_ms: float = 0.0

    @classmethod
    def class_name(cls) -> str:
        return "BenchPrefillRecorder"

    def reset(self) -> None:
        self.cached, self.prefilled, self.prefill_ms = 0, 0, 0.0

    def handle(self, event: BaseEvent, **kwargs: Any) -> None:
        raw = getattr(getattr(event, "response", None), "raw", None) if isinstance(event, LLMChatEndEvent) else None
        timings = getattr(raw, "timings", None) or (raw.get("timings") if isinstance(raw, dict) else None)
        if isinstance(timings, dict):  # llama.cpp's own report; other servers do not send it
            self.cached += int(timings.get("cache_n", 0))
            self.prefilled += int(timings.get("prompt_n", 0))
            self.prefill_ms += float(timings.get("prompt_ms", 0.0))

    def row(self) -> dict[str, Any]:
        return {"cached_tokens": self.cached, "prefilled_tokens": self.prefilled,
                "prefill_tok_s": 1000 * self.prefilled / self.prefill_ms if self.prefill_ms else float("nan")}


PREFILL = PrefillRecorder()


def answerable_english(path: Path) -> list[Question]:
    """The questions fact recall can be measured on: answerable, English, with must-include facts."""
    return [q for q in load_questions(path) if q.answerable and q.type != "chinese" and q.must_include]


def rows_on(rows: list[dict[str, Any]], ids: set[str]) -> list[dict[str, Any]]:
    """The rows of these question ids, to compare two systems on the same questions."""
    return [r for r in rows if r["id"] in ids]


def fact_recall(question: Question, text: str) -> float:
    return sum(fact_present(f, text) for f in question.must_include) / len(question.must_include)


def run_ours(answerer: Answerer, question: Question) -> dict[str, Any]:
    PREFILL.reset()
    answer = answerer.answer(question.question, qid=question.id)
    t = answer.timings
    return {"id": question.id, **PREFILL.row(), "sources_ms": t["retrieve_ms"], "first_token_ms": t["first_token_ms"],
            "total_ms": t["total_ms"], "prompt_tokens": answer.prompt_tokens,
            "completion_tokens": answer.completion_tokens, "refused": answer.refused,
            "fact_recall": fact_recall(question, answer.answer)}


class StreamingDefaultEngine:
    """eval's vanilla system with its query engine switched to streaming, to time the first token."""

    def __init__(self, settings: Settings, llm: LLMHandle, docs: Sequence[str]) -> None:
        assert llm.llm is not None
        self.system = VanillaSystem(settings, llm, docs)
        # Ask the server to report token usage at the end of the stream (dropped when not streaming).
        streaming_llm = llm.llm.model_copy(update={"additional_kwargs": {"stream_options": {"include_usage": True}}})
        self.engine = self.system.index.as_query_engine(llm=streaming_llm, similarity_top_k=2, streaming=True)

    def run(self, question: Question) -> dict[str, Any]:
        self.system.usage.reset()
        PREFILL.reset()
        started = time.perf_counter()
        response = self.engine.query(question.question)
        sources_ms = (time.perf_counter() - started) * 1000
        text, first_ms = "", 0.0
        for token in response.response_gen:
            if token and not text:
                first_ms = (time.perf_counter() - started) * 1000
            text += token
        total_ms = (time.perf_counter() - started) * 1000
        return {"id": question.id, **PREFILL.row(), "sources_ms": sources_ms, "first_token_ms": first_ms or total_ms,
                "total_ms": total_ms, "prompt_tokens": self.system.usage.prompt_tokens,
                "completion_tokens": self.system.usage.completion_tokens, "refused": False,
                "fact_recall": fact_recall(question, text)}

    def close(self) -> None:
        self.system.close()


def token_counter(llm: LLMHandle) -> Callable[[str], int]:
    """Exact prompt sizes from llama.cpp's /tokenize, with the model's own tokenizer."""
    base = str(getattr(llm.llm, "api_base", "")).removesuffix("/").removesuffix("/v1")

    def count(text: str) -> int:
        request = urllib.request.Request(base + "/tokenize", data=json.dumps({"content": text}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return len(json.loads(response.read())["tokens"])

    return count


def compression_rows(answerer: Answerer, questions: Sequence[Question],
                     count: Callable[[str], int]) -> list[list[object]]:
    """Prompt size vs facts kept, per word budget of the sentence selection (no generation: what the model is shown)."""
    answer = answerer.settings.answer
    hits = {q.id: answerer.retriever.retrieve(q.question, top_k=answer.top_k, filters=answer_filters(q.question, None))
            for q in questions}
    rows: list[list[object]] = []
    for budget in COMPRESSION_BUDGETS:
        tokens, kept = [], []
        for q in questions:
            shown = hits[q.id][: answer.prompt_passages]
            block = (render([ShownPassage(n, h, [h.text]) for n, h in enumerate(shown, 1)]) if budget is None
                     else render(select_sentences(shown, q.question, budget, answerer.similarity)))
            tokens.append(count(user_prompt(block, q.question, False)))
            kept.append(sum(fact_present(f, block) for f in q.must_include) / len(q.must_include))
        label = "none (whole passages)" if budget is None else f"{budget} words"
        rows.append([label, "✓" if budget == answer.prompt_words else "", statistics.median(tokens),
                     f"{statistics.mean(kept):.3f}"])
    return rows


def spread(questions: Sequence[Question], n: int | None) -> list[Question]:
    """``n`` of the questions, evenly spaced, so a costly system still sees every part of the dataset."""
    if n is None or n >= len(questions):
        return list(questions)
    if n < 1:
        raise SystemExit(f"Asked for {n} questions: give at least 1 (or leave the option out for all of them).")
    step = len(questions) / n
    return [questions[int(i * step)] for i in range(n)]


def run_logged(name: str, run: Callable[[Question], dict[str, Any]], questions: Sequence[Question]) -> list[dict[str, Any]]:
    """One timed row per question, each logged as it finishes (a benchmark run takes minutes)."""
    rows = []
    for i, q in enumerate(questions, 1):
        rows.append(run(q))
        log(f"{name} {i}/{len(questions)} {q.id}: ttft {rows[-1]['first_token_ms'] / 1000:.1f}s "
            f"total {rows[-1]['total_ms'] / 1000:.1f}s prompt {rows[-1]['prompt_tokens']}")
    return rows


def summary(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "system": name, "n": len(rows),
        "sources_p50_s": pct([r["sources_ms"] for r in rows], 50) / 1000,
        "sources_max_s": max(r["sources_ms"] for r in rows) / 1000,
        "ttft_p50_s": pct([r["first_token_ms"] for r in rows], 50) / 1000,
        "total_p50_s": pct([r["total_ms"] for r in rows], 50) / 1000,
        "prompt_p50": statistics.median(r["prompt_tokens"] for r in rows),
        "completion_p50": statistics.median(r["completion_tokens"] for r in rows),
        "cached_p50": statistics.median(r["cached_tokens"] for r in rows),
        "prefilled_p50": statistics.median(r["prefilled_tokens"] for r in rows),
        "prefill_tok_s": pct([r["prefill_tok_s"] for r in rows], 50),
        "fact_recall": statistics.mean(r["fact_recall"] for r in rows),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=8, help="questions per system")
    parser.add_argument("--dataset", type=Path, default=DEV_QA)
    parser.add_argument("--gguf", default=None, help="another GGUF file, or 'smollm2'")
    parser.add_argument("--quick", action="store_true", help="SmolLM2 and 2 questions (for development)")
    parser.add_argument("--default-n", type=int, default=None,
                        help="questions for the llama-index default engine (~75 s each on 2 cores), every other of "
                             "ours' when smaller; default: all of them")
    parser.add_argument("--wheel-n", type=int, default=3,
                        help="when the native llama-server is built: also run ours on this many questions (every "
                             "other) with the xllamacpp wheel, to measure the engine in the same run; 0: skip")
    parser.add_argument("--fast-words", type=int, default=FAST_PROMPT_WORDS,
                        help="also run ours with this prompt budget (answer.prompt_words), the fast profile; 0: skip")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.gguf = 2, args.gguf or "smollm2"

    settings = load_settings()
    settings.llm.backend = "local"
    if args.gguf:
        settings.llm.gguf_path = Path(args.gguf)
    pool = answerable_english(args.dataset)
    questions = spread(pool, args.n)  # every question type represented
    get_dispatcher().add_event_handler(PREFILL)
    log("loading the index and the local model")
    started = time.perf_counter()
    llm = build_llm(settings)
    hybrid = HybridRetriever(settings)
    ours = Answerer(settings, hybrid, llm)
    hybrid.retrieve("warm up", top_k=1)
    ours.warm_up()  # as `serve` does: the system prompt's KV is ready before the first question
    load_s = time.perf_counter() - started
    log(f"building the default engine's in-memory index ({llm.model_id})")
    default = StreamingDefaultEngine(settings, llm, sorted({c.doc for c in hybrid.chunks.values()}))
    default.system.warm_up()

    ours_rows = run_logged("ours", lambda q: run_ours(ours, q), questions)
    fast_rows: list[dict[str, Any]] = []
    if args.fast_words:
        fast_settings = settings.model_copy(deep=True)
        fast_settings.answer.prompt_words = args.fast_words
        fast = Answerer(fast_settings, hybrid, llm)
        fast_rows = run_logged("fast", lambda q: run_ours(fast, q), questions)
    wheel_rows: list[dict[str, Any]] = []
    if args.wheel_n and llm.engine == "native":
        wheel_settings = settings.model_copy(deep=True)
        wheel_settings.llm.local_engine = "xllamacpp"
        log("loading the same model in the xllamacpp wheel (AVX2 build), for the engine comparison")
        wheel = Answerer(wheel_settings, hybrid, build_llm(wheel_settings))
        wheel.warm_up()
        wheel_rows = run_logged("wheel", lambda q: run_ours(wheel, q), spread(questions, args.wheel_n))
    default_questions = spread(questions, args.default_n)
    default_rows = run_logged("default", default.run, default_questions)
    default.close()
    squeeze = compression_rows(ours, pool, token_counter(llm))

    a, b = summary("ours", ours_rows), summary("llama-index default query engine", default_rows)
    f = summary(f"ours, fast profile (answer.prompt_words = {args.fast_words})", fast_rows) if fast_rows else None
    w = summary("ours on the xllamacpp wheel (AVX2 build) instead of the native server", wheel_rows) \
        if wheel_rows else None
    if w:
        on_same = summary("ours", rows_on(ours_rows, {r["id"] for r in wheel_rows}))
    shared = {q.id for q in default_questions}
    paired = summary("ours", rows_on(ours_rows, shared))  # the comparison is on the same questions
    ratio = paired["prompt_p50"] / b["prompt_p50"] if b["prompt_p50"] else float("nan")
    headers = ["system", "questions", "sources p50 s", "sources max s", "first token p50 s", "total p50 s",
               "prompt tokens p50", "from KV cache p50", "prefilled p50", "prefill tok/s", "completion tokens p50",
               "fact recall"]
    keys = ["system", "n", "sources_p50_s", "sources_max_s", "ttft_p50_s", "total_p50_s", "prompt_p50",
            "cached_p50", "prefilled_p50", "prefill_tok_s", "completion_p50", "fact_recall"]
    checks = [
        ["sources < 1 s (every question)", f"{a['sources_max_s']:.2f} s", a["sources_max_s"] < TARGET_SOURCES_S],
        [f"median prompt tokens ≤ 0.5× default (the default's {len(shared)} questions)", f"{ratio:.2f}×",
         ratio <= TARGET_PROMPT_RATIO],
        [f"fact recall ≥ default's (same {len(shared)} questions)",
         f"{paired['fact_recall']:.2f} vs {b['fact_recall']:.2f}", paired["fact_recall"] >= b["fact_recall"]],
        ["median time to first token ≤ 8 s", f"{a['ttft_p50_s']:.1f} s", a["ttft_p50_s"] <= TARGET_TTFT_S],
    ]
    if w:
        checks.append([f"native server vs xllamacpp wheel (same {w['n']} questions): prefill tok/s, first token",
                       f"{on_same['prefill_tok_s']:.0f} vs {w['prefill_tok_s']:.0f} tok/s "
                       f"({on_same['prefill_tok_s'] / w['prefill_tok_s']:.2f}×); {on_same['ttft_p50_s']:.1f} vs "
                       f"{w['ttft_p50_s']:.1f} s", on_same["ttft_p50_s"] < w["ttft_p50_s"]])
    if f:
        checks.append(["median time to first token ≤ 8 s, fast profile",
                       f"{f['ttft_p50_s']:.1f} s (fact recall {f['fact_recall']:.2f})", f["ttft_p50_s"] <= TARGET_TTFT_S])
    tables = [
        table(f"Answer path, {llm.model_id} via llama.cpp ({llm.engine} engine) on {settings.llm.threads} threads, "
              f"{len(questions)} answerable dev questions ({', '.join(q.id for q in questions)}; the default engine "
              f"{', '.join(sorted(shared))})",
              headers, [[s[k] for k in keys] for s in (a, f, w, b) if s]),
        table("Targets", ["target", "measured", "met"], checks),
        table(f"Context compression: user-prompt tokens vs must-include facts still in the passages "
              f"({len(pool)} answerable English dev questions, best {settings.answer.prompt_passages} of "
              f"{settings.answer.top_k} passages, no generation)",
              ["sentence budget", "product", "prompt tokens p50", "facts kept"], squeeze),
        f"Index and model load, and the system prompt's prefill, before the first question: {load_s:.1f} s "
        "(once per process, as in `serve`).",
    ]
    report("answer_path", tables, {"ours": ours_rows, "fast": fast_rows, "wheel": wheel_rows, "default": default_rows,
                                   "engine": llm.engine, "summary": [s for s in (a, f, w, b) if s], "load_s": load_s,
                                   "compression": squeeze})


if __name__ == "__main__":
    main()
