"""One resolved diagram laid out and drawn as SVG (shared by the page and the download)."""

from __future__ import annotations

from functools import lru_cache

from .geometry import EdgeSpec, Layout, NodeSpec
from .glyphs import glyph_class
from .layout import layout
from .resolve import Resolved, ResolvedNode
from .svg import SvgEdge, SvgNode, render_svg

DOWNLOAD_DIR = "_atlas/pathways"


@lru_cache(maxsize=256)
def _layout(nodes: tuple[NodeSpec, ...], edges: tuple[EdgeSpec, ...], cells: tuple[tuple[str, str], ...]) -> Layout:
    """Layout is pure and the costliest step (seconds at 500 edges); a pathway's page and
    its SVG download in the same process share one result."""
    return layout(nodes, edges, cells)


def shown_label(node: ResolvedNode) -> str:
    """The text a node shows: the entity's short display name (gp130, not IL6ST), or the
    name as written when the entity is unknown."""
    return node.entity.display if node.entity is not None else node.shown


def node_glyph(node: ResolvedNode) -> str:
    """The node's glyph: a complex where the diagram says so, else by entity kind."""
    if node.entity is None:
        return "unknown"
    if node.gene:
        return "gene"
    return "complex" if node.complex else glyph_class(node.entity.kind)


def accessible_name(node: ResolvedNode) -> str:
    """The node's accessible name starts with its visible label (WCAG 2.5.3), then adds
    the full label when it says more: "IL-6, Interleukin-6"."""
    shown = shown_label(node)
    ent = node.entity
    gene = " gene" if node.gene else ""
    if ent is not None and ent.label and ent.label != shown:
        return f"{shown}{gene}, {ent.label}"
    return shown + gene


def build_svg(
    resolved: Resolved,
    node_href,
    cite_href,
    *,
    standalone: bool = False,
    picture: bool = False,
) -> tuple[str, Layout]:
    """Lay out and render one resolved pathway.  ``node_href(node) -> str | None`` and
    ``cite_href(key) -> (href, label)`` decide the links (page-relative or file-relative)."""
    pw = resolved.pathway
    lay = _layout(
        tuple(NodeSpec(n.key, shown_label(n), n.band, node_glyph(n), n.cell) for n in resolved.nodes),
        tuple(EdgeSpec(e.source, e.target, e.edge.label) for e in resolved.edges),
        resolved.cells,
    )
    svg_nodes = {
        n.key: SvgNode(
            n.key,
            accessible_name(n),
            node_href(n),
            n.entity.kind if n.entity is not None else "",
            node_glyph(n),
            shown_label(n),
        )
        for n in resolved.nodes
    }
    svg_edges = [
        SvgEdge(e.source, e.target, e.edge.relation, e.edge.label, tuple(cite_href(k) for k in e.keys), e.evidence,
                e.diseases, e.edge.direction)
        for e in resolved.edges
    ]
    desc = (
        f"Diagram of {len(resolved.edges)} interactions between {len(resolved.nodes)} entities; "
        "the same edges are listed in the table that follows it."
    )
    spans = [name for _id, name in resolved.cells] + ([resolved.cell[1]] if resolved.cell is not None else [])
    if resolved.cells:  # the outlines are not read out: say which cells the diagram spans
        desc += " It spans cells: " + "; ".join(spans) + " (the table names each node's cell)."
    uid = f"atlas-pw-{pw.name}"
    cell_name = resolved.cell[1] if resolved.cell is not None else ""
    return render_svg(uid, pw.title, desc, lay, svg_nodes, svg_edges, standalone=standalone, picture=picture,
                      cell_name=cell_name), lay
