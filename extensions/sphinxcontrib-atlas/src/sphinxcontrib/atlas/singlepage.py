"""Ids and internal links of the single-page output (``singlehtml``), made unique and whole.

The single-page builder inlines every page into one document.  Ids that are unique
within a page ("in-brief", "pathway-…-edges", "atlas-references") then repeat, and
links Sphinx and extensions build as ``#document-<page>#<anchor>`` have two ``#`` and
lead nowhere.  This post-transform runs last on that one document: every id of a page
gets the page's prefix (:func:`~.pagelinks.doc_scoped`), every same-page ``refid``
follows, and every ``#document-<page>#<anchor>`` becomes ``#<page prefix>--<anchor>``,
which is what :func:`~.pagelinks.page_uri` already writes for links it builds.  The
navigation Sphinx renders outside the document (the ``toc`` and ``toctree()`` of the
page template) gets the same rewrite of its ``href`` values.  Other builders never run
any of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .pagelinks import doc_scoped, pages_share_a_document
from .siteindex import builder_of

_DOCUMENT = "#document-"


def _scoped(docname: str, anchor: str) -> str:
    prefix = doc_scoped(docname, "")
    return anchor if anchor.startswith(prefix) or anchor.startswith("document-") else doc_scoped(docname, anchor)


def _fix_uri(uri: str) -> str:
    if not uri.startswith(_DOCUMENT):
        return uri
    page, sep, anchor = uri[len(_DOCUMENT):].partition("#")
    return f"#{_scoped(page, anchor)}" if sep and anchor else uri


class SinglePageIds(SphinxPostTransform):
    default_priority = 990  # after every other post-transform and reference resolution

    def run(self, **kwargs: Any) -> None:
        if not pages_share_a_document(builder_of(self.env)):
            return
        root = self.document.get("docname", self.config.root_doc)
        self._walk(self.document, root)
        # Sphinx marks where each inlined page starts ("document-<page>") but not the root
        # page, which links such as "back to the overview" address the same way
        if not any(f"document-{root}" in n["ids"] for n in self.document.findall(nodes.Element)):
            self.document.insert(0, nodes.target("", "", ids=[f"document-{root}"]))

    def _walk(self, node: nodes.Element, docname: str) -> None:
        for child in node.children:
            if not isinstance(child, nodes.Element):
                continue
            doc = child["docname"] if isinstance(child, addnodes.start_of_file) else docname
            if child["ids"]:
                child["ids"] = [_scoped(doc, i) for i in child["ids"]]
            if child.get("refid"):
                child["refid"] = _scoped(doc, child["refid"])
            if child.get("backrefs"):
                child["backrefs"] = [_scoped(doc, i) for i in child["backrefs"]]
            if child.get("refuri"):
                child["refuri"] = _fix_uri(child["refuri"])
            self._walk(child, doc)


_HREF_RE = re.compile(r'href="#document-([^"#]+)#([^"]+)"')


def _fix_hrefs(html: str) -> str:
    return _HREF_RE.sub(lambda m: f'href="#{_scoped(m.group(1), m.group(2))}"', html)


def _fixed(render: Callable[..., str]) -> Callable[..., str]:
    def toctree(*args: Any, **kwargs: Any) -> str:
        return _fix_hrefs(render(*args, **kwargs))

    return toctree


def fix_navigation(app, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """html-page-context: the template's navigation links of the single page, made whole."""
    if not pages_share_a_document(app.builder):
        return
    if isinstance(context.get("toc"), str):
        context["toc"] = _fix_hrefs(context["toc"])
    if callable(context.get("toctree")):
        context["toctree"] = _fixed(context["toctree"])


def setup_singlepage(app) -> None:
    app.add_post_transform(SinglePageIds)
    app.connect("html-page-context", fix_navigation)
