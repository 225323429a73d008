"""Compartments drawn as compartments (pure): the extracellular space, the cell with its
plasma membrane, the cytoplasm, the nucleus, and the outcomes below the cell.

The bands of the layout (:mod:`.layout`) become

* *cells* (a diagram that spans cells): the other cells, side by side above the
  extracellular space, each its own rounded outline with a double-line membrane and its
  name, around the nodes that act inside it;
* *extracellular*: the space above the cell (and between the other cells);
* the cell: one rounded outline from the membrane down to the end of its last inner band,
  drawn as a double line (the bilayer); the membrane runs through the middle of the
  receptors' row, so receptors sit across it;
* *nucleus*: a rounded outline inside the cell, with a double line (the envelope);
* *outcome*: phenotypes (mechanisms, diseases, outcomes) below the cell.

Each compartment carries its name; all of it is ``aria-hidden`` (every node's compartment
is in the edge table and the JSON), and none of it takes pointer events.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .geometry import BAND_INDEX, Layout
from .glyphs import n

NAMES = {"extracellular": "Extracellular", "membrane": "Plasma membrane", "cytoplasm": "Cytoplasm",
         "nucleus": "Nucleus", "outcome": "Outcomes"}
CELL_X = 6.0  # the cell outline's inset from the diagram's sides
NUCLEUS_X = 14.0
BILAYER = 4.0  # distance between the two lines of a membrane
MEMBRANE_DROP = 3.0  # the membrane runs just below the receptors' middle (edges between them run above)


def _rect(parent: ET.Element, cls: str, x: float, y: float, w: float, h: float, rx: float = 0.0) -> None:
    attrs = {"class": cls, "x": n(x), "y": n(y), "width": n(w), "height": n(h)}
    if rx:
        attrs["rx"] = n(rx)
    ET.SubElement(parent, "rect", attrs)


def _name(parent: ET.Element, text: str, x: float, y: float) -> None:
    ET.SubElement(parent, "text", {"class": "atlas-pw-compartment-name", "x": n(x), "y": n(y)}).text = text


def _title(name: str) -> str:
    """A cell's name as a compartment name: first letter capital (the page's stylesheet
    sets every compartment name in capitals; the standalone download does not)."""
    return name[:1].upper() + name[1:]


def cell_extent(lay: Layout) -> tuple[float, float] | None:
    """(top, bottom) of the cell outline, or None when no node is inside a cell."""
    inner = [b for b in lay.bands if b.name in ("membrane", "cytoplasm", "nucleus")]
    if not inner:
        return None
    membrane = [p.box.cy for p in lay.nodes if p.band == BAND_INDEX["membrane"]]
    top = min(membrane) + MEMBRANE_DROP if membrane else inner[0].box.y + 6
    return top, inner[-1].box.bottom - 2


def _cell_outline(g: ET.Element, x: float, y: float, w: float, h: float, rx: float = 18.0) -> None:
    _rect(g, "atlas-pw-cytoplasm", x, y, w, h, rx)
    for d in (0.0, BILAYER):
        _rect(g, "atlas-pw-membrane", x + d, y + d, w - 2 * d, h - 2 * d, rx - d)


def draw_compartments(root: ET.Element, lay: Layout, width: float, cell_name: str = "") -> None:
    """The compartments under the nodes; ``cell_name`` names the drawn cell (the one with
    membrane, cytoplasm and nucleus) when the diagram says which cell it is."""
    g = ET.SubElement(root, "g", {"class": "atlas-pw-compartments", "aria-hidden": "true"})
    bands = {b.name: b.box for b in lay.bands}
    cell = cell_extent(lay)
    if "cells" in bands:  # the other cells sit in the extracellular space
        b = bands["cells"]
        _rect(g, "atlas-pw-extracellular", 0, b.y, width, b.h)
        for other in lay.cells:
            ob = other.box
            _cell_outline(g, ob.x, ob.y, ob.w, ob.h, 14.0)
            _name(g, _title(other.name), ob.x + 12, ob.y + 19)
    for name in ("extracellular", "outcome"):
        if name in bands:
            b = bands[name]
            _rect(g, f"atlas-pw-{name}", 0, b.y, width, b.h)
            _name(g, NAMES[name], 8, b.y + 15)
    if cell is not None:
        ctop, cbottom = cell
        if "extracellular" not in bands and "membrane" in bands:
            top = bands["cells"].bottom if "cells" in bands else 0
            _rect(g, "atlas-pw-extracellular", 0, top, width, ctop - top)
        _cell_outline(g, CELL_X, ctop, width - 2 * CELL_X, cbottom - ctop)
        # a named cell: its name leads the name of its first inner compartment
        named = next((b for b in ("cytoplasm", "nucleus", "membrane") if b in bands), "") if cell_name else ""

        def inner(band: str) -> str:
            return f"{_title(cell_name)}: {NAMES[band].lower()}" if band == named else NAMES[band]

        if "membrane" in bands:
            _name(g, inner("membrane"), 8, bands["membrane"].y + 15)
        if "cytoplasm" in bands:
            # below the membrane's two lines when no receptor row sits above (the cell's
            # top is then just above the cytoplasm's name)
            _name(g, inner("cytoplasm"), CELL_X + 10, max(bands["cytoplasm"].y + 15, ctop + BILAYER + 15))
        if "nucleus" in bands:
            b = bands["nucleus"]
            ny, nb = b.y + 4, min(b.bottom, cbottom) - BILAYER - 6
            _rect(g, "atlas-pw-nucleus", NUCLEUS_X, ny, width - 2 * NUCLEUS_X, nb - ny, 14)
            for d in (0.0, BILAYER - 1):
                _rect(g, "atlas-pw-envelope", NUCLEUS_X + d, ny + d, width - 2 * (NUCLEUS_X + d), nb - ny - 2 * d,
                      14 - d)
            _name(g, inner("nucleus"), NUCLEUS_X + 10, ny + 17)
