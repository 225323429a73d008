"""Render a :class:`~.layout.Layout` as an inline SVG string (pure, deterministic).

Every piece of text goes through :func:`esc` (``& < > " '``, and characters XML
forbids are dropped), including ``data-`` attributes; hrefs come only from the caller
(entity pages resolved by Sphinx), never from diagram text.

Accessibility: the ``<svg>`` has ``<title>`` and ``<desc>`` referenced by
``aria-labelledby``.  Its role is ``group`` rather than ``img``: ARIA makes the
children of an ``img`` presentational, which would hide the focusable nodes and
edges from screen readers.  Nodes are links (``<a href>``) when their entity resolves;
edges are ``<g tabindex="0" role="button">`` with a full ``aria-label``.  Relation
types differ by shape, not only colour: filled arrowhead (activates), flat bar
(inhibits), dots at both ends and no head (binds), dashed line with an open head
(indirect).  Colours are never written here: CSS classes plus ``currentColor`` (see
``static/atlas-pathways.css``), so themes with dark mode work.  The standalone file
(``standalone=True``) embeds a small ``<style>`` with light defaults instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .geometry import BANDS, LABEL_FONT, Layout, text_width

_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_ESC_RE = re.compile(r"[&<>\"']")

RELATION_TEXT = {
    "activates": "activates",
    "inhibits": "inhibits",
    "binds": "binds",
    "indirect": "indirect / secreted",
}
LEGEND_ROW_H = 22.0


def esc(text: str) -> str:
    """Escape for XML/HTML text and (double- or single-quoted) attribute values."""
    return _ESC_RE.sub(lambda m: _ESC[m.group(0)], _XML_BAD.sub("", str(text)))


def _n(v: float) -> str:
    out = f"{round(v, 1) + 0.0:.1f}"
    return out[:-2] if out.endswith(".0") else out


@dataclass(frozen=True)
class SvgNode:
    id: str
    title: str  # accessible name (the entity's label, or the name as written)
    href: str | None  # entity page; None renders the node unlinked
    kind: str = ""


@dataclass(frozen=True)
class SvgEdge:
    source: str
    target: str
    relation: str
    label: str
    cites: tuple[tuple[str, str], ...] = ()  # (href, in-text label)
    evidence: tuple[str, ...] = ()
    diseases: tuple[str, ...] = ()


def edge_sentence(edge: SvgEdge, names: dict[str, str]) -> str:
    """One plain sentence describing an edge (aria-label, <title>)."""
    rel = RELATION_TEXT[edge.relation]
    out = f"{names.get(edge.source, edge.source)} {rel} {names.get(edge.target, edge.target)}"
    if edge.label:
        out += f": {edge.label}"
    if edge.cites:
        out += ". Sources: " + "; ".join(label for _, label in edge.cites)
    if edge.evidence:
        out += ". Evidence: " + ", ".join(edge.evidence)
    return out


def _head(relation: str, x: float, y: float, dy: float) -> str:
    """The edge's end marker at (x, y), pointing along (0, dy)."""
    if relation == "activates":
        return (f'<path class="atlas-pw-head" d="M{_n(x)} {_n(y)} L{_n(x - 5)} {_n(y - 9 * dy)} '
                f'L{_n(x + 5)} {_n(y - 9 * dy)} Z"/>')
    if relation == "inhibits":
        return f'<path class="atlas-pw-bar" d="M{_n(x - 7)} {_n(y - 1.5 * dy)} L{_n(x + 7)} {_n(y - 1.5 * dy)}"/>'
    if relation == "indirect":
        return (f'<path class="atlas-pw-open" d="M{_n(x - 5)} {_n(y - 8 * dy)} L{_n(x)} {_n(y)} '
                f'L{_n(x + 5)} {_n(y - 8 * dy)}"/>')
    return f'<circle class="atlas-pw-dot" cx="{_n(x)}" cy="{_n(y - 3 * dy)}" r="3"/>'


def _legend(width: float, y0: float) -> tuple[str, float]:
    parts = ['<g class="atlas-pw-legend" aria-hidden="true">']
    x, y = 8.0, y0 + 6
    for rel in ("activates", "inhibits", "binds", "indirect"):
        text = RELATION_TEXT[rel]
        w = 34 + text_width(text, LABEL_FONT) + 18
        if x > 8 and x + w > width:
            x, y = 8.0, y + LEGEND_ROW_H
        cy = y + LEGEND_ROW_H / 2
        parts.append(f'<g class="atlas-pw-rel-{rel}">')
        parts.append(f'<path class="atlas-pw-line" d="M{_n(x)} {_n(cy)} L{_n(x + 26)} {_n(cy)}"/>')
        if rel == "binds":
            parts.append(f'<circle class="atlas-pw-dot" cx="{_n(x + 3)}" cy="{_n(cy)}" r="3"/>')
            parts.append(f'<circle class="atlas-pw-dot" cx="{_n(x + 23)}" cy="{_n(cy)}" r="3"/>')
        elif rel == "activates":
            parts.append(f'<path class="atlas-pw-head" d="M{_n(x + 28)} {_n(cy)} L{_n(x + 19)} {_n(cy - 5)} '
                         f'L{_n(x + 19)} {_n(cy + 5)} Z"/>')
        elif rel == "inhibits":
            parts.append(f'<path class="atlas-pw-bar" d="M{_n(x + 27)} {_n(cy - 7)} L{_n(x + 27)} {_n(cy + 7)}"/>')
        else:
            parts.append(f'<path class="atlas-pw-open" d="M{_n(x + 20)} {_n(cy - 5)} L{_n(x + 28)} {_n(cy)} '
                         f'L{_n(x + 20)} {_n(cy + 5)}"/>')
        parts.append(f'<text class="atlas-pw-legend-text" x="{_n(x + 34)}" y="{_n(cy + 4)}">{esc(text)}</text></g>')
        x += w
    parts.append("</g>")
    return "".join(parts), y + LEGEND_ROW_H - y0 + 6


STANDALONE_CSS = (
    ".atlas-pw-svg{color:#1f2328;font-family:system-ui,sans-serif}"
    ".atlas-pw-band{fill:#f6f8fa;stroke:#d0d7de}.atlas-pw-band-name{font-size:10px;fill:#57606a}"
    ".atlas-pw-line{fill:none;stroke:currentColor;stroke-width:1.5}.atlas-pw-hit{fill:none;stroke:transparent}"
    ".atlas-pw-rel-indirect .atlas-pw-line{stroke-dasharray:5 4}.atlas-pw-head,.atlas-pw-dot{fill:currentColor}"
    ".atlas-pw-bar{stroke:currentColor;stroke-width:3}.atlas-pw-open{fill:none;stroke:currentColor;stroke-width:1.5}"
    ".atlas-pw-label-bg{fill:#fff}.atlas-pw-label,.atlas-pw-legend-text{font-size:11px;fill:currentColor}"
    ".atlas-pw-node rect{fill:#fff;stroke:currentColor;stroke-width:1.2}"
    ".atlas-pw-node text{font-size:13px;fill:currentColor;text-anchor:middle}"
    ".atlas-pw-unknown rect{stroke-dasharray:3 2}"
)


def render_svg(
    uid: str,
    title: str,
    desc: str,
    lay: Layout,
    nodes: dict[str, SvgNode],
    edges: Sequence[SvgEdge],
    *,
    standalone: bool = False,
) -> str:
    """The diagram as one SVG element (``uid`` prefixes its element ids)."""
    legend, legend_h = _legend(max(lay.width, 300.0), lay.height)
    width = max(lay.width, 300.0)
    height = lay.height + legend_h
    uid = esc(uid)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="atlas-pw-svg" id="{uid}-svg" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'role="group" aria-roledescription="pathway diagram" aria-labelledby="{uid}-title {uid}-desc" '
        f'data-atlas-pathway="{uid}">',
        f'<title id="{uid}-title">{esc(title)}</title>',
        f'<desc id="{uid}-desc">{esc(desc)}</desc>',
    ]
    if standalone:
        out.append(f"<style>{STANDALONE_CSS}</style>")
    out.append('<g class="atlas-pw-bands" aria-hidden="true">')
    for band in lay.bands:
        b = band.box
        out.append(
            f'<rect class="atlas-pw-band atlas-pw-band-{band.name}" x="0" y="{_n(b.y)}" '
            f'width="{_n(width)}" height="{_n(b.h)}"/>'
            f'<text class="atlas-pw-band-name" x="6" y="{_n(b.y + 12)}">{esc(BANDS[band.index].capitalize())}</text>'
        )
    out.append("</g>")
    names = {k: v.title for k, v in nodes.items()}
    out.append('<g class="atlas-pw-edges">')
    for placed, edge in zip(lay.edges, edges, strict=True):
        sentence = edge_sentence(edge, names)
        cites = json.dumps([list(c) for c in edge.cites], ensure_ascii=False, separators=(",", ":"))
        attrs = [
            f'class="atlas-pw-edge atlas-pw-rel-{edge.relation}"',
            'tabindex="0"',
            'role="button"',
            f'aria-label="{esc(sentence)}"',
            f'data-edge="{placed.index}"',
            f'data-source="{esc(edge.source)}"',
            f'data-target="{esc(edge.target)}"',
            f'data-relation="{esc(RELATION_TEXT[edge.relation])}"',
            f'data-label="{esc(edge.label)}"',
            f'data-cites="{esc(cites)}"',
            f'data-evidence="{esc(" ".join(edge.evidence))}"',
            f'data-diseases="{esc(" ".join(edge.diseases))}"',
        ]
        out.append(f"<g {' '.join(attrs)}>")
        out.append(f"<title>{esc(sentence)}</title>")
        out.append(f'<path class="atlas-pw-hit" d="{placed.path}"/>')
        out.append(f'<path class="atlas-pw-line" d="{placed.path}"/>')
        ex, ey = placed.end
        dy = placed.end_dir[1]
        out.append(_head(edge.relation, ex, ey, dy))
        if edge.relation == "binds":
            sx, sy = placed.start
            out.append(_head("binds", sx, sy, -dy))
        if placed.label_box is not None:
            lb = placed.label_box
            out.append(
                f'<rect class="atlas-pw-label-bg" x="{_n(lb.x)}" y="{_n(lb.y)}" width="{_n(lb.w)}" '
                f'height="{_n(lb.h)}" rx="3"/>'
                f'<text class="atlas-pw-label" x="{_n(lb.x + 4)}" y="{_n(lb.y + lb.h - 4)}">{esc(placed.label)}</text>'
            )
        out.append("</g>")
    out.append("</g>")
    out.append('<g class="atlas-pw-nodes">')
    for placed in lay.nodes:
        node = nodes[placed.id]
        b = placed.box
        kind = f" atlas-pw-kind-{esc(node.kind)}" if node.kind else ""
        body = (
            f"<title>{esc(node.title)}</title>"
            f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}" rx="6"/>'
            f'<text x="{_n(b.cx)}" y="{_n(b.y + b.h / 2 + 4.5)}">{esc(placed.label)}</text>'
        )
        if node.href is not None:
            out.append(
                f'<a class="atlas-pw-node{kind}" href="{esc(node.href)}" data-node="{esc(placed.id)}" '
                f'aria-label="{esc(node.title)}">{body}</a>'
            )
        else:
            out.append(
                f'<g class="atlas-pw-node atlas-pw-unknown" tabindex="0" role="group" data-node="{esc(placed.id)}" '
                f'aria-label="{esc(node.title)} (not in the atlas)">{body}</g>'
            )
    out.append("</g>")
    out.append(legend)
    out.append("</svg>")
    return "".join(out)


def render_figure(
    uid: str,
    svg: str,
    *,
    caption: str = "",
    diseases: Sequence[tuple[str, str]] = (),
    downloads: Sequence[tuple[str, str]] = (),
) -> str:
    """The HTML around the SVG: the disease-context switch (hidden until the script
    enables it), the canvas, the caption and download links."""
    uid = esc(uid)
    out = [f'<figure class="atlas-pathway" id="{uid}" data-atlas-pathway="{uid}" data-tooltip-delay="300">']
    if diseases:
        out.append(f'<div class="atlas-pw-controls" hidden=""><label for="{uid}-context">Evidence from: </label>')
        out.append(f'<select id="{uid}-context" class="atlas-pw-context"><option value="">all diseases</option>')
        for value, text in diseases:
            out.append(f'<option value="{esc(value)}">{esc(text)}</option>')
        out.append("</select></div>")
    out.append(f'<div class="atlas-pw-canvas">{svg}</div>')
    if caption or downloads:
        out.append("<figcaption>")
        if caption:
            out.append(f'<span class="atlas-pw-caption">{esc(caption)}</span>')
        if downloads:
            links = " · ".join(f'<a href="{esc(href)}" download="">{esc(text)}</a>' for text, href in downloads)
            out.append(f'<span class="atlas-pw-downloads">Download: {links}</span>')
        out.append("</figcaption>")
    out.append("</figure>")
    return "".join(out)
