"""The pathways' part of the site index: every diagram resolved once per build.

Read by the post-transform (the figures and the pathway index), the downloads and the
entity pages ("Appears in pathways", via :func:`entity_pathways`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

from sphinx.environment import BuildEnvironment

from ..citations.index import page_title
from ..citations.records import Store
from ..entities.index import PathwayLink
from ..entities.records import Entity
from .records import pathway_data
from .resolve import Resolved, ResolvedNode, resolve


def node_view(node: ResolvedNode) -> Hashable:
    """What a diagram shows of a node declared elsewhere."""
    ent = node.entity
    if ent is None:
        return (node.key, None)
    return (node.key, ent.docname, ent.anchor, ent.kind, ent.label, ent.short, ent.compartment)


def diagram_view(r: Resolved) -> Hashable:
    return (tuple(node_view(n) for n in r.nodes), tuple(e.diseases for e in r.edges), r.diseases, r.cells, r.cell)


@dataclass(frozen=True)
class PathwayIndex:
    resolved: Mapping[tuple[str, str], Resolved] = field(default_factory=dict)  # (docname, name) -> diagram
    canonical: Mapping[str, str] = field(default_factory=dict)  # name -> docname of its first declaration
    index_pages: tuple[str, ...] = ()  # pages with a pathway-index
    titles: Mapping[str, str] = field(default_factory=dict)  # docname -> title, for pages drawing a diagram

    @classmethod
    def empty(cls) -> PathwayIndex:
        return cls()

    def on_page(self, docname: str, name: str) -> Resolved | None:
        return self.resolved.get((docname, name))

    def site_pathways(self) -> list[Resolved]:
        """The first declaration of each name, sorted by name (downloads, atlas.json)."""
        return [self.resolved[(doc, name)] for name, doc in sorted(self.canonical.items())]

    def views(self) -> Mapping[str, Hashable]:
        out: dict[str, list] = {}
        for (doc, name), r in sorted(self.resolved.items()):
            out.setdefault(doc, []).append((self.canonical.get(name) == doc, diagram_view(r)))
        listing = tuple(
            (r.pathway.name, r.pathway.title, r.pathway.docname, len(r.edges), self.titles.get(r.pathway.docname),
             tuple(node_view(n) for n in r.nodes))
            for r in self.site_pathways()
        )
        for doc in self.index_pages:
            out.setdefault(doc, []).append(listing)
        return {doc: tuple(items) for doc, items in out.items()}


def build_pathway_index(env: BuildEnvironment, lookup: Callable[[str], Entity | None], store: Store) -> PathwayIndex:
    data = pathway_data(env)
    resolved: dict[tuple[str, str], Resolved] = {}
    canonical: dict[str, str] = {}
    for doc in sorted(data["pathways"]):
        for pw in data["pathways"][doc]:
            resolved[(doc, pw.name)] = resolve(pw, lookup, store)
            canonical.setdefault(pw.name, doc)
    return PathwayIndex(
        resolved=resolved,
        canonical=canonical,
        index_pages=tuple(sorted(data["indexes"])),
        titles={doc: page_title(env, doc) for doc in sorted(data["pathways"])},
    )


def entity_pathways(index: PathwayIndex) -> dict[str, tuple[PathwayLink, ...]]:
    """entity id -> the site's pathways drawing it (sorted by title, then name)."""
    out: dict[str, list[PathwayLink]] = {}
    for r in index.site_pathways():
        pw = r.pathway
        for eid in dict.fromkeys(node.entity.id for node in r.nodes if node.entity is not None):  # a gene and
            out.setdefault(eid, []).append(PathwayLink(pw.name, pw.title, pw.docname, pw.anchor))  # its protein
    return {eid: tuple(sorted(lst, key=lambda p: (p.title.casefold(), p.name))) for eid, lst in out.items()}
