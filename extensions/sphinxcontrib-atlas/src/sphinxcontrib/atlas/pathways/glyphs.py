"""SBGN Activity Flow glyphs and arc ends as SVG elements (pure, deterministic).

The notation follows SBGN Activity Flow Level 1: a node's *shape* says what it is and an
arc's *end* says how it acts, so nothing depends on colour.

Nodes (by entity kind, :data:`GLYPHS`)
    molecule    biological activity of a macromolecule (gene, protein): rounded rectangle
    complex     complex: rectangle with cut corners (per diagram, ``:complexes:``)
    gene        a gene (written ``NAME gene``): the macromolecule's rounded rectangle with
                the Activity Flow unit of information of a nucleic acid feature,
                ``ct:gene``, on its lower border
    therapy     perturbing agent: rectangle with concave left and right ends
    mechanism   phenotype: hexagon with pointed ends
    disease     phenotype with a double outline (a disease is an outcome, but must read
                apart from a mechanism)
    cell        a cell: ellipse
    model       an experimental model: rectangle with a folded corner
    unknown     a name the atlas does not know: dashed rectangle

Arcs (by relation, :data:`ARCS`)
    activates   positive influence: open triangle head
    inhibits    negative influence: bar
    unknown     unknown influence: open diamond
    necessary   necessary stimulation: bar, then open triangle head
    binds       binding (not an Activity Flow arc; drawn as in Process Description
                association): filled dots at both ends, no head
    indirect    positive influence through intermediate steps or secretion: dashed line,
                open triangle head
    An edge whose sources tested it and did not find it (``evidence: against``) is drawn
    with a dotted line and a cross near its end.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

#: kind -> (CSS class, legend text, SBGN-ML glyph class)
GLYPHS: dict[str, tuple[str, str, str]] = {
    "molecule": ("macromolecule", "gene or protein (biological activity)", "biological activity"),
    "complex": ("complex", "complex", "biological activity"),
    "gene": ("gene", "gene (unit of information ct:gene)", "biological activity"),
    "therapy": ("perturbation", "drug (perturbing agent)", "perturbation"),
    "mechanism": ("phenotype", "mechanism or outcome (phenotype)", "phenotype"),
    "disease": ("disease", "disease (phenotype)", "phenotype"),
    "cell": ("cell", "cell", "biological activity"),
    "model": ("model", "experimental model", "biological activity"),
    "": ("unknown", "not in the atlas", "biological activity"),
}
#: relation -> (legend text, SBGN-ML arc class)
ARCS: dict[str, tuple[str, str]] = {
    "activates": ("positive influence", "positive influence"),
    "inhibits": ("negative influence", "negative influence"),
    "unknown": ("unknown influence", "unknown influence"),
    "necessary": ("necessary stimulation", "necessary stimulation"),
    "binds": ("binding", "unknown influence"),
    "indirect": ("indirect or secreted", "positive influence"),
}
AGAINST_TEXT = "tested, not supported by its sources"
#: extra width a glyph needs beyond its text (pointed or concave ends, ellipse)
EXTRA_W = {"perturbation": 16.0, "phenotype": 20.0, "disease": 24.0, "cell": 22.0, "model": 8.0}
CUT = 8.0  # size of a cut corner, pointed end or concave notch
UOI_TEXT = "ct:gene"  # a gene's unit of information (SBGN AF: conceptual type gene)
UOI_W, UOI_H = 52.0, 18.0  # its box, centred on the node's lower border, 12 px text
UOI_INSET = 8.0  # from the node's right end
#: the narrowest node of a glyph (a gene's must hold its unit of information) and the
#: extra height it needs (the name stays clear of the unit of information)
MIN_W = {"gene": UOI_W + 2 * UOI_INSET}
EXTRA_H = {"gene": 8.0}


def n(v: float) -> str:
    """A coordinate: one decimal, no trailing ".0"."""
    out = f"{round(v, 1) + 0.0:.1f}"
    return out[:-2] if out.endswith(".0") else out


def _points(pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{n(x)},{n(y)}" for x, y in pts)


def glyph_class(kind: str) -> str:
    return GLYPHS.get(kind, GLYPHS[""])[0]


def unit_of_information(parent: ET.Element, x: float, y: float, w: float, h: float) -> None:
    """A gene's unit of information (``ct:gene``) on the lower border of its box."""
    ux, uy = x + w - UOI_INSET - UOI_W, y + h - UOI_H / 2
    ET.SubElement(parent, "rect", {"class": "atlas-pw-uoi", "x": n(ux), "y": n(uy), "width": n(UOI_W),
                                   "height": n(UOI_H)})
    ET.SubElement(parent, "text", {"class": "atlas-pw-uoi-text", "x": n(ux + UOI_W / 2), "y": n(uy + UOI_H - 5),
                                   "aria-hidden": "true"}).text = UOI_TEXT


def node_shape(parent: ET.Element, cls: str, x: float, y: float, w: float, h: float, unit: bool = True) -> None:
    """Append the outline of a ``cls`` glyph filling the box (x, y, w, h) (a gene's with
    its unit of information, unless ``unit`` is false: the caller draws it later)."""
    r, b, cy, c = x + w, y + h, y + h / 2, min(CUT, h / 2)
    if cls in ("macromolecule", "gene"):
        ET.SubElement(parent, "rect", {"class": "atlas-pw-shape", "x": n(x), "y": n(y), "width": n(w),
                                       "height": n(h), "rx": "8"})
        if cls == "gene" and unit:
            unit_of_information(parent, x, y, w, h)
    elif cls == "complex":
        pts = [(x + c, y), (r - c, y), (r, y + c), (r, b - c), (r - c, b), (x + c, b), (x, b - c), (x, y + c)]
        ET.SubElement(parent, "polygon", {"class": "atlas-pw-shape", "points": _points(pts)})
    elif cls == "perturbation":
        pts = [(x, y), (r, y), (r - c, cy), (r, b), (x, b), (x + c, cy)]
        ET.SubElement(parent, "polygon", {"class": "atlas-pw-shape", "points": _points(pts)})
    elif cls in ("phenotype", "disease"):
        pts = [(x + c, y), (r - c, y), (r, cy), (r - c, b), (x + c, b), (x, cy)]
        ET.SubElement(parent, "polygon", {"class": "atlas-pw-shape", "points": _points(pts)})
        if cls == "disease":
            d = 3.0
            inner = [(x + c + d / 2, y + d), (r - c - d / 2, y + d), (r - d, cy), (r - c - d / 2, b - d),
                     (x + c + d / 2, b - d), (x + d, cy)]
            ET.SubElement(parent, "polygon", {"class": "atlas-pw-shape-inner", "points": _points(inner)})
    elif cls == "cell":
        ET.SubElement(parent, "ellipse", {"class": "atlas-pw-shape", "cx": n(x + w / 2), "cy": n(cy),
                                          "rx": n(w / 2), "ry": n(h / 2)})
    elif cls == "model":
        pts = [(x, y), (r - c, y), (r, y + c), (r, b), (x, b)]
        ET.SubElement(parent, "polygon", {"class": "atlas-pw-shape", "points": _points(pts)})
        ET.SubElement(parent, "path", {"class": "atlas-pw-shape-inner",
                                       "d": f"M{n(r - c)} {n(y)} L{n(r - c)} {n(y + c)} L{n(r)} {n(y + c)}"})
    else:
        ET.SubElement(parent, "rect", {"class": "atlas-pw-shape", "x": n(x), "y": n(y), "width": n(w),
                                       "height": n(h)})


def arc_end(parent: ET.Element, relation: str, x: float, y: float, ux: float, uy: float) -> None:
    """Append the end of a ``relation`` arc touching (x, y), arriving along the unit
    vector (ux, uy)."""
    px, py = -uy, ux  # perpendicular

    def at(along: float, across: float) -> tuple[float, float]:
        return x - ux * along + px * across, y - uy * along + py * across

    if relation in ("activates", "indirect", "necessary"):
        ET.SubElement(parent, "polygon", {"class": "atlas-pw-head",
                                          "points": _points([at(0, 0), at(10, -5.5), at(10, 5.5)])})
        if relation == "necessary":
            (ax, ay), (bx, by) = at(14, -7), at(14, 7)
            ET.SubElement(parent, "path", {"class": "atlas-pw-bar",
                                           "d": f"M{n(ax)} {n(ay)} L{n(bx)} {n(by)}"})
    elif relation == "inhibits":
        (ax, ay), (bx, by) = at(1.5, -8), at(1.5, 8)
        ET.SubElement(parent, "path", {"class": "atlas-pw-bar", "d": f"M{n(ax)} {n(ay)} L{n(bx)} {n(by)}"})
    elif relation == "unknown":
        ET.SubElement(parent, "polygon", {"class": "atlas-pw-head",
                                          "points": _points([at(0, 0), at(6, -5), at(12, 0), at(6, 5)])})
    else:  # binds: a dot at the end
        cx, cy = at(3.5, 0)
        ET.SubElement(parent, "circle", {"class": "atlas-pw-dot", "cx": n(cx), "cy": n(cy), "r": "3.5"})


def against_mark(parent: ET.Element, x: float, y: float) -> None:
    """A small cross centred on (x, y): the edge was tested and not supported."""
    d = 5.0
    ET.SubElement(parent, "path", {"class": "atlas-pw-cross",
                                   "d": f"M{n(x - d)} {n(y - d)} L{n(x + d)} {n(y + d)} "
                                        f"M{n(x - d)} {n(y + d)} L{n(x + d)} {n(y - d)}"})
