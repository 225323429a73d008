"""A first pull request, as a newcomer would write it: a new disease page from the
template with two new references, a pathway with a node that has no entity yet, a
near-miss citation key, a mistyped entity and a bad arrow. ``make check`` reports every
mistake with its exact line (and a suggestion), at the same places as the build; once
fixed the way CONTRIBUTING says, the page builds warning-free."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

NEW_REFS = """\
@article{newcomer2020first,
  author   = {Newcomer, Ann and Second, Bob},
  title    = {A first test study of {IL-6} in an example disease},
  journal  = {Journal of Tests},
  year     = {2020},
  doi      = {10.0000/atlas-test.1},
  evidence = {primary-cells},
  verified = {https://example.org/record/1}
}

@article{newcomer2021second,
  author   = {Newcomer, Ann},
  title    = {A second test study},
  journal  = {Journal of Tests},
  year     = {2021},
  pmid     = {1},
  evidence = {cell-lines},
  verified = {https://example.org/record/2}
}
"""

PAGE_BODY = """\
IL-6 rises in patient marrow {cite:p}`newcomer2020first`; cultured cells respond
to it {cite:p}`newcomer2021second` and to {ent}`MYD88X`, as an older study
found {cite:p}`mei2022bon`.

```{pathway} IL-6 in the test disease
:name: test-disease

IL6 -- IL6R        : binds       [newcomer2020first]
CCL5 -> IL6         : induces     [newcomer2021second]
IL6R->IL6ST        : recruits    [newcomer2020first]
```
"""

CHECK_LINE = re.compile(r"^(?P<path>\S+):(?P<line>\d+): \[(?P<kind>atlas\.[\w.]+)\] (?P<message>.*)$")
BUILD_LINE = re.compile(r"^(?P<path>\S+):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<kind>atlas\.[\w.]+)\]$")


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name in ("docs", "citations", "templates", "tools"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "conf.py", root / "conf.py")
    (root / "citations" / "testdisease.bib").write_text(NEW_REFS, encoding="utf-8")
    page = (ROOT / "templates" / "disease.md").read_text(encoding="utf-8")
    page = page.replace("EXAMPLE-DISEASE", "TESTDISEASE").replace("example disease; EXD", "test disease")
    start = page.index("## In brief")
    end = page.index("## Evidence")
    page = page[:start] + "## In brief\n\n" + PAGE_BODY + "\n" + page[end:]
    page = page.replace("| Mei 2022 | mDia1/miR-146a DKO mice; patient marrow | IL-6 loss delayed AML in aged mice | "
                        "{cite:p}`mei2022bone` |", "| Newcomer 2020 | patient marrow | IL-6 raised | "
                        "{cite:p}`newcomer2020first` |")
    (root / "docs" / "diseases" / "test-disease.md").write_text(page, encoding="utf-8")
    index = root / "docs" / "diseases" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\ngvhd\n", "\ngvhd\ntest-disease\n"), encoding="utf-8")
    return root


def _check(root: Path) -> tuple[int, list[dict]]:
    run = subprocess.run([sys.executable, "-m", "sphinxcontrib.atlas.check", "--root", str(root), "--quiet-uncited"],
                         capture_output=True, text=True)
    return run.returncode, [m.groupdict() for m in map(CHECK_LINE.match, run.stdout.splitlines()) if m]


def _build(root: Path, out: Path) -> tuple[int, list[dict]]:
    run = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-q", "-n", "-c", str(root), str(root / "docs"),
                          str(out)], capture_output=True, text=True)
    warned = [m.groupdict() for m in map(BUILD_LINE.match, run.stderr.splitlines()) if m]
    # a build that stopped early (a traceback) warns nothing: say so rather than compare sets
    assert run.returncode == 0 or warned, f"the build failed ({run.returncode}):\n{run.stderr[-4000:]}"
    return run.returncode, warned


def _line_of(page: Path, text: str) -> int:
    return next(i for i, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_make_check_finds_every_mistake_where_the_build_does_then_the_fixed_page_builds(tmp_path):
    root = _site(tmp_path)
    page = root / "docs" / "diseases" / "test-disease.md"
    code, found = _check(root)
    assert code == 1
    mine = {(f["kind"], int(f["line"])): f["message"] for f in found if f["path"] == str(page)}
    assert mine[("atlas.cite.unknown", _line_of(page, "{cite:p}`mei2022bon`"))] == \
        "unknown citation key 'mei2022bon' (did you mean 'mei2022bone'?)"
    assert mine[("atlas.entity.unknown", _line_of(page, "{ent}`MYD88X`"))] == \
        "unknown entity 'MYD88X': no page declares this id or alias (did you mean 'MYD88'?)"
    assert mine[("atlas.entity.unknown", _line_of(page, "CCL5 -> IL6"))] == \
        "pathway 'test-disease': unknown entity 'CCL5' (drawn unlinked)"
    assert mine[("atlas.pathway.syntax", _line_of(page, "IL6R->IL6ST"))].startswith(
        "put spaces around the arrow (->, -|, --, ..>, =>, -?)")
    assert mine[("atlas.page.references", 1)].startswith("cites 3 distinct references; diseases pages need at least 8")
    assert len(mine) == 5, mine
    # the build says the same things at the same places
    _, warned = _build(root, tmp_path / "out1")
    built = {(w["path"], int(w["line"]), w["kind"]) for w in warned}
    checked = {(f["path"], int(f["line"]), f["kind"]) for f in found if f["kind"] != "atlas.page.references"}
    assert built == checked, (sorted(built - checked), sorted(checked - built))

    # the fixes CONTRIBUTING describes
    text = page.read_text(encoding="utf-8")
    text = text.replace("`mei2022bon`", "`mei2022bone`").replace("{ent}`MYD88X`", "{ent}`MYD88`")
    text = text.replace("IL6R->IL6ST", "IL6R -- IL6ST").replace("# status: draft ", "status: draft ")
    page.write_text(text, encoding="utf-8")
    new_entity = subprocess.run([sys.executable, str(root / "tools" / "new_entity.py"), "--root", str(root), "--id",
                                 "CCL5", "--kind", "molecule", "--label", "C-C motif chemokine ligand 5"],
                                capture_output=True, text=True)
    assert new_entity.returncode == 0, new_entity.stdout
    assert _check(root) == (0, [])
    assert _build(root, tmp_path / "out2") == (0, [])


def test_every_kind_the_store_pages_entities_and_pathways_share_is_reported_alike(tmp_path):
    """One mistake of each kind both tools report; same file, line and kind from each."""
    root = _site(tmp_path)
    page = root / "docs" / "diseases" / "test-disease.md"
    extra = (
        "\n## More mistakes\n\n"
        "A malformed role {cite:p}`a b`.\n\n"
        "```{entity} TESTDISEASE\n:kind: disease\n```\n\n"
        "```{entity} BADKIND\n:kind: gene\n:aliases: test disease\n```\n\n"
        "```{pathway} Broken\n:name: Bad_Name\n\nA -> A : self [newcomer2020first]\n"
        "IL6 -> IL6R : uncited\nIL6 -> STAT3 : x [newcomer2020first] {diseases: NOTADISEASE}\n```\n\n"
        "```{pathway} Empty\n:name: empty-one\n\nnot an edge\n```\n"
    )
    page.write_text(page.read_text(encoding="utf-8") + extra, encoding="utf-8")
    (root / "citations" / "broken.bib").write_text("@article{broken2024,\n  title = {Unclosed,\n  year = {2024},\n\n"
                                                   "@article{noid2024,\n  author = {A, B},\n  title = {T},\n"
                                                   "  journal = {J},\n  year = {2024},\n}\n", encoding="utf-8")
    _, found = _check(root)
    _, warned = _build(root, tmp_path / "out")
    shared = {"atlas.page.references", "atlas.page.approval"}  # make check only: rules, not build warnings
    checked = {(f["path"], int(f["line"]), f["kind"]) for f in found if f["kind"] not in shared}
    built = {(w["path"], int(w["line"]), w["kind"]) for w in warned}
    assert built == checked, (sorted(built - checked), sorted(checked - built))
    kinds = {k for _p, _l, k in checked}
    assert kinds >= {"atlas.bib.syntax", "atlas.bib.identifier", "atlas.cite.unknown", "atlas.cite.syntax",
                     "atlas.entity.unknown", "atlas.entity.option", "atlas.entity.duplicate",
                     "atlas.entity.ambiguous", "atlas.pathway.syntax", "atlas.pathway.edge",
                     "atlas.pathway.uncited", "atlas.pathway.empty", "atlas.pathway.name"}, kinds
