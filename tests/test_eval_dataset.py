"""A user's own dataset file: malformed lines are explained by line number and field, before any model loads."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval.dataset import DatasetError, load_drafting, load_questions
from eval.gate import GateConfigError, load_thresholds
from policy_copilot_cli.app import app

GOOD = {"id": "q1", "question": "How much is the AI Subsidy Scheme?", "type": "factoid",
        "must_include": ["3 billion"], "sources": []}


def _write(tmp_path: Path, lines: list[str], name: str = "mine.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ('{"id": "q2", "question": ', "line 3: not valid JSON"),
        (json.dumps({"id": "q2"}), "line 3: missing field 'question'"),
        (json.dumps({**GOOD, "id": "q2", "type": "trivia"}), "line 3: field 'type' is 'trivia'"),
        (json.dumps({**GOOD, "id": "q2", "must_include": "3 billion"}), "line 3: field 'must_include' must be a list"),
        (json.dumps({**GOOD, "id": "q2", "sources": [{"doc": "a.txt"}]}), "line 3: sources[0] needs string fields"),
        (json.dumps({**GOOD, "id": "q2", "type": "unanswerable"}), "line 3: type 'unanswerable' must have empty"),
        (json.dumps(GOOD), "line 3: duplicate id 'q1'"),
    ],
)
def test_cli_names_the_line_and_field_of_a_malformed_question(tmp_path: Path, bad_line: str, expected: str) -> None:
    path = _write(tmp_path, [json.dumps(GOOD), "", bad_line])
    result = CliRunner().invoke(app, ["eval", "--dataset", str(path), "--llm", "extractive",
                                      "--index-dir", str(tmp_path / "no-index"), "--out", str(tmp_path / "run")])
    assert result.exit_code == 2
    assert f"mine.jsonl {expected}" in result.output
    assert not (tmp_path / "run").exists()


def test_drafting_file_errors_name_line_and_field(tmp_path: Path) -> None:
    record = {"id": "d1", "doc": "a.txt", "question_part": "(1) whether ...", "recoverable_from_other_docs": ["x"]}
    assert load_drafting(_write(tmp_path, [json.dumps(record)], "d.jsonl"))[0].recoverable == ("x",)
    missing = {k: v for k, v in record.items() if k != "recoverable_from_other_docs"}
    with pytest.raises(DatasetError, match="d.jsonl line 2: missing field 'recoverable_from_other_docs'"):
        load_drafting(_write(tmp_path, [json.dumps(record), json.dumps({**missing, "id": "d2"})], "d.jsonl"))
    with pytest.raises(DatasetError, match=r"line 1: recoverable_from_other_docs\[0\] is an empty string"):
        load_drafting(_write(tmp_path, [json.dumps({**record, "recoverable_from_other_docs": [" "]})], "d.jsonl"))


def test_empty_file_and_missing_file_are_explained(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no questions"):
        load_questions(_write(tmp_path, [""]))
    with pytest.raises(DatasetError, match="no such dataset file"):
        load_questions(tmp_path / "absent.jsonl")


def test_bad_options_and_threshold_files_are_refused_with_the_fix(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(GOOD)])
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "--dataset", str(path), "--systems", "ours,rag2"])
    assert result.exit_code == 2 and "choose a comma-separated subset of ours,vanilla,bm25,extractive" in result.output
    result = runner.invoke(app, ["eval", "--dataset", str(path), "--judge", "extractive"])
    assert result.exit_code == 2 and "--judge local or --judge openai" in result.output
    result = runner.invoke(app, ["eval", "--llm", "extractive"])
    assert result.exit_code == 2 and "--dataset is required" in result.output
    bad = tmp_path / "t.toml"
    bad.write_text("[min]\nhit_at_50 = 0.9\n", encoding="utf-8")
    with pytest.raises(GateConfigError, match="hit_at_50 is not a metric"):
        load_thresholds(bad)
    bad.write_text("[min]\nhit_at_5 = 'high'\n", encoding="utf-8")
    with pytest.raises(GateConfigError, match="must be a number"):
        load_thresholds(bad)
