"""Pathway records in the build environment, and their late resolution.

* :class:`Pathway` (typed, immutable) is what a ``pathway`` directive stores at read
  time, per document, in the ``pathways`` domain (purged by ``clear_doc``, merged from
  parallel workers by ``merge_domaindata``).
* :func:`resolve` runs once every document is read (post-transforms, ``env-updated``,
  ``build-finished``): node names become entities (ids or aliases, via the entity
  domain), nodes get their compartment band, duplicates that only aliases reveal are
  dropped, and each edge gets its evidence and disease context from the store.

Disease context: an edge's diseases are those its ``{diseases: ...}`` group names, or
else the union of the ``diseases`` fields of the
references it cites (in citation order, then each entry's own order).  They are shown
as ``data-diseases`` on the edge and drive the diagram's "Evidence from" switch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ..config import EVIDENCE_TYPES
from .layout import BANDS, assign_bands
from .parse import Edge, Problem, check_edges


class Pathway(NamedTuple):
    """One diagram as declared (names not yet resolved)."""

    name: str
    title: str
    caption: str
    docname: str
    lineno: int
    edges: tuple[Edge, ...]

    @property
    def anchor(self) -> str:
        return f"pathway-{self.name}"


class PathwayDomain(Domain):
    """Per-document pathway data (no roles or directives of its own)."""

    name = "pathways"
    label = "Pathways"
    data_version = 1
    initial_data: dict[str, Any] = {
        "pathways": {},  # docname -> tuple[Pathway, ...] in page order
        "indexes": {},  # docname -> line of its pathway-index directive
        # derived (main process, env-updated): what aggregating pages last showed
        "signatures": {},  # "index" | "doc:<docname>" | "entity:<docname>" -> digest
    }

    def clear_doc(self, docname: str) -> None:
        self.data["pathways"].pop(docname, None)
        self.data["indexes"].pop(docname, None)

    def merge_domaindata(self, docnames: Sequence[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["pathways"]:
                self.data["pathways"][docname] = otherdata["pathways"][docname]
            if docname in otherdata["indexes"]:
                self.data["indexes"][docname] = otherdata["indexes"][docname]

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


def _data(env: BuildEnvironment) -> dict[str, Any]:
    return env.domaindata["pathways"]


def pathways_of(env: BuildEnvironment, docname: str) -> tuple[Pathway, ...]:
    return tuple(_data(env)["pathways"].get(docname, ()))


def all_pathways(env: BuildEnvironment) -> list[Pathway]:
    """Every pathway of the site, first declaration of each name only, sorted by name."""
    seen: dict[str, Pathway] = {}
    for docname in sorted(_data(env)["pathways"]):
        for pw in _data(env)["pathways"][docname]:
            seen.setdefault(pw.name, pw)
    return [seen[name] for name in sorted(seen)]


def duplicates(env: BuildEnvironment) -> list[tuple[Pathway, Pathway]]:
    """(first, repeat) for every ``:name:`` declared on more than one page."""
    first: dict[str, Pathway] = {}
    out = []
    for docname in sorted(_data(env)["pathways"]):
        for pw in _data(env)["pathways"][docname]:
            if pw.name in first and first[pw.name].docname != docname:
                out.append((first[pw.name], pw))
            first.setdefault(pw.name, pw)
    return out


def index_pages(env: BuildEnvironment) -> list[str]:
    return sorted(_data(env)["indexes"])


# -- resolution ---------------------------------------------------------------------


class ResolvedNode(NamedTuple):
    key: str  # entity id, or the name as written when unknown
    shown: str  # the name as first written in the diagram
    entity: Any  # atlas.domain.Entity | None
    band: int
    lineno: int  # first line naming it


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


def _lookup(env: BuildEnvironment):
    from ..domain import lookup_entity

    return lambda name: lookup_entity(env, name)


def resolve(env: BuildEnvironment, pw: Pathway) -> Resolved:
    from ..citations import get_store

    lookup = _lookup(env)
    store = get_store(env)
    found: dict[str, Any] = {}
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
                Problem("entity.unknown", f"pathway {pw.name!r}: unknown entity {name!r} (drawn unlinked)", lineno)
            )
    specs = []
    for key, (name, _) in first.items():
        ent = found[name]
        specs.append((key, ent.kind if ent is not None else None, ent.compartment if ent is not None else None))
    bands = assign_bands(specs, [(canonical(e.source), canonical(e.target)) for e in edges])
    nodes = tuple(ResolvedNode(key, name, found[name], bands[key], lineno) for key, (name, lineno) in first.items())
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
                    problems.append(Problem("entity.unknown", f"pathway {pw.name!r}: unknown disease {d!r} in the "
                                            "edge's context", edge.lineno))
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
    problems.sort(key=lambda p: p.lineno)
    return Resolved(pw, nodes, tuple(out_edges), tuple(problems))


def disease_options(env: BuildEnvironment, resolved: Resolved) -> list[tuple[str, str]]:
    """(id, label) of every disease an edge has evidence from, in first-seen order."""
    lookup = _lookup(env)
    seen: dict[str, None] = {}
    for e in resolved.edges:
        for d in e.diseases:
            seen.setdefault(d)
    out = []
    for d in seen:
        ent = lookup(d)
        out.append((d, f"{d} ({ent.label})" if ent is not None and ent.label and ent.label != d else d))
    return out


def signature(*parts: Any) -> str:
    """A stable digest of records (their repr is deterministic: tuples of str/int)."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def node_signature(node: ResolvedNode) -> tuple:
    ent = node.entity
    if ent is None:
        return (node.key, None)
    return (node.key, ent.docname, ent.anchor, ent.kind, ent.label, ent.short, ent.compartment)


def entity_pathways(env: BuildEnvironment) -> dict[str, list[Pathway]]:
    """entity id -> the pathways drawing it (sorted by title, then name)."""
    out: dict[str, list[Pathway]] = {}
    for pw in all_pathways(env):
        for node in resolve(env, pw).nodes:
            if node.entity is not None:
                out.setdefault(node.entity.id, []).append(pw)
    for lst in out.values():
        lst.sort(key=lambda p: (p.title.casefold(), p.name))
    return out


__all__ = ["BANDS", "Pathway", "PathwayDomain", "Resolved", "all_pathways", "resolve"]
