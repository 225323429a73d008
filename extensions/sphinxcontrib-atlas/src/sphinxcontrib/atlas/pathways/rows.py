"""The rows of a layout (pure): which row each node is in, and the rows made to fit a page.

:func:`rows` stacks the bands top to bottom and, inside each band, the rows
:func:`~.bands.band_layers` gives (receptors chained in the membrane share one row);
:func:`wrap_last_layer` deals a band's last row into several when it is wider than
``WRAP_WIDTH``; :func:`contiguous` puts each membrane chain's boxes side by side once
the rows are ordered.  :func:`base_width` is a node box's width from its label.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .bands import band_layers, membrane_chains
from .geometry import BAND_INDEX, NODE_FONT, NODE_MIN_W, NODE_PAD, EdgeSpec, NodeSpec, text_width, wrap
from .glyphs import EXTRA_W, MIN_W
from .order import Item

WRAP_WIDTH = 640.0  # a band's last row wider than this (boxes and gaps) is broken into rows
WRAP_GAP = 24.0  # the room a box takes beside its neighbours, for that estimate


def rows(nodes: Sequence[NodeSpec], edges: Sequence[EdgeSpec]):
    """Row of every node, (band, first row, last row) of every band, membrane chains."""
    by_id = {n.id: n for n in nodes}
    row_of: dict[str, int] = {}
    band_rows: list[tuple[int, int, int]] = []
    chains: list[list[str]] = []
    row = 0
    for b in sorted({n.band for n in nodes}):
        names = [n.id for n in nodes if n.band == b]
        inner = [(e.source, e.target) for e in edges if by_id[e.source].band == b == by_id[e.target].band]
        if b == BAND_INDEX["membrane"]:
            chains = membrane_chains(names, inner)
        chained = {x for c in chains for x in c} if b == BAND_INDEX["membrane"] else set()
        rest = [x for x in names if x not in chained]
        layers = band_layers(rest, [(s, t) for s, t in inner if s not in chained]) if rest else {}
        if b != BAND_INDEX["cells"]:
            wrap_last_layer(layers, by_id)
        layers.update({x: 0 for x in chained})
        depth = max(layers.values()) + 1
        for name in names:
            row_of[name] = row + layers[name]
        band_rows.append((b, row, row + depth - 1))
        row += depth
    return row_of, band_rows, chains, row


def base_width(n: NodeSpec) -> float:
    """A node box's width from its label and glyph (before room for its edge ends)."""
    text_w = max(text_width(line, NODE_FONT) for line in wrap(n.label))
    return max(MIN_W.get(n.glyph, NODE_MIN_W), text_w + 2 * NODE_PAD + EXTRA_W.get(n.glyph, 0.0))


def wrap_last_layer(layers: dict[str, int], by_id: Mapping[str, NodeSpec]) -> None:
    """Break a band's last row into several when it is wider than :data:`WRAP_WIDTH`
    (an overview with a dozen outcomes would otherwise be one row far wider than a page).
    The last row's nodes have no edge to a lower row of their band, so any of them may
    move down; they are dealt to the new rows in turn, in input order, and the sweeps
    order each row."""
    if not layers:
        return
    last = max(layers.values())
    row = [name for name, layer in layers.items() if layer == last]
    total = sum(base_width(by_id[name]) + WRAP_GAP for name in row)
    count = min(len(row) // 2, math.ceil(total / WRAP_WIDTH))
    if count < 2:
        return
    for i, name in enumerate(row):
        layers[name] = last + i % count


def contiguous(ranks: list[list[Item]], chains: list[list[str]], node_item: dict[str, Item]) -> list[list[Item]]:
    """Put each membrane chain's boxes side by side, in chain order, where its first box
    is; return the chains' boxes in rank order."""
    blocks = []
    for chain in chains:
        items = [node_item[x] for x in chain]
        rank = ranks[items[0].rank]
        pos = {id(it): i for i, it in enumerate(rank)}
        if pos[id(items[-1])] < pos[id(items[0])]:
            items.reverse()
        members = {id(it) for it in items}
        at = min(pos[id(it)] for it in items)
        rest = [it for it in rank if id(it) not in members]
        before = sum(1 for it in rank[:at] if id(it) not in members)
        ranks[items[0].rank] = rest[:before] + items + rest[before:]
        blocks.append(items)
    return blocks
