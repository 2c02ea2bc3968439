"""Imports run one way: core ← index ← rag ← ui, eval ← policy_copilot_cli.

Every import statement of every module is read with ``ast`` (the lazy ones inside
functions too), so a new upward import fails here rather than as a cycle at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "index", "rag", "ui", "eval", "policy_copilot_cli")
MAX_MODULE_LINES = 400


def imported_packages(package: str) -> dict[str, set[str]]:
    """For each module of ``package``: the project packages it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names & set(PACKAGES)
    return found


@pytest.mark.parametrize("package, forbidden", [
    ("core", {"index", "rag", "ui", "eval", "policy_copilot_cli"}),
    ("index", {"rag", "ui", "eval", "policy_copilot_cli"}),
    ("rag", {"ui", "eval", "policy_copilot_cli"}),
    ("ui", {"policy_copilot_cli"}),
    ("eval", {"policy_copilot_cli"}),
])
def test_no_package_imports_one_above_it(package: str, forbidden: set[str]) -> None:
    upward = {module: sorted(names & forbidden) for module, names in imported_packages(package).items()
              if names & forbidden}
    assert not upward, f"{package}/ must not import {sorted(forbidden)}; move the shared code down: {upward}"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_is_over_the_size_limit(package: str) -> None:
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / package).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these modules (over {MAX_MODULE_LINES} lines) by job: {long}"


def test_the_answer_module_keeps_only_the_contracts_and_the_pipeline() -> None:
    assert len((ROOT / "rag" / "answer.py").read_text(encoding="utf-8").splitlines()) <= 250
