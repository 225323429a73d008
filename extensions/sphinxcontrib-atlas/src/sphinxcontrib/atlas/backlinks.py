"""An entity's identifier box, with its "Mentioned on" back-links, and the bookkeeping
that rewrites pages whose back-links changed.

* post-transform (priority 8, before references are resolved) — each
  :class:`~.domain.entity_box` placeholder becomes a plain, format-neutral box built from
  the environment: label, kind, aliases, compartment, linked identifiers, the pages that
  link the entity, and the sections other features registered with
  :func:`~.domain.register_entity_section` (the pathways they appear in).
* ``env-updated`` — what each entity page shows is compared with the previous build's
  snapshot (kept in the domain data); pages whose box changed, and pages whose links now
  resolve differently, are returned so they are rewritten without a clean build.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .domain import AtlasDomain, Entity, entity_box, entity_sections, xref_display, xref_url


def _domain(env: BuildEnvironment) -> AtlasDomain:
    return env.domains["atlas"]  # type: ignore[return-value]


def page_title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None and title.astext() else docname


def link(builder: Builder, fromdocname: str, todocname: str, anchor: str | None, text: str,
         title: str | None = None, classes: Sequence[str] = ()) -> nodes.Node:
    """A format-neutral internal link, or plain text where the builder has no URI for it."""
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


def _field(name: str, body: Sequence[nodes.Node], cls: str) -> nodes.field:
    field = nodes.field(classes=[f"atlas-entity-{cls}"])
    field += nodes.field_name("", name)
    para = nodes.paragraph()
    para.extend(body)
    field += nodes.field_body("", para)
    return field


# -- the box -------------------------------------------------------------------------


def mentioned_on_sorted(env: BuildEnvironment, entity_id: str) -> list[str]:
    docs = [d for d in _domain(env).mentioned_on(entity_id) if d in env.all_docs]
    return sorted(docs, key=lambda d: (page_title(env, d).casefold(), d))


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


def render_box(app: Sphinx, env: BuildEnvironment, fromdocname: str, entity: Entity) -> nodes.container:
    builder = app.builder
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
    docs = mentioned_on_sorted(env, entity.id)
    if docs:
        links = [link(builder, fromdocname, d, None, page_title(env, d), classes=["atlas-backlink"]) for d in docs]
        fields += _field("Mentioned on", joined(links), "mentioned")
    else:
        fields += _field("Mentioned on", [nodes.emphasis("", "no other page links it yet")], "mentioned")
    box += fields
    for extra in entity_sections(app, env, entity.docname, entity):
        (fields if isinstance(extra, nodes.field) else box).append(extra)
    return box


def _duplicate_box(app: Sphinx, fromdocname: str, dup: Entity, first: Entity | None) -> nodes.container:
    box = nodes.container(classes=["atlas-entity-box", "atlas-entity-duplicate"])
    para = nodes.paragraph()
    para += nodes.Text(f"{dup.id} is declared more than once; ")
    if first is not None:
        para += link(app.builder, fromdocname, first.docname, first.anchor, "see its main declaration")
    para += nodes.Text(".")
    box += para
    return box


class AppTransform(SphinxPostTransform):
    """A post-transform that knows its application (``SphinxTransform.app`` is deprecated
    in Sphinx 9 without a public replacement): register it with :func:`bound`."""

    _atlas_app: Sphinx

    @property
    def sphinx_app(self) -> Sphinx:
        return self._atlas_app


def bound(cls: type[AppTransform], app: Sphinx) -> type[AppTransform]:
    return type(cls.__name__, (cls,), {"_atlas_app": app, "__module__": cls.__module__})


class EntityBoxRenderer(AppTransform):
    """Replace each entity_box placeholder with its box (late: needs every page's links)."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        dom = _domain(self.env)
        fromdocname = self.env.docname
        for node in list(self.document.findall(entity_box)):
            key = (node["docname"], node["lineno"])
            ent = dom.entities.get(node["entity"])
            if ent is not None and (ent.docname, ent.lineno) == key:
                node.replace_self(render_box(self.sphinx_app, self.env, fromdocname, ent))
                continue
            dup = next((d for d in dom.data["duplicates"] if (d.docname, d.lineno) == key), None)
            node.replace_self(_duplicate_box(self.sphinx_app, fromdocname, dup, ent) if dup else [])


# -- incremental builds ----------------------------------------------------------------


def snapshot_changed(env: BuildEnvironment, key: str, view: Hashable) -> bool:
    """Store ``view`` as what ``key`` shows now; True if it differs from the last build."""
    snapshot = _domain(env).data["snapshot"]
    changed = snapshot.get(key) != view
    snapshot[key] = view
    return changed


def _page_views(env: BuildEnvironment) -> dict[str, tuple]:
    """What each entity page's boxes show (entity records and back-links with titles)."""
    dom = _domain(env)
    views: dict[str, list] = {}
    for ent in dom.entities.values():
        backlinks = tuple((d, page_title(env, d)) for d in mentioned_on_sorted(env, ent.id))
        views.setdefault(ent.docname, []).append((ent, backlinks))
    for dup in dom.data["duplicates"]:
        first = dom.entities.get(dup.id)
        views.setdefault(dup.docname, []).append((dup, (first.docname, first.anchor) if first else None))
    return {doc: tuple(sorted(items, key=lambda item: item[0].lineno)) for doc, items in views.items()}


def _resolutions(env: BuildEnvironment) -> dict[str, tuple | None]:
    """Every name a page links -> where it resolves (id, page, anchor, label, short, kind)."""
    dom = _domain(env)
    out: dict[str, tuple | None] = {}
    for names in dom.data["mentions"].values():
        for name in names:
            if name not in out:
                ent = dom.lookup(name)
                out[name] = (ent.id, ent.docname, ent.anchor, ent.label, ent.short, ent.kind) if ent else None
    return out


def changed_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: entity pages whose box changed and pages whose links changed target."""
    dom = _domain(env)
    snapshot = dom.data["snapshot"]
    old_pages: dict[str, tuple] = snapshot.get("pages", {})
    old_names: dict[str, tuple | None] = snapshot.get("names", {})
    pages = _page_views(env)
    names = _resolutions(env)
    out = {doc for doc in pages.keys() | old_pages.keys() if pages.get(doc) != old_pages.get(doc)}
    moved = {n for n in names if n in old_names and names[n] != old_names[n]}
    if moved:
        out.update(doc for doc, linked in dom.data["mentions"].items() if not moved.isdisjoint(linked))
    snapshot["pages"] = pages
    snapshot["names"] = names
    reading = dom.data["reading"]
    return sorted(doc for doc in out if doc in env.all_docs and doc not in reading)


def setup_backlinks(app: Sphinx) -> None:
    app.add_post_transform(bound(EntityBoxRenderer, app))
    app.connect("env-updated", changed_pages)
