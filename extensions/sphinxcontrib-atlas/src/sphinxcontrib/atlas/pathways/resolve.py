"""Late resolution of a diagram: names become entities, edges get their evidence.

Runs once per diagram per build, when the site index is built (every page read):
node names resolve through the entity index (ids or aliases), nodes get their
compartment band, duplicates that only aliases reveal are dropped, and each edge gets
its evidence types and disease context: the diseases its own ``{diseases: ...}`` group
names, else the union of the ``diseases`` fields of the references it cites.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..citations.records import EVIDENCE_TYPES, Store
from ..entities.records import Entity
from ..problems import AtlasWarning, Problem
from .bands import assign_bands
from .parse import Edge, check_edges
from .records import Pathway


class ResolvedNode(NamedTuple):
    key: str  # entity id, or the name as written when unknown
    shown: str  # the name as first written in the diagram
    entity: Entity | None
    band: int
    lineno: int  # first line naming it
    complex: bool = False  # drawn as a complex (the diagram's ``:complexes:``)


class ResolvedEdge(NamedTuple):
    edge: Edge
    source: str  # node key
    target: str
    keys: tuple[str, ...]  # known citation keys, in order
    evidence: tuple[str, ...]
    diseases: tuple[str, ...]


class Resolved(NamedTuple):
    pathway: Pathway
    nodes: tuple[ResolvedNode, ...]
    edges: tuple[ResolvedEdge, ...]
    problems: tuple[Problem, ...]  # entity.unknown and alias-revealed pathway.edge
    diseases: tuple[tuple[str, str], ...] = ()  # (id, label) for the "Evidence from" switch


def resolve(pw: Pathway, lookup: Callable[[str], Entity | None], store: Store) -> Resolved:
    """Resolve one diagram's names through ``lookup`` (the entity index) and its
    edges' evidence and disease context through the store."""
    found: dict[str, Entity | None] = {}
    for edge in pw.edges:
        for name in (edge.source, edge.target):
            if name not in found:
                found[name] = lookup(name)

    def canonical(name: str) -> str:
        ent = found[name]
        return ent.id if ent is not None else name

    edges, problems = check_edges(pw.edges, canonical)
    first: dict[str, tuple[str, int]] = {}
    for edge in edges:
        for name in (edge.source, edge.target):
            first.setdefault(canonical(name), (name, edge.lineno))
    for name, lineno in first.values():
        if found[name] is None:
            problems.append(
                Problem(AtlasWarning.ENTITY_UNKNOWN, f"pathway {pw.name!r}: unknown entity {name!r} (drawn unlinked)",
                        lineno)
            )
    places, complexes = _overrides(pw, lookup, set(first), problems)
    specs = []
    for key, (name, _) in first.items():
        ent = found[name]
        specs.append((key, ent.kind if ent is not None else None,
                      places.get(key) or (ent.compartment if ent is not None else None)))
    bands = assign_bands(specs, [(canonical(e.source), canonical(e.target)) for e in edges])
    nodes = tuple(ResolvedNode(key, name, found[name], bands[key], lineno, key in complexes)
                  for key, (name, lineno) in first.items())
    out_edges = []
    for edge in edges:
        refs = [store.get(k) for k in edge.keys]
        refs = [r for r in refs if r is not None]
        ev = {e for r in refs for e in r.evidence}
        diseases: dict[str, None] = {}
        if edge.diseases:  # the edge's own context wins over its references'
            for d in edge.diseases:
                ent = lookup(d)
                if ent is None or ent.kind != "disease":
                    problems.append(Problem(AtlasWarning.ENTITY_UNKNOWN, f"pathway {pw.name!r}: unknown disease "
                                            f"{d!r} in the edge's context", edge.lineno))
                    continue
                diseases.setdefault(ent.id)
        else:
            for r in refs:
                for d in r.diseases:
                    diseases.setdefault(d)
        out_edges.append(
            ResolvedEdge(
                edge,
                canonical(edge.source),
                canonical(edge.target),
                tuple(r.key for r in refs),
                tuple(e for e in EVIDENCE_TYPES if e in ev),
                tuple(diseases),
            )
        )
    problems.sort(key=lambda p: p.line)
    resolved = Resolved(pw, nodes, tuple(out_edges), tuple(problems))
    return resolved._replace(diseases=tuple(disease_options(resolved, lookup)))


def _overrides(pw: Pathway, lookup: Callable[[str], Entity | None], keys: set[str],
               problems: list[Problem]) -> tuple[dict[str, str], set[str]]:
    """The diagram's ``:compartments:`` and ``:complexes:``, by node key; a name that is
    not a node of the diagram is a ``pathway.syntax`` problem at the directive's line."""

    def key_of(name: str, option: str) -> str | None:
        ent = lookup(name)
        key = ent.id if ent is not None else name
        if key not in keys:
            problems.append(Problem(AtlasWarning.PATHWAY_SYNTAX, f"pathway {pw.name!r}: {option} names {name!r}, "
                                    "which is not a node of this diagram", pw.lineno))
            return None
        return key

    places = {k: place for name, place in pw.places if (k := key_of(name, ":compartments:")) is not None}
    complexes = {k for name in pw.complexes if (k := key_of(name, ":complexes:")) is not None}
    return places, complexes


def disease_options(resolved: Resolved, lookup: Callable[[str], Entity | None]) -> list[tuple[str, str]]:
    """(id, display name) of every disease an edge has evidence from, in first-seen order."""
    seen: dict[str, None] = {}
    for e in resolved.edges:
        for d in e.diseases:
            seen.setdefault(d)
    out = []
    for d in seen:
        ent = lookup(d)
        out.append((d, ent.display if ent is not None else d))  # the name readers know, never the id
    return out
