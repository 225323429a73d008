"""Entities: the ``atlas`` domain, ``{ent}`` links, identifier boxes, back-links, the
entity index and the disease × mechanism matrix, in every builder and build mode."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SiteBuild, build, html
from sphinx.util.inventory import InventoryFile

ROOTS = Path(__file__).parent / "roots"


def soup(app, docname="index") -> BeautifulSoup:
    return BeautifulSoup(html(app, docname), "html.parser")


def main(app, docname="index"):
    return soup(app, docname).select_one('[role="main"]')


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return hits[nth - 1]


def ent_links(app, docname) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in main(app, docname).select("a.atlas-ent")]


def box_fields(app, docname) -> dict[str, str]:
    box = main(app, docname).select_one(".atlas-entity-box")
    return {
        dt.get_text().rstrip(":"): " ".join(dd.get_text().split())
        for dt, dd in zip(box.select("dt"), box.select("dd"), strict=True)
    }


# -- declaration, role, aliases --------------------------------------------------------


@pytest.mark.sphinx("html", testroot="entity-basic")
def test_links_by_id_alias_and_custom_text(app):
    assert build(app) == ""
    # a bare link shows the entity's short name (else its label), never the id or alias typed
    assert ent_links(app, "other") == [
        ("IL-6R", "il6r.html#entity-IL6R"),
        ("IL-6", "il6.html#entity-IL6"),  # alias
        ("receptor", "il6r.html#entity-IL6R"),  # custom text, target is an alias (CD126)
        ("gp130 (IL6ST)", "gp130.html#entity-IL6ST"),  # no :short: -> the label; domain-qualified role
    ]
    assert ent_links(app, "gp130") == [("IL-6R", "il6r.html#entity-IL6R")]  # aliases ignore case
    assert ent_links(app, "il6") == [("CD126", "il6r.html#entity-IL6R")]
    link = main(app, "other").select_one("a.atlas-ent")
    assert link["title"] == "IL-6 receptor α (CD126)"
    assert "atlas-ent-molecule" in link["class"]


def mentions(app, docname) -> dict[str, list[str]]:
    """"Mentioned on" at the end of an entity's page: group heading -> link texts, in order."""
    section = main(app, docname).select_one("section#atlas-mentioned-on")
    return {g.select_one(".rubric").get_text(): [a.get_text() for a in g.select("a.atlas-backlink")]
            for g in section.select(".atlas-mentions-group")}


@pytest.mark.sphinx("html", testroot="entity-basic")
def test_identifier_box_and_backlinks(app):
    assert build(app) == ""
    box = main(app, "il6r").select_one(".atlas-entity-box")
    assert box["id"] == "entity-IL6R"
    # the page's title differs from the label, so the box names it; never by its raw id
    assert box.select_one(".atlas-entity-title").get_text() == "IL-6 receptor α (CD126)"
    assert "IL6R" not in box.get_text()
    assert box_fields(app, "il6r") == {
        "Kind": "molecule",
        "Also known as": "CD126, IL-6R, IL-6Rα",
        "Compartment": "membrane",
        "Identifiers": "HGNC:6019; UniProt P08887; NCBI Gene 3570",
    }
    assert [a["href"] for a in box.select("a.atlas-xref-link")] == [
        "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:6019",
        "https://www.uniprot.org/uniprotkb/P08887",
        "https://www.ncbi.nlm.nih.gov/gene/3570",
    ]
    # the back-links sit at the end of the page, after its content, sorted by page title
    assert mentions(app, "il6r") == {"Other pages (3)": ["Another page", "gp130", "Interleukin-6"]}
    last = main(app, "il6r").select("section > section")[-1]
    assert last["id"] == "atlas-mentioned-on" and last.select_one("h2").get_text().startswith("Mentioned on")
    hrefs = [a["href"] for a in main(app, "il6r").select("section#atlas-mentioned-on a.atlas-backlink")]
    assert hrefs == ["other.html", "gp130.html", "il6.html"]
    # a page's own links never count; a page nobody links says so
    assert mentions(app, "il6") == {"Other pages (2)": ["Another page", "IL-6 receptor"]}
    assert mentions(app, "gp130") == {"Other pages (2)": ["Another page", "IL-6 receptor"]}
    assert "atlas-entities.css" in html(app, "il6r")


def test_mentions_grouped_by_kind_and_collapsed_after_the_first_few():
    from types import SimpleNamespace

    from sphinxcontrib.atlas.entities.box import SHOWN, grouped_mentions, shortened

    pages = ["therapies/b", "diseases/z", "diseases/a", "index", "diseases/m", "molecules/x"]
    titles = {"therapies/b": "Beta", "diseases/z": "Zeta", "diseases/a": "alpha", "index": "Home",
              "diseases/m": "Mu", "molecules/x": "Xi"}
    index = SimpleNamespace(mentioned=lambda _id: tuple(pages), titles=titles)
    assert grouped_mentions(index, "E") == [
        ("Diseases", [("alpha", "diseases/a"), ("Mu", "diseases/m"), ("Zeta", "diseases/z")]),
        ("Molecules", [("Xi", "molecules/x")]),
        ("Therapies", [("Beta", "therapies/b")]),
        ("Other pages", [("Home", "index")]),
    ]
    from docutils import nodes

    few = shortened([nodes.Text(str(i)) for i in range(SHOWN + 1)], "pages")
    assert len(few) == 1 and few[0].astext() == ", ".join(str(i) for i in range(SHOWN + 1))
    many = shortened([nodes.Text(str(i)) for i in range(SHOWN + 4)], "pages")
    assert many[0].astext() == ", ".join(str(i) for i in range(SHOWN))
    assert many[1]["summary"] == "4 more pages" and many[1].astext().endswith(str(SHOWN + 3))


@pytest.mark.sphinx("html", testroot="entity-basic")
def test_public_api(app):
    from sphinxcontrib.atlas.entities.domain import lookup_entity
    from sphinxcontrib.atlas.entities.index import EntityIndex
    from sphinxcontrib.atlas.entities.links import entity_uri
    from sphinxcontrib.atlas.siteindex import index_part

    build(app)
    env = app.env
    index = index_part(env, EntityIndex)
    assert sorted(index.entities) == ["IL6", "IL6R", "IL6ST"]
    il6r = lookup_entity(env, "IL6R")
    assert il6r.kind == "molecule" and il6r.docname == "il6r" and il6r.anchor == "entity-IL6R"
    assert il6r.xrefs == (("hgnc", "6019"), ("uniprot", "P08887"), ("ncbigene", "3570"))
    assert lookup_entity(env, "cd126") is il6r and lookup_entity(env, "IL-6Rα") is il6r
    assert lookup_entity(env, "il6r") is None  # ids are case-sensitive; aliases are not
    assert lookup_entity(env, "nope") is None
    assert entity_uri(app.builder, "other", il6r) == "il6r.html#entity-IL6R"
    assert entity_uri(app.builder, "il6r", il6r) == "#entity-IL6R"
    assert index.mentioned("IL6R") == ("other", "gp130", "il6")  # by page title: Another page, gp130, Interleukin-6
    assert {res[0] for _name, res in index.links["other"]} == {"IL6", "IL6R", "IL6ST"}


@pytest.mark.sphinx("html", testroot="entity-basic")
def test_search_index_and_inventory_hold_ids_and_aliases(app):
    assert build(app) == ""
    text = (Path(app.outdir) / "searchindex.js").read_text()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    names = {entry[4]: entry for entry in index["objects"][""]}
    assert {"IL6R", "CD126", "IL-6R", "IL6", "BSF-2", "IL6ST", "gp130"} <= names.keys()
    assert index["docnames"][names["CD126"][0]] == "il6r"
    assert ["atlas", "molecule", "molecule"] in index["objnames"].values()
    inv = InventoryFile.loads((Path(app.outdir) / "objects.inv").read_bytes(), uri="")
    molecules = inv.data["atlas:molecule"]
    assert molecules["IL6R"].uri == "il6r.html#entity-IL6R"
    assert molecules["CD126"].uri == "il6r.html#entity-IL6R"
    assert molecules["IL-6Rα"].uri == "il6r.html#entity-IL6R"
    assert molecules["gp130"].uri == "gp130.html#entity-IL6ST"


# -- warnings --------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="entity-warnings")
def test_every_warning_subtype_with_text_and_location(app):
    warnings = build(app)
    src = Path(app.srcdir)
    a, z = src / "a.md", src / "z.md"

    def at(path: Path, needle: str, nth: int = 1) -> str:
        return f"{path}:{line_of(path, needle, nth)}: WARNING: "

    role_line = at(a, "{ent}`NOPE`")
    expected = [
        role_line + "unknown entity 'NOPE': no page declares this id or alias [atlas.entity.unknown]",
        role_line + "unknown entity 'MISSING': no page declares this id or alias [atlas.entity.unknown]",
        at(z, "{entity} ALPHA") + "entity 'ALPHA' is declared twice: at a.md:3 and z.md:5; "
        "the first declaration is used [atlas.entity.duplicate]",
        at(z, "{entity} BETA") + "'Shared' names two entities: 'ALPHA' (a.md:3) and 'BETA' (z.md:9); "
        "it resolves to 'ALPHA' [atlas.entity.ambiguous]",
        at(z, "{entity} ETA") + "'BETA' names two entities: 'BETA' (z.md:9) and 'ETA' (z.md:14); "
        "it resolves to 'BETA' [atlas.entity.ambiguous]",  # an id wins over an alias
        at(a, "{entity} GAMMA") + "entity 'GAMMA': unknown :kind: 'protein' "
        "(use one of molecule, cell, disease, mechanism, therapy, model) [atlas.entity.option]",
        at(a, "{entity} DELTA") + "entity 'DELTA': unknown :compartment: 'golgi' "
        "(use one of extracellular, membrane, cytoplasm, nucleus) [atlas.entity.option]",
        at(a, "{entity} DELTA") + "entity 'DELTA': 'uniprot:notanid' is not a valid UniProt identifier; "
        "shown unlinked [atlas.entity.option]",
        at(a, "{entity} DELTA") + "entity 'DELTA': unknown identifier prefix 'foo' in 'foo:123'; shown unlinked",
        at(a, "{entity} DELTA") + "entity 'DELTA': identifier 'hgnc6019' is not prefix:value; ignored",
        at(a, "{entity} EPSILON") + "entity 'EPSILON': missing :kind:",
        at(a, "{entity} ZETA") + "entity 'ZETA': :compartment: applies to molecules only [atlas.entity.option]",
        at(a, "{entity} bad id!") + "'bad id!' is not a valid entity id",
    ]
    for line in expected:
        assert line in warnings, line
    assert len(warnings.strip().splitlines()) == len(expected), warnings
    # recovery: the unknown link's text stays, unlinked and marked
    unknown = main(app, "a").select(".atlas-ent-unknown")
    assert [u.get_text() for u in unknown] == ["NOPE", "a custom text"]
    # the first declaration wins; the second page says it is a duplicate and links there
    assert ent_links(app, "z") == [("ALPHA", "a.html#entity-ALPHA")]
    dup = main(app, "z").select_one(".atlas-entity-duplicate")
    assert "ALPHA is declared more than once" in dup.get_text()
    assert dup.select_one("a")["href"] == "a.html#entity-ALPHA"
    assert ent_links(app, "c") == [
        ("ALPHA", "a.html#entity-ALPHA"),
        ("ALPHA", "a.html#entity-ALPHA"),  # the ambiguous alias resolves to the first, shown by its name
        ("BETA", "z.html#entity-BETA"),
    ]
    # bad identifiers are shown unlinked, never dropped silently
    delta = main(app, "a").select(".atlas-entity-box")[2]
    assert [c.get_text() for c in delta.select(".atlas-xref code")] == ["uniprot:notanid", "foo:123"]
    assert not delta.select("a.atlas-xref-link")


@pytest.mark.sphinx("html", testroot="entity-warnings", confoverrides={"nitpicky": True}, srcdir="entity-nitpicky")
def test_nitpicky_build_adds_no_generic_warning(app):
    warnings = build(app)
    assert "unknown entity 'NOPE'" in warnings
    assert "reference target not found" not in warnings
    assert warnings.count("[atlas.entity.unknown]") == 2


@pytest.mark.sphinx("html", testroot="entity-warnings", warningiserror=True, srcdir="entity-warnings-W")
def test_entity_warnings_fail_a_W_build(app):
    app.build()
    assert app.statuscode == 1


# -- other builders ----------------------------------------------------------------------


@pytest.mark.sphinx("text", testroot="entity-basic")
def test_text_builder(app):
    assert build(app) == ""
    text = (Path(app.outdir) / "il6r.txt").read_text()
    assert "**IL-6 receptor α (CD126)**\n" in text and '"IL6R"' not in text
    assert "Also known as:\n   CD126, IL-6R, IL-6Rα" in text
    assert "Mentioned on\n============\n\n-[ Other pages (3) ]-\n\nAnother page, gp130, Interleukin-6" in text
    assert "Text about IL-6R, IL-6 and the receptor; also gp130 (IL6ST)." in (Path(app.outdir) / "other.txt").read_text()


@pytest.mark.sphinx("latex", testroot="entity-basic")
def test_latex_builder(app):
    assert build(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert r"\label{\detokenize{il6r:entity-IL6R}}" in tex
    assert r"\hyperref[\detokenize{il6r:entity-IL6R}]" in tex
    assert "Mentioned on" in tex and r"\sphinxhref{https://www.uniprot.org/uniprotkb/P08887}{P08887}" in tex


@pytest.mark.sphinx("text", testroot="entity-matrix")
def test_matrix_text_fallback(app):
    assert build(app) == ""
    text = (Path(app.outdir) / "atlas.txt").read_text()
    assert "MDS\n   * IL-6 trans-signalling: Alpha and Beta, 2020 (primary cells)\n\n   * JAK–STAT3 signalling: linked" in text
    assert "CLL\n   no evidence yet" in text


@pytest.mark.sphinx("latex", testroot="entity-matrix")
def test_matrix_latex(app):
    assert build(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert r"\sphinxcaption{Diseases by mechanism}" in tex
    assert r"\hyperref[\detokenize{jak:ref-charlie2019}]" in tex


# -- escaping ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="entity-injection")
def test_markup_in_label_alias_and_xref_is_escaped(app):
    warnings = build(app)
    assert warnings.count("[atlas.entity.option]") == 4  # hgnc, uniprot, evil prefix, nct
    for doc in ("index", "genindex"):
        raw = html(app, doc)
        body = raw[raw.index('role="main"') :] if 'role="main"' in raw else raw
        assert "<script>alert" not in body
        handlers = [(el.name, a) for el in BeautifulSoup(raw, "html.parser").find_all(True) for a in el.attrs
                    if a.lower().startswith("on")]
        assert handlers == []
    page = main(app)
    assert "<script>alert(1)</script>" in page.select_one(".atlas-entity-title").get_text()
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html(app)
    links = [a["href"] for a in page.select("a")]
    assert all(h.startswith(("https://", "#", "index.html", "genindex", "search")) for h in links), links
    assert not page.select("a.atlas-xref-link")  # every identifier was malformed
    search = (Path(app.outdir) / "searchindex.js").read_text()
    objects = json.loads(search[search.index("(") + 1 : search.rindex(")")])["objects"][""]
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in [o[4] for o in objects]  # Sphinx escapes names
    exported = json.loads((Path(app.outdir) / "atlas.json").read_text())["entities"][0]
    assert exported["label"].startswith("<script>")  # data stays data; JSON is not HTML
    assert all(x["url"] is None for x in exported["xrefs"])


# -- generated pages ----------------------------------------------------------------------


def matrix_cells(app) -> list[list[str]]:
    table = main(app, "atlas").select_one("table.atlas-matrix")
    return [[" ".join(c.get_text().split()) for c in row.find_all(["th", "td"])] for row in table.select("tr")]


@pytest.mark.sphinx("html", testroot="entity-matrix", confoverrides={"atlas_matrix_evidence": "shared-reference"})
def test_disease_mechanism_matrix(app):
    assert build(app) == ""
    assert matrix_cells(app) == [
        ["Disease", "IL-6 trans-signalling", "JAK–STAT3 signalling"],
        ["AML", "linked", "1 ref MouseCharlie et al., 2019 (mouse)"],  # links trans; both cite charlie2019
        ["CLL", "—", "—"],
        ["MDS", "1 ref Primary cellsAlpha and Beta, 2020 (primary cells)", "linked"],  # shares alpha2020
    ]
    table = main(app, "atlas").select_one("table.atlas-matrix")
    assert table.select_one("caption .caption-text").get_text() == "Diseases by mechanism"
    assert [th.get_text() for th in table.select("thead th")][0] == "Disease"
    assert all(row.find().name == "th" for row in table.select("tbody tr"))  # header column
    assert table.select_one('a[href="jak.html#ref-charlie2019"]').get_text() == "Charlie et al., 2019"
    assert table.select_one('a[href="trans.html#ref-alpha2020"]')
    assert "atlas-matrix-filled" in table.select("tbody tr")[0].select("td")[0]["class"]
    # a cell: count and strongest type in its summary line, the references when opened
    cell = table.select("tbody tr")[0].select("td")[1]
    assert {"atlas-ev-top-mouse", "atlas-has-mouse"} <= set(cell["class"])
    assert cell.select_one("details > summary").get_text(" ", strip=True) == "1 ref Mouse"
    assert cell.select_one("details > p a").get_text() == "Charlie et al., 2019"


@pytest.mark.sphinx("html", testroot="entity-matrix", srcdir="entity-matrix-disease-refs")
def test_matrix_counting_only_references_about_the_disease(app):
    """The default: a shared reference counts only if its own data concern the disease."""
    assert build(app) == ""
    assert matrix_cells(app)[1:] == [
        ["AML", "linked", "—"],  # charlie2019 has no `diseases` field: background, not evidence
        ["CLL", "—", "—"],
        ["MDS", "1 ref Primary cellsAlpha and Beta, 2020 (primary cells)", "linked"],  # alpha2020: diseases = {MDS}
    ]
    assert "cite a reference about that disease" in main(app, "atlas").select_one(".atlas-matrix-legend").get_text()


def test_matrix_cell_ranks_evidence_and_marks_negative_results():
    from sphinxcontrib.atlas.entities.matrix import CellRef, MatrixCell

    cell = MatrixCell(False, (CellRef("a", "A, 2020", ("review", "mouse"), False),
                              CellRef("b", "B, 2021", ("cell-lines", "clinical-trial"), True)))
    assert cell.evidence == ("clinical-trial", "mouse", "cell-lines", "review") and cell.strongest == "clinical-trial"
    assert cell.negative and cell.filled
    assert MatrixCell(True, ()).strongest == "" and not MatrixCell(True, ()).negative


@pytest.mark.sphinx("html", testroot="entity-matrix", srcdir="entity-matrix-bad-config",
                    confoverrides={"atlas_matrix_evidence": "everything"})
def test_matrix_setting_is_validated(app):
    warnings = build(app)
    assert "atlas_matrix_evidence must be one of disease-reference, shared-reference, not 'everything'; " \
        "using 'disease-reference' [atlas.config]" in warnings
    assert matrix_cells(app)[1] == ["AML", "linked", "—"]


@pytest.mark.sphinx("html", testroot="entity-matrix")
def test_entity_index_and_pathways_in_boxes(app):
    assert build(app) == ""
    index = main(app, "atlas").select_one(".atlas-entity-index")
    assert [r.get_text() for r in index.select(".rubric")] == ["Diseases", "Mechanisms"]
    items = [" ".join(li.get_text().split()) for li in index.select("li")]
    assert items[2] == "MDS — also myelodysplastic syndromes — page: Myelodysplastic syndromes"
    assert items[4] == "JAK–STAT3 signalling jak-stat3 — also JAK-STAT — page: JAK-STAT3"
    # the pathways drawing an entity are listed in its box (nodes by id or alias)
    assert box_fields(app, "jak")["Appears in pathways"] == "MDS signalling"
    assert box_fields(app, "mds")["Appears in pathways"] == "MDS signalling"
    assert mentions(app, "jak") == {"Other pages (1)": ["Myelodysplastic syndromes"]}  # a pathway node mentions
    assert "Appears in pathways" not in box_fields(app, "aml")
    assert box_fields(app, "mds")["Identifiers"] == "DOID:0050908"


@pytest.mark.sphinx("html", testroot="entity-matrix")
def test_entities_export(app):
    assert build(app) == ""
    rows = {row["id"]: row for row in json.loads((Path(app.outdir) / "atlas.json").read_text())["entities"]}
    assert sorted(rows) == ["AML", "CLL", "MDS", "jak-stat3", "trans-signalling"]
    assert rows["MDS"] == {
        "id": "MDS",
        "kind": "disease",
        "label": "MDS",
        "aliases": ["myelodysplastic syndromes"],
        "compartment": None,
        "xrefs": [{"prefix": "doid", "id": "0050908", "database": "Disease Ontology",
                   "url": "https://purl.obolibrary.org/obo/DOID_0050908"}],
        "page": "mds",
        "url": "mds.html#entity-MDS",
        "mentioned_on": [],
    }
    assert rows["trans-signalling"]["mentioned_on"] == [
        {"page": "aml", "title": "Acute myeloid leukaemia", "url": "aml.html"}
    ]


# -- parallel and incremental builds ------------------------------------------------------


Site = SiteBuild


def differing(a: Path, b: Path) -> list[str]:
    return [
        str(p.relative_to(a))
        for p in sorted(a.rglob("*.html"))
        if not (b / p.relative_to(a)).exists() or not filecmp.cmp(p, b / p.relative_to(a), shallow=False)
    ]


def copy_root(name: str, tmp: Path) -> Path:
    src = tmp / "src"
    shutil.copytree(ROOTS / f"test-{name}", src)
    return src


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def sorted_lines(text: str, root: Path) -> list[str]:
    return sorted(text.replace(str(root), "ROOT").splitlines())


@pytest.mark.parametrize("root", ["entity-matrix", "entity-warnings"])
def test_parallel_build_equals_serial(root, tmp_path):
    src = copy_root(root, tmp_path)
    serial = Site(src, tmp_path / "serial").build()
    parallel = Site(src, tmp_path / "parallel", parallel=2).build()
    assert differing(serial.html, parallel.html) == []
    # same warnings (order may differ between workers), each reported once
    assert sorted_lines(parallel.warnings, src) == sorted_lines(serial.warnings, src)
    assert (root == "entity-matrix") == (serial.warnings == "")


@pytest.mark.sphinx("html", testroot="entity-matrix", parallel=2, srcdir="entity-matrix-parallel")
def test_parallel_marker_build(app):
    assert build(app) == ""
    assert matrix_cells(app)[3] == ["MDS", "1 ref Primary cellsAlpha and Beta, 2020 (primary cells)", "linked"]


def test_incremental_backlinks_and_generated_pages(tmp_path):
    src = copy_root("entity-matrix", tmp_path)
    site = Site(src, tmp_path / "inc").build()
    assert site.warnings == ""
    site.build()
    assert site.read == [] and site.written == []  # a no-op rebuild writes nothing

    # AML stops linking trans-signalling: trans's back-links and the matrix change
    edit(src / "aml.md", "AML uses {ent}`trans-signalling`", "AML uses trans-signalling")
    site.build()
    assert site.read == ["aml"]
    assert {"aml", "atlas", "trans"} <= set(site.written) and not {"jak", "mds", "cll"} & set(site.written)
    assert differing(Site(src, tmp_path / "clean1").build().html, site.html) == []

    # a page title changes: the back-links showing it and the index follow, and so does
    # the navigation (prev/next links, the theme's table of contents) of every page, so
    # every page is rewritten (atlas.pagemeta._navigation_changed) and matches a clean build
    edit(src / "mds.md", "# Myelodysplastic syndromes", "# MDS (myelodysplastic syndromes)")
    site.build()
    assert site.read == ["mds"]
    assert {"aml", "atlas", "cll", "jak", "mds", "trans"} <= set(site.written)
    assert differing(Site(src, tmp_path / "clean2").build().html, site.html) == []


def test_incremental_alias_rename_rewrites_linking_pages(tmp_path):
    src = copy_root("entity-basic", tmp_path)
    site = Site(src, tmp_path / "inc").build()
    edit(src / "il6r.md", ":aliases: CD126; IL-6R; IL-6Rα", ":aliases: IL-6R; IL-6Rα")
    site.build()
    assert site.read == ["il6r"]
    # other.md links `receptor <CD126>`: it is rewritten and now warns; il6.md links by id
    assert "other" in site.written and "il6" not in site.written
    assert re.findall(r"unknown entity '\w+'", site.warnings) == ["unknown entity 'CD126'"]
    clean = Site(src, tmp_path / "clean").build()
    assert differing(clean.html, site.html) == []
    assert re.findall(r"unknown entity '\w+'", clean.warnings) == ["unknown entity 'CD126'"]


def test_incremental_duplicate_removed_promotes_the_other_declaration(tmp_path):
    src = copy_root("entity-warnings", tmp_path)
    site = Site(src, tmp_path / "inc").build()
    assert "[atlas.entity.duplicate]" in site.warnings
    edit(src / "a.md", "```{entity} ALPHA\n:kind: molecule\n:aliases: shared; A1\n```", "")
    site.build()
    assert site.read == ["a"]
    assert {"c", "z"} <= set(site.written)  # z now holds ALPHA; c's links move there
    assert differing(Site(src, tmp_path / "clean").build().html, site.html) == []


def test_incremental_removed_page_leaves_the_backlinks(tmp_path):
    src = copy_root("entity-basic", tmp_path)
    site = Site(src, tmp_path / "inc").build()
    (src / "other.md").unlink()
    edit(src / "index.md", "gp130\nother\n", "gp130\n")
    site.build()
    assert site.read == ["index"]
    assert {"il6", "il6r", "gp130"} <= set(site.written)  # each lost "Another page"
    assert differing(Site(src, tmp_path / "clean").build().html, site.html) == []
