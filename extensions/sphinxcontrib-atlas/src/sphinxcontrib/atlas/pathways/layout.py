"""Deterministic layered layout in four horizontal compartment bands.

Pure (no Sphinx).  The same input always gives the same coordinates, so the SVG has the
same bytes on every build.

Bands
    ``extracellular``, ``membrane``, ``cytoplasm``, ``nucleus`` from top to bottom; only
    the bands that hold a node are drawn.  :func:`assign_bands` puts a node in a band:

    1. an entity with a compartment goes to that band;
    2. a cell goes to *extracellular* (cells send and receive the signals from outside);
    3. a therapy goes to *extracellular* if it acts on an extracellular or membrane
       node (antibodies, decoy receptors), otherwise to the top-most band of the nodes
       it acts on (a JAK inhibitor sits in the cytoplasm with JAK1);
    4. anything else (diseases, mechanisms, models, molecules without a compartment,
       unknown names) goes to the (lower) median band of its placed neighbours, repeated
       until nothing changes; what is still unplaced goes to *cytoplasm* (molecules and
       unknown names) or *extracellular* (the rest).

Ranks
    Inside a band, nodes joined by an edge are put on successive rows (longest path,
    source above target; cycles are broken at the first back edge found by a
    depth-first search in input order).  Node rows are the even *ranks*; between two
    node rows is an odd rank that holds, for every edge crossing it, either the edge's
    label box (on the odd rank nearest the middle of the edge, ties towards the source)
    or a thin placeholder.  So every box is in exactly one rank, and no two ranks share
    a y-range: boxes of different ranks cannot overlap.

Order and position
    Each rank is ordered by barycentre sweeps (down then up, up to 12 rounds, stopping
    after 3 rounds without gain; ties kept in
    their current order; the order with the fewest crossings wins).  Positions come from
    a few rounds of "move every box to the mean x of its neighbours", each followed by an
    order-preserving least-squares projection (pool-adjacent-violators) that keeps every
    pair of neighbours at least ``GAP`` apart: boxes of one rank cannot overlap either.

Routes
    An edge runs vertically through each of its own rank boxes and as a vertical-tangent
    cubic curve through the empty gaps between ranks, so it never crosses a node or
    another edge's label.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .geometry import (
    BAND_INDEX,
    BAND_PAD,
    BANDS,
    DUMMY_W,
    EMPTY_LABEL_RANK_H,
    LABEL_FONT,
    LABEL_H,
    LABEL_MAX_CHARS,
    LABEL_PAD,
    MARGIN,
    NODE_FONT,
    NODE_H,
    NODE_MAX_CHARS,
    NODE_MIN_W,
    NODE_PAD,
    RANK_GAP,
    Box,
    EdgeSpec,
    Layout,
    NodeSpec,
    PlacedBand,
    PlacedEdge,
    PlacedNode,
    shorten,
    text_width,
)
from .order import Item, order, place

# -- bands -----------------------------------------------------------------------------


def assign_bands(
    nodes: Sequence[tuple[str, str | None, str | None]], edges: Iterable[tuple[str, str]]
) -> dict[str, int]:
    """Band index of each node from ``(name, kind, compartment)`` (see the module doc)."""
    neighbours: dict[str, list[str]] = {name: [] for name, _, _ in nodes}
    for s, t in edges:
        if s in neighbours and t in neighbours:
            neighbours[s].append(t)
            neighbours[t].append(s)
    band: dict[str, int] = {}
    for name, kind, compartment in nodes:
        if compartment in BAND_INDEX:
            band[name] = BAND_INDEX[compartment]
        elif kind == "cell":
            band[name] = 0
    for name, kind, _comp in nodes:
        if name in band or kind != "therapy":
            continue
        placed = sorted({band[n] for n in neighbours[name] if n in band})
        band[name] = 0 if not placed or placed[0] <= 1 else placed[0]
    changed = True
    while changed:
        changed = False
        for name, _kind, _comp in nodes:
            if name in band:
                continue
            placed = sorted(band[n] for n in neighbours[name] if n in band)
            if placed:
                band[name] = placed[(len(placed) - 1) // 2]
                changed = True
    for name, kind, _comp in nodes:
        if name not in band:
            band[name] = 2 if kind in (None, "molecule") else 0
    return band


# -- layering ----------------------------------------------------------------------------


def _layers(names: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layers of one band's nodes; back edges (DFS, input order) reversed."""
    out: dict[str, list[str]] = {n: [] for n in names}
    for s, t in edges:
        out[s].append(t)
    state: dict[str, int] = {}
    dag: dict[str, list[str]] = {n: [] for n in names}
    for root in names:
        if root in state:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:  # back edge: reverse it
                dag[nxt].append(node)
            else:
                dag[node].append(nxt)
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(out[nxt])))
    indeg = {n: 0 for n in names}
    for s in names:
        for t in dag[s]:
            indeg[t] += 1
    layer = {n: 0 for n in names}
    queue = [n for n in names if indeg[n] == 0]
    i = 0
    while i < len(queue):
        s = queue[i]
        i += 1
        for t in dag[s]:
            layer[t] = max(layer[t], layer[s] + 1)
            indeg[t] -= 1
            if indeg[t] == 0:
                queue.append(t)
    return layer


# -- the layout ---------------------------------------------------------------------------


def _r(v: float) -> float:
    return round(v, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _f(v: float) -> str:
    """A coordinate for path data: one decimal, no trailing ".0"."""
    out = f"{_r(v):.1f}"
    return out[:-2] if out.endswith(".0") else out


def layout(nodes: Sequence[NodeSpec], edges: Sequence[EdgeSpec]) -> Layout:
    """Lay out ``nodes`` (each with its band) and ``edges`` (between those nodes)."""
    by_id = {n.id: n for n in nodes}
    used = sorted({n.band for n in nodes})
    row_of: dict[str, int] = {}
    band_rows: list[tuple[int, int, int]] = []  # band, first row, last row
    row = 0
    for b in used:
        names = [n.id for n in nodes if n.band == b]
        inner = [(e.source, e.target) for e in edges if by_id[e.source].band == b == by_id[e.target].band]
        layers = _layers(names, inner)
        depth = max(layers.values()) + 1
        for name in names:
            row_of[name] = row + layers[name]
        band_rows.append((b, row, row + depth - 1))
        row += depth
    nranks = max(2 * row - 1, 1)
    ranks: list[list[Item]] = [[] for _ in range(nranks)]
    node_item: dict[str, Item] = {}
    shown: dict[str, str] = {}
    for n in nodes:
        label = shorten(n.label, NODE_MAX_CHARS)
        shown[n.id] = label
        w = max(NODE_MIN_W, text_width(label, NODE_FONT) + 2 * NODE_PAD)
        it = Item(("n", n.id), 2 * row_of[n.id], w, NODE_H)
        node_item[n.id] = it
        ranks[it.rank].append(it)
    chains: list[list[Item]] = []
    edge_labels: list[str] = []
    label_items: list[Item | None] = []
    for i, e in enumerate(edges):
        a, b = node_item[e.source], node_item[e.target]
        step = 1 if b.rank > a.rank else -1
        label = shorten(" ".join(e.label.split()), LABEL_MAX_CHARS)
        edge_labels.append(label)
        odd = list(range(a.rank + step, b.rank, step))
        mid = (a.rank + b.rank) / 2
        label_rank = min((r for r in odd if r % 2), key=lambda r: (abs(r - mid), abs(r - a.rank)), default=None)
        chain = [a]
        lab: Item | None = None
        for r in odd:
            if r == label_rank and label:
                it = Item(("l", i), r, text_width(label, LABEL_FONT) + 2 * LABEL_PAD, LABEL_H)
                lab = it
            else:
                it = Item(("d", i, r), r, DUMMY_W, 0.0)
            ranks[r].append(it)
            chain.append(it)
        chain.append(b)
        label_items.append(lab)
        for u, v in zip(chain, chain[1:], strict=False):
            lo, hi = (u, v) if u.rank < v.rank else (v, u)
            lo.down.append(hi)
            hi.up.append(lo)
        chains.append(chain)
    ranks = order(ranks)
    place(ranks)
    # x: shift so the left-most box starts at MARGIN
    left = min((it.x - it.w / 2 for rank in ranks for it in rank), default=0.0)
    shift = MARGIN - left
    # y: rank heights; band starts get room for the band name
    band_start_rank = {2 * first: b for b, first, _ in band_rows}
    tops: list[float] = []
    heights: list[float] = []
    y = 0.0
    for r, rank in enumerate(ranks):
        if r in band_start_rank:
            y += BAND_PAD
        h = NODE_H if r % 2 == 0 else max([it.h for it in rank] + [EMPTY_LABEL_RANK_H])
        tops.append(y)
        heights.append(h)
        y += h + RANK_GAP
    content_bottom = y - RANK_GAP + MARGIN
    width = max((it.x + it.w / 2 for rank in ranks for it in rank), default=0.0) + shift + MARGIN

    def box_of(it: Item) -> Box:
        top = tops[it.rank] + (heights[it.rank] - it.h) / 2
        return Box(_r(it.x + shift - it.w / 2), _r(top), _r(it.w), _r(it.h))

    placed_nodes = tuple(PlacedNode(n.id, shown[n.id], n.band, box_of(node_item[n.id])) for n in nodes)
    # ports: spread the edges leaving a node's top/bottom side by the x of their next point
    ports: dict[tuple[int, str], float] = {}
    sides: dict[tuple[str, str], list[tuple[float, int, str]]] = {}
    for i, chain in enumerate(chains):
        for end, nxt, which in ((chain[0], chain[1], "s"), (chain[-1], chain[-2], "t")):
            side = "bottom" if nxt.rank > end.rank else "top"
            sides.setdefault((end.key[1], side), []).append((nxt.x, i, which))
    for (name, _side), lst in sorted(sides.items()):
        lst.sort()
        w = node_item[name].w
        step = min(12.0, 0.6 * w / (len(lst) - 1)) if len(lst) > 1 else 0.0
        for k, (_x, i, which) in enumerate(lst):
            ports[(i, which)] = node_item[name].x + shift + (k - (len(lst) - 1) / 2) * step
    placed_edges = []
    for i, (e, chain) in enumerate(zip(edges, chains, strict=True)):
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
                label=edge_labels[i] if lab is not None else "",
                label_box=box_of(lab) if lab is not None else None,
                waypoints=tuple(waypoints),
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
        placed_bands.append(PlacedBand(b, BANDS[b], Box(0.0, _r(top), _r(width), _r(bottom - top))))
    return Layout(_r(width), _r(content_bottom), placed_nodes, tuple(placed_edges), tuple(placed_bands))
