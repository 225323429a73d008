"""The citation engine built the way Sphinx tests itself: tiny roots, warnings asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, html


def soup(app, docname="index") -> BeautifulSoup:
    return BeautifulSoup(html(app, docname), "html.parser")


def main_text(app, docname="index") -> str:
    return " ".join(soup(app, docname).select_one('[role="main"]').get_text("").split())


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle`` (so tests never hard-code counts)."""
    hits = [i for i, line in enumerate(path.read_text(errors="replace").splitlines(), 1) if needle in line]
    return hits[nth - 1]


@pytest.mark.sphinx("html", testroot="cite-basic")
def test_author_year_citations_and_lists(app):
    assert build(app) == ""
    page = soup(app)
    cites = page.select("a.atlas-cite")
    assert [a.get_text() for a in cites] == [
        "Mei et al., 2022",
        "Wang et al. (2019)",
        "Mei et al., 2022",
        "Matthes et al., 2016",
        "Stevens et al., 2017b",  # suffixes follow title order: "A second..." is 2017a
        "Mei et al., 2022",
    ]
    assert all(a["href"].startswith("#ref-") for a in cites)
    text = main_text(app)
    assert "(Mei et al., 2022; Matthes et al., 2016)" in text
    # the auto-appended list, alphabetical, NLM style with identifiers linked
    items = page.select("li.atlas-ref")
    assert [li["id"] for li in items] == [
        "ref-matthes2016revisiting",
        "ref-mei2022bone",
        "ref-stevens2017a",
        "ref-wang2019increased",
    ]
    wang = page.select_one("#ref-wang2019increased")
    assert "Wang HQ, Jia L, Liu FT." in wang.get_text()
    assert "Journal of Cellular Physiology. 2019;234(8):13994–4006." in wang.get_text()
    links = {a.get_text(): a["href"] for a in wang.select("a.atlas-ref-link")}
    assert links == {
        "PMID 30623437": "https://pubmed.ncbi.nlm.nih.gov/30623437/",
        "PMC6590298": "https://pmc.ncbi.nlm.nih.gov/articles/PMC6590298/",
    }
    assert [b.get_text() for b in wang.select(".atlas-badge")] == ["patient-cohort", "primary-cells"]
    # LaTeX decoded: \^\i -> î, {IL-6} -> IL-6, -- -> en dash
    assert "Manfroi B" in page.select_one("#ref-matthes2016revisiting").get_text()
    # back-links to each place the key is cited on the page
    mei_back = [a["href"] for a in page.select("#ref-mei2022bone .atlas-backlinks a")]
    assert len(mei_back) == 3 and all(page.select_one(h) for h in mei_back)
    # the list is a section of the page (in its local TOC)
    assert page.select_one("section#atlas-references h2").get_text().startswith("References")


@pytest.mark.sphinx("html", testroot="cite-basic")
def test_same_author_year_gets_suffixes_site_wide(app):
    build(app)
    assert "Stevens et al., 2017b" in main_text(app, "index")
    assert "Stevens et al., 2017a" in main_text(app, "other")


@pytest.mark.sphinx("html", testroot="cite-basic")
def test_all_page_lists_store_with_cited_on_links(app):
    build(app)
    page = soup(app, "references")
    items = page.select("li.atlas-ref")
    assert len(items) == 5
    mei = page.select_one("#ref-mei2022bone .atlas-cited-on")
    assert [(a.get_text(), a["href"]) for a in mei.select("a")] == [
        ("Citations", "index.html#ref-mei2022bone"),
        ("Other page", "other.html#ref-mei2022bone"),
    ]
    # classes used by the (optional) JS filter
    assert "atlas-ev-mouse" in page.select_one("#ref-mei2022bone")["class"]
    assert "atlas-year-2022" in page.select_one("#ref-mei2022bone")["class"]
    assert page.select_one(".atlas-bibliography-all")


@pytest.mark.sphinx("html", testroot="cite-numeric")
def test_numeric_style_orders_by_first_citation(app):
    assert build(app) == ""
    text = main_text(app)
    assert "First [1], then [2, 1] and Matthes et al. [3]." in text
    ol = soup(app).select_one("ol.atlas-reflist")
    assert [li["id"] for li in ol.select("li")] == ["ref-wang2019increased", "ref-mei2022bone", "ref-matthes2016revisiting"]
    # the explicit bibliography replaces the automatic one
    assert not soup(app).select("#atlas-references")


@pytest.mark.sphinx("html", testroot="cite-warnings")
def test_citation_warnings_are_located(app):
    warnings = build(app)
    src = Path(app.srcdir) / "index.md"
    assert f"{src}:3: WARNING: unknown citation key 'nope2020' [atlas.cite.unknown]" in warnings
    assert f"{src}:5: WARNING: cite:p role: no keys in ' ' [atlas.cite.syntax]" in warnings
    assert f"{src}:7: WARNING: cite:p role: malformed key 'x y' in 'good2020,,x y' [atlas.cite.syntax]" in warnings
    assert re.search(rf"{re.escape(str(src))}:14: WARNING: a page has one reference list; this one repeats line 1[01]", warnings)
    assert "Traceback" not in warnings
    page = soup(app)
    # the unknown key is visible in the page, the good key still renders
    assert page.select_one(".atlas-cite-unknown").get_text() == "?nope2020"
    assert "Good (2020)" in main_text(app)
    assert len(page.select(".atlas-bibliography")) == 1


@pytest.mark.sphinx("html", testroot="bib-problems")
def test_store_problems_are_located_and_the_rest_loads(app):
    warnings = build(app)
    a = Path(app.srcdir) / "citations" / "a.bib"
    b = Path(app.srcdir) / "citations" / "b.bib"
    c = Path(app.srcdir) / "citations" / "c-latin1.bib"
    expected = [
        (f"{a}:{line_of(a, '@article{broken2020')}:", "could not parse the block starting '@article{broken2020,'"),
        (f"{a}:{line_of(a, '@article{dup2020', 2)}:",
         f"duplicate key 'dup2020' (first defined at line {line_of(a, '@article{dup2020')}); this definition is ignored"),
        (f"{a}:{line_of(a, '@article{nofields2020')}:",
         "'nofields2020': @article is missing title, journal, year [atlas.bib.field]"),
        (f"{a}:{line_of(a, '@article{noid2020')}:", "'noid2020': has neither doi nor pmid (atlas_identifier_policy for @article) "
         "[atlas.bib.identifier]"),
        (f"{a}:{line_of(a, '@article{baddoi2020')}:", "'baddoi2020': malformed DOI 'doi-is-not-this'"),
        (f"{a}:{line_of(a, '@article{baddoi2020')}:", "'baddoi2020': malformed PMID '12ab'"),
        (f"{a}:{line_of(a, '@article{badev2020')}:", "'badev2020': unknown evidence value(s) 'anecdote' [atlas.bib.evidence]"),
        (f"{a}:{line_of(a, '@article{badev2020')}:", "is not an http(s) URL; it is not linked [atlas.bib.url]"),
        (f"{a}:{line_of(a, '@article{loopa')}:", "'loopa': crossref loop through 'loopa'; loop broken [atlas.bib.crossref]"),
        (f"{b}:{line_of(b, '@article{ok2021')}:",
         f"duplicate key 'ok2021': already defined at {a}:1; this definition is ignored [atlas.bib.duplicate]"),
        (f"{c}:2:", "file is not valid UTF-8 (byte 0xfc); undecodable bytes replaced [atlas.bib.encoding]"),
    ]
    for location, text in expected:
        assert any(line.startswith(location) and text in line for line in warnings.splitlines()), (location, text, warnings)
    assert "Traceback" not in warnings
    page = main_text(app)
    assert "(Okay, 2021)" in page and "(Other, 2020)" in page
    assert "An entry that loads" in page


@pytest.mark.sphinx("html", testroot="bib-problems", warningiserror=True, srcdir="bib-problems-W")
def test_store_problems_fail_a_W_build(app):
    app.build()
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="cite-injection")
def test_markup_in_fields_is_escaped(app):
    warnings = build(app)
    assert "[atlas.bib.markup]" in warnings and "[atlas.bib.url]" in warnings and "[atlas.bib.identifier]" in warnings
    for doc in ("index", "refs"):
        raw = html(app, doc)
        body = raw[raw.index('role="main"'):]
        assert "<script>alert" not in body
        assert "<img src=x" not in body and "<iframe" not in body and "<b>Bold" not in body
        assert "javascript:" not in body.replace("javascript:alert(3)&quot;", "")  # only as escaped text
        handlers = [(el.name, a) for el in BeautifulSoup(raw, "html.parser").find_all(True) for a in el.attrs
                    if a.lower().startswith("on")]
        assert handlers == []  # no inline event handlers anywhere
        assert "&lt;script&gt;" in body
    links = [a["href"] for a in soup(app).select(".atlas-ref a")]
    assert all(h.startswith(("https://", "#")) for h in links), links
    json_text = (Path(app.outdir) / "atlas.json").read_text()
    assert "javascript:alert(5)" not in json_text


@pytest.mark.sphinx("text", testroot="cite-basic", srcdir="cite-basic-text")
def test_text_builder_degrades(app):
    assert build(app) == ""
    text = " ".join((Path(app.outdir) / "index.txt").read_text().split())
    assert "(Mei et al., 2022; Matthes et al., 2016)" in text
    assert "Mei Y, Ren K, Liu Y, Ma A, Xia Z, Han X, et al." in text


@pytest.mark.sphinx("latex", testroot="cite-basic", srcdir="cite-basic-latex")
def test_latex_builder_degrades(app):
    assert build(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert "Mei et al., 2022" in tex and "Revisiting IL\\sphinxhyphen{}6 antagonism" in tex


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-downloads")
def test_downloads_bib_ris_json(app):
    build(app)
    out = Path(app.outdir)
    links = {a.get_text(): a["href"] for a in soup(app).select("a.atlas-download")}
    assert links == {"BibTeX": "_atlas/refs/index.bib", "RIS": "_atlas/refs/index.ris",
                     "CSL-JSON": "_atlas/refs/index.csl.json"}
    bib = (out / "_atlas/refs/index.bib").read_text()
    assert bib.count("@article{") == 4 and "stevens2017b" not in bib
    import bibtexparser

    assert len(bibtexparser.parse_string(bib).entries) == 4  # the export round-trips
    ris = (out / "_atlas/refs/index.ris").read_text()
    assert ris.count("TY  - JOUR") == 4 and "ER  -" in ris
    import json

    data = json.loads((out / "_atlas/references.json").read_text())
    mei = next(r for r in data if r["key"] == "mei2022bone")
    assert [c["page"] for c in mei["cited_on"]] == ["index", "other"]
    assert mei["evidence"] == ["mouse", "primary-cells"] and mei["diseases"] == ["MDS", "AML"]
    assert json.loads((out / "atlas.json").read_text())["references"] == data


SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, actual: str) -> None:
    """Compare with tests/snapshots/<name>; ATLAS_UPDATE_SNAPSHOTS=1 rewrites it."""
    import os

    path = SNAPSHOTS / name
    if os.environ.get("ATLAS_UPDATE_SNAPSHOTS"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}: run with ATLAS_UPDATE_SNAPSHOTS=1 and review it"
    assert actual == path.read_text(encoding="utf-8"), f"snapshot {name} changed (ATLAS_UPDATE_SNAPSHOTS=1 to accept)"


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-snapshot")
def test_reference_list_snapshot(app):
    build(app)
    section = soup(app).select_one("section#atlas-references")
    check_snapshot("reference-list.html", section.prettify())


@pytest.mark.sphinx("html", testroot="cite-basic")
def test_entry_node_form_and_fast_html_form_agree(app):
    """HTML builders insert an entry's cached HTML; other builders its nodes. Both come
    from one description of the entry: rendered by Sphinx's own HTML translator, the
    nodes give exactly the cached HTML, for every entry of the store."""
    from docutils import frontend, nodes, utils
    from sphinx.writers.html5 import HTML5Translator
    from sphinxcontrib.atlas.citations.domain import get_store
    from sphinxcontrib.atlas.citations.entry import entry_html, entry_nodes

    assert build(app) == ""
    store = get_store(app.env)
    assert len(store) >= 3
    from sphinx.writers.html import HTMLWriter

    settings = frontend.get_default_settings(HTMLWriter)  # the HTML writer's settings
    settings.env = app.env
    for ref in store:
        document = utils.new_document("<entry>", settings)
        document.extend(entry_nodes(ref))
        translator = app.builder.create_translator(document, app.builder)
        for child in document.children:
            child.walkabout(translator)
        assert "".join(translator.body) == entry_html(ref), ref.key
        assert all(isinstance(n, nodes.paragraph) for n in document.children)
    assert isinstance(translator, HTML5Translator)
