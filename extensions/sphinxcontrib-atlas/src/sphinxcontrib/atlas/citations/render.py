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
from sphinx.util.osutil import relative_uri

from ..settings import settings
from ..siteindex import builder_of, index_part
from .cslstyle import csl_renderer
from .domain import get_store, page_order, ref_anchor
from .downloads import PAGE_DOWNLOADS, STORE_DOWNLOADS, page_download_path
from .entry import entry_body
from .index import CitationIndex
from .records import Store
from .roles import bibliography_list, cite_ref


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
        for node in cites:
            docname = node.get("docname", self.env.docname)
            for key in node["keys"]:
                backrefs.setdefault((docname, key), []).append(node["ids"][0])
            node.replace_self(self._render_cite(node, docname, store, numeric))
        for node in lists:
            docname = node.get("docname", self.env.docname)
            node.replace_self(self._render_list(node, docname, store, numeric, backrefs))

    # in-text ------------------------------------------------------------------------

    def _label(self, docname: str, key: str, store: Store, numeric: bool) -> str:
        """What :func:`citation_label` returns, with the page's numbering computed once."""
        if not numeric:
            return store.short_label(key)
        if docname not in self._numbers:
            self._numbers[docname] = {k: str(i) for i, k in enumerate(page_order(self.env, docname), start=1)}
        return self._numbers[docname].get(key, "?")

    def _render_cite(self, node: cite_ref, docname: str, store: Store, numeric: bool) -> nodes.Node:
        out = nodes.inline(classes=["atlas-citation"], ids=node["ids"])
        parts: list[nodes.Node] = []
        for key in node["keys"]:
            ref = store.get(key)
            if ref is None:
                parts.append(nodes.inline("", f"?{key}", classes=["atlas-cite-unknown"]))
                continue
            label = self._label(docname, key, store, numeric)
            if node["style"] == "t":
                names, year = store.author_year(key)
                text = f"{names} [{label}]" if numeric else f"{names} ({year})"
            else:
                text = label
            link = nodes.reference("", text, refid=ref_anchor(key), classes=["atlas-cite"])
            link["reftitle"] = f"{store.short_label(key)}: {ref.title}"
            parts.append(link)
        sep = ", " if numeric and node["style"] == "p" else "; "
        body: list[nodes.Node] = []
        for i, part in enumerate(parts):
            if i:
                body.append(nodes.Text(sep))
            body.append(part)
        if node["style"] == "p":
            open_, close = ("[", "]") if numeric else ("(", ")")
            out += nodes.Text(open_)
            out.extend(body)
            out += nodes.Text(close)
        else:
            out.extend(body)
        return out

    # lists --------------------------------------------------------------------------

    def _render_list(self, node, docname, store, numeric, backrefs) -> nodes.Node:
        show_all = node.get("all", False)
        if show_all:
            keys = [ref.key for ref in store]
        else:
            keys = page_order(self.env, docname)
            if not numeric:
                keys.sort(key=lambda k: (store.refs[k].sort_key, k))
        # A page's own list is left out of the search index (the references page, which lists
        # the whole store, is not): otherwise every author and title word of 30 references
        # would match every page citing them, and indexing them dominated big builds.
        extra = ["atlas-bibliography-all"] if show_all else ["no-search"]
        container = nodes.container(classes=["atlas-bibliography", *extra])
        if not keys:
            container += nodes.paragraph("", "No references cited on this page.")
            return container
        downloads = self._downloads(docname, show_all)
        if downloads is not None:
            container += downloads
        listnode = nodes.enumerated_list(enumtype="arabic") if numeric and not show_all else nodes.bullet_list()
        listnode["classes"].append("atlas-reflist")
        for key in keys:
            listnode += self._render_entry(key, store, backrefs.get((docname, key), []), show_all, docname)
        container += listnode
        return container

    def _render_entry(self, key, store, backrefs, show_all, docname) -> nodes.list_item:
        ref = store.refs[key]
        year_class = re.sub(r"\D", "", ref.year)[:4] or "nd"
        item = nodes.list_item(
            ids=[ref_anchor(key)],
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
        if show_all:
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
                uri = self.builder.get_relative_uri(docname, doc) + "#" + ref_anchor(key)
                para += nodes.reference("", title, refuri=uri, internal=True)
            else:
                para += nodes.emphasis("", title)
        return para

    def _downloads(self, docname: str, show_all: bool) -> nodes.Node | None:
        if self.builder.format != "html":
            return None
        base = self.builder.get_target_uri(docname)
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
            para += nodes.reference("", label, refuri=relative_uri(base, path), classes=["atlas-download"])
        return para
