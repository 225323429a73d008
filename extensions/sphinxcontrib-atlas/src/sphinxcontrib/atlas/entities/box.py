"""An entity's page furniture: a one-line lead (the summary's first sentence), the compact
box under the title (kind, names, compartment, linked identifiers, the pathways that draw
it) and, at the end of the page, "Mentioned on": the pages that link it, grouped by kind,
sorted, the first few shown and the rest collapsed.

A post-transform (priority 8, before references are resolved) replaces each
:class:`~.directives.entity_box` placeholder with a plain, format-neutral box built from
the site index; a later declaration of an id gets a short box pointing to the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..details import collapsible
from ..pagelinks import page_uri
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


#: the sections of a site whose pages "Mentioned on" groups, in reading order, with their headings
PAGE_GROUPS = (("diseases", "Diseases"), ("mechanisms", "Mechanisms"), ("molecules", "Molecules"),
               ("cells", "Cells"), ("therapies", "Therapies"), ("models", "Models"))
#: how many links of a group (or pathways in the box) are shown before the rest is collapsed
SHOWN = 5


def group_of(docname: str) -> str:
    """The heading of the group a mentioning page belongs to (its section of the site)."""
    top = docname.split("/", 1)[0]
    return next((title for folder, title in PAGE_GROUPS if folder == top and "/" in docname), "Other pages")


def grouped_mentions(index: EntityIndex, entity_id: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group heading, [(title, docname), ...] sorted by title)], groups in PAGE_GROUPS order."""
    order = [title for _, title in PAGE_GROUPS] + ["Other pages"]
    groups: dict[str, list[tuple[str, str]]] = {}
    for doc in index.mentioned(entity_id):
        groups.setdefault(group_of(doc), []).append((index.titles.get(doc, doc), doc))
    return [(g, sorted(groups[g], key=lambda td: (td[0].casefold(), td[1]))) for g in order if g in groups]


def shortened(items: list[nodes.Node], what: str, sep: str = ", ") -> list[nodes.Node]:
    """The first SHOWN items inline, the rest in a collapsed block ("12 more diseases")."""
    if len(items) <= SHOWN + 1:
        return [nodes.paragraph("", "", *joined(items, sep))]
    rest = items[SHOWN:]
    more = collapsible(f"{len(rest)} more {what}", [nodes.paragraph("", "", *joined(rest, sep))])
    return [nodes.paragraph("", "", *joined(items[:SHOWN], sep)), more]


def render_box(builder: Builder, index: EntityIndex, fromdocname: str, entity: Entity) -> nodes.container:
    """The compact box under the title: kind, names, compartment, identifiers, pathways."""
    box = nodes.container(classes=["atlas-entity-box"] + ([f"atlas-entity-{entity.kind}"] if entity.kind else []))
    if entity.label != index.titles.get(entity.docname):  # a page declaring several entities names each
        box += nodes.paragraph("", "", nodes.strong("", entity.label), classes=["atlas-entity-title"])
    fields = nodes.field_list(classes=["atlas-entity-fields"])
    fields += _field("Kind", [nodes.Text(entity.kind or "unspecified")], "kind")
    if entity.aliases:
        fields += _field("Also known as", [nodes.Text(", ".join(entity.aliases))], "aliases")
    if entity.compartment:
        fields += _field("Compartment", [nodes.Text(entity.compartment)], "compartment")
    if entity.xrefs:
        fields += _field("Identifiers", joined(identifier_nodes(entity), "; "), "xrefs")
    pathways = index.pathways_of.get(entity.id, ())
    if pathways:
        fields += _pathways_field(builder, fromdocname, pathways)
    box += fields
    return box


def render_mentions(builder: Builder, index: EntityIndex, fromdocname: str, entity: Entity,
                    several: bool) -> list[nodes.Node]:
    """The pages that link the entity, grouped by kind and sorted (for the end of its page)."""
    out: list[nodes.Node] = []
    if several:
        out.append(nodes.rubric("", entity.label, classes=["atlas-mentions-entity"], **{"heading-level": 3}))
    groups = grouped_mentions(index, entity.id)
    if not groups:
        out.append(nodes.paragraph("", "No other page links to it yet.", classes=["atlas-mentions-none"]))
    level = 4 if several else 3
    for heading, pages in groups:
        block = nodes.container(classes=["atlas-mentions-group"])
        block += nodes.rubric("", f"{heading} ({len(pages)})", **{"heading-level": level})
        links = [link(builder, fromdocname, doc, None, title, classes=["atlas-backlink"]) for title, doc in pages]
        block.extend(shortened(links, heading.lower()))
        out.append(block)
    return out


def _pathways_field(builder: Builder, fromdocname: str, pathways: tuple[PathwayLink, ...]) -> nodes.field:
    """"Appears in pathways": each diagram drawing the entity, linked to its figure (a short list)."""
    items: list[nodes.Node] = []
    for pw in sorted(pathways, key=lambda p: (p.title.casefold(), p.anchor)):
        if pw.docname == fromdocname:
            items.append(nodes.reference("", pw.title, refid=pw.anchor, internal=True))
        elif builder.format == "html":
            uri = page_uri(builder, fromdocname, pw.docname, pw.anchor)
            items.append(nodes.reference("", pw.title, refuri=uri, internal=True))
        else:
            items.append(nodes.emphasis("", pw.title))
    field = nodes.field(classes=["atlas-entity-pathways"])
    field += nodes.field_name("", "Appears in pathways")
    field += nodes.field_body("", *shortened(items, "pathways"))
    return field


def page_part(document: nodes.document, docname: str) -> nodes.Element:
    """The part of ``document`` that is the page ``docname``: the whole document, or, where
    the builder assembled every page into one (singlehtml, LaTeX), the page's own part."""
    for part in document.findall(addnodes.start_of_file):
        if part.get("docname") == docname:
            return part
    return document


def mentions_section(page: nodes.Element, parts: list[nodes.Node]) -> None:
    """Append "Mentioned on" to the page's first section, before its reference list."""
    top = next(iter(page.findall(nodes.section)), None)
    if top is None or not parts:
        return
    section = nodes.section(ids=["atlas-mentioned-on"], names=["atlas-mentioned-on"], classes=["atlas-mentions"])
    section += nodes.title("", "Mentioned on")
    section.extend(parts)
    refs = next((s for s in top.children if isinstance(s, nodes.section) and "atlas-references" in s["ids"]), None)
    if refs is not None:
        top.insert(top.index(refs), section)
    else:
        top += section


def lead_summary(summary: str) -> str:
    """The summary's first sentence: the one line an entity page opens with."""
    text = " ".join(summary.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return text[: match.start()] if match else text


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
        # one page at a time: the single-page and LaTeX builders render every page's
        # boxes in one document, and each box, lead and "Mentioned on" belongs to its page
        pages: dict[str, list[entity_box]] = {}
        for node in boxes:
            pages.setdefault(node["docname"], []).append(node)
        for docname, page_boxes in pages.items():
            self._render_page(builder, index, docname, page_boxes)

    def _render_page(self, builder: Builder, index: EntityIndex, docname: str, boxes: list[entity_box]) -> None:
        found = [index.entities.get(n["entity"]) for n in boxes]
        mine = [e for e, n in zip(found, boxes, strict=True)
                if e is not None and (e.docname, e.lineno) == (n["docname"], n["lineno"])]
        summary = str(self.env.metadata.get(docname, {}).get("summary", "")).strip()
        mentions: list[nodes.Node] = []
        for node in boxes:
            key = (node["docname"], node["lineno"])
            ent = index.entities.get(node["entity"])
            if ent is not None and (ent.docname, ent.lineno) == key:
                lead = []
                if summary and ent is mine[0]:
                    lead = [nodes.paragraph("", lead_summary(summary), classes=["atlas-lead"])]
                box = render_box(builder, index, docname, ent)
                box["ids"], node["ids"] = list(node["ids"]), []  # the entity's anchor: on the box only
                node.replace_self([*lead, box])
                mentions.extend(render_mentions(builder, index, docname, ent, len(mine) > 1))
                continue
            dup = next((d for d in index.duplicates if (d.docname, d.lineno) == key), None)
            node.replace_self(_duplicate_box(builder, docname, dup, ent) if dup else [])
        mentions_section(page_part(self.document, docname), mentions)
