"""The citation syntax contributors bring from sphinxcontrib-bibtex and Jupyter Book 1:
the whole role family, pre- and post-notes, footnote citations, and the ``bibliography``
directive's options — rendered in both citation styles, warnings located."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, html
from sphinxcontrib.atlas.citations.filters import FilterError, compile_filter, entry_names, evaluate
from sphinxcontrib.atlas.citations.forms import ROLE_NAMES, form_of
from sphinxcontrib.atlas.citations.targets import CitationTarget, parse_targets


def first_paragraph(app, docname="index") -> str:
    page = BeautifulSoup(html(app, docname), "html.parser")
    return " ".join(page.select_one('[role="main"] p').get_text("").split())


def entry_ids(app, docname) -> list[str]:
    page = BeautifulSoup(html(app, docname), "html.parser")
    return [li["id"] for li in page.select('[role="main"] li.atlas-ref')]


# -- pure parts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "targets", "problem"),
    [
        ("a", [("a", "", "")], None),
        ("{see}a{p. 5}, b{ch. 2}", [("a", "see", "p. 5"), ("b", "", "ch. 2")], None),
        ("{p, 5}a", [("a", "p, 5", "")], None),  # a comma inside a note is not a separator
        ("RePEc:the:publsh:1367", [("RePEc:the:publsh:1367", "", "")], None),
        ("a b", [], "malformed key 'a b' in 'a b'"),
        ("a{x}y", [], "malformed key 'a{x}y' in 'a{x}y'"),
        ("a,,b", [("a", "", ""), ("b", "", "")], "empty key in 'a,,b'"),
        (" ", [], "no keys in ' '"),
    ],
)
def test_targets_are_parsed_with_their_notes(text, targets, problem):
    assert parse_targets(text) == ([CitationTarget(*t) for t in targets], problem)


def test_the_role_family_is_sphinxcontrib_bibtex_s():
    expected = {"cite:p", "cite:t", "cite:ps", "cite:ts", "cite:ct", "cite:cts", "cite:cp", "cite:alp",
                "cite:alps", "cite:year", "cite:yearpar", "cite:author", "cite:authors", "cite:authorpar",
                "cite:cauthor", "cite:label", "cite:labelpar", "cite:empty", "footcite:p", "footcite:t",
                "footcite:ps", "footcite:ts", "cite", "footcite"}
    assert expected <= ROLE_NAMES
    assert form_of("cite:ts").textual and form_of("cite:ts").full
    assert form_of("footcite").show == "cite" and not form_of("footcite").textual


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("docname in docnames", True),
        ('cited and year and (year <= "2003")', False),
        ('{"a", "c"} & docnames', True),
        ('cited and ({"a", "b"} >= docnames)', True),
        ('title % "MDS"', True),
        ('type == "article" and not (key == "x")', True),
        ("False", False),
        ("journal", False),  # a missing field is ""
    ],
)
def test_filters_evaluate_like_sphinxcontrib_bibtex(expression, expected):
    names = entry_names({"year": "2019", "title": "IL-6 in mds"}, "Article", "K", "a", ("a", "b"))
    assert bool(evaluate(compile_filter(expression), names)) is expected


@pytest.mark.parametrize("expression", ['__import__("os")', "title.upper()", "1 + 1", "x[0]", "(", "lambda: 1"])
def test_filters_refuse_anything_but_the_small_language(expression):
    with pytest.raises(FilterError):
        compile_filter(expression)


# -- built ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="cite-family")
def test_every_role_renders_author_year(app):
    assert build(app) == ""
    text = first_paragraph(app)
    for part in [
        "P (Mei et al., 2022).",
        "T Wang et al. (2019).",
        "PS (Wang, Jia and Liu, 2019).",
        "TS Wang, Jia and Liu (2019).",
        "CT Matthes et al. (2016).",
        "ALP [the first report, Mei et al., 2022].",
        "YEAR 2022 YEARPAR (2022).",
        "AUTHOR Mei et al. AUTHORS Matthes, Manfroi and Huard AUTHORPAR (Mei et al.).",
        "LABEL Mei et al., 2022 LABELPAR (Mei et al., 2022).",
        "EMPTY [].",
        "NOTES (see Mei et al., 2022, Fig. 3; Wang et al., 2019, p. 5).",
        "TNOTES Mei et al. (e.g. 2022, Fig. 3).",
        "FOOTP (Matthes et al., 2016) FOOTT Wang et al. (2019) FOOT (Mei et al., 2022).",
    ]:
        assert part in text
    page = BeautifulSoup(html(app, "index"), "html.parser")
    # notes stay outside the link; {cite:empty} shows nothing but lists its entry
    assert page.select('a.atlas-cite[href="#ref-mei2022bone"]')[0].get_text() == "Mei et al., 2022"
    assert "ref-stevens2017a" in entry_ids(app, "index")
    # footbibliography placed the page's one list
    assert len(page.select(".atlas-bibliography")) == 1


@pytest.mark.sphinx("html", testroot="cite-family", confoverrides={"atlas_citation_style": "numeric"})
def test_every_role_renders_numeric(app):
    assert build(app) == ""
    text = first_paragraph(app)
    for part in ["P [1].", "T Wang et al. [2].", "TS Wang, Jia and Liu [2].", "LABEL 1 LABELPAR [1].",
                 "NOTES [see 1, Fig. 3; 2, p. 5].", "TNOTES Mei et al. [e.g. 1, Fig. 3].", "FOOTT Wang et al. [2]"]:
        assert part in text
    # :labelprefix: prefixes the numbers; :style: unsrt keeps citation order
    assert first_paragraph(app, "numeric") == "Cited here [A1] and [see A2, p. 2]."
    assert entry_ids(app, "numeric") == ["ref-wang2019increased", "ref-mei2022bone"]


@pytest.mark.sphinx("html", testroot="cite-family")
def test_bibliography_options(app):
    assert build(app) == ""
    # :keyprefix: strips the prefix; listed keys are added; :list: and :enumtype: are followed
    assert first_paragraph(app, "listed") == "Prefixed (Mei et al., 2022)."
    assert entry_ids(app, "listed") == ["ref-mei2022bone", "ref-stevens2017b"]
    page = BeautifulSoup(html(app, "listed"), "html.parser")
    assert page.select_one('[role="main"] ol.atlas-reflist.upperroman') is not None
    # :filter: over the whole store, with "Cited on" links
    assert entry_ids(app, "filtered") == ["ref-mei2022bone", "ref-wang2019increased"]
    text = " ".join(BeautifulSoup(html(app, "filtered"), "html.parser").get_text("").split())
    assert "Cited on: Listed and prefixed, Numeric labels, Roles" in text


@pytest.mark.sphinx("html", testroot="cite-family")
def test_bad_options_warn_with_file_and_line(app):
    src = Path(app.srcdir)
    (src / "filtered.md").write_text(
        "# Whole-site lists\n\n```{bibliography}\n:filter: title.upper()\n:style: fancy\n:bogus: 1\n```\n\n"
        "Odd {cite:p}`{see}mei2022bone{p. 1`.\n"
    )
    warnings = build(app)
    where = f"{src / 'filtered.md'}:3"
    assert f"{where}: WARNING: bibliography: :filter: 'title.upper()': call is not allowed in a filter" in warnings
    assert f"{where}: WARNING: bibliography: :style: 'fancy' is not one of alpha, plain, unsrt, unsrtalpha" in warnings
    assert "Unknown option key: 'bogus'" in warnings and f"{src / 'filtered.md'}:6" in warnings
    assert f"{src / 'filtered.md'}:9: WARNING: cite:p role: malformed key" in warnings
    assert "Traceback" not in warnings
    # the list still renders (the bad filter is dropped: the site's cited entries)
    assert entry_ids(app, "filtered")


@pytest.mark.sphinx("singlehtml", testroot="cite-family")
def test_single_page_output_has_unique_ids_and_no_dangling_citation_links(app):
    assert build(app) == ""
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = [e["id"] for e in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    internal = [a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("#") and a["href"] != "#"]
    assert internal and not [h for h in internal if h.count("#") > 1]
    assert not [h for h in internal if h[1:] not in set(ids)]
    # four pages' lists in the one document, each citation linking its own page's entry
    assert len(page.select("li.atlas-ref")) >= 8
