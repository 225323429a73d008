"""One pathway as an SBGN-ML file (libsbgn 0.3, ``language="activity flow"``; pure).

The map holds the diagram as drawn: one ``compartment`` glyph per drawn compartment
(extracellular space, cell, nucleus, and each other cell of a diagram that spans cells,
labelled with its name), one glyph per node with its class from the Activity
Flow vocabulary (``biological activity``, ``perturbation``, ``phenotype``; see
:data:`.glyphs.GLYPHS`), its label (the entity's short name), bounding box and
compartment (a gene carries the unit of information ``ct:gene``), and one arc per edge (``positive influence``, ``negative influence``,
``unknown influence``, ``necessary stimulation``; binding, which Activity Flow has no arc
for, is written as ``unknown influence`` with a note) with its route's end points.
Each arc's notes (XHTML) give its label and, for an edge whose sources did not support
it, that fact; its ``extension`` carries the citations as an RDF annotation
(``bqbiol:isDescribedBy`` with identifiers.org PubMed or DOI URIs) and each node's the
entity's external identifiers (``bqbiol:is``).  The file validates against the official
``SBGN.xsd`` of sbgn/libsbgn (tests/fixtures/sbgn).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from .compartments import cell_extent
from .geometry import BANDS, Layout
from .glyphs import ARCS, GLYPHS, UOI_H, UOI_INSET, UOI_TEXT, UOI_W, n

NS = "http://sbgn.org/libsbgn/0.3"
XHTML = "http://www.w3.org/1999/xhtml"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
BQBIOL = "http://biomodels.net/biology-qualifiers/"
VERSION = "http://identifiers.org/combine.specifications/sbgn.af.level-1.version-1.2"
#: identifiers.org prefixes of the entity cross-references worth exporting
IDENTIFIERS = {"hgnc": "hgnc:", "uniprot": "uniprot:", "ncbigene": "ncbigene:", "chebi": "CHEBI:",
               "drugbank": "drugbank:", "mondo": "MONDO:", "doid": "DOID:", "cl": "CL:", "mesh": "mesh:",
               "pubchem": "pubchem.compound:"}
GLYPH_CLASS = {cls: sbgn for cls, _text, sbgn in GLYPHS.values()}


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, ns: str = NS) -> ET.Element:
    return ET.SubElement(parent, _q(ns, tag), attrs or {})


def _bbox(parent: ET.Element, x: float, y: float, w: float, h: float) -> None:
    _sub(parent, "bbox", {"x": n(x), "y": n(y), "w": n(w), "h": n(h)})


def _annotation(parent: ET.Element, about: str, qualifier: str, uris: Sequence[str]) -> None:
    if not uris:
        return
    ext = _sub(parent, "extension")
    ann = _sub(ext, "annotation")
    rdf = _sub(ann, "RDF", ns=RDF)
    desc = _sub(rdf, "Description", {_q(RDF, "about"): f"#{about}"}, ns=RDF)
    bag = _sub(_sub(desc, qualifier, ns=BQBIOL), "Bag", ns=RDF)
    for uri in uris:
        _sub(bag, "li", {_q(RDF, "resource"): uri}, ns=RDF)


def _notes(parent: ET.Element, text: str) -> None:
    notes = _sub(parent, "notes")
    body = _sub(notes, "body", ns=XHTML)
    _sub(body, "p", ns=XHTML).text = text


def sbgn_map(
    name: str,
    title: str,
    lay: Layout,
    nodes: Sequence[tuple[str, str, str, Sequence[tuple[str, str]]]],
    edges: Sequence[tuple[str, str, str, str, str, Sequence[str]]],
    cite_uris: Callable[[str], list[str]],
    cell_name: str = "",
) -> bytes:
    """The SBGN-ML document.  ``nodes``: (key, label, glyph class, xrefs) in layout order;
    ``edges``: (source, target, relation, label, direction, citation keys) in layout
    order; ``cite_uris(key)`` gives a reference's identifiers.org URIs; ``cell_name`` names
    the drawn cell ("Cell" when the diagram does not say)."""
    root = ET.Element(_q(NS, "sbgn"))
    m = _sub(root, "map", {"id": "map", "language": "activity flow", "version": VERSION})
    _notes(m, title)
    _bbox(m, 0, 0, lay.width, lay.height)
    bands = {b.name: b.box for b in lay.bands}
    compartment_of: dict[str, str] = {}
    cell = cell_extent(lay)
    drawn = []
    if "extracellular" in bands:
        top = bands["cells"].y if "cells" in bands else bands["extracellular"].y
        drawn.append(("c-extracellular", "Extracellular", 0, top, lay.width, bands["extracellular"].bottom - top,
                      ("extracellular",)))
    if cell is not None:
        drawn.append(("c-cell", cell_name or "Cell", 0, cell[0], lay.width, cell[1] - cell[0],
                      ("membrane", "cytoplasm")))
    if "nucleus" in bands:
        drawn.append(("c-nucleus", "Nucleus", 0, bands["nucleus"].y, lay.width, bands["nucleus"].h, ("nucleus",)))
    cell_ids = {}
    for i, other in enumerate(lay.cells):
        cell_ids[other.key] = f"c-other-cell-{i + 1}"
        b = other.box
        drawn.append((cell_ids[other.key], other.name, b.x, b.y, b.w, b.h, ()))
    for order, (cid, label, x, y, w, h, members) in enumerate(drawn):
        g = _sub(m, "glyph", {"class": "compartment", "id": cid, "compartmentOrder": str(order + 1)})
        _sub(g, "label", {"text": label})
        _bbox(g, x, y, w, h)
        for band in members:
            compartment_of[band] = cid
    ids = {key: f"g{i + 1}" for i, (key, *_rest) in enumerate(nodes)}
    placed = {p.id: p for p in lay.nodes}
    for key, label, glyph, xrefs in nodes:
        p = placed[key]
        attrs = {"class": GLYPH_CLASS.get(glyph, "biological activity"), "id": ids[key]}
        if p.cell in cell_ids:
            attrs["compartmentRef"] = cell_ids[p.cell]
        elif BANDS[p.band] in compartment_of:
            attrs["compartmentRef"] = compartment_of[BANDS[p.band]]
        g = _sub(m, "glyph", attrs)
        uris = [f"https://identifiers.org/{IDENTIFIERS[prefix]}{value}" for prefix, value in xrefs
                if prefix in IDENTIFIERS]
        _annotation(g, ids[key], "is", uris)
        _sub(g, "label", {"text": label})
        _bbox(g, p.box.x, p.box.y, p.box.w, p.box.h)
        if glyph == "gene":  # the Activity Flow unit of information of a nucleic acid feature
            u = _sub(g, "glyph", {"class": "unit of information", "id": f"{ids[key]}-uoi"})
            _sub(u, "label", {"text": UOI_TEXT})
            _bbox(u, p.box.right - UOI_INSET - UOI_W, p.box.bottom - UOI_H / 2, UOI_W, UOI_H)
    for i, ((source, target, relation, label, direction, keys), placed_edge) in enumerate(
            zip(edges, lay.edges, strict=True)):
        aid = f"a{i + 1}"
        arc = _sub(m, "arc", {"class": ARCS[relation][1], "id": aid, "source": ids[source], "target": ids[target]})
        words = [label] if label else []
        if relation in ("binds", "indirect"):
            words.append(f"drawn in the atlas as: {ARCS[relation][0]}")
        if direction == "against":
            words.append("tested, not supported by its sources")
        if words:
            _notes(arc, "; ".join(words))
        _annotation(arc, aid, "isDescribedBy", [u for k in keys for u in cite_uris(k)])
        sx, sy = placed_edge.start
        ex, ey = placed_edge.end
        _sub(arc, "start", {"x": n(sx), "y": n(sy)})
        _sub(arc, "end", {"x": n(ex), "y": n(ey)})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                        xml_declaration=False) + b"\n"
