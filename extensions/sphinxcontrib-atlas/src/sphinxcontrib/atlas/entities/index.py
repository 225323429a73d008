"""The entities' part of the site index: who is declared where, found by which name,
mentioned on which pages, drawn in which pathways.

Built once per build by :mod:`...indexing` from the ``atlas`` domain's per-document
declarations and mentions; read by ``{ent}`` resolution, the identifier boxes, the
generated pages and the exports.  The first declaration of an id (by page, then line)
wins, in serial, parallel and incremental builds alike; later ones are *duplicates*.
An alias names the first entity (in the same order) that declares it; an id always wins
over an alias.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .records import Entity, declaration_order


class PathwayLink(NamedTuple):
    """A pathway an entity appears in, as its page shows it."""

    name: str
    title: str
    docname: str
    anchor: str


class AliasClash(NamedTuple):
    """``name`` is shared by two entities; ``first`` was declared before ``later``."""

    name: str
    first: Entity
    later: Entity
    winner: str  # the id the name resolves to


@dataclass(frozen=True)
class EntityIndex:
    entities: Mapping[str, Entity] = field(default_factory=dict)  # id -> first declaration
    duplicates: tuple[Entity, ...] = ()  # later declarations of an id, in declaration order
    aliases: Mapping[str, str] = field(default_factory=dict)  # casefolded alias -> id
    clashes: tuple[AliasClash, ...] = ()
    mentioned_on: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # id -> pages, by title
    titles: Mapping[str, str] = field(default_factory=dict)  # docname -> title (pages shown in boxes)
    pathways_of: Mapping[str, tuple[PathwayLink, ...]] = field(default_factory=dict)  # id -> pathways
    links: Mapping[str, tuple[tuple[str, Hashable], ...]] = field(default_factory=dict)  # doc -> names it links
    models: Mapping[str, Hashable] = field(default_factory=dict)  # generated view name -> what it shows
    generated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # doc -> generated views on it

    @classmethod
    def empty(cls) -> EntityIndex:
        return cls()

    def lookup(self, name: str) -> Entity | None:
        """The entity with id ``name`` (case-sensitive), else with alias ``name`` (any case)."""
        ent = self.entities.get(name)
        if ent is not None:
            return ent
        ent_id = self.aliases.get(name.casefold())
        return self.entities.get(ent_id) if ent_id is not None else None

    def mentioned(self, entity_id: str) -> tuple[str, ...]:
        return self.mentioned_on.get(entity_id, ())

    def views(self) -> Mapping[str, Hashable]:
        out: dict[str, list] = {}
        for ent in self.entities.values():  # an entity page shows each box it declares
            backlinks = tuple((d, self.titles.get(d, d)) for d in self.mentioned(ent.id))
            out.setdefault(ent.docname, []).append(("box", ent, backlinks, self.pathways_of.get(ent.id, ())))
        for dup in self.duplicates:
            first = self.entities.get(dup.id)
            out.setdefault(dup.docname, []).append(("dup", dup, (first.docname, first.anchor) if first else None))
        for doc, names in self.links.items():  # a page shows where its links lead, and their names
            out.setdefault(doc, []).append(("links", names))
        for doc, names in self.generated.items():
            out.setdefault(doc, []).append(("generated", tuple(self.models.get(n) for n in names)))
        return {doc: tuple(items) for doc, items in out.items()}


def resolution(ent: Entity | None) -> Hashable:
    """What a link to ``ent`` shows and where it leads."""
    return (ent.id, ent.docname, ent.anchor, ent.label, ent.short, ent.kind) if ent is not None else None


def first_declarations(declared: Iterable[Entity]) -> tuple[dict[str, Entity], tuple[Entity, ...]]:
    entities: dict[str, Entity] = {}
    duplicates: list[Entity] = []
    for ent in sorted(declared, key=declaration_order):
        if ent.id in entities:
            duplicates.append(ent)
        else:
            entities[ent.id] = ent
    return entities, tuple(duplicates)


def _clash_name(new: Entity, other: Entity) -> str | None:
    """A name by which ``new`` and ``other`` would both be found, if any."""
    theirs = {a.casefold() for a in other.aliases}
    for alias in new.aliases:
        if alias.casefold() in theirs or alias == other.id:
            return alias
    for alias in other.aliases:
        if alias == new.id:
            return alias
    return None


def alias_table(entities: Mapping[str, Entity]) -> tuple[dict[str, str], tuple[AliasClash, ...]]:
    """casefolded alias -> id (first declaration wins), and every pair sharing a name."""
    aliases: dict[str, str] = {}
    by_name: dict[str, list[Entity]] = {}  # casefolded alias or exact id -> entities so named
    clashes: list[AliasClash] = []
    for ent in sorted(entities.values(), key=declaration_order):
        candidates: dict[str, Entity] = {}
        for name in (*(a.casefold() for a in ent.aliases), *ent.aliases, ent.id):
            for other in by_name.get(name, ()):
                candidates.setdefault(other.id, other)
        for other in sorted(candidates.values(), key=declaration_order):
            name = _clash_name(ent, other)
            if name:
                winner = name if name in (ent.id, other.id) else other.id  # ids before aliases
                clashes.append(AliasClash(name, other, ent, winner))
        for alias in ent.aliases:
            aliases.setdefault(alias.casefold(), ent.id)
            by_name.setdefault(alias.casefold(), []).append(ent)
            by_name.setdefault(alias, []).append(ent)
        by_name.setdefault(ent.id, []).append(ent)
    return aliases, tuple(clashes)
