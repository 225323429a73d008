"""Pathway diagrams in real Sphinx builds (tests/roots/test-pathway-*)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, build_site, html, strip_colors

ROOTS = Path(__file__).parent / "roots"
SVG_NS = "{http://www.w3.org/2000/svg}"


def _block(page: str, name: str) -> str:
    """The pathway's container: from its id to the end of its edge table."""
    start = page.index(f'id="pathway-{name}"')
    return page[start : page.index("</table>", start)]


def _svg(page: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg .*?</svg>", page, re.S).group(0))


# -- happy path ---------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pathway-basic")
def test_happy_path(app):
    assert build(app) == ""
    page = html(app, "classic")
    block = _block(page, "il6-classic")
    svg = _svg(block)
    assert svg.get("aria-labelledby") == "atlas-pw-il6-classic-title atlas-pw-il6-classic-desc"
    assert svg.find(f"{SVG_NS}title").text == "IL-6 classic signalling"
    # every node resolved and links to its entity page; nodes show the entity's short display
    # name (or its label), never the id or the name as written
    links = {a.get("data-node"): a.get("href") for a in svg.iter(f"{SVG_NS}a")}
    assert links["IL6R"] == "molecules/il6r.html#entity-IL6R"
    assert links["IL6ST"] == "molecules/gp130.html#entity-IL6ST"
    assert len(links) == 7
    texts = {a.get("data-node"): " ".join("".join(a.find(f"{SVG_NS}text").itertext()).split())
             for a in svg.iter(f"{SVG_NS}a")}
    assert texts["IL6ST"] == "gp130" and texts["IL6R"] == "IL-6 receptor α"
    # the accessible name starts with the visible label (WCAG 2.5.3)
    names = {a.get("data-node"): a.get("aria-label") for a in svg.iter(f"{SVG_NS}a")}
    assert all(names[k].startswith(texts[k]) for k in names)
    assert names["IL6ST"] == "gp130" and names["IL6R"] == "IL-6 receptor α"
    # edges: focusable buttons carrying their data
    edges = [g for g in svg.iter(f"{SVG_NS}g") if g.get("role") == "button"]
    assert len(edges) == 8 and all(g.get("tabindex") == "0" for g in edges)
    jak = next(g for g in edges if g.get("data-label") == "phosphorylates")
    assert json.loads(jak.get("data-cites")) == [
        ["#ref-mei2022bone", "Mei et al., 2022"], ["#ref-taga1989interleukin", "Taga et al., 1989"]]
    assert jak.get("data-evidence") == "cell-lines primary-cells mouse"
    assert jak.get("data-diseases") == "MDS AML"
    binds = next(g for g in edges if g.get("data-label") == "binds")
    assert binds.get("data-diseases") == "" and "atlas-pw-rel-binds" in binds.get("class")
    # the disease-context switch (hidden until the script reveals it)
    # named as readers know them (the display name), never by the raw id
    assert '<option value="MDS">Myelodysplastic syndromes</option><option value="AML">AML</option>' in block
    # text alternative: the edge table, citations link to the page's own reference list
    assert "Edges of “IL-6 classic signalling”" in block
    assert 'href="#ref-mei2022bone"' in block and 'id="ref-mei2022bone"' in page
    assert '<span class="atlas-badge atlas-badge-review">review</span>' in block
    assert "⊣ inhibits" in block
    # downloads, linked from the figure
    assert 'href="_atlas/pathways/il6-classic.svg"' in block
    out = Path(app.outdir) / "_atlas" / "pathways"
    standalone = ET.parse(out / "il6-classic.svg").getroot()
    assert standalone.find(f"{SVG_NS}style") is not None
    assert {a.get("href") for a in standalone.iter(f"{SVG_NS}a")} >= {"../../molecules/il6r.html#entity-IL6R"}
    record = json.loads((out / "il6-classic.json").read_text())
    assert record["page"] == "classic" and record["url"] == "classic.html#pathway-il6-classic"
    assert [n["band"] for n in record["nodes"] if n["id"] in ("IL6", "IL6R", "JAK1", "STAT3", "tocilizumab")] == [
        "extracellular", "membrane", "cytoplasm", "nucleus", "extracellular"]
    assert record["edges"][0] == {
        "source": "IL6", "target": "IL6R", "relation": "binds", "operator": "--", "label": "binds",
        "citations": ["taga1989interleukin"], "evidence": ["cell-lines"], "diseases": [], "direction": "supports", "line": 10}
    # atlas.json section
    atlas = json.loads((Path(app.outdir) / "atlas.json").read_text())
    assert [p["name"] for p in atlas["pathways"]] == ["il6-classic"]
    assert atlas["pathways"][0]["edges"][3]["citations"] == ["mei2022bone", "taga1989interleukin"]
    # assets for HTML only
    assert "_static/atlas-pathways.js" in page and "_static/atlas-pathways.css" in page
    assert (Path(app.outdir) / "_static" / "atlas-pathways.js").exists()


@pytest.mark.sphinx("html", testroot="pathway-basic")
def test_index_and_entity_pages(app):
    assert build(app) == ""
    table = BeautifulSoup(html(app, "all"), "html.parser").select_one("table.atlas-pw-index")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Pathway", "Page", "Edges", "Nodes"]
    rows = [row.find_all("td") for row in table.select("tbody tr")]
    assert len(rows) == 1
    pathway, page, edges, nodes_cell = rows[0]
    assert [(a["href"], a.get_text()) for a in pathway.find_all("a")] == [
        ("classic.html#pathway-il6-classic", "IL-6 classic signalling")]
    assert [(a["href"], a.get_text()) for a in page.find_all("a")] == [("classic.html", "Classic signalling")]
    assert edges.get_text(strip=True) == "8"
    gp130 = nodes_cell.find("a", href="molecules/gp130.html#entity-IL6ST")
    assert gp130 is not None and gp130.get_text() == "gp130" and gp130["title"] == "gp130"
    jak = BeautifulSoup(html(app, "molecules/jak1"), "html.parser")
    name, body = jak.select_one("dt.atlas-entity-pathways"), jak.select_one("dd.atlas-entity-pathways")
    assert name is not None and name.get_text(strip=True) == "Appears in pathways:"
    assert [(a["href"], a.get_text()) for a in body.find_all("a")] == [
        ("../classic.html#pathway-il6-classic", "IL-6 classic signalling")]
    mds = BeautifulSoup(html(app, "mds"), "html.parser")
    assert mds.select_one("dd.atlas-entity-pathways") is None  # a disease only in the edges' context


@pytest.mark.sphinx("text", testroot="pathway-basic")
def test_text_builder(app):
    assert build(app) == ""
    text = " ".join((Path(app.outdir) / "classic.txt").read_text().split())
    assert "**IL-6 classic signalling**. The interactive diagram is available in the HTML version" in text
    assert "Membrane-bound receptor route." in text
    assert "| phosphorylates" in text and "| ⊣ inhibits" in text and "Mei et al., 2022; Taga" in text
    assert "<svg" not in text
    assert not (Path(app.outdir) / "_atlas").exists()


@pytest.mark.sphinx("latex", testroot="pathway-basic")
def test_latex_builder(app):
    assert build(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert "HTML version of this site" in tex
    assert "phosphorylates" in tex and "svg" not in tex.lower().replace("svgz", "")


# -- warnings -----------------------------------------------------------------------

EXPECTED_WARNINGS = [
    ("index.md:12", "no arrow (one of ->, -|, --, ..>, =>, -?) between two nodes: 'A B : no arrow [okkey]'",
     "pathway.syntax"),
    ("index.md:13", "self-loop IL6 -> IL6", "pathway.edge"),
    ("index.md:14", "duplicate edge IL6 -> IL6R (first on line 11)", "pathway.edge"),
    ("index.md:15", "duplicate edge IL-6 -> IL6R (first on line 11)", "pathway.edge"),
    ("index.md:16", "pathway 'broken': unknown entity 'nowhere' (drawn unlinked)", "entity.unknown"),
    ("index.md:17", "edge IL6R -> JAK1 has no citation; add [key, ...]", "pathway.uncited"),
    ("index.md:17", "pathway 'broken': unknown entity 'JAK1' (drawn unlinked)", "entity.unknown"),
    ("index.md:18", "unknown citation key 'nokey'", "cite.unknown"),
    ("index.md:21", "pathway has no valid edges", "pathway.empty"),
    ("index.md:27", "pathway name 'Bad_Name' is not lowercase-with-dashes; using 'bad-name'", "pathway.name"),
    ("index.md:33", "duplicate pathway name 'broken' (first on line 8); this diagram is not drawn", "pathway.name"),
    ("other.md:3", "pathway name 'bad-name' is already used in index.md:27; names must be unique site-wide",
     "pathway.name"),
]


def _warning_lines(text: str) -> list[str]:
    return sorted(line for line in strip_colors(text).splitlines() if "WARNING" in line)


@pytest.mark.sphinx("html", testroot="pathway-warnings")
def test_every_warning_is_located(app):
    lines = _warning_lines(build(app))
    assert len(lines) == len(EXPECTED_WARNINGS), "\n".join(lines)
    for where, message, subtype in EXPECTED_WARNINGS:
        hits = [x for x in lines if f"{where}: WARNING: {message}" in x and x.endswith(f"[atlas.{subtype}]")]
        assert len(hits) == 1, (where, message, lines)
    # the rest still renders: 4 valid edges, unknown nodes drawn without a link
    page = html(app, "index")
    svg = _svg(_block(page, "broken"))
    edges = [g for g in svg.iter(f"{SVG_NS}g") if g.get("role") == "button"]
    assert [g.get("data-label") for g in edges] == ["fine", "unknown node", "uncited", "unknown key"]
    unknown = [g.get("data-node") for g in svg.iter(f"{SVG_NS}g") if "atlas-pw-unknown" in (g.get("class") or "")]
    assert unknown == ["nowhere", "JAK1"]
    assert "no citation" in _block(page, "broken")
    assert 'id="pathway-bad-name"' in page and 'id="pathway-empty-one"' not in page


def _build(src: Path, out: Path, *, parallel: int = 0, warningiserror: bool = False) -> tuple[int, str, Path]:
    """(exit status, warnings, output folder) of one build (conftest's one build helper)."""
    result = build_site(src, out, parallel=parallel, warningiserror=warningiserror)
    return result.statuscode, result.warnings, result.outdir


def _copy_root(name: str, tmp_path: Path) -> Path:
    dest = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


def test_warnings_fail_the_build_with_W(tmp_path):
    bad = _copy_root("pathway-warnings", tmp_path)
    code, log, _ = _build(bad, tmp_path / "bad-out", warningiserror=True)
    assert code != 0 and "[atlas.pathway.syntax]" in log
    good = _copy_root("pathway-basic", tmp_path)
    assert _build(good, tmp_path / "good-out", warningiserror=True)[:2] == (0, "")


# -- injection ----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pathway-injection")
def test_injection_is_escaped_everywhere(app):
    build(app)
    page = html(app, "index")
    for bad in ("<script>alert", "<img src=x", 'href="javascript:', "onerror=alert(1)>"):
        assert bad not in page
    block = _block(page, "evil")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in block  # SVG data and text
    assert '&lt;script&gt;alert("c")&lt;/script&gt;' in block  # caption (text: quotes need no escaping)
    assert re.search(r"<td><p>&lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt;</p></td>", block)  # table
    _svg(block)  # well-formed
    out = Path(app.outdir) / "_atlas" / "pathways"
    raw = (out / "evil.json").read_text()
    assert "<" not in raw and ">" not in raw and "\\u003cscript\\u003e" in raw
    record = json.loads(raw)
    assert record["edges"][0]["label"] == '<script>alert("x")</script>'
    assert record["title"] == 'Title <script>alert("t")</script>'
    svg_file = (out / "evil.svg").read_text()
    assert "<script" not in svg_file and "javascript:alert(1)\"" not in svg_file
    ET.fromstring(svg_file.split("\n", 1)[1])


# -- parallel and incremental builds -------------------------------------------------------


def _outputs(out: Path) -> dict[str, str]:
    files = ["classic.html", "all.html", "molecules/jak1.html", "molecules/socs3.html",
             "_atlas/pathways/il6-classic.svg", "_atlas/pathways/il6-classic.json"]
    result = {f: (out / f).read_text() for f in files if (out / f).exists()}
    atlas = json.loads((out / "atlas.json").read_text())
    result["atlas.json#pathways"] = json.dumps(atlas["pathways"], sort_keys=True)
    return result


def _pathway_parts(outputs: dict[str, str]) -> dict[str, str]:
    """What this feature renders: pathway blocks, the index table, entity "appears in" fields."""
    parts = {}
    for name, text in outputs.items():
        if name.endswith(".html"):
            found = re.findall(r'<div class="atlas-pathway-block.*?</table>|<table class="atlas-pw-index.*?</table>|'
                               r"Appears in pathways.*?</dd>", text, re.S)
            parts[name] = "\n".join(found)
        else:
            parts[name] = text
    return parts


def test_parallel_build_is_equivalent(tmp_path):
    src = _copy_root("pathway-basic", tmp_path)
    code1, log1, out1 = _build(src, tmp_path / "serial")
    code2, log2, out2 = _build(src, tmp_path / "parallel", parallel=2)
    assert (code1, log1, code2, log2) == (0, "", 0, "")
    serial, parallel = _outputs(out1), _outputs(out2)
    assert _pathway_parts(serial) == _pathway_parts(parallel)
    warn_src = _copy_root("pathway-warnings", tmp_path)
    _, wlog1, _ = _build(warn_src, tmp_path / "wserial")
    _, wlog2, _ = _build(warn_src, tmp_path / "wparallel", parallel=2)
    assert _warning_lines(wlog1) == _warning_lines(wlog2) and len(_warning_lines(wlog1)) == len(EXPECTED_WARNINGS)


def test_incremental_build_matches_a_fresh_build(tmp_path):
    src = _copy_root("pathway-basic", tmp_path)
    code, log, out = _build(src, tmp_path / "inc")
    assert (code, log) == (0, "")
    before = _outputs(out)
    # 1. an entity moves compartment and a new edge is added on the pathway page
    socs3 = src / "molecules" / "socs3.md"
    socs3.write_text(socs3.read_text().replace(":compartment: cytoplasm", ":compartment: nucleus"))
    assert _build(src, tmp_path / "inc")[:2] == (0, "")
    code, log, fresh1 = _build(src, tmp_path / "fresh1")
    assert (code, log) == (0, "")
    assert _pathway_parts(_outputs(out)) == _pathway_parts(_outputs(fresh1))
    assert _outputs(out)["classic.html"] != before["classic.html"]  # the diagram was redrawn
    # 2. the pathway page changes: one more edge, one node fewer (tocilizumab)
    classic = src / "classic.md"
    text = classic.read_text().replace("tocilizumab -| IL6R  : blocks         [tanaka2012targeting]\n",
                                       "IL6R -> STAT3 : new edge [tanaka2012targeting]\n")
    classic.write_text(text)
    assert _build(src, tmp_path / "inc")[:2] == (0, "")
    code, log, fresh2 = _build(src, tmp_path / "fresh2")
    assert (code, log) == (0, "")
    inc, new = _outputs(out), _outputs(fresh2)
    assert _pathway_parts(inc) == _pathway_parts(new)
    index_table = re.search(r'<table class="atlas-pw-index.*?</table>', inc["all.html"], re.S).group(0)
    assert "tocilizumab" not in index_table and "IL6R" in index_table  # the index page was rewritten
    assert "new edge" in inc["classic.html"]
    assert "Appears in pathways" not in (out / "tocilizumab.html").read_text()
    assert (out / "tocilizumab.html").read_text() == (fresh2 / "tocilizumab.html").read_text()
    # 3. a no-op rebuild leaves the downloads untouched
    stamp = (out / "_atlas/pathways/il6-classic.svg").stat().st_mtime_ns
    assert _build(src, tmp_path / "inc")[:2] == (0, "")
    assert (out / "_atlas/pathways/il6-classic.svg").stat().st_mtime_ns == stamp


def test_edge_context_overrides_the_references(tmp_path):
    """``{diseases: ...; evidence: ...}`` on an edge replaces the reference-derived
    context; an unknown disease warns at the edge's line and the rest renders."""
    root = _copy_root("pathway-basic", tmp_path)
    page = root / "classic.md"
    text = page.read_text()
    text = text.replace("[mei2022bone, taga1989interleukin]", "[mei2022bone, taga1989interleukin] {diseases: MDS}")
    text = text.replace("blocks         [tanaka2012targeting]",
                        "blocks [tanaka2012targeting] {diseases: MDS, nowhere; evidence: against}")
    page.write_text(text)
    code, log, out = _build(root, tmp_path / "out")
    assert code == 0
    lines = _warning_lines(log)
    assert len(lines) == 1, lines
    assert "classic.md:17: WARNING: pathway 'il6-classic': unknown disease 'nowhere'" in lines[0]
    assert lines[0].endswith("[atlas.entity.unknown]")
    svg = _svg((out / "classic.html").read_text())
    edges = {g.get("data-label"): g for g in svg.iter(f"{SVG_NS}g") if g.get("role") == "button"}
    assert edges["phosphorylates"].get("data-diseases") == "MDS"  # the references say MDS AML
    assert edges["blocks"].get("data-diseases") == "MDS"
    record = json.loads((out / "_atlas" / "pathways" / "il6-classic.json").read_text())
    direction = {e["label"]: e["direction"] for e in record["edges"]}
    assert direction["blocks"] == "against" and direction["binds"] == "supports"
    table = _block((out / "classic.html").read_text(), "il6-classic")
    assert "⊣ inhibits (not supported by its sources)" in table


# -- diagrams that span cells, and genes ----------------------------------------------

CELLS_SITE = {
    "index.md": "# Cells\n\n```{toctree}\n:hidden:\n\nents\n```\n\n```{pathway} Niche\n:name: niche\n"
                ":cells: stroma: NFK, stroma gene-less; \n:cell: tumour cells\n\n"
                "TUMOUR -> NFK : adhesion activates it in stromal cells [good2020]\n"
                "NFK -> IL6 : induces [good2020]\nSTROMA ..> IL6 : paracrine [good2020]\n"
                "IL6 -- RCP : binds [good2020]\nRCP -> TF : activates [good2020]\n"
                "TF -> TARG gene : induces transcription [good2020]\nTARG gene -> TARG : expressed [good2020]\n"
                "TARG -| RCP : feedback [good2020]\nIL6 -> TUMOUR : growth [good2020]\n```\n",
    "ents.md": "# Entities\n\n" + "".join(
        f"```{{entity}} {eid}\n:kind: {kind}\n:label: {label}\n:short: {short}\n{extra}```\n\n"
        for eid, kind, label, short, extra in [
            ("NFK", "molecule", "NF-kappa", "NF-k", ":compartment: cytoplasm\n"),
            ("IL6", "molecule", "Interleukin 6", "IL-6", ":compartment: extracellular\n"),
            ("RCP", "molecule", "Receptor", "R", ":compartment: membrane\n"),
            ("TF", "molecule", "Transcription factor", "TF", ":compartment: nucleus\n"),
            ("TARG", "molecule", "Target protein", "TARG", ":compartment: cytoplasm\n:xref: uniprot:P00001\n"),
            ("STROMA", "cell", "Marrow stromal cells", "stromal cells", ":aliases: stroma\n"),
            ("TUMOUR", "cell", "Tumour cells", "tumour cells", ":aliases: tumour cells\n"),
        ]),
    "citations/good.bib": "@article{good2020,\n  author = {Good, Gina},\n  title = {A good paper},\n"
                          "  journal = {J Good},\n  year = {2020},\n  pmid = {1},\n}\n",
}


def test_cells_and_genes(tmp_path):
    from lxml import etree
    from sitegen import write_site
    from test_pathways_sbgn import NS, XSD, check_file

    files = dict(CELLS_SITE)
    files["index.md"] = files["index.md"].replace(", stroma gene-less", "")
    result = build_site(write_site(tmp_path / "src", files), tmp_path / "out")
    assert result.warning_lines() == []
    out = result.outdir / "_atlas" / "pathways"
    record = json.loads((out / "niche.json").read_text())
    nodes = {n["id"]: n for n in record["nodes"]}
    stroma = {"entity": "STROMA", "name": "stromal cells"}
    tumour = {"entity": "TUMOUR", "name": "tumour cells"}
    assert record["cells"] == [stroma] and record["cell"] == tumour
    # inside the other cell: its own node and the node listed with it
    assert nodes["NFK"]["band"] == nodes["STROMA"]["band"] == "cells"
    assert nodes["NFK"]["cell"] == nodes["STROMA"]["cell"] == stroma
    # the drawn cell: its inner nodes, and its own node in its cytoplasm
    assert nodes["RCP"]["cell"] == nodes["TF"]["cell"] == nodes["TUMOUR"]["cell"] == tumour
    assert nodes["TUMOUR"]["band"] == "cytoplasm" and nodes["IL6"]["cell"] is None
    # the gene: its own node, in the nucleus, linked to its entity, drawn with ct:gene
    gene = nodes["TARG gene"]
    assert (gene["entity"], gene["band"], gene["glyph"], gene["display"]) == ("TARG", "nucleus", "gene", "TARG")
    assert nodes["TARG"]["band"] == "cytoplasm" and nodes["TARG"]["glyph"] == "macromolecule"
    page = result.html("index")
    svg = _svg(page)
    comp = svg.find(f"{SVG_NS}g[@class='atlas-pw-compartments']")
    names = ["".join(t.itertext()) for t in comp.iter(f"{SVG_NS}text")]
    assert "Stromal cells" in names and "Tumour cells: cytoplasm" in names
    link = svg.find(f".//{SVG_NS}a[@data-node='TARG gene']")
    assert link.get("aria-label") == "TARG gene, Target protein" and link.get("href") == "ents.html#entity-TARG"
    assert "It spans cells: stromal cells; tumour cells" in svg.find(f"{SVG_NS}desc").text
    # the edge table says which cell each node is in, and which node is the gene
    rows = [" ".join(tr.get_text(" ").split()) for tr in result.soup("index").select("table.atlas-pw-table tbody tr")]
    assert rows[0].startswith("tumour cells → activates NF-k (in stromal cells)")
    assert any(r.startswith("TF (in tumour cells) → activates TARG gene (in tumour cells)") for r in rows)
    # SBGN-ML: each cell its own compartment, nodes in it, the gene's unit of information
    m = check_file(etree.XMLSchema(etree.parse(str(XSD))), out / "niche.sbgn", record)
    comps = {g.find("s:label", NS).get("text"): g.get("id") for g in m.findall("s:glyph[@class='compartment']", NS)}
    assert comps == {"Extracellular": "c-extracellular", "tumour cells": "c-cell", "Nucleus": "c-nucleus",
                     "stromal cells": "c-other-cell-1"}
    by_label = {}
    for g in m.findall("s:glyph", NS):
        by_label.setdefault(g.find("s:label", NS).get("text"), []).append(g)
    assert by_label["NF-k"][0].get("compartmentRef") == "c-other-cell-1"
    genes = [g for g in by_label["TARG"] if g.find("s:glyph[@class='unit of information']", NS) is not None]
    assert len(genes) == 1 and genes[0].get("compartmentRef") == "c-nucleus"
    assert genes[0].find("s:glyph/s:label", NS).get("text") == "ct:gene"


def test_cells_bad_input_warns_at_the_directive(tmp_path):
    from sitegen import write_site

    files = dict(CELLS_SITE)
    files["index.md"] = files["index.md"].replace(":cells: stroma: NFK, stroma gene-less; \n:cell: tumour cells",
                                                  ":cells: stroma: NFK, ghost; IL6; stroma: TF\n:cell: STROMA")
    result = build_site(write_site(tmp_path / "src", files), tmp_path / "out", warningiserror=True)
    lines = [x for x in result.warning_lines() if "WARNING" in x]
    line = files["index.md"].splitlines().index("```{pathway} Niche") + 1
    expected = [":cells: 'stroma' is named twice",
                "pathway 'niche': :cells: names 'ghost', which is not a node of this diagram",
                "pathway 'niche': :cells: names 'IL6', which is not a cell entity (kind: cell)",
                "pathway 'niche': :cell: 'STROMA' is also one of the other cells (:cells:)"]
    assert len(lines) == len(expected), lines
    for message in expected:
        assert any(f"index.md:{line}: WARNING: " in x and message in x and "[atlas.pathway.syntax]" in x
                   for x in lines), (message, lines)
    assert "Traceback" not in result.warnings and result.statuscode == 1
    assert "Edges of “Niche”" in result.main_text("index")  # still drawn
