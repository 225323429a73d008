"""Render a :class:`~.layout.Layout` as an inline SVG (pure, deterministic).

The SVG is built as an :mod:`xml.etree.ElementTree` tree and serialised once, so every
piece of text and every attribute value is escaped by the serialiser (characters XML
forbids are dropped first by :func:`clean`); hrefs come only from the caller (entity
pages resolved by Sphinx), never from diagram text.

Notation: SBGN Activity Flow glyphs per entity kind and arc ends per relation
(:mod:`.glyphs`); compartments drawn as compartments (:mod:`.compartments`); a legend of
only what the diagram uses (:mod:`.legend`).

Accessibility: the ``<svg>`` has ``<title>`` and ``<desc>`` referenced by
``aria-labelledby``.  Its role is ``group`` rather than ``img``: ARIA makes the
children of an ``img`` presentational, which would hide the focusable nodes and
edges from screen readers.  Nodes are links (``<a href>``) when their entity resolves;
edges are ``<g tabindex="0" role="button">``.  Every accessible name starts with the
visible label (WCAG 2.5.3).  No colour and no ``style`` attribute is written into the
page's SVG: CSS classes and ``currentColor`` (``static/atlas-pathways.css``), so dark
mode works.  The standalone download (``standalone=True``) embeds a small ``<style>`` so
it opens styled on its own.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from .compartments import draw_compartments
from .geometry import LABEL_H, LABEL_LINE_H, NODE_LINE_H, Layout
from .glyphs import EXTRA_H, against_mark, arc_end, glyph_class, n, node_shape, unit_of_information
from .legend import legend

_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_ESC_RE = re.compile(r"[&<>\"']")

RELATION_TEXT = {
    "activates": "activates",
    "inhibits": "inhibits",
    "binds": "binds",
    "indirect": "indirectly activates",
    "unknown": "has an unknown influence on",
    "necessary": "is necessary for",
}
SVG_NS = "http://www.w3.org/2000/svg"
HIT = 26.0  # every interactive target is at least 24 px (WCAG 2.2 2.5.8), with a margin


def clean(text: str) -> str:
    """Drop the characters XML cannot carry."""
    return _XML_BAD.sub("", str(text))


def esc(text: str) -> str:
    """Escape for XML/HTML text and (double- or single-quoted) attribute values."""
    return _ESC_RE.sub(lambda m: _ESC[m.group(0)], clean(text))


@dataclass(frozen=True)
class SvgNode:
    id: str
    title: str  # accessible name: starts with the visible label
    href: str | None  # entity page; None renders the node unlinked
    kind: str = ""
    glyph: str = ""  # glyph class (see :mod:`.glyphs`); "" = from the kind
    label: str = ""  # the visible label, for edge sentences ("" = the title)


@dataclass(frozen=True)
class SvgEdge:
    source: str
    target: str
    relation: str
    label: str
    cites: tuple[tuple[str, str], ...] = ()  # (href, in-text label)
    evidence: tuple[str, ...] = ()
    diseases: tuple[str, ...] = ()
    direction: str = "supports"


def node_glyph(node: SvgNode) -> str:
    if node.glyph:
        return node.glyph
    return glyph_class(node.kind) if node.href is not None or node.kind else "unknown"


def edge_sentence(edge: SvgEdge, names: dict[str, str]) -> str:
    """One plain sentence describing an edge (aria-label): the visible label first."""
    rel = RELATION_TEXT[edge.relation]
    core = f"{names.get(edge.source, edge.source)} {rel} {names.get(edge.target, edge.target)}"
    out = f"{edge.label}: {core}" if edge.label else core
    if edge.direction == "against":
        out += " (tested, not supported by its sources)"
    if edge.cites:
        out += ". Sources: " + "; ".join(label for _, label in edge.cites)
    if edge.evidence:
        out += ". Evidence: " + ", ".join(edge.evidence)
    return out


STANDALONE_CSS = (
    ".atlas-pw-svg{color:#1f2328;font-family:system-ui,sans-serif;background:#fff}"
    ".atlas-pw-extracellular,.atlas-pw-outcome{fill:#f6f8fa}.atlas-pw-cytoplasm{fill:#fff8ee}"
    ".atlas-pw-membrane{fill:none;stroke:#8c6d3f;stroke-width:2}.atlas-pw-nucleus{fill:#eef4ff}"
    ".atlas-pw-envelope{fill:none;stroke:#4f6ea8;stroke-width:2}.atlas-pw-compartment-name{font-size:12px;fill:#57606a}"
    ".atlas-pw-line{fill:none;stroke:currentColor;stroke-width:1.6}.atlas-pw-hit{fill:none;stroke:transparent}"
    ".atlas-pw-hitbox{fill:transparent}"
    ".atlas-pw-rel-indirect .atlas-pw-line{stroke-dasharray:6 4}.atlas-pw-against .atlas-pw-line{stroke-dasharray:2 3}"
    ".atlas-pw-head{fill:#fff;stroke:currentColor;stroke-width:1.6}.atlas-pw-dot{fill:currentColor}"
    ".atlas-pw-bar,.atlas-pw-cross{stroke:currentColor;stroke-width:2.5;fill:none}"
    ".atlas-pw-label-bg{fill:#fff}.atlas-pw-label,.atlas-pw-legend-text{font-size:12px;fill:currentColor}"
    ".atlas-pw-shape{fill:#fff;stroke:currentColor;stroke-width:1.4}.atlas-pw-shape-inner{fill:none;stroke:currentColor}"
    ".atlas-pw-glyph-unknown .atlas-pw-shape{stroke-dasharray:3 2}"
    ".atlas-pw-node text{font-size:14px;fill:currentColor;text-anchor:middle}"
    "a.atlas-pw-node{text-decoration:none}a.atlas-pw-node text{fill:#0550ae;text-decoration:underline}"
    "a.atlas-pw-node text:has(tspan){text-decoration:none}a.atlas-pw-node tspan{text-decoration:underline}"
    "a.atlas-pw-node .atlas-pw-gap{text-decoration:none}"
)
#: added to :data:`STANDALONE_CSS` when the diagram draws genes
GENE_CSS = (".atlas-pw-uoi{fill:#fff;stroke:currentColor;stroke-width:1.2}"
            ".atlas-pw-svg text.atlas-pw-uoi-text{font-size:12px;fill:#1f2328;text-anchor:middle;text-decoration:none}")


def _el(parent: ET.Element, tag: str, attrs: dict[str, str], text: str | None = None) -> ET.Element:
    e = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        e.text = clean(text)
    return e


def _hit_box(placed) -> tuple[float, float]:
    """Centre of an edge's 24×24 px target: its label, else the middle of its route."""
    if placed.label_box is not None:
        return placed.label_box.cx, placed.label_box.cy
    if placed.waypoints:
        wp = placed.waypoints[len(placed.waypoints) // 2]
        return wp.cx, wp.cy
    return (placed.start[0] + placed.end[0]) / 2, (placed.start[1] + placed.end[1]) / 2


def _edge(parent: ET.Element, placed, edge: SvgEdge, names: dict[str, str]) -> None:
    cites = json.dumps([list(c) for c in edge.cites], ensure_ascii=False, separators=(",", ":"))
    against = " atlas-pw-against" if edge.direction == "against" else ""
    g = _el(parent, "g", {
        "class": f"atlas-pw-edge atlas-pw-rel-{edge.relation}{against}",
        "tabindex": "0",
        "role": "button",
        "aria-label": edge_sentence(edge, names),
        "data-edge": str(placed.index),
        "data-source": edge.source,
        "data-target": edge.target,
        "data-relation": RELATION_TEXT[edge.relation],
        "data-label": edge.label,
        "data-cites": cites,
        "data-evidence": " ".join(edge.evidence),
        "data-diseases": " ".join(edge.diseases),
        "data-direction": edge.direction,
    })
    _el(g, "title", {}, edge_sentence(edge, names))
    hx, hy = _hit_box(placed)
    _el(g, "rect", {"class": "atlas-pw-hitbox", "x": n(hx - HIT / 2), "y": n(hy - HIT / 2), "width": n(HIT),
                    "height": n(HIT)})
    _el(g, "path", {"class": "atlas-pw-hit", "d": placed.path})
    _el(g, "path", {"class": "atlas-pw-line", "d": placed.path})
    ex, ey = placed.end
    arc_end(g, edge.relation, ex, ey, *placed.end_dir)
    if edge.relation == "binds":
        sx, sy = placed.start
        arc_end(g, "binds", sx, sy, -placed.start_dir[0], -placed.start_dir[1])
    if edge.direction == "against":
        ux, uy = placed.end_dir
        against_mark(g, ex - ux * 22, ey - uy * 22)
    if placed.label_box is not None:
        lb = placed.label_box
        _el(g, "rect", {"class": "atlas-pw-label-bg", "x": n(lb.x), "y": n(lb.y), "width": n(lb.w),
                        "height": n(lb.h), "rx": "3"})
        lines = placed.label_lines or (placed.label,)
        text = _el(g, "text", {"class": "atlas-pw-label", "x": n(lb.x + 4), "y": n(lb.y + LABEL_H - 5)})
        if len(lines) == 1:
            text.text = clean(lines[0])
        else:
            for i, line in enumerate(lines):
                tspan = _el(text, "tspan", {"x": n(lb.x + 4), "y": n(lb.y + LABEL_H - 5 + i * LABEL_LINE_H)}, line)
                if i < len(lines) - 1:  # the text content reads "line one line two" (WCAG 2.5.3)
                    tspan.tail = " "


def _node(parent: ET.Element, placed, node: SvgNode) -> None:
    glyph = node_glyph(node)
    kind = f" atlas-pw-kind-{node.kind}" if node.kind else ""
    b = placed.box
    if node.href is not None:
        g = _el(parent, "a", {"class": f"atlas-pw-node atlas-pw-glyph-{glyph}{kind}", "href": node.href,
                              "data-node": placed.id, "aria-label": node.title})
    else:
        g = _el(parent, "g", {"class": f"atlas-pw-node atlas-pw-unknown atlas-pw-glyph-{glyph}", "tabindex": "0",
                              "role": "group", "data-node": placed.id,
                              "aria-label": f"{node.title} (not in the atlas)"})
    _el(g, "title", {}, node.title)
    node_shape(g, glyph, b.x, b.y, b.w, b.h, unit=False)
    lines = placed.lines or (placed.label,)
    first = b.cy + 5 - NODE_LINE_H * (len(lines) - 1) / 2 - EXTRA_H.get(glyph, 0.0) / 2
    text = _el(g, "text", {"x": n(b.cx), "y": n(first)})
    if len(lines) == 1:
        text.text = clean(lines[0])
    else:
        for i, line in enumerate(lines):
            y = n(first + i * NODE_LINE_H)
            if i:  # the lines read as words (copied text, the accessible name); the space is a
                # text chunk of its own, so it neither shifts the centred line nor takes its underline
                _el(text, "tspan", {"class": "atlas-pw-gap", "x": n(b.cx), "y": y}, " ")
            _el(text, "tspan", {"x": n(b.cx), "y": y}, line)


#: attributes a plain picture leaves out (with every aria-* and data-* attribute)
PICTURE_DROPS = frozenset({"role", "tabindex", "focusable"})


def render_svg(
    uid: str,
    title: str,
    desc: str,
    lay: Layout,
    nodes: dict[str, SvgNode],
    edges: Sequence[SvgEdge],
    *,
    standalone: bool = False,
    picture: bool = False,
    cell_name: str = "",
) -> str:
    """The diagram as one SVG element (``uid`` prefixes its element ids); ``cell_name``
    names the drawn cell.  ``picture`` (with ``standalone``): a plain image file for an
    ``<img>``, as an e-book shows it — no roles, ARIA, tab stops or data attributes (the
    image is one picture with its alt text, and the e-book's SVG schema refuses
    interactive roles)."""
    width = max(lay.width, 320.0)
    root = ET.Element("svg", {
        "xmlns": SVG_NS,
        "class": "atlas-pw-svg",
        "id": clean(f"{uid}-svg"),
        "role": "group",
        "aria-roledescription": "pathway diagram",
        "aria-labelledby": clean(f"{uid}-title {uid}-desc"),
        "data-atlas-pathway": clean(uid),
    })
    _el(root, "title", {"id": f"{uid}-title"}, title)
    _el(root, "desc", {"id": f"{uid}-desc"}, desc)
    if standalone:
        genes = any(node_glyph(v) == "gene" for v in nodes.values())
        ET.SubElement(root, "style").text = STANDALONE_CSS + (GENE_CSS if genes else "")
    draw_compartments(root, lay, width, cell_name)
    names = {k: v.label or v.title for k, v in nodes.items()}
    edges_g = ET.SubElement(root, "g", {"class": "atlas-pw-edges"})
    for placed, edge in zip(lay.edges, edges, strict=True):
        _edge(edges_g, placed, edge, names)
    nodes_g = ET.SubElement(root, "g", {"class": "atlas-pw-nodes"})
    for placed in lay.nodes:
        _node(nodes_g, placed, nodes[placed.id])
    genes = [p for p in lay.nodes if node_glyph(nodes[p.id]) == "gene"]
    if genes:  # the genes' units of information (ct:gene): drawn, not read out, and kept
        # out of the node's link, whose name starts with its visible label (WCAG 2.5.3)
        units = ET.SubElement(root, "g", {"class": "atlas-pw-units", "aria-hidden": "true"})
        for p in genes:
            unit_of_information(_el(units, "g", {"data-unit-of": p.id}), p.box.x, p.box.y, p.box.w, p.box.h)
    legend_h = legend(root, width, lay.height, {node_glyph(nodes[p.id]) for p in lay.nodes},
                      {e.relation for e in edges}, any(e.direction == "against" for e in edges))
    height = lay.height + legend_h
    for key, value in (("viewBox", f"0 0 {n(width)} {n(height)}"), ("width", n(width)), ("height", n(height))):
        root.set(key, value)
    if picture:
        for el in root.iter():
            for name in [a for a in el.attrib if a in PICTURE_DROPS or a.startswith(("aria-", "data-"))]:
                del el.attrib[name]
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def render_figure(
    uid: str,
    svg: str,
    *,
    caption: str = "",
    diseases: Sequence[tuple[str, str]] = (),
    downloads: Sequence[tuple[str, str]] = (),
) -> str:
    """The HTML around the SVG: the disease-context switch and the view controls (hidden
    until the script enables them), the canvas, the caption and download links."""
    uid = clean(uid)
    fig = ET.Element("figure", {"class": "atlas-pathway", "id": uid, "data-atlas-pathway": uid,
                                "data-tooltip-delay": "300"})
    controls = _el(fig, "div", {"class": "atlas-pw-controls", "hidden": ""})
    if diseases:
        _el(controls, "label", {"for": f"{uid}-context"}, "Evidence from: ")
        select = _el(controls, "select", {"id": f"{uid}-context", "class": "atlas-pw-context"})
        _el(select, "option", {"value": ""}, "all diseases")
        for value, text in diseases:
            _el(select, "option", {"value": value}, text)
    _el(controls, "span", {"class": "atlas-pw-status", "role": "status", "aria-live": "polite"}, "")
    _el(fig, "div", {"class": "atlas-pw-canvas", "data-svg": "1"}).text = "\x00SVG\x00"
    if caption or downloads:
        cap = _el(fig, "figcaption", {})
        if caption:
            _el(cap, "span", {"class": "atlas-pw-caption"}, caption)
        if downloads:
            span = _el(cap, "span", {"class": "atlas-pw-downloads"}, "Download: ")
            for i, (text, href) in enumerate(downloads):
                a = _el(span, "a", {"href": href, "download": ""}, text)
                if i + 1 < len(downloads):
                    a.tail = " · "
    html = ET.tostring(fig, encoding="unicode", method="html")
    return html.replace("\x00SVG\x00", svg, 1)
