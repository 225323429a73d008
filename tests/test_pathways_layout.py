"""Pure tests of the layout and SVG rendering: geometry, determinism, escaping."""

from __future__ import annotations

import random
import re
import time
import xml.etree.ElementTree as ET

import pytest
from sphinxcontrib.atlas.pathways.bands import assign_bands
from sphinxcontrib.atlas.pathways.geometry import BAND_INDEX, BANDS, Box, EdgeSpec, NodeSpec, text_width
from sphinxcontrib.atlas.pathways.layout import layout
from sphinxcontrib.atlas.pathways.svg import SvgEdge, SvgNode, esc, render_figure, render_svg

RELATIONS = ("activates", "inhibits", "binds", "indirect", "necessary", "unknown")
SVG_NS = "{http://www.w3.org/2000/svg}"


def random_graph(seed: int, n_edges: int):
    rng = random.Random(seed)
    n_nodes = max(4, n_edges // 2)
    names = [f"N{i}" + "x" * rng.randrange(0, 14) for i in range(n_nodes)]
    nodes = {n: NodeSpec(n, n if rng.random() < 0.8 else f"{n} long label", 1 + rng.randrange(len(BANDS) - 1)) for n in names}
    edges, seen = [], set()
    while len(edges) < n_edges:
        a, b = rng.sample(names, 2)
        rel = rng.choice(RELATIONS)
        if (a, b, rel) in seen:
            continue
        seen.add((a, b, rel))
        label = rng.choice(["", "binds", "activates strongly", "x" * rng.randrange(1, 60), "phosphorylates"])
        edges.append((EdgeSpec(a, b, label), rel))
    used = [n for n in names if any(n in (e.source, e.target) for e, _ in edges)]
    return [nodes[n] for n in used], edges


def random_cell_graph(seed: int, n_edges: int, n_cells: int = 3):
    """A random graph of which about a third of the nodes sit in one of ``n_cells`` other
    cells (the *cells* band), the rest in the drawn cell's bands."""
    rng = random.Random(seed)
    nodes, edges = random_graph(seed, n_edges)
    cells = [(f"C{i}", f"cell number {i}" + " x" * rng.randrange(0, 6)) for i in range(n_cells)]
    out = []
    for node in nodes:
        if rng.random() < 0.35:
            node = NodeSpec(node.id, node.label, BAND_INDEX["cells"], node.glyph, rng.choice(cells)[0])
        out.append(node)
    return out, edges, cells


def assert_cells(lay):
    """Each other cell's outline holds its nodes and no other node; outlines do not overlap
    each other; an edge label is inside an outline or clear of it, never across its line."""
    outlines = {c.key: c.box for c in lay.cells}
    assert len(outlines) == len(lay.cells)
    cells_band = next((b.box for b in lay.bands if b.name == "cells"), None)
    for key, box in outlines.items():
        assert cells_band is not None and box.inside(cells_band), (key, box, cells_band)
        for n in lay.nodes:
            if n.cell == key:
                assert n.box.inside(box), (n, box)
            else:
                assert not n.box.overlaps(box), (n, key, box)
        for e in lay.edges:
            if e.label_box is not None:
                assert e.label_box.inside(box) or not e.label_box.overlaps(box), (e.index, e.label_box, key, box)
    # each cell's name (drawn at its top left, in capitals on the page) fits in its outline
    # and covers no node or label
    boxes = [n.box for n in lay.nodes] + [e.label_box for e in lay.edges if e.label_box is not None]
    for c in lay.cells:
        name = Box(c.box.x + 12, c.box.y + 6, text_width(c.name.upper(), 12) * 1.04, 16)
        assert name.inside(c.box) and not any(name.overlaps(b) for b in boxes), (c, name)
    keys = list(outlines)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            assert not outlines[a].overlaps(outlines[b]), (a, b)
    assert {n.cell for n in lay.nodes if n.cell} <= set(outlines)


def _all_boxes(lay):
    boxes = [("node", n.id, n.box) for n in lay.nodes]
    boxes += [("label", e.index, e.label_box) for e in lay.edges if e.label_box is not None]
    return boxes


def assert_geometry(lay, nodes):
    # no two boxes (nodes and edge labels) overlap
    boxes = _all_boxes(lay)
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i][2].overlaps(boxes[j][2]), (boxes[i], boxes[j])
    # every node is inside its own band, bands do not overlap and tile the height
    bands = {b.index: b.box for b in lay.bands}
    for n in lay.nodes:
        assert n.box.inside(bands[n.band]), (n, bands[n.band])
    ordered = sorted(bands.values(), key=lambda b: b.y)
    assert ordered[0].y == 0
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a.bottom == pytest.approx(b.y)
    assert ordered[-1].bottom == pytest.approx(lay.height)
    assert [b.index for b in sorted(lay.bands, key=lambda b: b.box.y)] == sorted(bands)
    # bands appear in compartment order: extracellular at the top, nucleus at the bottom
    by_band_y = {n.band: n.box.y for n in lay.nodes}
    assert sorted(by_band_y, key=by_band_y.get) == sorted(by_band_y)
    # everything is inside the drawing
    for _, _, b in boxes:
        assert b.x >= 0 and b.y >= 0 and b.right <= lay.width and b.bottom <= lay.height
    # edges start and end on their nodes' top or bottom side, or (receptors side by side in
    # the membrane) run straight between the facing sides of neighbouring boxes
    where = {n.id: n.box for n in lay.nodes}
    for e in lay.edges:
        s, t = where[e.source], where[e.target]
        if e.start_dir[1] == 0:
            ends = sorted((e.start[0], e.end[0]))
            assert s.cy == pytest.approx(t.cy, abs=0.1) and e.start[1] == e.end[1]
            assert s.y < e.start[1] < s.bottom
            assert ends in (pytest.approx(sorted((s.right, t.x)), abs=0.1),
                            pytest.approx(sorted((s.x, t.right)), abs=0.1))
            lo, hi = sorted((e.start[0], e.end[0]))
            assert not any(b.x < hi - 0.1 and lo + 0.1 < b.right and b.y < e.start[1] < b.bottom
                           for kind, key, b in boxes if (kind, key) != ("label", e.index))
            continue
        assert s.x <= e.start[0] <= s.right and e.start[1] in (s.y, s.bottom)
        assert t.x <= e.end[0] <= t.right and e.end[1] in (t.y, t.bottom)
        # routes go vertically through their own waypoints: never through another box
        for wp in e.waypoints:
            for kind, key, b in boxes:
                if (kind, key) != ("label", e.index):
                    assert not (b.x < wp.cx < b.right and b.y < wp.cy < b.bottom), (e.index, kind, key)
    assert {n.id for n in lay.nodes} == {n.id for n in nodes}
    assert_cells(lay)


@pytest.mark.parametrize("n_edges", [10, 50, 200])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_have_no_overlaps(seed, n_edges):
    nodes, edges = random_graph(seed, n_edges)
    lay = layout(nodes, [e for e, _ in edges])
    assert len(lay.edges) == n_edges
    assert_geometry(lay, nodes)


@pytest.mark.parametrize("n_edges", [10, 50, 200])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_across_cells_have_no_overlaps(seed, n_edges):
    nodes, edges, cells = random_cell_graph(seed, n_edges)
    lay = layout(nodes, [e for e, _ in edges], cells)
    assert_geometry(lay, nodes)
    drawn = {n.cell for n in nodes if n.cell}
    assert [c.key for c in lay.cells] == [k for k, _ in cells if k in drawn]  # left to right as given
    xs = [c.box.x for c in lay.cells]
    assert xs == sorted(xs)


def test_cells_outlines_names_and_svg():
    cells_band, ec, mem, cyt = (BAND_INDEX[b] for b in ("cells", "extracellular", "membrane", "cytoplasm"))
    nodes = [NodeSpec("BMSC", "marrow stromal cells", cells_band, "cell", "BMSC"),
             NodeSpec("NFKB", "NF-κB", cells_band, "macromolecule", "BMSC"),
             NodeSpec("MP", "myeloid precursors", cells_band, "cell", "MP"),
             NodeSpec("IL6", "IL-6", ec), NodeSpec("IL6R", "IL-6R", mem), NodeSpec("JAK1", "JAK1", cyt),
             NodeSpec("SOCS3 gene", "SOCS3", BAND_INDEX["nucleus"], "gene")]
    edges = [EdgeSpec("NFKB", "IL6", "induces IL-6"), EdgeSpec("BMSC", "IL6"), EdgeSpec("MP", "IL6", "paracrine"),
             EdgeSpec("IL6", "IL6R", "binds"), EdgeSpec("IL6R", "JAK1"), EdgeSpec("JAK1", "SOCS3 gene")]
    cells = (("BMSC", "marrow stromal cells"), ("MP", "myeloid precursors"))
    lay = layout(nodes, edges, cells)
    assert_geometry(lay, nodes)
    assert [c.key for c in lay.cells] == ["BMSC", "MP"]
    # each outline is wide enough for its name, and the extracellular space lies between
    for c in lay.cells:
        assert c.box.w >= text_width(c.name.upper(), 12)
    assert lay.cells[1].box.x - lay.cells[0].box.right >= 30
    svg = render_svg("p", "t", "d", lay, {n.id: SvgNode(n.id, n.label, "x.html", glyph=n.glyph) for n in nodes},
                     [SvgEdge(e.source, e.target, "activates", e.label) for e in edges], cell_name="myeloma cells")
    root = ET.fromstring(svg)
    comp = root.find(f"{SVG_NS}g[@class='atlas-pw-compartments']")
    assert comp.get("aria-hidden") == "true"
    names = ["".join(t.itertext()) for t in comp.iter(f"{SVG_NS}text")]
    assert {"Marrow stromal cells", "Myeloid precursors", "Myeloma cells: cytoplasm"} <= set(names)
    # two cell outlines (fill and a double-line membrane each) besides the drawn cell's
    assert len(comp.findall(f"{SVG_NS}rect[@class='atlas-pw-membrane']")) == 2 * 3
    # the gene: its link shows only its name; its unit of information ct:gene is drawn on
    # its lower border, outside the link (the link's name starts with what it shows)
    gene = root.find(f".//{SVG_NS}a[@data-node='SOCS3 gene']")
    assert ["".join(t.itertext()) for t in gene.iter(f"{SVG_NS}text")] == ["SOCS3"]
    units = root.find(f"{SVG_NS}g[@class='atlas-pw-units']")
    assert units.get("aria-hidden") == "true"
    unit = units.find(f"{SVG_NS}g[@data-unit-of='SOCS3 gene']")
    assert unit.find(f"{SVG_NS}text").text == "ct:gene"
    box = next(p.box for p in lay.nodes if p.id == "SOCS3 gene")
    rect = unit.find(f"{SVG_NS}rect[@class='atlas-pw-uoi']")
    assert box.x < float(rect.get("x")) and float(rect.get("x")) + float(rect.get("width")) < box.right
    assert float(rect.get("y")) < box.bottom < float(rect.get("y")) + float(rect.get("height"))
    # without cells nothing changes: no outline, no name, same bytes as before the option
    plain = [NodeSpec(n.id, n.label, ec if n.band == cells_band else n.band, n.glyph) for n in nodes]
    lay2 = layout(plain, edges)
    assert lay2.cells == () and lay2 == layout(plain, edges, ())


@pytest.mark.parametrize("n_edges", [10, 50, 200])
def test_layout_and_svg_are_deterministic(n_edges):
    nodes, edges = random_graph(7, n_edges)

    def render():
        lay = layout(nodes, [e for e, _ in edges])
        svg_nodes = {n.id: SvgNode(n.id, n.label, f"{n.id}.html#x") for n in nodes}
        cites = (("#ref-k", "K, 2020"),)
        svg_edges = [SvgEdge(e.source, e.target, rel, e.label, cites, ("review",)) for e, rel in edges]
        return render_svg("pw", "Title", "Desc", lay, svg_nodes, svg_edges).encode()

    first = render()
    assert render() == first
    ET.fromstring(first)  # well-formed XML


def test_band_rule():
    nodes = [
        ("IL6", "molecule", "extracellular"),
        ("IL6R", "molecule", "membrane"),
        ("JAK1", "molecule", "cytoplasm"),
        ("STAT3", "molecule", "nucleus"),
        ("BMSC", "cell", None),
        ("tocilizumab", "therapy", None),
        ("ruxolitinib", "therapy", None),
        ("MDS", "disease", None),
        ("resistance", "mechanism", None),
        ("mystery", None, None),
        ("lonely", None, None),
        ("lonely-disease", "disease", None),
        ("stroma", "cell", None),
        ("NFKB", "molecule", "cytoplasm"),
        ("drug", "therapy", None),
    ]
    edges = [
        ("IL6", "IL6R"), ("IL6R", "JAK1"), ("JAK1", "STAT3"), ("BMSC", "IL6"), ("tocilizumab", "IL6R"),
        ("ruxolitinib", "JAK1"), ("STAT3", "resistance"), ("resistance", "MDS"), ("mystery", "JAK1"),
        ("stroma", "NFKB"), ("NFKB", "IL6"), ("drug", "NFKB"),
    ]
    bands = {k: BANDS[v] for k, v in assign_bands(nodes, edges, {"stroma", "NFKB"}).items()}
    assert bands == {
        "IL6": "extracellular", "IL6R": "membrane", "JAK1": "cytoplasm", "STAT3": "nucleus",
        "BMSC": "extracellular", "tocilizumab": "extracellular", "ruxolitinib": "cytoplasm",
        "resistance": "outcome", "MDS": "outcome", "mystery": "cytoplasm",
        "lonely": "cytoplasm", "lonely-disease": "outcome",
        # inside another cell, whatever the kind or compartment; a drug acting there stays outside
        "stroma": "cells", "NFKB": "cells", "drug": "extracellular",
    }


def test_layers_inside_a_band_and_parallel_edges():
    nodes = [NodeSpec("A", "A", 3), NodeSpec("B", "B", 3), NodeSpec("C", "C", 3)]
    edges = [EdgeSpec("A", "B", "one"), EdgeSpec("B", "C", "two"), EdgeSpec("C", "A", "back"),
             EdgeSpec("B", "A", "reverse"), EdgeSpec("A", "B", "parallel")]
    lay = layout(nodes, edges)
    y = {n.id: n.box.y for n in lay.nodes}
    assert y["A"] < y["B"] < y["C"]  # the cycle is broken at C -> A
    assert_geometry(lay, nodes)
    assert len({e.label_box for e in lay.edges}) == 5


def test_long_labels_are_shortened_and_widths_follow_text():
    nodes = [NodeSpec("A", "A", 1), NodeSpec("B", "a much longer node label than the limit allows", 2)]
    lay = layout(nodes, [EdgeSpec("A", "B", "y" * 80)])
    a, b = lay.nodes
    assert b.box.w > a.box.w
    assert len(b.lines) == 2 and b.box.h > a.box.h  # long labels wrap onto two lines
    assert lay.edges[0].label.endswith("…")
    long = layout(nodes, [EdgeSpec("A", "B", "a label of many words that needs two lines here")])
    assert len(long.edges[0].label_lines) == 2 and long.edges[0].label_box.h > lay.edges[0].label_box.h
    assert text_width("MMMM", 13) > text_width("iiii", 13)


def test_single_edge_and_box_helpers():
    lay = layout([NodeSpec("A", "A", 2), NodeSpec("B", "B", 2)], [EdgeSpec("A", "B")])
    assert lay.edges[0].label_box is None
    assert Box(0, 0, 10, 10).overlaps(Box(5, 5, 10, 10))
    assert not Box(0, 0, 10, 10).overlaps(Box(10, 0, 10, 10))


def test_escaping_and_accessibility():
    evil = '<script>alert("x")</script> & \' javascript:alert(1)'
    lay = layout([NodeSpec("A", evil, 1), NodeSpec("B", "B", 2)], [EdgeSpec("A", "B", evil)])
    svg = render_svg(
        'pw"x', evil, evil, lay,
        {"A": SvgNode("A", evil, None), "B": SvgNode("B", "B", "b.html#e", "molecule")},
        [SvgEdge("A", "B", "activates", evil, (("#ref-k", evil),), ("review",), ("MDS", "AML"))],
    )
    assert "<script" not in svg and "&lt;script&gt;alert(" in svg
    assert "&lt;script&gt;" in svg and "&quot;" in svg
    root = ET.fromstring(svg)  # still well-formed
    assert root.get("aria-labelledby") == 'pw"x-title pw"x-desc'
    assert root.find(f"{SVG_NS}title").text == evil
    assert root.get("viewBox").startswith("0 0 ")
    edge = root.find(f".//{SVG_NS}g[@role='button']")
    assert edge.get("tabindex") == "0" and edge.get("data-diseases") == "MDS AML"
    assert edge.get("data-label") == evil
    # only resolved nodes link; no event handlers or inline colours anywhere
    links = root.findall(f".//{SVG_NS}a")
    assert [a.get("href") for a in links] == ["b.html#e"]
    assert not re.search(r"\son[a-z]+=", svg) and "style=" not in svg and "fill=\"#" not in svg
    unknown = root.find(f".//{SVG_NS}g[@data-node='A']")
    assert unknown.get("tabindex") == "0" and "not in the atlas" in unknown.get("aria-label")


def test_relations_are_distinguishable_without_colour():
    nodes = [NodeSpec(x, x, 1 + i % 5) for i, x in enumerate("ABCDEFG")]
    edges = [(EdgeSpec("A", "B"), "activates"), (EdgeSpec("B", "C"), "inhibits"),
             (EdgeSpec("C", "D"), "binds"), (EdgeSpec("D", "E"), "indirect"), (EdgeSpec("E", "F"), "necessary"),
             (EdgeSpec("F", "G"), "unknown")]
    lay = layout(nodes, [e for e, _ in edges])
    svg = render_svg("p", "t", "d", lay, {n.id: SvgNode(n.id, n.label, None) for n in nodes},
                     [SvgEdge(e.source, e.target, rel, "") for e, rel in edges])
    root = ET.fromstring(svg)
    groups = {g.get("data-edge"): g for g in root.iter(f"{SVG_NS}g") if g.get("data-edge")}

    def shape(c):
        points = c.get("points")
        return f"{c.tag.split('}')[1]}.{c.get('class')}" + (f"/{len(points.split())}" if points else "")

    shapes = {i: sorted(shape(c) for c in g if c.get("class") not in (
        None, "atlas-pw-hit", "atlas-pw-line", "atlas-pw-hitbox")) for i, g in groups.items()}
    # SBGN Activity Flow arc ends: open triangle, bar, binding dots, dashed triangle,
    # bar + triangle, open diamond -- told apart by shape, not colour
    assert shapes == {"0": ["polygon.atlas-pw-head/3"], "1": ["path.atlas-pw-bar"],
                      "2": ["circle.atlas-pw-dot", "circle.atlas-pw-dot"], "3": ["polygon.atlas-pw-head/3"],
                      "4": ["path.atlas-pw-bar", "polygon.atlas-pw-head/3"], "5": ["polygon.atlas-pw-head/4"]}
    assert "atlas-pw-rel-indirect" in groups["3"].get("class")
    legend = root.find(f".//{SVG_NS}g[@class='atlas-pw-legend']")
    texts = ["".join(t.itertext()) for t in legend.iter(f"{SVG_NS}text")]
    assert texts == ["not in the atlas", "positive influence", "negative influence", "unknown influence",
                     "necessary stimulation", "binding", "indirect or secreted"]


def test_figure_wrapper():
    html = render_figure("u", "<svg/>", caption='a "b"', diseases=[("MDS", "MDS <x>")], downloads=[("SVG", "a.svg")])
    assert '<option value="MDS">MDS &lt;x&gt;</option>' in html
    assert 'class="atlas-pw-controls" hidden' in html  # shown by the script only
    assert 'a "b"' in html and 'href="a.svg"' in html and "<svg/>" in html
    assert "atlas-pw-context" not in render_figure("u", "<svg/>")
    assert esc("\x00a\x1fb") == "ab"


@pytest.mark.parametrize("n_edges", [10, 50, 200])
def test_cost(n_edges):
    nodes, edges = random_graph(11, n_edges)
    start = time.perf_counter()
    lay = layout(nodes, [e for e, _ in edges])
    mid = time.perf_counter()
    render_svg("p", "t", "d", lay, {n.id: SvgNode(n.id, n.label, "x.html") for n in nodes},
               [SvgEdge(e.source, e.target, rel, e.label) for e, rel in edges])
    end = time.perf_counter()
    print(f"{n_edges} edges: layout {(mid - start) * 1000:.1f} ms, svg {(end - mid) * 1000:.1f} ms")
    assert end - start < {10: 0.5, 50: 2.0, 200: 10.0}[n_edges]


def test_compartment_names_clear_the_membrane_lines():
    """A cell without receptors (no membrane row): the cytoplasm's name sits below the
    membrane's two lines, not on them."""
    ec, cyt = BAND_INDEX["extracellular"], BAND_INDEX["cytoplasm"]
    lay = layout([NodeSpec("IL6", "IL-6", ec), NodeSpec("NFKB", "NF-κB", cyt)], [EdgeSpec("NFKB", "IL6", "induces")])
    root = ET.fromstring(render_svg("p", "t", "d", lay, {"IL6": SvgNode("IL6", "IL-6", None),
                                                         "NFKB": SvgNode("NFKB", "NF-κB", None)},
                                    [SvgEdge("NFKB", "IL6", "activates", "induces")]))
    comp = root.find(f"{SVG_NS}g[@class='atlas-pw-compartments']")
    inner_line = max(float(r.get("y")) for r in comp.findall(f"{SVG_NS}rect[@class='atlas-pw-membrane']"))
    name = next(t for t in comp.iter(f"{SVG_NS}text") if t.text == "Cytoplasm")
    assert float(name.get("y")) - 10 > inner_line  # the text's top (12 px capitals) is below the line
    node = next(p.box for p in lay.nodes if p.id == "NFKB")
    assert float(name.get("y")) < node.y


def test_a_wide_row_of_outcomes_is_dealt_into_rows_and_labels_spread_over_gaps():
    """One ligand, a dozen outcomes (the home page's overview): one row of outcomes and
    one row of labels would be ~2,000 px wide; broken into rows, it fits about a page."""
    outcome = BAND_INDEX["outcome"]
    names = [f"Disease number {i}" for i in range(12)]
    nodes = [NodeSpec("IL6", "IL-6", BAND_INDEX["extracellular"])] + [NodeSpec(x, x, outcome, "disease") for x in names]
    edges = [EdgeSpec("IL6", x, f"a finding of some length {i}") for i, x in enumerate(names)]
    lay = layout(nodes, edges)
    rows = {p.box.y for p in lay.nodes if p.band == outcome}
    assert len(rows) >= 2
    assert lay.width < 1200, lay.width
    label_rows = {e.label_box.y for e in lay.edges if e.label_box is not None}
    assert len(label_rows) >= 2
    boxes = [p.box for p in lay.nodes] + [e.label_box for e in lay.edges if e.label_box is not None]
    for i, a in enumerate(boxes):  # nothing overlaps
        for b in boxes[i + 1:]:
            assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y, (a, b)
    # a narrow diagram keeps its one row
    small = layout(nodes[:4], edges[:3])
    assert len({p.box.y for p in small.nodes if p.band == outcome}) == 1

