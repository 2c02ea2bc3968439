"""Dependencies: pip-audit over the installed (pinned) dependency set.

pip-audit asks a vulnerability service about every installed distribution: PyPI's JSON API
(``/pypi/<name>/<version>/json``, its default) or OSV. A service that cannot be reached —
or a PyPI mirror that serves the package index but not those per-version pages, which
pip-audit then silently reports as "not found, skipped" — would make "no known
vulnerabilities" meaningless. So a canary comes first: a release with a published
advisory (requests 2.19.0, CVE-2018-18074) must be reported as vulnerable. If it is not,
the test skips and says why; if it is, the whole environment is audited and any finding
fails the test, naming the package, the advisory and the fixed version.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

CANARY = "requests==2.19.0"  # CVE-2018-18074 / PYSEC-2018-28, fixed in 2.20.0
ACCEPTED: dict[str, str] = {}  # advisory id -> why it does not apply; empty: nothing is waived
SERVICES = ("pypi", "osv")


def _audit(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def _canary(service: str, tmp_path: Path) -> str | None:
    """None if ``service`` reports the canary's advisory; else why it cannot be trusted here."""
    requirements = tmp_path / f"canary-{service}.txt"
    requirements.write_text(CANARY + "\n", encoding="utf-8")
    try:
        done = _audit("-r", str(requirements), "--no-deps", "--disable-pip", "-s", service, timeout=120)
    except subprocess.TimeoutExpired:
        return f"{service}: no answer within 120 s"
    if done.returncode not in (0, 1) or not done.stdout.strip():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"{service}: unreachable ({last[:200]})"
    (dep,) = json.loads(done.stdout)["dependencies"]
    if dep.get("skip_reason"):
        return f"{service}: {dep['skip_reason']} (the service does not serve per-release data here)"
    if not dep.get("vulns"):
        return f"{service}: reported no advisory for {CANARY}, which has one"
    return None


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> str:
    reasons = []
    for name in SERVICES:
        why = _canary(name, tmp_path_factory.mktemp("pip-audit"))
        if why is None:
            return name
        reasons.append(why)
    pytest.skip("pip-audit's vulnerability sources cannot be used from this machine: " + "; ".join(reasons))


def test_installed_dependencies_have_no_known_vulnerabilities(service: str) -> None:
    done = _audit("-s", service, "--skip-editable")  # the environment this suite runs in (the pinned set)
    assert done.returncode in (0, 1) and done.stdout.strip(), done.stderr[-2000:]
    report = json.loads(done.stdout)
    audited = [d for d in report["dependencies"] if not d.get("skip_reason")]
    assert len(audited) > 50, "pip-audit audited almost nothing; is the service answering?"
    findings = [
        f"{d['name']}=={d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or ['no release yet'])})"
        for d in audited for v in d.get("vulns", []) if v["id"] not in ACCEPTED
    ]
    assert not findings, "Known-vulnerable dependencies (bump the pins in pyproject.toml; torch stays ==2.13.0):\n" + \
        "\n".join(findings)
