"""The other cells of a diagram that spans cells, kept apart (pure).

In the rows of the *cells* band, :func:`cell_groups` keeps each cell's boxes together
(cells in the order the diagram gives) with extracellular space between neighbours of
two cells; after positioning, :func:`separate_cells` moves each cell's boxes sideways
as one so that the cells' outlines do not overlap.
"""

from __future__ import annotations

from .order import Item

CELL_PAD = 12.0  # an other cell's outline: room around its boxes at the sides and below
CELL_NAME_H = 28.0  # ... and above them, for its name
CELL_GAP = 30.0  # extracellular space between two other cells' outlines
CELL_NAME_FONT = 12.0
CELL_TOP = 12.0  # above the other cells' outlines


def cell_groups(ranks: list[list[Item]], group: dict[int, int], last: int,
                 gaps: dict[frozenset[int], float]) -> None:
    """In the ranks of the *cells* band (0 to ``last``), keep each cell's boxes together,
    cells in the order given (within a cell the sweeps' order stays); neighbours of two
    cells keep the extracellular space between them."""
    for r in range(min(last + 1, len(ranks))):
        ranks[r] = sorted(ranks[r], key=lambda it: group[id(it)])  # stable
        for a, b in zip(ranks[r], ranks[r][1:], strict=False):
            if group[id(a)] != group[id(b)]:
                gaps[frozenset((id(a), id(b)))] = max(gaps.get(frozenset((id(a), id(b))), 0.0), CELL_GAP + 2 * CELL_PAD)


def separate_cells(ranks: list[list[Item]], group: dict[int, int], last: int,
                    min_w: list[float]) -> dict[int, tuple[float, float]]:
    """Move each cell's boxes sideways as one, so that the cells' extents over all the
    ranks of the band (widened to fit the cell's name) do not overlap; the band keeps
    its centre.  Returns each cell's extent (its territory: no other cell's box is in
    it, and the extracellular space separates it from the next)."""
    items = [it for rank in ranks[: last + 1] for it in rank]
    if not items:
        return {}
    extent: dict[int, list[float]] = {}
    for it in items:
        lo, hi = it.x - it.w / 2, it.x + it.w / 2
        e = extent.setdefault(group[id(it)], [lo, hi])
        e[0], e[1] = min(e[0], lo), max(e[1], hi)
    for g, e in extent.items():
        grow = min_w[g] - (e[1] - e[0] + 2 * CELL_PAD)
        if grow > 0:
            e[0], e[1] = e[0] - grow / 2, e[1] + grow / 2
    shift: dict[int, float] = {}
    right = None
    for g in sorted(extent):
        lo, hi = extent[g]
        move = 0.0 if right is None else max(0.0, right + CELL_GAP + 2 * CELL_PAD - lo)
        shift[g] = move
        right = hi + move
    mean = sum(shift[group[id(it)]] for it in items) / len(items)
    for it in items:
        it.x += shift[group[id(it)]] - mean
    return {g: (lo + shift[g] - mean, hi + shift[g] - mean) for g, (lo, hi) in extent.items()}
