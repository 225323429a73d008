"""Late rendering of pathway placeholders (a post-transform, after every page is read).

For each ``pathway`` placeholder: the HTML builder gets the inline SVG figure (a raw
HTML node) with download links; the EPUB builder the standalone drawing as an image of
the book; other builders (text, LaTeX...) get a short note that the diagram is in the
HTML and EPUB versions.  Every builder then gets the text alternative: a table of the
edges (source, relation, target, label, citations linked to the page's own reference
list, evidence types and, when any edge has one, the disease context).  The diagrams
come resolved from the site index (:class:`~.index.PathwayIndex`).

``pathway-index`` placeholders become a table of every pathway of the site.  No
``pending_xref`` is created here: links are computed directly from the entity index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..citations.domain import citation_label, get_store, ref_anchor
from ..entities.index import EntityIndex
from ..entities.links import entity_uri
from ..outputs import write_if_changed
from ..pagelinks import file_uri, offers_downloads, page_uri
from ..problems import report
from ..siteindex import builder_of, index_part
from .directive import pathway_index_node, pathway_node
from .figure import DOWNLOAD_DIR, build_svg
from .files import DOWNLOADS
from .index import PathwayIndex
from .parse import RELATION_SYMBOLS
from .records import Pathway
from .resolve import Resolved
from .svg import render_figure

#: where an e-book keeps its diagrams (inside the book)
EPUB_FIGURE_DIR = "_images/atlas-pathways"


class PathwayRenderer(SphinxPostTransform):
    default_priority = 8

    @property
    def builder(self) -> Builder:
        return builder_of(self.env)

    def run(self, **kwargs: Any) -> None:
        diagrams = list(self.document.findall(pathway_node))
        listings = list(self.document.findall(pathway_index_node))
        if not diagrams and not listings:
            return
        self.index = index_part(self.env, PathwayIndex)
        self.entities = index_part(self.env, EntityIndex)
        # the page a placeholder came from: LaTeX assembles every page into one doctree
        for node in diagrams:
            self.docname = node.get("docname") or self.env.docname
            resolved = self.index.on_page(self.docname, node["pathway"])
            if resolved is None:  # pragma: no cover - the directive always records what it leaves
                node.replace_self([])
                continue
            node.replace_self(self.render(resolved))
        for node in listings:
            self.docname = node.get("docname") or self.env.docname
            node.replace_self(self.render_index())

    # one diagram --------------------------------------------------------------------

    def render(self, resolved: Resolved) -> list[nodes.Node]:
        env, builder, docname = self.env, self.builder, self.docname
        pw = resolved.pathway
        for problem in resolved.problems:
            report(problem, docname)
        container = nodes.container(ids=[pw.anchor], classes=["atlas-pathway-block"])
        # EPUB readers do not run the figure's script: the book gets the drawing as an
        # image (:meth:`epub_figure`) and the table.
        if builder.format == "html" and offers_downloads(builder):

            def node_href(n):
                return (entity_uri(builder, docname, n.entity) or None) if n.entity is not None else None

            def cite_href(key):
                return page_uri(builder, docname, docname, ref_anchor(key)), citation_label(env, docname, key)

            svg, _lay = build_svg(resolved, node_href, cite_href)
            downloads = []
            if self.index.canonical.get(pw.name) == docname:
                downloads = [(label, file_uri(builder, docname, f"{DOWNLOAD_DIR}/{pw.name}{suffix}"))
                             for label, suffix in DOWNLOADS]
            caption = pw.title + (f". {pw.caption}" if pw.caption else "")
            html = render_figure(
                f"atlas-pw-{pw.name}",
                svg,
                caption=caption,
                diseases=resolved.diseases,
                downloads=downloads,
            )
            container += nodes.raw("", html, format="html")
        elif builder.name.startswith("epub"):
            container += self.epub_figure(resolved)
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

    def epub_figure(self, resolved: Resolved) -> nodes.figure:
        """The e-book's figure: the standalone drawing (styled on its own, no script) as
        an image file of the book, with the title and caption below; the edge table that
        follows holds the links. An image, not inline SVG: inline SVG needs manifest
        properties Sphinx does not write."""
        env, builder, pw = self.env, self.builder, resolved.pathway
        svg, _lay = build_svg(resolved, lambda n: None, lambda key: ("", citation_label(env, self.docname, key)),
                              standalone=True, picture=True)
        rel = f"{EPUB_FIGURE_DIR}/{pw.name}.svg"
        write_if_changed(Path(builder.outdir) / rel, '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n")
        figure = nodes.figure(ids=[f"{pw.anchor}-figure"], classes=["atlas-pw-epub-figure"])
        figure += nodes.image(uri=file_uri(builder, self.docname, rel), candidates={"?": rel},
                              alt=f"Diagram: {pw.title}. The same interactions are listed in the table below.")
        figure += nodes.caption("", pw.title + (f". {pw.caption}" if pw.caption else ""))
        return figure

    def _entity_ref(self, name: str, ent) -> nodes.Node:
        if ent is None:
            return nodes.inline("", name, classes=["atlas-ent-unknown"])
        uri = entity_uri(self.builder, self.docname, ent)
        if not uri:
            return nodes.inline("", ent.display)
        ref = nodes.reference("", ent.display, refuri=uri, internal=True, classes=["atlas-ent"])
        ref["reftitle"] = ent.label
        return ref

    def _node_ref(self, resolved: Resolved, name: str, node) -> list[nodes.Node]:
        """A node in the edge table: its entity's link, "gene" for a gene, and the cell it
        is drawn in when the diagram spans cells (the drawn outlines are aria-hidden)."""
        out = [self._entity_ref(name, node.entity)]
        if node.gene:
            out.append(nodes.Text(" gene"))
        cell = resolved.cell_of(node)
        if cell is not None and cell[0] != node.key:  # a cell's own node needs no "(in ...)"
            out.append(nodes.Text(f" (in {cell[1]})"))
        return out

    def edge_table(self, resolved: Resolved, citation_label, ref_anchor) -> nodes.table:
        env, docname = self.env, self.docname
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
        for e in resolved.edges:
            row = nodes.row(classes=[f"atlas-pw-rel-{e.edge.relation}", f"atlas-pw-{e.edge.direction}"])
            src, tgt = by_key[e.source], by_key[e.target]
            cells: list[list[nodes.Node]] = [
                self._node_ref(resolved, e.edge.source, src),
                [nodes.Text(f"{RELATION_SYMBOLS[e.edge.relation]} {e.edge.relation}"
                            + (" (not supported by its sources)" if e.edge.direction == "against" else ""))],
                self._node_ref(resolved, e.edge.target, tgt),
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
                    dis.append(self._entity_ref(d, self.entities.lookup(d)))
                if not dis:  # the disease switch keeps these edges: say why
                    dis.append(nodes.emphasis("", "no disease named"))
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
        uri = page_uri(builder, docname, pw.docname, pw.anchor if anchor else "")
        return nodes.reference("", text, refuri=uri, internal=True)

    def render_index(self) -> nodes.Node:
        diagrams = sorted(self.index.site_pathways(), key=lambda r: (r.pathway.title.casefold(), r.pathway.name))
        if not diagrams:
            return nodes.paragraph("", "No pathway diagrams yet.", classes=["atlas-pw-index"])
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
        for resolved in diagrams:
            pw = resolved.pathway
            page = self.index.titles.get(pw.docname, pw.docname)
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
