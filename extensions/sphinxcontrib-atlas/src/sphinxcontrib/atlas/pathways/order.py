"""Ordering and horizontal placement of the boxes of a layered layout (pure).

Used by :mod:`.layout`: every rank is a row of boxes (:class:`Item`) joined to boxes of the
neighbouring ranks.  :func:`order` reduces crossings with barycentre sweeps (ties keep
their current order; the best order seen wins); :func:`place` moves boxes towards their
neighbours and projects each rank back to an order-preserving, non-overlapping row
(pool-adjacent-violators least squares), so boxes of one rank never overlap.
"""

from __future__ import annotations

GAP = 10.0  # horizontal space between boxes of one rank
SWEEPS = 12
PATIENCE = 3  # stop after this many rounds without fewer crossings
PLACE_ROUNDS = 8


class Item:
    __slots__ = ("key", "rank", "w", "h", "x", "up", "down")

    def __init__(self, key: tuple, rank: int, w: float, h: float) -> None:
        self.key = key
        self.rank = rank
        self.w = w
        self.h = h
        self.x = 0.0
        self.up: list[Item] = []
        self.down: list[Item] = []


def _crossings(upper: list[Item], pos: dict[int, int]) -> int:
    """Crossings between a rank and the next one (inversion count)."""
    pairs = sorted((pos[id(a)], pos[id(b)]) for a in upper for b in a.down)
    seq = [p[1] for p in pairs]
    return _inversions(seq)


def _inversions(seq: list[int]) -> int:
    if len(seq) < 2:
        return 0
    size = max(seq) + 2
    tree = [0] * size
    count = 0
    for i, v in enumerate(seq):
        # number of earlier values > v
        j, le = v + 1, 0
        while j > 0:
            le += tree[j]
            j -= j & -j
        count += i - le
        j = v + 1
        while j < size:
            tree[j] += 1
            j += j & -j
    return count


def _total_crossings(ranks: list[list[Item]]) -> int:
    pos = {id(it): i for rank in ranks for i, it in enumerate(rank)}
    return sum(_crossings(ranks[r], pos) for r in range(len(ranks) - 1))


def order(ranks: list[list[Item]], group: dict[int, int] | None = None, grouped: int = -1) -> list[list[Item]]:
    """Barycentre sweeps; in ranks ``0..grouped`` the boxes stay sorted by ``group``
    (stable: the sweeps order each group's boxes), so that each group stays together."""

    def constrain(r: int, rank: list[Item]) -> list[Item]:
        return sorted(rank, key=lambda it: group[id(it)]) if group is not None and r <= grouped else rank

    ranks = [constrain(r, rank) for r, rank in enumerate(ranks)]
    best = [list(r) for r in ranks]
    best_c = _total_crossings(best)
    cur = [list(r) for r in ranks]
    stale = 0
    for _ in range(SWEEPS):
        if best_c == 0 or stale >= PATIENCE:
            break
        stale += 1
        for direction in (1, -1):
            seq = range(1, len(cur)) if direction == 1 else range(len(cur) - 2, -1, -1)
            for r in seq:
                ref = {id(it): i for i, it in enumerate(cur[r - direction])}
                scored = []
                for i, it in enumerate(cur[r]):
                    nbrs = it.up if direction == 1 else it.down
                    bary = sum(ref[id(n)] for n in nbrs) / len(nbrs) if nbrs else None
                    scored.append((bary, i, it))
                # items without neighbours keep their slot: interpolate from their index
                n = len(scored)
                keyed = []
                for bary, i, it in scored:
                    if bary is None:
                        bary = i * (len(cur[r - direction]) / n if n else 1.0) - 1e-9
                    keyed.append((bary, i, it))
                keyed.sort(key=lambda t: (t[0], t[1]))
                cur[r] = constrain(r, [t[2] for t in keyed])
            c = _total_crossings(cur)
            if c < best_c:
                best_c = c
                best = [list(r) for r in cur]
                stale = 0
    return best


def _project(items: list[Item], desired: list[float], gaps: dict[frozenset[int], float]) -> None:
    """Order-preserving least-squares positions with minimum separations (PAV): ``GAP``
    between neighbours, or the larger gap ``gaps`` asks for a pair (an edge between them)."""
    offsets = [0.0]
    for a, b in zip(items, items[1:], strict=False):
        offsets.append(offsets[-1] + (a.w + b.w) / 2 + max(GAP, gaps.get(frozenset((id(a), id(b))), 0.0)))
    targets = [d - o for d, o in zip(desired, offsets, strict=True)]
    blocks: list[list[float]] = []  # [sum, count]
    for t in targets:
        blocks.append([t, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
    i = 0
    for s, c in blocks:
        value = s / c
        for _ in range(int(c)):
            items[i].x = value + offsets[i]
            i += 1


def _rigid(rank: list[Item], desired: list[float], blocks: list[list[Item]],
           gaps: dict[frozenset[int], float]) -> None:
    """Make each block of this rank (contiguous boxes, e.g. receptors chained in the
    membrane) move as one: its members all want the block's mean position."""
    pos = {id(it): i for i, it in enumerate(rank)}
    for block in blocks:
        if id(block[0]) not in pos:
            continue
        offsets = [0.0]
        for a, b in zip(block, block[1:], strict=False):
            offsets.append(offsets[-1] + (a.w + b.w) / 2 + max(GAP, gaps.get(frozenset((id(a), id(b))), 0.0)))
        idx = [pos[id(it)] for it in block]
        centre = sum(desired[i] - o for i, o in zip(idx, offsets, strict=True)) / len(block)
        for i, o in zip(idx, offsets, strict=True):
            desired[i] = centre + o


def place(ranks: list[list[Item]], gaps: dict[frozenset[int], float] | None = None,
          blocks: list[list[Item]] | None = None) -> None:
    """Positions: neighbours pull, ``gaps`` widen the space between given pairs, each of
    ``blocks`` (boxes contiguous in their rank, in rank order) stays tight."""
    gaps, blocks = gaps or {}, blocks or []
    for rank in ranks:
        x = 0.0
        for it in rank:
            it.x = x + it.w / 2
            x += it.w + GAP
    for _ in range(PLACE_ROUNDS):
        for direction in (1, -1):
            seq = range(1, len(ranks)) if direction == 1 else range(len(ranks) - 2, -1, -1)
            for r in seq:
                rank = ranks[r]
                desired = []
                for it in rank:
                    nbrs = it.up if direction == 1 else it.down
                    desired.append(sum(n.x for n in nbrs) / len(nbrs) if nbrs else it.x)
                _rigid(rank, desired, blocks, gaps)
                _project(rank, desired, gaps)
    # a last balancing pass: each box towards the mean of all its neighbours
    for r in range(len(ranks)):
        rank = ranks[r]
        desired = []
        for it in rank:
            nbrs = it.up + it.down
            desired.append(sum(n.x for n in nbrs) / len(nbrs) if nbrs else it.x)
        _rigid(rank, desired, blocks, gaps)
        _project(rank, desired, gaps)
