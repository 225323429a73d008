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
from .geometry import BANDS
from .parse import GENE_SUFFIX, Edge, check_edges, gene_base
from .records import Pathway


class ResolvedNode(NamedTuple):
    key: str  # entity id, or the name as written when unknown
    shown: str  # the name as first written in the diagram
    entity: Entity | None
    band: int
    lineno: int  # first line naming it
    complex: bool = False  # drawn as a complex (the diagram's ``:complexes:``)
    cell: str = ""  # the other cell it is drawn in (the diagram's ``:cells:``): its entity id
    gene: bool = False  # the gene of its entity (written ``NAME gene``), drawn in the nucleus


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
    cells: tuple[tuple[str, str], ...] = ()  # the other cells, left to right: (entity id, display name)
    cell: tuple[str, str] | None = None  # the drawn cell, when ``:cell:`` names it: (entity id, display name)

    def cell_of(self, node: ResolvedNode) -> tuple[str, str] | None:
        """(id, display name) of the cell a node is drawn in, when the diagram says."""
        if node.cell:
            return next((c for c in self.cells if c[0] == node.cell), None)
        if self.cell is not None and BANDS[node.band] in ("membrane", "cytoplasm", "nucleus"):
            return self.cell
        return None


def resolve_name(name: str, lookup: Callable[[str], Entity | None]) -> tuple[str, Entity | None, bool]:
    """(node key, entity, is a gene) of a name as written: an entity id or alias, or
    ``NAME gene`` for the gene of the molecule ``NAME`` (key ``"<id> gene"``)."""
    ent = lookup(name)
    if ent is not None:
        return ent.id, ent, False
    base = gene_base(name)
    if base:
        ent = lookup(base)
        if ent is not None and ent.kind == "molecule":
            return f"{ent.id}{GENE_SUFFIX}", ent, True
    return name, None, False


def resolve(pw: Pathway, lookup: Callable[[str], Entity | None], store: Store) -> Resolved:
    """Resolve one diagram's names through ``lookup`` (the entity index) and its
    edges' evidence and disease context through the store."""
    found: dict[str, tuple[str, Entity | None, bool]] = {}
    for edge in pw.edges:
        for name in (edge.source, edge.target):
            if name not in found:
                found[name] = resolve_name(name, lookup)

    def canonical(name: str) -> str:
        return found[name][0]

    edges, problems = check_edges(pw.edges, canonical)
    first: dict[str, tuple[str, int]] = {}
    for edge in edges:
        for name in (edge.source, edge.target):
            first.setdefault(canonical(name), (name, edge.lineno))
    for name, lineno in first.values():
        if found[name][1] is None:
            problems.append(
                Problem(AtlasWarning.ENTITY_UNKNOWN, f"pathway {pw.name!r}: unknown entity {name!r} (drawn unlinked)",
                        lineno)
            )
    places, complexes = _overrides(pw, lookup, set(first), problems)
    cell_of, cells, main = diagram_cells(pw, lookup, set(first), places, problems)
    specs = []
    for key, (name, _) in first.items():
        _key, ent, gene = found[name]
        entity_place = "nucleus" if gene else (ent.compartment if ent is not None else None)
        specs.append((key, ent.kind if ent is not None else None, places.get(key) or entity_place))
    bands = assign_bands(specs, [(canonical(e.source), canonical(e.target)) for e in edges], cell_of)
    nodes = tuple(ResolvedNode(key, name, found[name][1], bands[key], lineno, key in complexes, cell_of.get(key, ""),
                               found[name][2])
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
    resolved = Resolved(pw, nodes, tuple(out_edges), tuple(problems), cells=tuple(cells), cell=main)
    return resolved._replace(diseases=tuple(disease_options(resolved, lookup)))


def _overrides(pw: Pathway, lookup: Callable[[str], Entity | None], keys: set[str],
               problems: list[Problem]) -> tuple[dict[str, str], set[str]]:
    """The diagram's ``:compartments:`` and ``:complexes:``, by node key; a name that is
    not a node of the diagram is a ``pathway.syntax`` problem at the directive's line."""

    def key_of(name: str, option: str) -> str | None:
        key = resolve_name(name, lookup)[0]
        if key not in keys:
            problems.append(Problem(AtlasWarning.PATHWAY_SYNTAX, f"pathway {pw.name!r}: {option} names {name!r}, "
                                    "which is not a node of this diagram", pw.lineno))
            return None
        return key

    places = {k: place for name, place in pw.places if (k := key_of(name, ":compartments:")) is not None}
    complexes = {k for name in pw.complexes if (k := key_of(name, ":complexes:")) is not None}
    return places, complexes


def diagram_cells(pw: Pathway, lookup: Callable[[str], Entity | None], keys: set[str], places: dict[str, str],
                  problems: list[Problem]) -> tuple[dict[str, str], list[tuple[str, str]], tuple[str, str] | None]:
    """The diagram's ``:cells:`` and ``:cell:``: node key -> the other cell it is in (a
    cell's own node is in it), the other cells as (entity id, display name), and the
    drawn cell; its own node goes to the cytoplasm unless ``:compartments:`` says
    otherwise.  Each name that is not a cell entity, or not a node of the diagram, or a
    cell used twice, is a ``pathway.syntax`` problem at the directive's line."""

    def problem(message: str) -> None:
        problems.append(Problem(AtlasWarning.PATHWAY_SYNTAX, f"pathway {pw.name!r}: {message}", pw.lineno))

    def cell_entity(name: str, option: str) -> Entity | None:
        ent = lookup(name)
        if ent is None or ent.kind != "cell":
            problem(f"{option} names {name!r}, which is not a cell entity (kind: cell)")
            return None
        return ent

    cell_of: dict[str, str] = {}
    cells: list[tuple[str, str]] = []
    for name, members in pw.cells:
        ent = cell_entity(name, ":cells:")
        if ent is None:
            continue
        if any(c == ent.id for c, _ in cells) or ent.id in cell_of:
            problem(f":cells: names the cell {name!r} twice")
            continue
        cells.append((ent.id, ent.display))
        if ent.id in keys:
            cell_of[ent.id] = ent.id
        for member in members:
            key = resolve_name(member, lookup)[0]
            if key not in keys:
                problem(f":cells: names {member!r}, which is not a node of this diagram")
            elif key in cell_of:
                problem(f":cells: places {member!r} in two cells")
            else:
                cell_of[key] = ent.id
    main = None
    if pw.cell:
        ent = cell_entity(pw.cell, ":cell:")
        if ent is not None and (ent.id in cell_of or any(c == ent.id for c, _ in cells)):
            problem(f":cell: {pw.cell!r} is also one of the other cells (:cells:)")
        elif ent is not None:
            main = (ent.id, ent.display)
            if ent.id in keys:
                places.setdefault(ent.id, "cytoplasm")
    return cell_of, cells, main


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
