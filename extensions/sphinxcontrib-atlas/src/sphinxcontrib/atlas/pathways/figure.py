"""One resolved diagram laid out and drawn as SVG (shared by the page and the download)."""

from __future__ import annotations

from functools import lru_cache

from .geometry import EdgeSpec, Layout, NodeSpec
from .layout import layout
from .resolve import Resolved
from .svg import SvgEdge, SvgNode, render_svg

DOWNLOAD_DIR = "_atlas/pathways"


@lru_cache(maxsize=256)
def _layout(nodes: tuple[NodeSpec, ...], edges: tuple[EdgeSpec, ...]) -> Layout:
    """Layout is pure and the costliest step (seconds at 500 edges); a pathway's page and
    its SVG download in the same process share one result."""
    return layout(nodes, edges)


def build_svg(
    resolved: Resolved,
    node_href,
    cite_href,
    *,
    standalone: bool = False,
) -> tuple[str, Layout]:
    """Lay out and render one resolved pathway.  ``node_href(node) -> str | None`` and
    ``cite_href(key) -> (href, label)`` decide the links (page-relative or file-relative)."""
    pw = resolved.pathway
    lay = _layout(
        tuple(NodeSpec(n.key, n.shown, n.band) for n in resolved.nodes),
        tuple(EdgeSpec(e.source, e.target, e.edge.label) for e in resolved.edges),
    )
    svg_nodes = {
        n.key: SvgNode(
            n.key,
            n.entity.display if n.entity is not None else n.shown,
            node_href(n),
            n.entity.kind if n.entity is not None else "",
        )
        for n in resolved.nodes
    }
    svg_edges = [
        SvgEdge(e.source, e.target, e.edge.relation, e.edge.label, tuple(cite_href(k) for k in e.keys), e.evidence,
                e.diseases)
        for e in resolved.edges
    ]
    desc = (
        f"Diagram of {len(resolved.edges)} interactions between {len(resolved.nodes)} entities; "
        "the same edges are listed in the table that follows it."
    )
    uid = f"atlas-pw-{pw.name}"
    return render_svg(uid, pw.title, desc, lay, svg_nodes, svg_edges, standalone=standalone), lay
