"""Placeholder nodes: left by directives and roles at read time, replaced by
post-transforms once every page is read (DESIGN.md, "Resolve late")."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

WRITER_FORMATS = ("html", "latex", "text", "man", "texinfo")


def _skip(self, node):  # pragma: no cover - placeholders are replaced before writing
    raise nodes.SkipNode


def add_placeholder_nodes(app: Sphinx, *node_classes: type[nodes.Element]) -> None:
    """Register nodes that post-transforms replace before any writer sees them; should one
    survive (a transform skipped on error), every writer skips it instead of failing."""
    for cls in node_classes:
        app.add_node(cls, **{fmt: (_skip, None) for fmt in WRITER_FORMATS})
