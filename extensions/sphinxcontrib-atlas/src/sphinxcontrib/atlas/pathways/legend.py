"""The diagram's legend: only the glyphs and arcs the diagram uses (pure).

Drawn under the diagram as a wrapped row of samples, each a small glyph or arc with its
name; ``aria-hidden`` (the same meaning is in every node's and edge's accessible name).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .geometry import LABEL_FONT, text_width
from .glyphs import AGAINST_TEXT, ARCS, GLYPHS, MIN_W, against_mark, arc_end, n, node_shape

ROW_H = 30.0
SAMPLE_W = 40.0
GLYPH_ORDER = ("macromolecule", "gene", "complex", "perturbation", "phenotype", "disease", "cell", "model", "unknown")
ARC_ORDER = ("activates", "inhibits", "unknown", "necessary", "binds", "indirect")
_GLYPH_TEXT = {cls: text for cls, text, _ in GLYPHS.values()}


def legend(parent: ET.Element, width: float, y0: float, glyphs: Iterable[str], relations: Iterable[str],
           against: bool) -> float:
    """Append the legend at ``y0``; return its height."""
    glyphs, relations = set(glyphs), set(relations)
    g = ET.SubElement(parent, "g", {"class": "atlas-pw-legend", "aria-hidden": "true"})
    items: list[tuple[str, str, str]] = [("glyph", cls, _GLYPH_TEXT[cls]) for cls in GLYPH_ORDER if cls in glyphs]
    items += [("arc", rel, ARCS[rel][0]) for rel in ARC_ORDER if rel in relations]
    if against:
        items.append(("against", "", AGAINST_TEXT))
    x, y = 8.0, y0 + 6
    for what, key, text in items:
        sample_w = MIN_W.get(key, SAMPLE_W) if what == "glyph" else SAMPLE_W
        w = sample_w + 8 + text_width(text, LABEL_FONT) + 18
        if x > 8 and x + w > width:
            x, y = 8.0, y + ROW_H
        cy = y + ROW_H / 2
        item = ET.SubElement(g, "g", {"class": f"atlas-pw-legend-{what}" + (f" atlas-pw-rel-{key}" if what == "arc"
                                                                          else f" atlas-pw-glyph-{key}" if key
                                                                          else " atlas-pw-against")})
        if what == "glyph":
            node_shape(item, key, x, cy - 11 - (4 if key == "gene" else 0), sample_w, 22)
        else:
            rel = key or "activates"
            ET.SubElement(item, "path", {"class": "atlas-pw-line", "d": f"M{n(x)} {n(cy)} L{n(x + SAMPLE_W)} {n(cy)}"})
            arc_end(item, rel, x + SAMPLE_W, cy, 1.0, 0.0)
            if rel == "binds":
                arc_end(item, rel, x, cy, -1.0, 0.0)
            if what == "against":
                against_mark(item, x + SAMPLE_W / 2 - 4, cy)
        text_el = ET.SubElement(item, "text", {"class": "atlas-pw-legend-text", "x": n(x + sample_w + 8),
                                               "y": n(cy + 4.5)})
        text_el.text = text
        x += w
    return y + ROW_H - y0 + 6
