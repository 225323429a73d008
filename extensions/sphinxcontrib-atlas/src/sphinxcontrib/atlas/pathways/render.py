"""Late rendering of pathway placeholders (a post-transform, after every page is read).

For each ``pathway`` placeholder: the HTML builder gets the inline SVG figure (a raw
HTML node) with download links; other builders (text, LaTeX...) get a short note that
the diagram is HTML-only.  Every builder then gets the text alternative: a table of the
edges (source, relation, target, label, citations linked to the page's own reference
list, evidence types and, when any edge has one, the disease context).

``pathway-index`` placeholders become a table of every pathway of the site, and
:func:`appears_in_section` gives entity pages their "Appears in pathways" list.  No
``pending_xref`` is created here: links are computed directly from the entity domain.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..warnings_ import warn
from .data import Pathway, Resolved, _data, all_pathways, disease_options, entity_pathways, pathways_of, resolve
from .directive import pathway_index_node, pathway_node, warning_kind
from .files import DOWNLOAD_DIR
from .layout import EdgeSpec, Layout, NodeSpec, layout
from .parse import RELATION_SYMBOLS
from .svg import SvgEdge, SvgNode, render_figure, render_svg


def _entity_uri(builder, fromdocname: str, ent) -> str:
    from ..domain import entity_uri

    return entity_uri(builder, fromdocname, ent)


@lru_cache(maxsize=256)
def _layout(nodes: tuple[NodeSpec, ...], edges: tuple[EdgeSpec, ...]) -> Layout:
    """Layout is pure and the costliest step (seconds at 500 edges); a pathway's page and
    its SVG download in the same process share one result."""
    return layout(nodes, edges)


def build_svg(
    env: BuildEnvironment,
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


class PathwayRenderer(SphinxPostTransform):
    default_priority = 8

    @property
    def builder(self):
        # what Sphinx's own post-transforms use (SphinxTransform.app is deprecated)
        return self.env._app.builder

    def run(self, **kwargs: Any) -> None:
        # the page a placeholder came from: LaTeX assembles every page into one doctree
        for node in list(self.document.findall(pathway_node)):
            self.docname = node.get("docname") or self.env.docname
            pw = next((p for p in pathways_of(self.env, self.docname) if p.name == node["pathway"]), None)
            if pw is None:  # pragma: no cover - the directive always records what it leaves
                node.replace_self([])
                continue
            node.replace_self(self.render(pw))
        for node in list(self.document.findall(pathway_index_node)):
            self.docname = node.get("docname") or self.env.docname
            node.replace_self(self.render_index())

    # one diagram --------------------------------------------------------------------

    def render(self, pw: Pathway) -> list[nodes.Node]:
        from ..citations import citation_label, ref_anchor

        env, builder, docname = self.env, self.builder, self.docname
        resolved = resolve(env, pw)
        for problem in resolved.problems:
            warn(warning_kind(problem.kind), problem.message, location=(docname, problem.lineno))
        container = nodes.container(ids=[pw.anchor], classes=["atlas-pathway-block"])
        if builder.format == "html":

            def node_href(n):
                return (_entity_uri(builder, docname, n.entity) or None) if n.entity is not None else None

            svg, _lay = build_svg(env, resolved, node_href, lambda k: ("#" + ref_anchor(k),
                                                                      citation_label(env, docname, k)))
            downloads = []
            canonical = {p.name: p for p in all_pathways(env)}.get(pw.name)
            if canonical is not None and canonical.docname == docname and canonical.lineno == pw.lineno:
                base = builder.get_target_uri(docname)
                downloads = [
                    ("SVG", relative_uri(base, f"{DOWNLOAD_DIR}/{pw.name}.svg")),
                    ("JSON", relative_uri(base, f"{DOWNLOAD_DIR}/{pw.name}.json")),
                ]
            caption = pw.title + (f". {pw.caption}" if pw.caption else "")
            html = render_figure(
                f"atlas-pw-{pw.name}",
                svg,
                caption=caption,
                diseases=disease_options(env, resolved),
                downloads=downloads,
            )
            container += nodes.raw("", html, format="html")
        else:
            note = nodes.paragraph(classes=["atlas-pw-note"])
            note += nodes.strong("", pw.title)
            note += nodes.Text(
                ". The interactive diagram is available in the HTML version of this site; "
                "its edges are listed in the table below."
            )
            container += note
            if pw.caption:
                container += nodes.paragraph("", pw.caption, classes=["atlas-pw-caption"])
        container += self.edge_table(resolved, citation_label, ref_anchor)
        return [container]

    def _entity_ref(self, name: str, ent) -> nodes.Node:
        if ent is None:
            return nodes.inline("", name, classes=["atlas-ent-unknown"])
        uri = _entity_uri(self.builder, self.docname, ent)
        if not uri:
            return nodes.inline("", ent.display)
        ref = nodes.reference("", ent.display, refuri=uri, internal=True, classes=["atlas-ent"])
        ref["reftitle"] = ent.label
        return ref

    def edge_table(self, resolved: Resolved, citation_label, ref_anchor) -> nodes.table:
        env, docname = self.env, self.docname
        from ..citations import get_store

        store = get_store(env)
        by_key = {n.key: n for n in resolved.nodes}
        context = any(e.diseases for e in resolved.edges)
        headers = ["Source", "Relation", "Target", "Label", "Citations", "Evidence"] + (["Evidence from"] if context
                                                                                        else [])
        widths = [14, 12, 14, 20, 24, 16] + ([12] if context else [])
        table = nodes.table(classes=["atlas-pw-table"], ids=[f"{resolved.pathway.anchor}-edges"])
        table += nodes.title("", f"Edges of “{resolved.pathway.title}” (text alternative to the diagram)")
        tgroup = nodes.tgroup(cols=len(headers))
        table += tgroup
        for w in widths:
            tgroup += nodes.colspec(colwidth=w)
        thead = nodes.thead()
        tgroup += thead
        row = nodes.row()
        for h in headers:
            row += nodes.entry("", nodes.paragraph("", h))
        thead += row
        tbody = nodes.tbody()
        tgroup += tbody
        from ..domain import lookup_entity

        for e in resolved.edges:
            row = nodes.row(classes=[f"atlas-pw-rel-{e.edge.relation}", f"atlas-pw-{e.edge.direction}"])
            src, tgt = by_key[e.source], by_key[e.target]
            cells: list[list[nodes.Node]] = [
                [self._entity_ref(e.edge.source, src.entity)],
                [nodes.Text(f"{RELATION_SYMBOLS[e.edge.relation]} {e.edge.relation}"
                            + (" (not supported by its sources)" if e.edge.direction == "against" else ""))],
                [self._entity_ref(e.edge.target, tgt.entity)],
                [nodes.Text(e.edge.label)],
            ]
            cites: list[nodes.Node] = []
            for key in e.edge.keys:
                if cites:
                    cites.append(nodes.Text("; "))
                if key in store:
                    ref = nodes.reference("", citation_label(env, docname, key), refid=ref_anchor(key),
                                          internal=True, classes=["atlas-cite"])
                    ref["reftitle"] = store.short_label(key)
                    cites.append(ref)
                else:
                    cites.append(nodes.inline("", f"?{key}", classes=["atlas-cite-unknown"]))
            if not cites:
                cites.append(nodes.emphasis("", "no citation"))
            cells.append(cites)
            evidence: list[nodes.Node] = []
            for ev in e.evidence:
                if evidence:
                    evidence.append(nodes.Text(" "))
                evidence.append(nodes.inline("", ev, classes=["atlas-badge", f"atlas-badge-{ev}"]))
            cells.append(evidence)
            if context:
                dis: list[nodes.Node] = []
                for d in e.diseases:
                    if dis:
                        dis.append(nodes.Text(", "))
                    dis.append(self._entity_ref(d, lookup_entity(env, d)))
                cells.append(dis)
            for content in cells:
                para = nodes.paragraph()
                para.extend(content)
                row += nodes.entry("", para)
            tbody += row
        return table

    # the index ----------------------------------------------------------------------

    def _page_ref(self, pw: Pathway, text: str, anchor: bool = True) -> nodes.Node:
        builder, docname = self.builder, self.docname
        if pw.docname == docname:
            return nodes.reference("", text, refid=pw.anchor, internal=True)
        uri = builder.get_relative_uri(docname, pw.docname) + ("#" + pw.anchor if anchor else "")
        return nodes.reference("", text, refuri=uri, internal=True)

    def render_index(self) -> nodes.Node:
        env = self.env
        pws = all_pathways(env)
        if not pws:
            return nodes.paragraph("", "No pathway diagrams yet.", classes=["atlas-pw-index"])
        pws.sort(key=lambda p: (p.title.casefold(), p.name))
        table = nodes.table(classes=["atlas-pw-index"])
        tgroup = nodes.tgroup(cols=4)
        table += tgroup
        for w in (26, 22, 8, 44):
            tgroup += nodes.colspec(colwidth=w)
        thead = nodes.thead()
        tgroup += thead
        row = nodes.row()
        for h in ("Pathway", "Page", "Edges", "Nodes"):
            row += nodes.entry("", nodes.paragraph("", h))
        thead += row
        tbody = nodes.tbody()
        tgroup += tbody
        for pw in pws:
            resolved = resolve(env, pw)
            title = env.titles.get(pw.docname)
            page = title.astext() if title is not None else pw.docname
            row = nodes.row()
            node_cells: list[nodes.Node] = []
            for n in resolved.nodes:
                if node_cells:
                    node_cells.append(nodes.Text(", "))
                node_cells.append(self._entity_ref(n.shown, n.entity))
            for content in (
                [self._page_ref(pw, pw.title)],
                [self._page_ref(pw, page, anchor=False)],
                [nodes.Text(str(len(resolved.edges)))],
                node_cells,
            ):
                para = nodes.paragraph()
                para.extend(content)
                row += nodes.entry("", para)
            tbody += row
        return table


# -- entity pages -------------------------------------------------------------------

_APPEARS_CACHE: dict[int, tuple[str | None, dict[str, list[Pathway]]]] = {}


def appears_in_section(app: Sphinx, env: BuildEnvironment, docname: str, entity) -> list[nodes.Node]:
    """"Appears in pathways" for an entity page (an empty list when there are none)."""
    token = _data(env)["signatures"].get("index")
    cached = _APPEARS_CACHE.get(id(env))
    if cached is None or cached[0] != token or token is None:
        cached = (token, entity_pathways(env))
        _APPEARS_CACHE.clear()
        _APPEARS_CACHE[id(env)] = cached
    pws = cached[1].get(entity.id, [])
    if not pws:
        return []
    para = nodes.paragraph()
    for i, pw in enumerate(pws):
        if i:
            para += nodes.Text(", ")
        if pw.docname == docname:
            para += nodes.reference("", pw.title, refid=pw.anchor, internal=True)
        elif app.builder.format == "html":
            uri = app.builder.get_relative_uri(docname, pw.docname) + "#" + pw.anchor
            para += nodes.reference("", pw.title, refuri=uri, internal=True)
        else:
            para += nodes.emphasis("", pw.title)
    field = nodes.field(classes=["atlas-entity-pathways"])
    field += nodes.field_name("", "Appears in pathways")
    field += nodes.field_body("", para)
    return [field]
