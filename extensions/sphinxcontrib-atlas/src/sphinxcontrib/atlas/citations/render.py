"""Late rendering of citations and reference lists (a post-transform, after every page is read).

Placeholders become ordinary docutils nodes (format-neutral), so HTML, LaTeX and text
builders all work: in-text citations link to the page's own list; a list entry links
back to each citation; the ``:all:`` list says which pages cite each entry (from the
site index).  Entry bodies come from :mod:`.entry`.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..pagelinks import doc_scoped, file_uri, offers_downloads, page_uri, pages_share_a_document
from ..settings import settings
from ..siteindex import builder_of, index_part
from .citetext import render_citation
from .cslstyle import csl_renderer
from .domain import BibliographyRecord, get_store, page_order, ref_anchor
from .downloads import PAGE_DOWNLOADS, STORE_DOWNLOADS, page_download_path
from .entry import entry_body
from .index import CitationIndex
from .records import Store
from .roles import bibliography_list, cite_ref
from .selection import citation_order, list_keys, list_record, ordered_by_citation


class CitationRenderer(SphinxPostTransform):
    """Turn placeholders into plain docutils nodes (runs before reference resolution)."""

    default_priority = 5

    @property
    def builder(self) -> Builder:
        return builder_of(self.env)

    def run(self, **kwargs: Any) -> None:
        cites = list(self.document.findall(cite_ref))
        lists = list(self.document.findall(bibliography_list))
        if not cites and not lists:
            return
        # Each placeholder carries its own document: the LaTeX and single-page builders
        # render one doctree assembled from many documents.
        store = get_store(self.env)
        numeric = settings(self.config).citation_style == "numeric"
        backrefs: dict[tuple[str, str], list[str]] = {}
        self._numbers: dict[str, dict[str, str]] = {}  # docname -> key -> number (numeric style)
        self._shared = pages_share_a_document(self.builder)
        for node in cites:
            docname = node.get("docname", self.env.docname)
            if self._shared:
                node["ids"] = [doc_scoped(docname, i) for i in node["ids"]]
            rendered = render_citation(node, store, lambda key, d=docname: self._label(d, key, store, numeric),
                                       numeric, lambda key, d=docname: self._anchor(d, key))
            if rendered is None:  # {cite:empty}: listed, not shown
                node.parent.remove(node)
                continue
            for key in node["keys"]:
                backrefs.setdefault((docname, key), []).append(node["ids"][0])
            node.replace_self(rendered)
        for node in lists:
            docname = node.get("docname", self.env.docname)
            section = node.parent
            if self._shared and isinstance(section, nodes.section) and "atlas-references" in section["ids"]:
                section["ids"] = [doc_scoped(docname, "atlas-references")]
            node.replace_self(self._render_list(node, docname, store, numeric, backrefs))

    # in-text ------------------------------------------------------------------------

    def _label(self, docname: str, key: str, store: Store, numeric: bool) -> str:
        """What :func:`citation_label` returns, with the page's numbering computed once."""
        if not numeric:
            return store.short_label(key)
        if docname not in self._numbers:
            prefix = list_record(self.env, docname).labelprefix
            order = page_order(self.env, docname)
            self._numbers[docname] = {k: f"{prefix}{i}" for i, k in enumerate(order, start=1)}
        return self._numbers[docname].get(key, "?")

    def _anchor(self, docname: str, key: str) -> str:
        """The id of ``key``'s entry in the list of ``docname``."""
        return doc_scoped(docname, ref_anchor(key)) if self._shared else ref_anchor(key)

    # lists --------------------------------------------------------------------------

    def _render_list(self, node, docname, store, numeric, backrefs) -> nodes.Node:
        record = list_record(self.env, docname)
        index = index_part(self.env, CitationIndex)
        keys, scope = list_keys(self.env, docname, store, record, index.citing)
        if ordered_by_citation(record, numeric, scope):
            keys = citation_order(self.env, docname, keys, scope)
        else:
            keys.sort(key=lambda k: (store.refs[k].sort_key, k))
        site_wide = scope != "page"
        # A page's own list is left out of the search index (the references page, which lists
        # the whole store, is not): otherwise every author and title word of 30 references
        # would match every page citing them, and indexing them dominated big builds.
        extra = ["atlas-bibliography-all"] if site_wide else ["no-search"]
        container = nodes.container(classes=["atlas-bibliography", *extra])
        if not keys:
            container += nodes.paragraph("", "No references cited on this page.")
            return container
        downloads = self._downloads(docname, scope)
        if downloads is not None:
            container += downloads
        container += self._list_node(record, numeric, scope)
        for key in keys:
            container[-1] += self._render_entry(key, store, backrefs.get((docname, key), []), site_wide, docname)
        return container

    @staticmethod
    def _list_node(record: BibliographyRecord, numeric: bool, scope: str) -> nodes.Element:
        kind = record.list_type or ("enumerated" if numeric and scope == "page" else "bullet")
        if kind == "enumerated":
            listnode: nodes.Element = nodes.enumerated_list(enumtype=record.enumtype, prefix="", suffix=".")
            if record.start != 1:
                listnode["start"] = record.start
        else:
            listnode = nodes.bullet_list()
        listnode["classes"].append("atlas-reflist")
        return listnode

    def _render_entry(self, key, store, backrefs, site_wide, docname) -> nodes.list_item:
        ref = store.refs[key]
        year_class = re.sub(r"\D", "", ref.year)[:4] or "nd"
        item = nodes.list_item(
            ids=[self._anchor(docname, key)],
            classes=["atlas-ref", f"atlas-year-{year_class}"] + [f"atlas-ev-{e}" for e in ref.evidence],
        )
        renderer = csl_renderer(self.env)
        item.extend(entry_body(ref, self.builder.format, renderer.text(ref) if renderer else ""))
        if backrefs:
            back = nodes.paragraph(classes=["atlas-backlinks"])
            back += nodes.Text("Cited here: ")
            for i, anchor in enumerate(backrefs, start=1):
                if i > 1:
                    back += nodes.Text(" ")
                link = nodes.reference("", f"↩{i}" if len(backrefs) > 1 else "↩", refid=anchor)
                link["reftitle"] = f"Back to citation {i}"
                back += link
            item += back
        if site_wide:
            item += self._cited_on(key, docname)
        return item

    def _cited_on(self, key: str, docname: str) -> nodes.Node:
        para = nodes.paragraph(classes=["atlas-cited-on"])
        index = index_part(self.env, CitationIndex)
        docs = [d for d in index.citing.get(key, ()) if d != docname]
        if not docs:
            para += nodes.Text("Not cited on any page yet.")
            return para
        para += nodes.Text("Cited on: ")
        docs.sort(key=lambda d: (index.titles[d].lower(), d))
        for i, doc in enumerate(docs):
            if i:
                para += nodes.Text(", ")
            title = index.titles[doc]
            if self.builder.format == "html":
                uri = page_uri(self.builder, docname, doc, ref_anchor(key))
                para += nodes.reference("", title, refuri=uri, internal=True)
            else:
                para += nodes.emphasis("", title)
        return para

    def _downloads(self, docname: str, scope: str) -> nodes.Node | None:
        if not offers_downloads(self.builder) or scope not in ("page", "all"):
            return None
        show_all = scope == "all"
        para = nodes.paragraph(classes=["atlas-downloads"])
        if show_all:
            para += nodes.Text("Download the whole store: ")
            targets = [(label, path) for label, path in STORE_DOWNLOADS]
        else:
            para += nodes.Text("Download these references: ")
            targets = [(label, page_download_path(docname, ext)) for label, ext in PAGE_DOWNLOADS]
        for i, (label, path) in enumerate(targets):
            if i:
                para += nodes.Text(" · ")
            para += nodes.reference("", label, refuri=file_uri(self.builder, docname, path), classes=["atlas-download"])
        return para
