"""The disease × mechanism matrix as an evidence map: its model, from the site index.

Rule: the cell (disease D, mechanism M) is filled when D's page links M (``{ent}`` or a
pathway node) or when D's page and M's page cite a common reference (with the default
``atlas_matrix_evidence = "disease-reference"``: only a reference whose ``diseases``
field names D).  The cell records that evidence: "linked", and the shared references
with their evidence types, each marked negative when a pathway edge on D's or M's page
cites it as evidence *against* the edge (``{evidence: against}``).  The cell shows the
number of references and the strongest evidence type (:data:`STRENGTH`); the table is
drawn by :mod:`.matrix_table`.
"""

from __future__ import annotations

from typing import NamedTuple

from sphinx.environment import BuildEnvironment

from ..citations.domain import cited_keys, get_store
from ..settings import settings
from .records import Entity

MATRIX = "disease-matrix"


class Row(NamedTuple):
    """An entity as a row or column header (and as an entity-index line)."""

    id: str
    label: str
    aliases: tuple[str, ...]
    docname: str
    anchor: str
    page_title: str


#: evidence types from strongest to weakest, as the matrix ranks them (the six of the
#: evidence-levels page first; a meta-analysis ranks with trials, a guideline above a review)
STRENGTH = ("clinical-trial", "meta-analysis", "patient-cohort", "primary-cells", "mouse", "cell-lines",
            "guideline", "review")
EVIDENCE_LABELS = {
    "clinical-trial": "Clinical trial", "meta-analysis": "Meta-analysis", "patient-cohort": "Patient cohort",
    "primary-cells": "Primary cells", "mouse": "Mouse", "cell-lines": "Cell lines", "guideline": "Guideline",
    "review": "Review",
}


class CellRef(NamedTuple):
    key: str
    label: str  # short author-year label
    evidence: tuple[str, ...]
    against: bool  # cited by a pathway edge as evidence against it


class MatrixCell(NamedTuple):
    linked: bool
    refs: tuple[CellRef, ...]  # cited by both pages, by label

    @property
    def filled(self) -> bool:
        return self.linked or bool(self.refs)

    @property
    def evidence(self) -> tuple[str, ...]:
        """Every evidence type of the cell's references, strongest first."""
        found = {e for ref in self.refs for e in ref.evidence}
        return tuple(e for e in STRENGTH if e in found)

    @property
    def strongest(self) -> str:
        return self.evidence[0] if self.evidence else ""

    @property
    def negative(self) -> bool:
        return any(ref.against for ref in self.refs)


class Matrix(NamedTuple):
    rows: tuple[Row, ...]  # diseases
    cols: tuple[Row, ...]  # mechanisms
    cells: tuple[tuple[MatrixCell, ...], ...]  # [row][col]
    by_disease: bool  # the disease-reference rule (legend wording)


def row_of(ent: Entity, titles) -> Row:
    return Row(ent.id, ent.label, ent.aliases, ent.docname, ent.anchor, titles.get(ent.docname, ent.docname))


def by_label(ents) -> list[Entity]:
    return sorted(ents, key=lambda e: (e.label.casefold(), e.id))


def matrix_model(env: BuildEnvironment, entities: dict[str, Entity], linked_ids: dict[str, set[str]],
                 titles: dict[str, str]) -> Matrix:
    """``linked_ids``: docname -> ids of the entities the page links."""
    store = get_store(env)
    by_disease = settings(env.config).matrix_evidence == "disease-reference"
    diseases = by_label(e for e in entities.values() if e.kind == "disease")
    mechanisms = by_label(e for e in entities.values() if e.kind == "mechanism")
    docs = {e.docname for e in diseases + mechanisms}
    known = {doc: {k for k in cited_keys(env, doc) if k in store} for doc in docs}
    against = {doc: _against_keys(env, doc) for doc in docs}
    cells = []
    for disease in diseases:
        linked = linked_ids.get(disease.docname, set())
        row = []
        for mech in mechanisms:
            shared = known[disease.docname] & known[mech.docname]
            if by_disease:
                shared = {k for k in shared if disease.id in store.refs[k].diseases}
            negative = against[disease.docname] | against[mech.docname]
            refs = tuple(sorted((CellRef(k, store.short_label(k), tuple(store.refs[k].evidence), k in negative)
                                 for k in shared), key=lambda r: (r.label, r.key)))
            row.append(MatrixCell(mech.id in linked, refs))
        cells.append(tuple(row))
    return Matrix(tuple(row_of(e, titles) for e in diseases), tuple(row_of(e, titles) for e in mechanisms),
                  tuple(cells), by_disease)


def _against_keys(env: BuildEnvironment, docname: str) -> set[str]:
    """The references that pathway edges on the page cite as evidence against the edge."""
    pathways = env.domaindata.get("pathways", {}).get("pathways", {}).get(docname, ())
    return {key for pw in pathways for edge in pw.edges if edge.direction == "against" for key in edge.keys}
