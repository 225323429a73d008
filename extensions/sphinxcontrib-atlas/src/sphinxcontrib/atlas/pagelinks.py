"""Links between pages that work under every builder.

The single-page builder (``singlehtml``) puts every page in one document and addresses a
page as ``#document-<name>``: appending ``#anchor`` to that gives a link with two ``#``
that leads nowhere, and ids that are unique within one page (``ref-mei2022bone`` in
each page's reference list) repeat in the one document.  :func:`page_uri` links to the
anchor itself there; :func:`doc_scoped` gives an id its page's prefix when pages share a
document.  Other builders (html, dirhtml, epub, latex, text) keep their own URIs.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri


def page_uri(builder: Builder, fromdoc: str, todoc: str, anchor: str = "") -> str:
    """The URI, relative to ``fromdoc``, of ``anchor`` on ``todoc`` (or of the page itself).

    Where pages share one document, ids carry their page's prefix (:mod:`.singlepage`),
    so the link is ``#<page prefix>--<anchor>``.
    """
    if fromdoc == todoc and anchor:
        return "#" + (doc_scoped(todoc, anchor) if pages_share_a_document(builder) else anchor)
    uri = builder.get_relative_uri(fromdoc, todoc)
    if not anchor:
        return uri
    if uri.startswith("#"):
        return "#" + doc_scoped(todoc, anchor)
    return f"{uri}#{anchor}"


def pages_share_a_document(builder: Builder) -> bool:
    """Whether every page is written into one output document (``singlehtml``)."""
    return builder.format == "html" and builder.get_target_uri(builder.config.root_doc).startswith("#")


def doc_scoped(docname: str, anchor: str) -> str:
    """``anchor`` made unique across pages: ``diseases-mds--ref-mei2022bone``."""
    return f"{nodes.make_id(docname) or 'page'}--{anchor}"


def file_uri(builder: Builder, fromdoc: str, path: str) -> str:
    """The URI of an output file (``_atlas/…``), relative to the page ``fromdoc`` is on."""
    if pages_share_a_document(builder):
        return path  # the one document sits at the output root
    return relative_uri(builder.get_target_uri(fromdoc), path)


def page_uri_from_file(builder: Builder, path: str, todoc: str, anchor: str = "") -> str:
    """The URI, relative to the output file ``path`` (``_atlas/…``), of ``anchor`` on ``todoc``."""
    if pages_share_a_document(builder):
        # in the one document, a page is its ``#document-<name>`` anchor
        page = builder.config.root_doc + builder.out_suffix
        return relative_uri(path, page) + "#" + (doc_scoped(todoc, anchor) if anchor else f"document-{todoc}")
    return relative_uri(path, builder.get_target_uri(todoc)) + (f"#{anchor}" if anchor else "")


def root_uri(builder: Builder, todoc: str, anchor: str = "") -> str:
    """The URI, relative to the output root, of ``anchor`` on ``todoc`` (or of the page
    itself): what the data files (``atlas.json``, the pathway JSON) record as a page's
    ``url``."""
    return page_uri_from_file(builder, "atlas.json", todoc, anchor)


def offers_downloads(builder: Builder) -> bool:
    """Whether pages link to (and the build writes) data files: HTML sites, not e-books.

    An EPUB may only contain the files its manifest lists, with known media types, so
    the .bib/.ris/.json downloads stay out of it (readers get them from the website).
    """
    return builder.format == "html" and not builder.name.startswith("epub")
