"""The reader's changelog: ``change`` entries on one page, the newest of them on the home
page (``recent-changes``), kept right by incremental and parallel builds."""

from __future__ import annotations

from pathlib import Path

from conftest import SiteBuild, build_site

CONF = 'extensions = ["myst_parser", "sphinxcontrib.atlas"]\natlas_bibtex_files = []\nproject = "Changes"\n'

HOME = """\
# Home

```{recent-changes}
:limit: 2
```

```{toctree}
changes
mds
aml
```
"""

CHANGES = """\
# What changed

```{change} 2026-11-22
:pages: mds

The site opens with an MDS page.
```

```{change} 2026-12-02
:pages: mds, aml

Correction: the MDS page says what the **trial** found -- "no benefit".

A second paragraph only the changelog shows.
```

```{change} 2026-12-02
:pages: aml

An AML page.
```
"""


def _src(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text(HOME)
    (src / "changes.md").write_text(CHANGES)
    (src / "mds.md").write_text("# Myelodysplastic syndromes\n\nText.\n")
    (src / "aml.md").write_text("# Acute myeloid leukaemia\n\nText.\n")
    return src


def _recent(result_soup) -> list[tuple[str, str, str, list[str]]]:
    out = []
    for li in result_soup.select("ul.atlas-recent-changes > li"):
        link = li.select_one("a")
        out.append((link.get_text(), link["href"], li.p.get_text().split(": ", 1)[1],
                    [a.get_text() for a in li.select(".atlas-change-pages a")]))
    return out


def test_the_home_page_lists_the_newest_entries_with_their_pages(tmp_path):
    result = build_site(_src(tmp_path), tmp_path / "out")
    assert result.warnings == ""
    home = result.soup("index")
    assert _recent(home) == [
        ("2 December 2026", "changes.html#change-2026-12-02",
         "Correction: the MDS page says what the trial found – “no benefit”.",
         ["Myelodysplastic syndromes", "Acute myeloid leukaemia"]),
        ("2 December 2026", "changes.html#change-2026-12-02-2", "An AML page.", ["Acute myeloid leukaemia"]),
    ]
    # the changelog shows every entry whole, under its own anchor
    log = result.soup("changes")
    entries = log.select("div.atlas-change")
    assert [e["id"] for e in entries] == ["change-2026-11-22", "change-2026-12-02", "change-2026-12-02-2"]
    assert entries[1].select_one(".atlas-change-date").get_text() == "2 December 2026"
    assert entries[1].strong is not None and "A second paragraph" in entries[1].get_text()
    assert [a["href"] for a in entries[1].select(".atlas-change-pages a")] == ["mds.html", "aml.html"]


def test_bad_entries_warn_where_they_are_and_are_left_out(tmp_path):
    src = _src(tmp_path)
    (src / "changes.md").write_text(
        CHANGES + "\n```{change} 2 December\n\nNo ISO date.\n```\n\n```{change} 2026-12-03\n```\n\n"
        "```{change} 2026-12-04\n:pages: nosuchpage\n\nA page that does not exist.\n```\n")
    result = build_site(src, tmp_path / "out")
    source = (src / "changes.md").read_text().splitlines()
    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(source, 1) if text in line)
    lines = result.warning_lines()
    assert lines == [
        f"{src / 'changes.md'}:{line_of('2 December')}: WARNING: change date '2 December' is not a YYYY-MM-DD date "
        "[atlas.page.change]",
        f"{src / 'changes.md'}:{line_of('{change} 2026-12-03')}: WARNING: the change of 2026-12-03 says nothing: "
        "write what changed [atlas.page.change]",
        f"{src / 'changes.md'}:{line_of('{change} 2026-12-04')}: WARNING: unknown document: '/nosuchpage' [ref.doc]",
    ], lines
    assert len(result.soup("changes").select("div.atlas-change")) == 4
    assert [r[0] for r in _recent(result.soup("index"))] == ["4 December 2026", "2 December 2026"]


def test_a_new_entry_rewrites_the_home_page_and_parallel_builds_agree(tmp_path):
    site = SiteBuild(_src(tmp_path), tmp_path / "out").build()
    assert site.warnings == ""
    changes = site.src / "changes.md"
    changes.write_text(CHANGES + "\n```{change} 2026-12-03\n:pages: aml\n\nNewest.\n```\n")
    site.build()
    assert site.read == ["changes"] and "index" in site.written
    incremental = (site.html / "index.html").read_text(encoding="utf-8")
    assert "Newest." in incremental
    clean = build_site(site.src, tmp_path / "clean", parallel=2)
    assert clean.html("index") == incremental
    # removing the changelog empties the list on the next build
    changes.unlink()
    (site.src / "index.md").write_text(HOME.replace("changes\n", ""))
    site.build()
    assert "No changes recorded yet." in (site.html / "index.html").read_text(encoding="utf-8")
