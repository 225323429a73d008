"""The site's own page furniture: the last-reviewed line, the description meta tag and
the generated warnings table (tests/roots/test-site-*)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import build, html
from sphinxcontrib.atlas.problems import AtlasWarning


@pytest.mark.sphinx("html", testroot="site-pagemeta")
def test_last_reviewed_line_and_description(app):
    warnings = build(app)
    page = BeautifulSoup(html(app, "index"), "html.parser")
    line = page.select_one("p.atlas-last-reviewed")
    assert line is not None and line.select_one(".atlas-date").get_text() == "22 November 2026"
    # right under the title
    assert line.find_previous_sibling("h1").get_text(strip=True).startswith("Reviewed page")
    meta = page.find("meta", attrs={"name": "description"})
    assert meta is not None and meta["content"] == 'A page about <IL-6> & "quotes", over two lines.'
    assert 'content="A page about &lt;IL-6&gt; &amp; &quot;quotes&quot;, over two lines."' in html(app, "index")
    undated = BeautifulSoup(html(app, "undated"), "html.parser")
    assert undated.select_one("p.atlas-last-reviewed") is None
    assert undated.find("meta", attrs={"name": "description"}) is None
    # a date that is not YYYY-MM-DD warns at the page and shows no line
    assert "baddate.md:1: WARNING: last-reviewed '22/11/2026' is not a YYYY-MM-DD date [atlas.page.metadata]" in warnings
    assert len([x for x in warnings.splitlines() if "WARNING" in x]) == 1, warnings
    assert BeautifulSoup(html(app, "baddate"), "html.parser").select_one("p.atlas-last-reviewed") is None


@pytest.mark.sphinx("html", testroot="site-warnings")
def test_warnings_table_lists_every_subtype_with_cause_and_fix(app):
    assert build(app) == ""
    table = BeautifulSoup(html(app, "index"), "html.parser").select_one("table.atlas-warnings-table")
    rows = [[" ".join(td.get_text("").split()) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert [r[0] for r in rows] == [f"atlas.{kind.subtype}" for kind in AtlasWarning]
    def plain(text: str) -> str:  # the page shows the enum's text with typographic quotes
        return text.replace("``", "").replace("’", "'").replace("“", '"').replace("”", '"')

    for (name, cause, fix), kind in zip(rows, AtlasWarning, strict=True):
        assert plain(cause) == plain(kind.cause) and plain(fix) == plain(kind.fix), name
    # the enum's ``literal`` markup becomes code, nothing else is parsed
    assert table.select_one("tbody code").get_text() == "atlas.config"


@pytest.mark.sphinx("html", testroot="site-warnings")
def test_settings_table_is_generated_from_the_settings_definition(app):
    from dataclasses import fields

    from sphinxcontrib.atlas.settings import AtlasSettings

    assert build(app) == ""
    table = BeautifulSoup(html(app, "index"), "html.parser").select_one("table.atlas-settings-table")
    rows = [[" ".join(td.get_text("").split()) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert [r[0] for r in rows] == [f"atlas_{f.name}" for f in fields(AtlasSettings)]
    defaults = dict((r[0], r[1]) for r in rows)
    assert defaults["atlas_bibtex_files"] == "['citations/*.bib']" and defaults["atlas_auto_bibliography"] == "True"
    assert defaults["atlas_identifier_policy"] == "{}"  # a dict in conf.py, shown as one
    assert all(len(r[2]) > 20 for r in rows)  # every setting explains itself


def test_a_draft_page_tells_its_readers(tmp_path):
    from conftest import build_site

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib.atlas"]\n'
                                              'atlas_bibtex_files = []\n')
    (tmp_path / "src" / "index.md").write_text("---\nstatus: draft\nlast-reviewed: 2026-01-02\n---\n# Growing page\n\nText.\n")
    result = build_site(tmp_path / "src", tmp_path / "out")
    assert result.warnings == ""
    notice = result.soup("index").select_one(".admonition.atlas-draft")
    assert notice is not None and notice.select_one(".admonition-title").get_text() == "Draft"
    assert notice.find_previous_sibling("p")["class"] == ["atlas-last-reviewed"]


def test_sphinx_design_files_only_where_a_page_uses_them(tmp_path):
    from conftest import build_site

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.atlas"]\n'
                                 'atlas_bibtex_files = []\nmyst_enable_extensions = ["colon_fence"]\n')
    (src / "index.md").write_text("# Home\n\n::::{grid} 2\n:::{grid-item-card} A\nText.\n:::\n::::\n\n"
                                  "```{toctree}\ntabs\nplain\n```\n")
    (src / "tabs.md").write_text("# Tabs\n\n::::{tab-set}\n:::{tab-item} One\nText.\n:::\n"
                                 ":::{tab-item} Two\nMore.\n:::\n::::\n")
    (src / "plain.md").write_text("# Plain\n\nText.\n")
    result = build_site(src, tmp_path / "out")
    assert result.warnings == ""

    def assets(doc: str) -> tuple[bool, bool]:
        soup = result.soup(doc)
        css = any("sphinx-design" in link["href"] for link in soup.select("link[rel=stylesheet]"))
        tabs = any("design-tabs" in script["src"] for script in soup.select("script[src]"))
        return css, tabs

    assert assets("index") == (True, False)  # a grid needs the stylesheet, not the tabs script
    assert assets("tabs") == (True, True)
    assert assets("plain") == (False, False)
