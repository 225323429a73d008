"""Page metadata from the front matter: the "last reviewed" line and the description.

``last-reviewed`` (YYYY-MM-DD) is shown under the page title as the date the page's
science was last checked against its sources (distinct from the last edit); ``summary``
becomes the page's ``<meta name="description">``.  Both come from MyST front matter,
which Sphinx's metadata collector stores in ``env.metadata``.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .warnings_ import AtlasWarning, warn

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _reviewed_line(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read, after the metadata collector: insert the review date under the title."""
    env = app.env
    value = str(env.metadata.get(env.docname, {}).get("last-reviewed", "")).strip()
    if not value:
        return
    try:
        day = date.fromisoformat(value)
    except ValueError:
        warn(AtlasWarning.PAGE_METADATA, f"last-reviewed {value!r} is not a YYYY-MM-DD date",
             location=(env.docname, 1))
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return
    para = nodes.paragraph(classes=["atlas-last-reviewed"])
    para += nodes.Text("Last reviewed: ")
    para += nodes.inline("", f"{day.day} {MONTHS[day.month - 1]} {day.year}", classes=["atlas-date"])
    para += nodes.Text(" (the date this page's content was last checked against its sources).")
    section.insert(1, para)


def _description(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    summary = str(app.env.metadata.get(pagename, {}).get("summary", "")).strip()
    if summary and "metatags" in context:
        context["metatags"] += f'\n    <meta name="description" content="{escape(" ".join(summary.split()))}">'


def _navigation_changed(app: Sphinx, env) -> list[str]:
    """env-updated: every page when the site's navigation changed, else none.

    Sphinx rewrites only the pages it re-read, but every page shows navigation built from
    other pages (previous/next links, the theme's site-wide table of contents): after a
    page was added, deleted, retitled or moved in a toctree, the pages not re-read kept
    stale links, so an incremental build differed from a clean one.  Such changes are
    rare; rewriting every page then is correct and cheap enough.
    """
    from .backlinks import snapshot_changed

    view = tuple(
        (doc, env.titles[doc].astext() if doc in env.titles else "", tuple(env.toctree_includes.get(doc, ())))
        for doc in sorted(env.found_docs)
    )
    return sorted(env.found_docs) if snapshot_changed(env, "navigation", view) else []


def setup_pagemeta(app: Sphinx) -> None:
    app.connect("doctree-read", _reviewed_line, priority=600)
    app.connect("html-page-context", _description)
    app.connect("env-updated", _navigation_changed)
