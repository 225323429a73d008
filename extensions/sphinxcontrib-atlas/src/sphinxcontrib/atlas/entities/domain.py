"""The ``atlas`` domain: each document's entity declarations and mentions, and the
resolution of ``{ent}`` links.

Per-document data (purged by ``clear_doc``, merged from parallel workers):

* ``declared`` — docname -> the :class:`~.records.Entity` records it declares, in order;
* ``mentions`` — docname -> the ids and aliases it links (``{ent}`` roles, pathway nodes);
* ``generated`` — docname -> the generated views it shows (entity index, matrix).

Everything that crosses pages — which declaration wins, what an alias names, who
mentions whom — is the site index's :class:`~.index.EntityIndex`, computed once after
reading; resolution and ``get_objects`` (search index, ``objects.inv``) read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.domains import ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..docdata import PerDocumentDomain
from ..siteindex import index_part
from .index import EntityIndex
from .records import KINDS, Entity


class AtlasDomain(PerDocumentDomain):
    """Entities declared by ``entity`` and linked by ``{ent}``."""

    name = "atlas"
    label = "IL-6 Heme Atlas"
    object_types = {kind: ObjType(kind, "ent") for kind in KINDS}
    data_version = 2
    initial_data: dict[str, Any] = {
        "declared": {},  # docname -> [Entity, ...] in page order
        "mentions": {},  # docname -> {id or alias linked by {ent} or a pathway node}
        "generated": {},  # docname -> {"entity-index", "disease-matrix"}
    }
    per_document = ("declared", "mentions", "generated")

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        return str(type.lname)  # "molecule" in search results, not "IL-6 Heme Atlas molecule"

    def _index(self) -> EntityIndex:
        return index_part(self.env, EntityIndex)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        ent = self._index().lookup(target)
        if ent is None:
            return None  # reported by the missing-reference handler, after intersphinx had its turn
        if not node.get("refexplicit"):
            contnode = _display_node(ent, contnode)
        return _refnode(builder, fromdocname, ent, contnode)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        ent = self._index().lookup(target)
        if ent is None or ent.kind not in KINDS:
            return []
        return [("atlas:ent", _refnode(builder, fromdocname, ent, contnode))]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        index = self._index()
        for ent in sorted(index.entities.values(), key=lambda e: e.id):
            if ent.kind not in KINDS:
                continue
            yield ent.id, ent.id, ent.kind, ent.docname, ent.anchor, 1
            for alias in ent.aliases:
                if alias not in index.entities and index.aliases.get(alias.casefold()) == ent.id:
                    yield alias, alias, ent.kind, ent.docname, ent.anchor, 2


def _display_node(ent: Entity, contnode: nodes.Element) -> nodes.Element:
    """A bare ``{ent}`ID``` shows the entity's display name, not the id or alias typed."""
    shown = contnode.deepcopy()
    shown.children = []
    shown += nodes.Text(ent.display)
    return shown


def _refnode(builder: Builder, fromdocname: str, ent: Entity, contnode: nodes.Element) -> nodes.reference:
    ref = make_refnode(builder, fromdocname, ent.docname, ent.anchor, contnode, ent.label)
    ref["classes"] += ["atlas-ent"] + ([f"atlas-ent-{ent.kind}"] if ent.kind else [])
    return ref


def entity_domain(env: BuildEnvironment) -> AtlasDomain:
    return env.domains[AtlasDomain.name]  # type: ignore[return-value]


def note_declaration(env: BuildEnvironment, entity: Entity) -> None:
    entity_domain(env).data["declared"].setdefault(entity.docname, []).append(entity)


def note_mentions(env: BuildEnvironment, docname: str, names: Iterable[str]) -> None:
    """Record (at read time) that ``docname`` links these entity ids or aliases."""
    entity_domain(env).data["mentions"].setdefault(docname, set()).update(n for n in names if n)


def note_generated(env: BuildEnvironment, docname: str, view: str) -> None:
    entity_domain(env).data["generated"].setdefault(docname, set()).add(view)


def lookup_entity(env: BuildEnvironment, name: str) -> Entity | None:
    """The entity with id ``name`` (case-sensitive), else with alias ``name`` (any case);
    complete only once every document is read (post-transforms and later)."""
    return index_part(env, EntityIndex).lookup(name)
