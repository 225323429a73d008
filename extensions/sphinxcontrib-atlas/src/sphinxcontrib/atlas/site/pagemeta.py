"""Page metadata from the front matter: the "last reviewed" line, the draft notice and the description.

``last-reviewed`` (YYYY-MM-DD) is shown under the page title as the date the page's
science was last checked against its sources (distinct from the last edit); ``summary``
becomes the page's ``<meta name="description">``.  Both come from MyST front matter,
which Sphinx's metadata collector stores in ``env.metadata``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..problems import AtlasWarning, warn

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(day: date) -> str:
    """A date as readers write it: "2 December 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def reviewed_line(app: Sphinx, doctree: nodes.document) -> None:
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
    para += nodes.inline("", long_date(day), classes=["atlas-date"])
    para += nodes.Text(" (the date this page's content was last checked against its sources).")
    section.insert(1, para)


#: ``status: draft`` in the front matter: the page is still being written
DRAFT_STATUS = "draft"


def draft_notice(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: a page marked ``status: draft`` tells its readers so, under its title."""
    env = app.env
    if str(env.metadata.get(env.docname, {}).get("status", "")).strip().lower() != DRAFT_STATUS:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return
    notice = nodes.admonition(classes=["atlas-draft", "warning"])
    notice += nodes.title("", "Draft")
    notice += nodes.paragraph("", "This page is still being written: it does not yet cover the range of evidence "
                                  "the atlas asks of a finished page. Read it with that in mind.")
    where = 2 if len(section) > 1 and "atlas-last-reviewed" in section[1].get("classes", []) else 1
    section.insert(where, notice)


class DescriptionMeta(SphinxPostTransform):
    """The summary as ``<meta name="description">``: a docutils meta node, so each builder
    serialises it itself (HTML5 for the site, well-formed XHTML for the e-book)."""

    default_priority = 21
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        summary = str(self.env.metadata.get(self.env.docname, {}).get("summary", "")).strip()
        if summary:
            self.document.insert(0, nodes.meta(name="description", content=" ".join(summary.split())))


def setup_pagemeta(app: Sphinx) -> None:
    app.connect("doctree-read", reviewed_line, priority=600)
    app.connect("doctree-read", draft_notice, priority=610)
    app.add_post_transform(DescriptionMeta)
