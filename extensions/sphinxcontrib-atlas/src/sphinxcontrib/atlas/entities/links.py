"""Links between pages, built as format-neutral nodes (plain text where a builder has no URI)."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from ..pagelinks import page_uri
from .records import Entity


def link(builder: Builder, fromdocname: str, todocname: str, anchor: str | None, text: str,
         title: str | None = None, classes: Sequence[str] = ()) -> nodes.Node:
    """An internal link to ``todocname#anchor``, or plain text where the builder has no URI for it."""
    try:
        ref = make_refnode(builder, fromdocname, todocname, anchor, nodes.inline("", text), title)
    except NoUri:
        return nodes.inline("", text, classes=list(classes))
    ref["classes"] += list(classes)
    return ref


def joined(parts: Sequence[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(sep))
        out.append(part)
    return out


def entity_uri(builder: Builder, fromdocname: str, entity: Entity) -> str:
    """Relative URI from ``fromdocname`` to the entity's anchor ("" if the builder has none)."""
    try:
        return page_uri(builder, fromdocname, entity.docname, entity.anchor)
    except NoUri:
        return ""
