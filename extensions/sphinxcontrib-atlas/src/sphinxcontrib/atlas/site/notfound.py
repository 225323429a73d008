"""The 404 page's own links made absolute, like the theme's.

sphinx-notfound-page rewrites the theme's links and the page's images on the 404 page to
absolute paths (``notfound_urls_prefix``), because a host serves that page for a missing
address at any depth; links written in the page's text stay relative and would break one
level down. This rewrites them too. Without sphinx-notfound-page it does nothing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config


def notfound_page(config: Config) -> str:
    """The not-found page's docname (sphinx-notfound-page's setting, "404" without it)."""
    return getattr(config, "notfound_pagename", "404")


def absolute_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    config = app.config
    if app.builder.format != "html" or "notfound_urls_prefix" not in config:
        return
    if docname != notfound_page(config):
        return
    prefix = config.notfound_urls_prefix or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        parts = urlsplit(uri)
        if uri and not parts.scheme and not parts.netloc and not uri.startswith(("/", "#")):
            ref["refuri"] = prefix + uri  # the 404 page sits at the top of the output


def setup_notfound_links(app: Sphinx) -> None:
    app.connect("doctree-resolved", absolute_links)
