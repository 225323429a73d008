"""The disease × mechanism matrix: its model (from the site index) and its table.

Rule: the cell (disease D, mechanism M) is filled when D's page links M (``{ent}`` or a
pathway node) or when D's page and M's page cite a common reference (with the default
``atlas_matrix_evidence = "disease-reference"``: only a reference whose ``diseases``
field names D).  The cell lists that evidence: "linked", and the shared references,
each linked to its entry in M's reference list.
"""

from __future__ import annotations

from typing import NamedTuple

from docutils import nodes
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from ..citations.domain import cited_keys, get_store, ref_anchor
from ..settings import settings
from .links import joined, link
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


class MatrixCell(NamedTuple):
    linked: bool
    refs: tuple[tuple[str, str], ...]  # (key, short label) cited by both pages

    @property
    def filled(self) -> bool:
        return self.linked or bool(self.refs)


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
    known = {doc: {k for k in cited_keys(env, doc) if k in store} for doc in {e.docname for e in diseases + mechanisms}}
    cells = []
    for disease in diseases:
        linked = linked_ids.get(disease.docname, set())
        row = []
        for mech in mechanisms:
            shared = known[disease.docname] & known[mech.docname]
            if by_disease:
                shared = {k for k in shared if disease.id in store.refs[k].diseases}
            refs = tuple(sorted(((k, store.short_label(k)) for k in shared), key=lambda kl: (kl[1], kl[0])))
            row.append(MatrixCell(mech.id in linked, refs))
        cells.append(tuple(row))
    return Matrix(tuple(row_of(e, titles) for e in diseases), tuple(row_of(e, titles) for e in mechanisms),
                  tuple(cells), by_disease)


class MatrixRenderer:
    """The matrix as a table (HTML, LaTeX) or a definition list (other builders)."""

    def __init__(self, builder: Builder, docname: str) -> None:
        self.builder, self.docname = builder, docname

    def _link(self, row: Row, text: str, anchor: str | None = "", title: str | None = None) -> nodes.Node:
        return link(self.builder, self.docname, row.docname, row.anchor if anchor == "" else anchor, text, title=title)

    def _cell_nodes(self, cell: MatrixCell, mech: Row) -> list[nodes.Node]:
        parts: list[nodes.Node] = []
        if cell.linked:
            parts.append(nodes.inline("", "linked", classes=["atlas-matrix-linked"]))
        for key, label in cell.refs:
            parts.append(self._link(mech, label, anchor=ref_anchor(key), title=key))
        return joined(parts, "; ")

    def render(self, model: Matrix, caption: str, table_id: str) -> list[nodes.Node]:
        if not model.rows or not model.cols:
            return [nodes.paragraph("", "The matrix needs at least one disease and one mechanism entity.",
                                    classes=["atlas-matrix-empty"])]
        which = (
            "a reference about that disease"
            if model.by_disease
            else "the same reference"
        )
        legend = nodes.paragraph(
            "",
            f"A cell is filled when the disease page links the mechanism (“linked”) or when both pages cite "
            f"{which} (listed; each links to its entry on the mechanism page).",
            classes=["atlas-matrix-legend"],
        )
        if self.builder.format not in ("html", "latex"):
            return [self._matrix_text(model, caption), legend]
        table = nodes.table(classes=["atlas-matrix"], ids=[table_id])
        table += nodes.title("", caption)
        group = nodes.tgroup(cols=len(model.cols) + 1)
        table += group
        group += nodes.colspec(colwidth=2, stub=1)
        for _ in model.cols:
            group += nodes.colspec(colwidth=1)
        head_row = nodes.row()
        head_row += nodes.entry("", nodes.paragraph("", "Disease"))
        for mech in model.cols:
            head_row += nodes.entry("", nodes.paragraph("", "", self._link(mech, mech.label, title=mech.id)))
        group += nodes.thead("", head_row)
        body = nodes.tbody()
        for disease, cells in zip(model.rows, model.cells, strict=True):
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", self._link(disease, disease.label, title=disease.id)))
            for mech, cell in zip(model.cols, cells, strict=True):
                if cell.filled:
                    row += nodes.entry("", nodes.paragraph("", "", *self._cell_nodes(cell, mech)),
                                       classes=["atlas-matrix-filled"])
                else:
                    row += nodes.entry("", nodes.paragraph("", "—"), classes=["atlas-matrix-blank"])
            body += row
        group += body
        return [table, legend]

    def _matrix_text(self, model: Matrix, caption: str) -> nodes.Node:
        box = nodes.container(classes=["atlas-matrix-text"])
        box += nodes.rubric("", caption)
        dlist = nodes.definition_list()
        for disease, cells in zip(model.rows, model.cells, strict=True):
            items = nodes.bullet_list()
            for mech, cell in zip(model.cols, cells, strict=True):
                if cell.filled:
                    para = nodes.paragraph("", f"{mech.label}: ")
                    para.extend(self._cell_nodes(cell, mech))
                    items += nodes.list_item("", para)
            definition = nodes.definition("", items if len(items) else nodes.paragraph("", "no evidence yet"))
            dlist += nodes.definition_list_item("", nodes.term("", disease.label), definition)
        box += dlist
        return box
