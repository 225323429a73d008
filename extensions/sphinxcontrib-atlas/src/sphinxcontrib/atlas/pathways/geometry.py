"""The geometry a laid-out diagram is made of: boxes, placed nodes, edges and bands,
text metrics and sizes.  Pure data (no Sphinx)."""

from __future__ import annotations

from dataclasses import dataclass

#: top to bottom; ``cells`` holds the other cells of a diagram that spans cells (each its
#: own outline, side by side above the extracellular space), the rest are the drawn cell's
BANDS = ("cells", "extracellular", "membrane", "cytoplasm", "nucleus", "outcome")
BAND_INDEX = {name: i for i, name in enumerate(BANDS)}

PORT_STEP = 14.0  # horizontal space between the ends of two edges on one side of a node
NODE_FONT = 14.0  # CSS px: the diagram is never scaled below its natural size
LABEL_FONT = 12.0
NODE_H = 30.0  # one line of text; each further line adds NODE_LINE_H
NODE_LINE_H = 17.0
NODE_PAD = 12.0
NODE_MIN_W = 48.0
NODE_MAX_CHARS = 28  # per line; two lines at most
NODE_WRAP = 18  # a label longer than this is broken into two lines
LABEL_H = 18.0
LABEL_PAD = 4.0
LABEL_MAX_CHARS = 36  # per line; two lines at most
LABEL_WRAP = 30  # an edge label longer than this is broken into two lines
LABEL_LINE_H = 15.0
DUMMY_W = 8.0
RANK_GAP = 16.0  # vertical space between ranks (where the curves bend)
EMPTY_LABEL_RANK_H = 2.0
BAND_PAD = 22.0  # above the first row of a band: room for the compartment name
MARGIN = 24.0  # room for the cell outline and nuclear envelope at the sides

_NARROW = set("iljtfrI1.,:;'|!()[] ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float) -> float:
    """A generous estimate of the rendered width of ``text`` in a sans-serif font."""
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            total += 0.36
        elif ch in _WIDE:
            total += 0.92
        elif ch.isupper() or ch.isdigit() or ord(ch) > 0x2000:
            total += 0.70
        else:
            total += 0.58
    return total * size


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, at: int = 0, limit: int = 0) -> tuple[str, ...]:
    """A label as one or two lines (broken at the space nearest the middle when longer
    than ``at``), each shortened to ``limit`` (defaults: the node sizes)."""
    at, limit = at or NODE_WRAP, limit or NODE_MAX_CHARS
    text = " ".join(text.split())
    if len(text) <= at or " " not in text:
        return (shorten(text, limit),)
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: (abs(i - len(text) / 2), i))
    return shorten(text[:cut], limit), shorten(text[cut + 1 :], limit)


# -- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeSpec:
    id: str
    label: str
    band: int
    glyph: str = "macromolecule"  # see :mod:`.glyphs` (its shape decides the extra width)
    cell: str = ""  # in the ``cells`` band: the key of the other cell it is drawn in


@dataclass(frozen=True)
class EdgeSpec:
    source: str
    target: str
    label: str = ""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def inside(self, other: Box) -> bool:
        return self.x >= other.x and self.right <= other.right and self.y >= other.y and self.bottom <= other.bottom


@dataclass(frozen=True)
class PlacedNode:
    id: str
    label: str  # as drawn (possibly shortened), lines joined by a space
    band: int
    box: Box
    lines: tuple[str, ...] = ()  # the label's lines as drawn
    cell: str = ""  # the other cell it is drawn in (``NodeSpec.cell``)


@dataclass(frozen=True)
class PlacedEdge:
    index: int
    source: str
    target: str
    #: SVG path data: "M x y" then "L"/"C" segments
    path: str
    #: the last two points (for the arrowhead direction) and the first point
    start: tuple[float, float]
    end: tuple[float, float]
    end_dir: tuple[float, float]  # unit vector of travel at the end
    label: str  # as drawn (possibly shortened), lines joined by a space
    label_box: Box | None
    #: every box the route passes through vertically (its label box and placeholders)
    waypoints: tuple[Box, ...]
    start_dir: tuple[float, float] = (0.0, 1.0)  # unit vector of travel at the start
    label_lines: tuple[str, ...] = ()  # the label's lines as drawn


@dataclass(frozen=True)
class PlacedBand:
    index: int
    name: str
    box: Box


@dataclass(frozen=True)
class PlacedCell:
    """The outline of one other cell (in the ``cells`` band), with its name."""

    key: str
    name: str
    box: Box


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    bands: tuple[PlacedBand, ...]
    cells: tuple[PlacedCell, ...] = ()
