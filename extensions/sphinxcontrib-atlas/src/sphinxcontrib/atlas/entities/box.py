"""An entity's identifier box: its names, kind, compartment, linked identifiers, the
pages that mention it and the pathways that draw it.

A post-transform (priority 8, before references are resolved) replaces each
:class:`~.directives.entity_box` placeholder with a plain, format-neutral box built from
the site index; a later declaration of an id gets a short box pointing to the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..siteindex import builder_of, index_part
from .directives import entity_box
from .index import EntityIndex, PathwayLink
from .links import joined, link
from .records import Entity, xref_display, xref_url


def _field(name: str, body: Sequence[nodes.Node], cls: str) -> nodes.field:
    field = nodes.field(classes=[f"atlas-entity-{cls}"])
    field += nodes.field_name("", name)
    para = nodes.paragraph()
    para.extend(body)
    field += nodes.field_body("", para)
    return field


# -- the box -------------------------------------------------------------------------


def identifier_nodes(entity: Entity) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    for prefix, value in entity.xrefs:
        db, shown = xref_display(prefix, value)
        item = nodes.inline(classes=["atlas-xref", f"atlas-xref-{prefix}"])
        url = xref_url(prefix, value)
        if url:
            if ":" not in shown:  # "UniProt P08887", but "HGNC:6019" names its database already
                item += nodes.Text(f"{db} ")
            item += nodes.reference("", shown, refuri=url, classes=["atlas-xref-link"], reftitle=db)
        else:
            item += nodes.literal("", f"{prefix}:{value}")
        parts.append(item)
    return parts


def render_box(builder: Builder, index: EntityIndex, fromdocname: str, entity: Entity) -> nodes.container:
    box = nodes.container(classes=["atlas-entity-box"] + ([f"atlas-entity-{entity.kind}"] if entity.kind else []))
    head = nodes.paragraph(classes=["atlas-entity-title"])
    head += nodes.strong("", entity.label)
    if entity.label != entity.id:
        head += nodes.Text(" ")
        head += nodes.literal("", entity.id, classes=["atlas-entity-id"])
    box += head
    fields = nodes.field_list(classes=["atlas-entity-fields"])
    fields += _field("Kind", [nodes.Text(entity.kind or "unspecified")], "kind")
    if entity.aliases:
        fields += _field("Also known as", [nodes.Text(", ".join(entity.aliases))], "aliases")
    if entity.compartment:
        fields += _field("Compartment", [nodes.Text(entity.compartment)], "compartment")
    if entity.xrefs:
        fields += _field("Identifiers", joined(identifier_nodes(entity), "; "), "xrefs")
    docs = index.mentioned(entity.id)
    if docs:
        links = [link(builder, fromdocname, d, None, index.titles.get(d, d), classes=["atlas-backlink"]) for d in docs]
        fields += _field("Mentioned on", joined(links), "mentioned")
    else:
        fields += _field("Mentioned on", [nodes.emphasis("", "no other page links it yet")], "mentioned")
    pathways = index.pathways_of.get(entity.id, ())
    if pathways:
        fields += _pathways_field(builder, fromdocname, pathways)
    box += fields
    return box


def _pathways_field(builder: Builder, fromdocname: str, pathways: tuple[PathwayLink, ...]) -> nodes.field:
    """"Appears in pathways": each diagram drawing the entity, linked to its figure."""
    para = nodes.paragraph()
    for i, pw in enumerate(pathways):
        if i:
            para += nodes.Text(", ")
        if pw.docname == fromdocname:
            para += nodes.reference("", pw.title, refid=pw.anchor, internal=True)
        elif builder.format == "html":
            uri = builder.get_relative_uri(fromdocname, pw.docname) + "#" + pw.anchor
            para += nodes.reference("", pw.title, refuri=uri, internal=True)
        else:
            para += nodes.emphasis("", pw.title)
    field = nodes.field(classes=["atlas-entity-pathways"])
    field += nodes.field_name("", "Appears in pathways")
    field += nodes.field_body("", para)
    return field


def _duplicate_box(builder: Builder, fromdocname: str, dup: Entity, first: Entity | None) -> nodes.container:
    box = nodes.container(classes=["atlas-entity-box", "atlas-entity-duplicate"])
    para = nodes.paragraph()
    para += nodes.Text(f"{dup.id} is declared more than once; ")
    if first is not None:
        para += link(builder, fromdocname, first.docname, first.anchor, "see its main declaration")
    para += nodes.Text(".")
    box += para
    return box


class EntityBoxRenderer(SphinxPostTransform):
    """Replace each entity_box placeholder with its box (late: needs every page's links)."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        boxes = list(self.document.findall(entity_box))
        if not boxes:
            return
        index = index_part(self.env, EntityIndex)
        builder = builder_of(self.env)
        fromdocname = self.env.docname
        for node in boxes:
            key = (node["docname"], node["lineno"])
            ent = index.entities.get(node["entity"])
            if ent is not None and (ent.docname, ent.lineno) == key:
                node.replace_self(render_box(builder, index, fromdocname, ent))
                continue
            dup = next((d for d in index.duplicates if (d.docname, d.lineno) == key), None)
            node.replace_self(_duplicate_box(builder, fromdocname, dup, ent) if dup else [])
