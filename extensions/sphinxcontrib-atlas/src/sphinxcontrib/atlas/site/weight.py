"""Page weight: sphinx-design's stylesheet and script only on the pages that use it.

sphinx-design adds its CSS and its tabs script to every page (about 10 KB gzipped), though
only the pages with its cards, grids, tabs or badges need them. Pages whose doctree has no
``sd-`` class go without. Nothing changes for sites without sphinx-design.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

DESIGN_FILES = ("sphinx-design", "design-tabs")


def uses_design(doctree: nodes.document) -> bool:
    return any(c.startswith("sd-") for node in doctree.findall(nodes.Element) for c in node.get("classes", ()))


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "").rsplit("/", 1)[-1]


def drop_unused_design(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if doctree is None or uses_design(doctree):
        return
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _name(a).startswith(DESIGN_FILES)]


def setup_weight(app: Sphinx) -> None:
    app.connect("html-page-context", drop_unused_design, priority=900)
