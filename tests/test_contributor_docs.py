"""The contributor documents tell one story, and it is the code's: the Python version and
the checks a pull request needs, the page rules make check enforces, every warning kind
documented and tested, and no path outside the repository."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import ROOT
from sphinxcontrib.atlas.check.rules import MIN_REFERENCES, REQUIRED_FRONT_MATTER
from sphinxcontrib.atlas.problems import AtlasWarning

DOCS = {
    "README": ROOT / "README.md",
    "CONTRIBUTING": ROOT / "CONTRIBUTING.md",
    "site contributing page": ROOT / "docs" / "about" / "contributing.md",
    "pull request template": ROOT / ".github" / "pull_request_template.md",
}


def _text(name: str) -> str:
    return DOCS[name].read_text(encoding="utf-8")


def test_one_python_version_everywhere():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    version = re.fullmatch(r">=\s*(3\.\d+)", requires).group(1)
    for name in ("README", "CONTRIBUTING", "site contributing page"):
        text = _text(name)
        assert f"Python {version} or newer" in text, name
        others = {m for m in re.findall(r"Python (3(?:\.\d+)?)\b", text) if m != version}
        assert others == set(), (name, others)


@pytest.mark.parametrize("name", list(DOCS))
def test_one_list_of_checks_a_pull_request_needs(name):
    text = _text(name)
    for command in ("make check", "make html", "make test"):
        assert command in text, (name, command)
    assert not re.search(r"(?:needed for|only for|if you touched) (?:changes under )?`?extensions", text), name


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test\b", ci, re.M)
    assert "make test" in _text("README")


def test_the_page_rules_are_written_where_contributors_look():
    contributing = _text("CONTRIBUTING")
    rules = contributing.split("### The rules `make check` enforces on pages", 1)[1].split("\n## ", 1)[0]
    for section, minimum in MIN_REFERENCES.items():
        assert re.search(rf"at least \*\*{minimum}\*\* distinct references \| `docs/{section}/`", rules), section
        template = (ROOT / "templates" / f"{section[:-1]}.md").read_text(encoding="utf-8")
        assert f"at least {minimum} distinct references" in template and "status: draft" in template, section
    for field in REQUIRED_FRONT_MATTER:
        assert f"`{field}`" in rules
    assert "status: draft" in rules


def test_every_warning_kind_has_a_cause_a_fix_and_a_test():
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    untested = []
    for kind in AtlasWarning:
        assert len(kind.cause) > 20 and len(kind.fix) > 20, kind
        if f"atlas.{kind.subtype}" not in tests and f'"{kind.subtype}"' not in tests:
            untested.append(kind.subtype)
    assert untested == []


def test_no_contributor_file_points_outside_the_repository():
    files = [*DOCS.values(), *ROOT.glob("templates/*.md"), *ROOT.glob("citations/*.bib"),
             *(ROOT / "docs").rglob("*.md"), *(ROOT / ".github").rglob("*.y*ml")]
    outside = re.compile(r"\.\./shared|shared/literature|shared/seeds|FINDINGS\.md|verified\.bib|/work/")
    hits = [str(p.relative_to(ROOT)) for p in files if outside.search(p.read_text(encoding="utf-8"))]
    assert hits == []
