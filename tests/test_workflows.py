"""CI that a pull request cannot turn against the project: the workflows are parsed and
held to the rules (CONTRIBUTING, "Safety"), and the dependency files carry hashes.

``workflow_problems`` is the check; the tests run it on the real workflows (no problem)
and on broken ones (each rule must fire), so a rule cannot silently stop checking.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*-?\s*uses:\s*(\S+)\s*(#.*)?$")
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}


def _triggers(data: dict) -> dict:
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def workflow_problems(text: str) -> list[str]:
    """Every rule the workflow breaks (empty when it keeps them all)."""
    data = yaml.safe_load(text) or {}
    problems = []
    triggers = _triggers(data)
    if "pull_request_target" in triggers or "workflow_run" in triggers:
        problems.append("runs on pull_request_target/workflow_run (untrusted code with a privileged token)")
    if "permissions" not in data:
        problems.append("no top-level permissions block")
    elif data["permissions"] not in ({}, "read-all") and any(v == "write" for v in (data["permissions"] or {}).values()):
        problems.append("the top-level permissions grant write access (grant it per job)")
    for line in text.splitlines():
        match = USES_LINE.match(line)
        if not match or match.group(1).startswith("./"):
            continue
        if not PINNED.match(match.group(1)):
            problems.append(f"action not pinned by full commit SHA: {match.group(1)}")
        elif not (match.group(2) and re.search(r"v\d", match.group(2))):
            problems.append(f"pinned action without its version in a comment: {match.group(1)}")
    for name, job in (data.get("jobs") or {}).items():
        if "permissions" not in job:
            problems.append(f"job {name}: no permissions block")
        if "timeout-minutes" not in job:
            problems.append(f"job {name}: no timeout-minutes")
        permissions = job.get("permissions") or {}
        writes = {k for k, v in permissions.items() if v == "write"} if isinstance(permissions, dict) else {"all"}
        if writes - set(DEPLOY_PERMISSIONS):
            problems.append(f"job {name}: write access beyond pages/id-token: {sorted(writes)}")
        if "pages" in writes and "refs/heads/main" not in str(job.get("if", "")):
            problems.append(f"job {name}: holds pages: write but does not run only on main")
        for step in job.get("steps") or []:
            uses = str(step.get("uses", ""))
            if uses.startswith("actions/checkout@") and (step.get("with") or {}).get("persist-credentials") is not False:
                problems.append(f"job {name}: checkout without persist-credentials: false")
            run = str(step.get("run", ""))
            if re.search(r"\bpip3?\s+install\b", run) and "--require-hashes" not in run:
                problems.append(f"job {name}: pip install without --require-hashes")
    return problems


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_the_workflows_keep_every_rule(path):
    assert workflow_problems(path.read_text(encoding="utf-8")) == []


def test_only_the_deploy_job_may_publish():
    holders = []
    for path in WORKFLOWS:
        for name, job in (yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]).items():
            if (job.get("permissions") or {}).get("pages") == "write":
                holders.append((path.name, name, job["permissions"]))
    assert holders == [("pages.yml", "deploy", DEPLOY_PERMISSIONS)]


GOOD = """\
name: x
on: [push]
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0
        with:
          persist-credentials: false
      - run: make test
"""


@pytest.mark.parametrize("broken, expected", [
    (GOOD.replace("@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0", "@v4"), "not pinned by full commit SHA"),
    (GOOD.replace(" # v4.4.0", ""), "without its version in a comment"),
    (GOOD.replace("permissions: {}\n", ""), "no top-level permissions block"),
    (GOOD.replace("    permissions:\n      contents: read\n", ""), "job a: no permissions block"),
    (GOOD.replace("on: [push]", "on: [pull_request_target]"), "pull_request_target"),
    (GOOD.replace("on: [push]", "on:\n  pull_request_target:\n    types: [opened]"), "pull_request_target"),
    (GOOD.replace("    timeout-minutes: 5\n", ""), "no timeout-minutes"),
    (GOOD.replace("          persist-credentials: false\n", "          fetch-depth: 0\n"), "persist-credentials"),
    (GOOD.replace("contents: read", "contents: write"), "write access beyond"),
    (GOOD.replace("contents: read", "pages: write"), "does not run only on main"),
    (GOOD.replace("permissions: {}", "permissions:\n  contents: write"), "top-level permissions grant write"),
    (GOOD.replace("make test", "pip install -r requirements/test.txt"), "without --require-hashes"),
])
def test_each_rule_fires_on_a_broken_workflow(broken, expected):
    assert workflow_problems(GOOD) == []
    problems = workflow_problems(broken)
    assert any(expected in p for p in problems), problems


REQUIREMENT = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)")


@pytest.mark.parametrize("name", ["build", "test"])
def test_every_requirement_is_pinned_with_hashes(name):
    text = (ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z])", text)
    pins = [b for b in blocks if REQUIREMENT.match(b)]
    assert len(pins) > 30
    for block in pins:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), block.splitlines()[0]
    pinned = {REQUIREMENT.match(b).group(1).lower().replace("_", "-") for b in pins}
    assert "flit-core" in pinned  # the extension's build backend, used with --no-build-isolation
    source = {REQUIREMENT.match(line).group(1).lower().replace("_", "-")
              for line in (ROOT / "requirements" / f"{name}.in").read_text(encoding="utf-8").splitlines()
              if REQUIREMENT.match(line)}
    assert source <= pinned, "run make lock: requirements/*.txt is older than requirements/*.in"


def test_every_install_checks_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PIP_INSTALL\s*:=.*--require-hashes", makefile, re.M)
    installs = [line for line in makefile.splitlines()
                if re.search(r"\$\(VPY\).*pip install", line)]
    assert installs
    for line in installs:
        assert "--no-deps" in line, line  # the editable extension; everything else goes through PIP_INSTALL
    assert makefile.count("$(PIP_INSTALL) -r requirements/") == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert not re.search(r"\bpip3?\s+install\b", ci)  # it installs through make
    assert "npm ci" in ci and "npm install" not in ci
