"""The claim verifier: one table row per error kind it must catch and per paraphrase it must pass.

Each row is a rule's measured reason to exist (eval/verifier_set tune split); the held-out
numbers are in the README. The real MiniLM and E5 models are used, as in the product.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag import claim_atoms as atoms
from rag.check import check_answer_row, check_pair
from rag.verifier import Verifier, verify

HKPILOT = (
    "Since mid-2024, the Government has commenced the pilot use of HKGAI's locally developed generative AI "
    "document processing copilot application (HKPilot) to assist government personnel in handling document "
    "processing tasks such as drafting, translation and summarisation of documents. The Digital Policy Office "
    "(DPO) has invited all bureaus and departments (B/Ds) to arrange government personnel of different grades "
    "to participate in the pilot. HKGAI aims to launch a chatbot based on its LLM this year."
)
FUNDS = (
    "Put in place a $3 billion AI Subsidy Scheme to subsidise local universities, research institutes and "
    "enterprises in leveraging the computing power of AISC. The Government will set up a $10 billion I&T "
    "Industry-Oriented Fund in 2025."
)

CASES = [
    # (claim, passage, supported, what the row shows)
    ("ASTRI built a privacy-preserving credit assessment tool for MSMEs.",
     "ASTRI has built a privacy-preserving credit assessment tool for micro, small and medium enterprises.", True,
     "an acronym the passage spells out in lower case"),
    ("The scheme has 40 members in Sha Tin and 25 in Tai Po.",
     "The scheme has 65 members, of which 25 are in Sha Tin and 40 in Tai Po.", False,
     "two figures swapped between places (FIGURE_REACH)"),
    ("The scheme has 25 members in Sha Tin and 40 in Tai Po.",
     "The scheme has 65 members, of which 25 are in Sha Tin and 40 in Tai Po.", True,
     "the same figures, each beside its own place"),
    ("The institute will cover upstream R&D.", "The institute will promote upstream research and development.", True,
     "a two-letter acronym spelled out as 'X and Y'"),
    ("ASTRI built the credit assessment tool with the HKMA.",
     "ASTRI built the credit assessment tool with banks for micro, small and medium enterprises.", False,
     "an acronym the passage does not spell out"),
    ("Since mid-2024 the Government has been piloting HKPilot, a document copilot developed by HKGAI.", HKPILOT, True, "paraphrase"),
    ("The DPO has invited all B/Ds to let staff of different grades take part in the pilot.", HKPILOT, True, "acronyms"),
    ("HKPilot was launched by the Government in September 2025.", HKPILOT, False, "date not in passage"),
    ("The DPO has not invited bureaus and departments to join the pilot.", HKPILOT, False, "negation"),
    ("HKGAI has launched a chatbot based on its LLM.", HKPILOT, False, "modality: aims to -> has"),
    pytest.param("HKPilot was developed by the Digital Policy Office.", HKPILOT, False, "entity from elsewhere",
                 marks=pytest.mark.xfail(strict=True, reason="known miss: the name is in the aligned evidence, another role")),
    ("The AI Subsidy Scheme is worth $10 billion.", FUNDS, False, "figure of another fact"),
    ("There is a $3bn scheme subsidising universities and firms to use AISC computing power.", FUNDS, True, "$3bn = $3 billion"),
    ("The I&T Industry-Oriented Fund has been set up with $10 billion.", FUNDS, False, "modality: will -> has"),
    ("The I&T Industry-Oriented Fund will be set up in 2024.", FUNDS, False, "year not in passage"),
    ("自2024年中起，政府已試用HKPilot協助處理文件。", HKPILOT, True, "Chinese paraphrase"),
    ("政府將設立100億元的產業引導基金。", FUNDS, True, "Chinese figure by value"),
    ("政府將設立50億元的產業引導基金。", FUNDS, False, "Chinese figure wrong"),
]


@pytest.mark.parametrize(("claim", "passage", "supported", "why"), CASES, ids=[c.values[3] if hasattr(c, "marks") else c[3] for c in CASES])
def test_verifier_table(claim: str, passage: str, supported: bool, why: str) -> None:
    verdict = verify(claim, [passage])
    assert verdict.supported is supported, (why, verdict)
    assert bool(verdict.reason) is (not supported)


@pytest.mark.parametrize(
    ("text", "values"),
    [("$3bn and HK$1 billion", [3e9, 1e9]), ("1 300 petaFLOPS and 3,000", [1300.0, 3000.0]),
     ("in 2024 about 20%", [20.0]), ("2026年底約150萬平方米", [1.5e6]), ("phase one", []),
     # "B/Ds" (bureaus and departments) is no "billion": "about 60 B/Ds" read as 6e10 (s31-h30-invented, 2 of 30)
     ("officers from about 60 B/Ds", [60.0]), ("a $3b fund", [3e9])],
)
def test_figures_by_value(text: str, values: list[float]) -> None:
    assert [f.value for f in atoms.figures(text, spelled=False)] == values


def test_no_passage_is_unsupported_and_empty_claim_is_an_error() -> None:
    assert not Verifier(load_models=False).verify("The scheme is $3 billion.", []).supported
    with pytest.raises(ValueError):
        Verifier(load_models=False).verify("  ", ["x"])


def test_check_pair_uses_markers_and_reports_bad_markers() -> None:
    row = {"id": "a", "claim": "The AI Subsidy Scheme is $3 billion [2].", "passages": [HKPILOT, FUNDS]}
    assert check_pair(row)["supported"] is True
    row["claim"] = "The AI Subsidy Scheme is $3 billion [1]."
    assert check_pair(row)["supported"] is False  # checked against passage 1 only
    answer = {"id": "b", "question": "q", "answer": "HKPilot has been piloted since mid-2024 [1]. It cost $9 billion [1].",
              "contexts": [HKPILOT]}
    result = check_answer_row(answer)
    assert [s["supported"] for s in result["sentences"]] == [True, False]
    assert result["faithfulness"] == 0.5


def test_check_command_keeps_going_past_bad_lines(tmp_path) -> None:
    lines = [json.dumps({"id": "ok", "claim": "The AI Subsidy Scheme is $3 billion.", "passages": [FUNDS]}),
             "not json", json.dumps({"id": "empty", "claim": "", "passages": [FUNDS]}),
             json.dumps({"id": "long", "claim": "x " * 5000, "passages": [FUNDS]})]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "policy_copilot_cli", "check", "--pairs", str(path), "--json",
                          "--llm", "none"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Checking with: the atom checks alone" in out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert results[0] == {"id": "ok", "supported": True, "score": results[0]["score"], "reason": ""}
    assert results[1]["line"] == 2 and "JSON" in results[1]["error"]
    assert results[2]["id"] == "empty" and "non-empty" in results[2]["error"]
    assert results[3]["id"] == "long" and "longer than" in results[3]["error"]


def test_check_with_the_extractive_backend_says_what_to_use(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"id": "ok", "claim": "x y z", "passages": [FUNDS]}), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "policy_copilot_cli", "check", "--pairs", str(path), "--llm", "extractive"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 2 and "--llm local" in out.stderr and "--llm none" in out.stderr


def test_check_by_default_asks_the_configured_model_and_says_so(tmp_path: Path) -> None:
    """The default is the stronger path; a configuration with no model still checks, with the checks alone."""
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"id": "ok", "claim": "The AI Subsidy Scheme is $3 billion.", "passages": [FUNDS]}),
                    encoding="utf-8")
    env = {**os.environ, "POLICY_COPILOT_LLM__BACKEND": "extractive"}
    out = subprocess.run([sys.executable, "-m", "policy_copilot_cli", "check", "--pairs", str(path), "--json"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0 and json.loads(out.stdout.splitlines()[-1])["supported"] is True
    assert "Checking with: the atom checks alone" in out.stderr


def test_check_pair_weighs_the_model_and_the_checks_together() -> None:
    from rag.check import check_pair
    from rag.model_check import MODEL_REASON, ModelCheck

    asked: list[str] = []

    def chat(messages, max_tokens):  # type: ignore[no-untyped-def]
        asked.append(messages[-1][1])
        return "no"

    model = ModelCheck(chat, system="")
    good = check_pair({"id": "a", "claim": "The Government will set up a $10 billion I&T Industry-Oriented Fund in 2025.",
                       "passages": [FUNDS]}, model=model)
    assert good["supported"] is False and good["reason"] == MODEL_REASON and len(asked) == 1
    bad = check_pair({"id": "b", "claim": "The scheme funds 900 AI projects.", "passages": [FUNDS]}, model=model)
    assert bad["supported"] is False and bad["reason"] == "the figure 900 is not in the passage"  # the check's reason
    assert 0 <= float(bad["score"]) < 0.5  # with a model the score is the support model's probability


@pytest.mark.parametrize("claim, expected", [
    ("1. **ITIF Fund**: The fund has $10 billion [2].", "ITIF Fund: The fund has $10 billion."),  # list number + bold
    ("2) The DPO was set up in 2024.", "The DPO was set up in 2024."),
    ("- The DPO was set up.", "The DPO was set up."),
    ("16 laboratories were set up.", "16 laboratories were set up."),  # a leading figure stays a figure
    ("1.5 million square metres are planned.", "1.5 million square metres are planned."),
])
def test_list_numbering_is_not_read_as_a_figure(claim: str, expected: str) -> None:
    from rag.verifier import plain

    assert plain(claim) == expected


def test_check_by_default_uses_the_real_local_model(tmp_path: Path) -> None:
    """With the default configuration the local Qwen model judges each claim beside the checks."""
    lines = [json.dumps({"id": "faithful", "claim": "The AI Subsidy Scheme is $3 billion.", "passages": [FUNDS]}),
             json.dumps({"id": "wrong", "claim": "The Hospital Authority runs the AI Subsidy Scheme.", "passages": [FUNDS]})]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "policy_copilot_cli", "check", "--pairs", str(path), "--json"],
                         capture_output=True, text=True, timeout=900, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "and the model (local:qwen2.5-coder-1.5b" in out.stderr
    verdicts = {r["id"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert verdicts["faithful"]["supported"] and not verdicts["wrong"]["supported"]


PLANNED_DEEDS = [  # (claim, evidence, the deed it flags or "") — the clause-bound modality rule (stop 32)
    ("Construction of Cyberport 5 was completed in 2025.",
     "Construction of Cyberport 5, which commenced in 2021, is expected to be completed in 2025 at the earliest.",
     "completed"),
    ("The WSD has purchased renewable energy certificates.",
     "The WSD installed solar panels in 2024, and is studying the purchase of renewable energy certificates.",
     "purchased"),
    ("The centre was launched in December 2024.", "The centre was launched in December 2024 and will expand.", ""),
    ("The Government plans to complete the study in 2026.", "It is expected to complete the study in 2026.", ""),
    ("The WSD installed solar panels.", "The WSD installed solar panels in 2024 and will install more.", ""),
]


@pytest.mark.parametrize(("claim", "evidence", "deed"), PLANNED_DEEDS, ids=[c[0][:40] for c in PLANNED_DEEDS])
def test_a_deed_is_judged_against_its_own_verb_in_the_evidence(claim: str, evidence: str, deed: str) -> None:
    from rag.evidence import stem_word

    assert atoms.planned_deed(claim, evidence, stem_word) == deed
    if deed:
        assert "states as done" in verify(claim, [evidence]).reason
