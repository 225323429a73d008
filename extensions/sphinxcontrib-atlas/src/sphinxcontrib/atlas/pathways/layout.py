"""Deterministic layered layout in horizontal compartment bands (pure, no Sphinx).

The same input always gives the same coordinates, so the SVG has the same bytes on every
build.

Bands
    ``extracellular``, ``membrane``, ``cytoplasm``, ``nucleus`` and ``outcome`` from top
    to bottom; only the bands that hold a node are drawn (:mod:`.bands` decides which band
    a node goes to and the rows inside a band).

Ranks
    Node rows are the even *ranks*; between two node rows is an odd rank that holds, for
    every edge crossing it, either the edge's label box (on the odd rank nearest the
    middle of the edge, ties towards the source) or a thin placeholder.  So every box is
    in exactly one rank, and no two ranks share a y-range: boxes of different ranks cannot
    overlap.  Receptors chained in the membrane share one rank; the edges between them
    run sideways between neighbouring boxes, which are kept far enough apart for the
    edge's label.

Width
    A diagram should fit a page: a band's last row wider than ``WRAP_WIDTH`` (a dozen
    outcomes under IL-6) is dealt into several rows, and a label whose middle gap is
    already that full of labels goes to another gap of its edge where it fits.

Order and position
    Each rank is ordered by barycentre sweeps (:mod:`.order`; a membrane chain is then
    made contiguous, in chain order).  Positions come from a few rounds of "move every
    box to the mean x of its neighbours", each followed by an order-preserving
    least-squares projection that keeps every pair of neighbours apart: boxes of one rank
    cannot overlap either.

Routes
    An edge runs vertically through each of its own rank boxes and as a vertical-tangent
    cubic curve through the empty gaps between ranks, so it never crosses a node or
    another edge's label.
"""

from __future__ import annotations

from collections.abc import Sequence

from .cellgroups import CELL_NAME_FONT, CELL_NAME_H, CELL_PAD, CELL_TOP, cell_groups, separate_cells
from .geometry import (
    BAND_INDEX,
    BAND_PAD,
    BANDS,
    DUMMY_W,
    EMPTY_LABEL_RANK_H,
    LABEL_FONT,
    LABEL_H,
    LABEL_LINE_H,
    LABEL_MAX_CHARS,
    LABEL_PAD,
    LABEL_WRAP,
    MARGIN,
    NODE_H,
    NODE_LINE_H,
    PORT_STEP,
    RANK_GAP,
    Box,
    EdgeSpec,
    Layout,
    NodeSpec,
    PlacedBand,
    PlacedCell,
    PlacedEdge,
    PlacedNode,
    text_width,
    wrap,
)
from .glyphs import EXTRA_H
from .order import Item, order, place
from .rows import WRAP_GAP, WRAP_WIDTH, base_width, contiguous, rows

BAND_BOTTOM = 10.0  # below a band's last row: room for the compartment outlines
SIDE_ROOM = 26.0  # a sideways edge between two receptors: room for its two ends
GAP_PER_RUN = 0.25  # vertical gap per px of sideways run of the curves through it
MAX_GAP = 110.0
SIDE_LIFT = 7.0  # ... and how far above the row's middle it runs


def _r(v: float) -> float:
    return round(v, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _f(v: float) -> str:
    """A coordinate for path data: one decimal, no trailing ".0"."""
    out = f"{_r(v):.1f}"
    return out[:-2] if out.endswith(".0") else out


def layout(nodes: Sequence[NodeSpec], edges: Sequence[EdgeSpec], cells: Sequence[tuple[str, str]] = ()) -> Layout:
    """Lay out ``nodes`` (each with its band) and ``edges`` (between those nodes);
    ``cells`` names the other cells, ``(key, name)`` left to right, whose nodes
    (``NodeSpec.cell``) are drawn in the *cells* band, each cell in its own outline."""
    row_of, band_rows, membrane, row = rows(nodes, edges)
    nranks = max(2 * row - 1, 1)
    ranks: list[list[Item]] = [[] for _ in range(nranks)]
    node_item: dict[str, Item] = {}
    # the other cells: each node, label and placeholder of the cells band knows its cell
    cells_band = BAND_INDEX["cells"]
    cell_index: dict[str, int] = {key: i for i, (key, _name) in enumerate(cells)}
    group: dict[int, int] = {}
    shown: dict[str, tuple[str, ...]] = {}
    ends: dict[tuple[str, str], int] = {}  # (node, side) -> edges ending there
    for e in edges:
        a, b = row_of[e.source], row_of[e.target]
        if a != b:
            for name, side in ((e.source, a < b), (e.target, a > b)):
                ends[(name, side)] = ends.get((name, side), 0) + 1
    for n in nodes:
        lines = wrap(n.label)
        shown[n.id] = lines
        w = max(base_width(n), PORT_STEP * (max(ends.get((n.id, True), 0), ends.get((n.id, False), 0)) + 1))
        it = Item(("n", n.id), 2 * row_of[n.id], w, NODE_H + NODE_LINE_H * (len(lines) - 1) + EXTRA_H.get(n.glyph, 0.0))
        node_item[n.id] = it
        group[id(it)] = cell_index.setdefault(n.cell, len(cell_index)) if n.band == cells_band else -1
        ranks[it.rank].append(it)
    chains: list[list[Item]] = []
    edge_labels: list[tuple[str, ...]] = []
    label_items: list[Item | None] = []
    gaps: dict[frozenset[int], float] = {}
    load: dict[int, float] = {}  # estimated width of each gap's row of labels and edges
    for i, e in enumerate(edges):
        a, b = node_item[e.source], node_item[e.target]
        step = 1 if b.rank > a.rank else -1
        owner = group[id(a)] if group[id(a)] >= 0 else group[id(b)]
        label_lines = wrap(e.label, LABEL_WRAP, LABEL_MAX_CHARS) if e.label.strip() else ()
        label = " ".join(label_lines)
        edge_labels.append(label_lines)
        label_w = max((text_width(x, LABEL_FONT) for x in label_lines), default=0.0) + 2 * LABEL_PAD
        label_h = LABEL_H + LABEL_LINE_H * (len(label_lines) - 1)
        if a.rank == b.rank:  # receptors side by side in the membrane
            lab = Item(("l", i), a.rank, label_w, label_h) if label else None
            if lab is not None:
                group[id(lab)] = owner
            gaps[frozenset((id(a), id(b)))] = (lab.w if lab else 0.0) + SIDE_ROOM
            label_items.append(lab)
            chains.append([a, b])
            continue
        odd = list(range(a.rank + step, b.rank, step))
        mid = (a.rank + b.rank) / 2
        # the label on the gap nearest the edge's middle, unless that gap's row of labels
        # would grow wider than WRAP_WIDTH and another gap of the edge still has room
        near = sorted((r for r in odd if r % 2), key=lambda r: (abs(r - mid), abs(r - a.rank)))
        fits = [r for r in near if load.get(r, 0.0) + label_w <= WRAP_WIDTH]
        label_rank = (fits or near or [None])[0]
        for r in odd:
            load[r] = load.get(r, 0.0) + (label_w if r == label_rank and label else DUMMY_W) + WRAP_GAP
        chain = [a]
        lab: Item | None = None
        for r in odd:
            if r == label_rank and label:
                it = Item(("l", i), r, label_w, label_h)
                lab = it
            else:
                it = Item(("d", i, r), r, DUMMY_W, 0.0)
            group[id(it)] = owner
            ranks[r].append(it)
            chain.append(it)
        chain.append(b)
        label_items.append(lab)
        for u, v in zip(chain, chain[1:], strict=False):
            lo, hi = (u, v) if u.rank < v.rank else (v, u)
            lo.down.append(hi)
            hi.up.append(lo)
        chains.append(chain)
    cell_rows = [last for b, _first, last in band_rows if b == cells_band]
    last_cell_rank = 2 * cell_rows[0] + 1 if cell_rows else -1
    ranks = order(ranks, group, last_cell_rank) if cell_rows else order(ranks)
    blocks = contiguous(ranks, membrane, node_item)
    names = [name for _key, name in cells] + [key for key in list(cell_index)[len(cells):]]
    if cell_rows:
        cell_groups(ranks, group, last_cell_rank, gaps)
    place(ranks, gaps, blocks)
    if cell_rows:
        min_w = [text_width(name.upper(), CELL_NAME_FONT) * 1.06 + 2 * CELL_PAD for name in names]
        territory = separate_cells(ranks, group, last_cell_rank, min_w)
    # x: shift so the left-most box starts at MARGIN
    left = min((it.x - it.w / 2 for rank in ranks for it in rank), default=0.0)
    shift = MARGIN - left
    # y: rank heights; band starts get room for the band name
    band_start_rank = {2 * first: b for b, first, _ in band_rows}
    # a gap between ranks grows with the sideways run of the curves through it, so that
    # curves side by side stay apart instead of running flat on top of each other
    run = [0.0] * len(ranks)
    for chain in chains:
        for u, v in zip(chain, chain[1:], strict=False):
            if u.rank != v.rank:
                r = min(u.rank, v.rank)
                ends = [it.w * 0.4 for it in (u, v) if it.key[0] == "n"]  # ports spread over a node
                run[r] = max(run[r], abs(u.x - v.x) + max(ends, default=0.0))
    tops: list[float] = []
    heights: list[float] = []
    y = 0.0
    for r, rank in enumerate(ranks):
        if r in band_start_rank:
            y += BAND_PAD + (BAND_BOTTOM if r else 0.0)
            if band_start_rank[r] == cells_band:  # room above the outlines
                y += CELL_TOP
        h = max([it.h for it in rank] + [NODE_H if r % 2 == 0 else EMPTY_LABEL_RANK_H])
        tops.append(y)
        heights.append(h)
        y += h + (max(RANK_GAP, min(MAX_GAP, GAP_PER_RUN * run[r])) if r + 1 < len(ranks) else RANK_GAP)
    content_bottom = y - RANK_GAP + MARGIN + BAND_BOTTOM
    width = max((it.x + it.w / 2 for rank in ranks for it in rank), default=0.0) + shift + MARGIN

    def box_of(it: Item) -> Box:
        top = tops[it.rank] + (heights[it.rank] - it.h) / 2
        return Box(_r(it.x + shift - it.w / 2), _r(top), _r(it.w), _r(it.h))

    placed_nodes = tuple(PlacedNode(n.id, " ".join(shown[n.id]), n.band, box_of(node_item[n.id]), shown[n.id],
                                    n.cell if n.band == cells_band else "")
                         for n in nodes)
    # ports: spread the edges leaving a node's top/bottom side by the x of their next point
    ports: dict[tuple[int, str], float] = {}
    sides: dict[tuple[str, str], list[tuple[float, int, str]]] = {}
    for i, chain in enumerate(chains):
        if chain[0].rank == chain[-1].rank:
            continue
        for end, nxt, which in ((chain[0], chain[1], "s"), (chain[-1], chain[-2], "t")):
            side = "bottom" if nxt.rank > end.rank else "top"
            sides.setdefault((end.key[1], side), []).append((nxt.x, i, which))
    for (name, _side), lst in sorted(sides.items()):
        lst.sort()
        w = node_item[name].w
        step = min(PORT_STEP, 0.8 * w / (len(lst) - 1)) if len(lst) > 1 else 0.0
        for k, (_x, i, which) in enumerate(lst):
            ports[(i, which)] = node_item[name].x + shift + (k - (len(lst) - 1) / 2) * step
    placed_edges = []
    for i, (e, chain) in enumerate(zip(edges, chains, strict=True)):
        if chain[0].rank == chain[-1].rank:
            placed_edges.append(_sideways(i, e, box_of(chain[0]), box_of(chain[-1]), edge_labels[i],
                                          label_items[i], box_of))
            continue
        down = chain[-1].rank > chain[0].rank
        pts: list[tuple[float, float]] = []
        sb = box_of(chain[0])
        pts.append((ports[(i, "s")], sb.bottom if down else sb.y))
        waypoints = []
        for it in chain[1:-1]:
            bx = box_of(it)
            waypoints.append(bx)
            x = it.x + shift
            top, bottom = tops[it.rank], tops[it.rank] + heights[it.rank]
            pts += [(x, top), (x, bottom)] if down else [(x, bottom), (x, top)]
        tb = box_of(chain[-1])
        pts.append((ports[(i, "t")], tb.y if down else tb.bottom))
        d = [f"M{_f(pts[0][0])} {_f(pts[0][1])}"]
        for k in range(1, len(pts)):
            (x1, y1), (x2, y2) = pts[k - 1], pts[k]
            if k % 2 == 1:  # gap between ranks: a vertical-tangent curve
                my = (y1 + y2) / 2
                d.append(f"C{_f(x1)} {_f(my)} {_f(x2)} {_f(my)} {_f(x2)} {_f(y2)}")
            else:  # through a rank box: straight down/up
                d.append(f"L{_f(x2)} {_f(y2)}")
        end_dir = (0.0, 1.0 if down else -1.0)
        lab = label_items[i]
        placed_edges.append(
            PlacedEdge(
                index=i,
                source=e.source,
                target=e.target,
                path=" ".join(d),
                start=(_r(pts[0][0]), _r(pts[0][1])),
                end=(_r(pts[-1][0]), _r(pts[-1][1])),
                end_dir=end_dir,
                label=" ".join(edge_labels[i]) if lab is not None else "",
                label_box=box_of(lab) if lab is not None else None,
                label_lines=edge_labels[i] if lab is not None else (),
                waypoints=tuple(waypoints),
                start_dir=(0.0, 1.0 if down else -1.0),
            )
        )
    placed_bands = []
    for k, (b, first, _last) in enumerate(band_rows):
        # a boundary sits in the gap just above the band's name
        top = 0.0 if k == 0 else tops[2 * first] - BAND_PAD - RANK_GAP / 2
        if k + 1 < len(band_rows):
            bottom = tops[2 * band_rows[k + 1][1]] - BAND_PAD - RANK_GAP / 2
        else:
            bottom = content_bottom
        placed_bands.append(PlacedBand(b, BANDS[b], Box(0.0, _r(top), _r(width), _r(_r(bottom) - _r(top)))))
    placed_cells = []
    if cell_rows:
        outlines = []
        for g, name in enumerate(names):
            # the outline holds the cell's boxes of the rows it spans (nodes and labels;
            # an edge only passing through may run inside), fits its name, and stays in
            # its territory
            inner = [it for rank in ranks[:last_cell_rank] for it in rank if group[id(it)] == g]
            boxes = [box_of(it) for it in inner if it.key[0] != "d"]
            if not boxes or not list(cell_index)[g]:
                continue
            lo = min(b.x for b in boxes) - CELL_PAD
            hi = max(b.right for b in boxes) + CELL_PAD
            need = max(hi - lo, min_w[g])
            t_lo, t_hi = territory[g][0] + shift - CELL_PAD, territory[g][1] + shift + CELL_PAD
            lo = min(max((lo + hi - need) / 2, t_lo), t_hi - need)
            top = min(b.y for b in boxes) - CELL_NAME_H
            bottom = max(b.bottom for b in boxes) + CELL_PAD
            outlines.append((list(cell_index)[g], name, lo, lo + need, top, bottom))
        # one row of cells: the outlines share their top and bottom
        top = min((o[4] for o in outlines), default=0.0)
        bottom = max((o[5] for o in outlines), default=0.0)
        for key, name, lo, hi, _t, _b in outlines:
            placed_cells.append(PlacedCell(key, name, Box(_r(lo), _r(top), _r(hi - lo), _r(bottom - top))))
    return Layout(_r(width), _r(content_bottom), placed_nodes, tuple(placed_edges), tuple(placed_bands),
                  tuple(placed_cells))


def _sideways(i: int, e: EdgeSpec, sb: Box, tb: Box, lines: tuple[str, ...], lab: Item | None,
              box_of) -> PlacedEdge:
    """An edge between two neighbouring boxes of one rank: a straight horizontal line
    between their facing sides, its label centred on it; it runs above the boxes' middle,
    where the drawn membrane does not (:data:`SIDE_LIFT`)."""
    right = tb.x > sb.x
    sx, tx = (sb.right, tb.x) if right else (sb.x, tb.right)
    y = sb.cy - SIDE_LIFT
    ux = 1.0 if right else -1.0
    label_box = None
    if lab is not None:
        w = lab.w
        label_box = Box(_r((sx + tx) / 2 - w / 2), _r(y - lab.h / 2), _r(w), _r(lab.h))
    return PlacedEdge(
        index=i,
        source=e.source,
        target=e.target,
        path=f"M{_f(sx)} {_f(y)} L{_f(tx)} {_f(y)}",
        start=(_r(sx), _r(y)),
        end=(_r(tx), _r(y)),
        end_dir=(ux, 0.0),
        label=" ".join(lines) if lab is not None else "",
        label_box=label_box,
        waypoints=(),
        start_dir=(ux, 0.0),
        label_lines=lines if lab is not None else (),
    )
