"""Which band (compartment) each node is drawn in, and the rows inside a band (pure).

:func:`assign_bands` puts a node in a band (``geometry.BANDS``, top to bottom:
cells, extracellular, membrane, cytoplasm, nucleus, outcome):

0. a node drawn inside another cell (the diagram's ``:cells:``, :mod:`.resolve`) goes to
   *cells*, above the extracellular space; nodes there do not place their neighbours;
1. a compartment given for the node in the diagram (``:compartments:``), else the
   entity's compartment, puts it in that band;
2. a cell goes to *extracellular* (another cell in the environment of the one drawn);
3. a disease, mechanism or model goes to *outcome*, below the cell (phenotypes);
4. a therapy goes to *extracellular* if it acts on an extracellular or membrane node
   (antibodies, decoy receptors) or only on outcomes, otherwise to the top-most band of
   the nodes it acts on (a JAK inhibitor sits in the cytoplasm with JAK1);
5. anything else (molecules without a compartment, unknown names) goes to the (lower)
   median band of its placed neighbours, repeated until nothing changes; what is still
   unplaced goes to *cytoplasm*.

:func:`band_layers` gives the rows inside one band: longest path, source above target
(cycles broken at the first back edge of a depth-first search in input order).  In the
*membrane* band, a group of receptors joined in a chain (each bound to at most two
others) shares one row, side by side in chain order, so every receptor sits across the
drawn membrane; :func:`membrane_chains` finds those chains.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .geometry import BAND_INDEX

OUTCOME_KINDS = ("disease", "mechanism", "model")


def assign_bands(
    nodes: Sequence[tuple[str, str | None, str | None]], edges: Iterable[tuple[str, str]],
    in_cells: Iterable[str] = (),
) -> dict[str, int]:
    """Band index of each node from ``(name, kind, compartment)`` (see the module doc;
    the compartment is the diagram's override or the entity's); the nodes ``in_cells``
    (drawn inside another cell's outline) go to the *cells* band, whatever their kind."""
    neighbours: dict[str, list[str]] = {name: [] for name, _, _ in nodes}
    for s, t in edges:
        if s in neighbours and t in neighbours:
            neighbours[s].append(t)
            neighbours[t].append(s)
    band: dict[str, int] = {name: BAND_INDEX["cells"] for name in in_cells if name in neighbours}
    extracellular, cytoplasm = BAND_INDEX["extracellular"], BAND_INDEX["cytoplasm"]
    for name, kind, compartment in nodes:
        if name in band:
            continue
        if compartment in BAND_INDEX:
            band[name] = BAND_INDEX[compartment]
        elif kind == "cell":
            band[name] = extracellular
        elif kind in OUTCOME_KINDS:
            band[name] = BAND_INDEX["outcome"]
    for name, kind, _comp in nodes:
        if name in band or kind != "therapy":
            continue
        placed = sorted({band[n] for n in neighbours[name] if n in band}
                        - {BAND_INDEX["outcome"], BAND_INDEX["cells"]})
        band[name] = extracellular if not placed or placed[0] <= BAND_INDEX["membrane"] else placed[0]
    changed = True
    while changed:
        changed = False
        for name, _kind, _comp in nodes:
            if name in band:
                continue
            placed = sorted(band[n] for n in neighbours[name] if n in band and band[n] != BAND_INDEX["cells"])
            if placed:
                band[name] = placed[(len(placed) - 1) // 2]
                changed = True
    for name, kind, _comp in nodes:
        if name not in band:
            band[name] = cytoplasm if kind in (None, "molecule") else extracellular  # a lone therapy: outside
    return band


def band_layers(names: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
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


def membrane_chains(names: Sequence[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups of nodes joined into a simple chain (no node with more than two
    partners, no cycle, no repeated pair), each in chain order from the end met first."""
    partners: dict[str, list[str]] = {nm: [] for nm in names}
    pairs: set[frozenset[str]] = set()
    repeated: set[str] = set()
    for s, t in edges:
        pair = frozenset((s, t))
        if pair in pairs:
            repeated |= pair
        pairs.add(pair)
        partners[s].append(t)
        partners[t].append(s)
    seen: set[str] = set()
    out = []
    for root in names:
        if root in seen or not partners[root]:
            continue
        comp, stack = [], [root]
        seen.add(root)
        while stack:
            x = stack.pop()
            comp.append(x)
            for y in partners[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        degrees = [len(partners[x]) for x in comp]
        n_edges = sum(degrees) // 2
        if max(degrees) > 2 or n_edges != len(comp) - 1 or repeated & set(comp):
            continue
        ends = [x for x in names if x in comp and len(partners[x]) == 1]
        chain, prev = [ends[0]], None
        while len(chain) < len(comp):
            nxt = next(y for y in partners[chain[-1]] if y != prev)
            prev = chain[-1]
            chain.append(nxt)
        out.append(chain)
    return out
