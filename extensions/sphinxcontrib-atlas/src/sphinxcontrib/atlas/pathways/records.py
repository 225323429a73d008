"""Pathways as recorded at read time: the :class:`Pathway` record and the ``pathways`` domain.

A ``pathway`` directive stores its typed, immutable record per document (purged by
``clear_doc``, merged from parallel workers by ``merge_domaindata``); names are not
resolved to entities here: that happens once every page is read (:mod:`.resolve`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sphinx.environment import BuildEnvironment

from ..docdata import PerDocumentDomain
from .parse import Edge


class Pathway(NamedTuple):
    """One diagram as declared (names not yet resolved)."""

    name: str
    title: str
    caption: str
    docname: str
    lineno: int
    edges: tuple[Edge, ...]
    #: ``:compartments:``: (node name, band name) overriding the entities' compartments
    places: tuple[tuple[str, str], ...] = ()
    #: ``:complexes:``: node names drawn as complexes
    complexes: tuple[str, ...] = ()
    #: ``:cells:``: the other cells, left to right, each with the node names inside it
    cells: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: ``:cell:``: which cell the drawn cell (membrane, cytoplasm, nucleus) is ("": unnamed)
    cell: str = ""

    @property
    def anchor(self) -> str:
        return f"pathway-{self.name}"


class PathwayDomain(PerDocumentDomain):
    """Per-document pathway data (no roles or directives of its own)."""

    name = "pathways"
    label = "Pathways"
    data_version = 3
    initial_data: dict[str, Any] = {
        "pathways": {},  # docname -> tuple[Pathway, ...] in page order
        "indexes": {},  # docname -> line of its pathway-index directive
    }
    per_document = ("pathways", "indexes")


def pathway_data(env: BuildEnvironment) -> dict[str, Any]:
    return env.domaindata["pathways"]


def pathways_of(env: BuildEnvironment, docname: str) -> tuple[Pathway, ...]:
    return tuple(pathway_data(env)["pathways"].get(docname, ()))


def all_pathways(env: BuildEnvironment) -> list[Pathway]:
    """Every pathway of the site, first declaration of each name only, sorted by name."""
    seen: dict[str, Pathway] = {}
    for docname in sorted(pathway_data(env)["pathways"]):
        for pw in pathway_data(env)["pathways"][docname]:
            seen.setdefault(pw.name, pw)
    return [seen[name] for name in sorted(seen)]


def duplicates(env: BuildEnvironment) -> list[tuple[Pathway, Pathway]]:
    """(first, repeat) for every ``:name:`` declared on more than one page."""
    first: dict[str, Pathway] = {}
    out = []
    for docname in sorted(pathway_data(env)["pathways"]):
        for pw in pathway_data(env)["pathways"][docname]:
            if pw.name in first and first[pw.name].docname != docname:
                out.append((first[pw.name], pw))
            first.setdefault(pw.name, pw)
    return out


def index_pages(env: BuildEnvironment) -> list[str]:
    return sorted(pathway_data(env)["indexes"])
