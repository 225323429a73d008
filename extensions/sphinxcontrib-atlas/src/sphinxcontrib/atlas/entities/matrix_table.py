"""The disease × mechanism matrix drawn: an evidence map (HTML, LaTeX) or a list (other builders).

Each filled cell shows how many references support the pair and the strongest evidence
type, as a label (never by colour alone; the stylesheet adds a colour per type), with a
"negative" marker where a reference is cited as evidence against an edge; the cell opens
(``<details>``) to list its evidence, each reference linked to its entry on the mechanism
page. Cells carry their evidence types as ``atlas-has-<type>`` classes for the client-side
filter (``atlas-matrix.js``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.builders import Builder

from ..citations.domain import ref_anchor
from ..details import details, summary
from .links import joined, link
from .matrix import EVIDENCE_LABELS, STRENGTH, Matrix, MatrixCell, Row


def evidence_mark(kind: str, text: str | None = None) -> nodes.inline:
    return nodes.inline("", text or EVIDENCE_LABELS.get(kind, kind), classes=["atlas-matrix-ev", f"atlas-ev-mark-{kind}"])


def negative_mark() -> nodes.inline:
    return nodes.inline("", "✕ negative", classes=["atlas-matrix-negative"])


class MatrixRenderer:
    def __init__(self, builder: Builder, docname: str) -> None:
        self.builder, self.docname = builder, docname

    def _link(self, row: Row, text: str, anchor: str | None = "", title: str | None = None) -> nodes.Node:
        return link(self.builder, self.docname, row.docname, row.anchor if anchor == "" else anchor, text, title=title)

    def _evidence_list(self, cell: MatrixCell, mech: Row) -> list[nodes.Node]:
        """"linked" and each shared reference with its evidence types (and the negative mark)."""
        parts: list[nodes.Node] = []
        if cell.linked:
            parts.append(nodes.inline("", "linked", classes=["atlas-matrix-linked"]))
        for ref in cell.refs:
            item = nodes.inline(classes=["atlas-matrix-ref"])
            item += self._link(mech, ref.label, anchor=ref_anchor(ref.key))
            kinds = ", ".join(EVIDENCE_LABELS.get(e, e).lower() for e in STRENGTH if e in ref.evidence)
            if kinds:
                item += nodes.Text(f" ({kinds})")
            if ref.against:
                item += nodes.Text(" ")
                item += negative_mark()
            parts.append(item)
        return joined(parts, "; ")

    def _summary_nodes(self, cell: MatrixCell) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        if cell.refs:
            count = len(cell.refs)
            out.append(nodes.inline("", f"{count} ref{'s' if count > 1 else ''}", classes=["atlas-matrix-count"]))
        if cell.strongest:
            out += [nodes.Text(" "), evidence_mark(cell.strongest)]
        elif cell.linked:
            out.append(nodes.inline("", "linked", classes=["atlas-matrix-linked"]))
        if cell.negative:
            out += [nodes.Text(" "), negative_mark()]
        return out

    def _cell(self, cell: MatrixCell, mech: Row) -> nodes.entry:
        if not cell.filled:
            return nodes.entry("", nodes.paragraph("", "—"), classes=["atlas-matrix-blank"])
        classes = ["atlas-matrix-filled"] + ([f"atlas-ev-top-{cell.strongest}"] if cell.strongest else [])
        entry = nodes.entry("", classes=classes + [f"atlas-has-{e}" for e in cell.evidence])
        if not cell.refs:  # linked only: nothing to open
            entry += nodes.paragraph("", "", *self._summary_nodes(cell))
            return entry
        box = details(classes=["atlas-details", "atlas-matrix-cell"])
        box += summary("", "", *self._summary_nodes(cell))
        box += nodes.paragraph("", "", *self._evidence_list(cell, mech))
        entry += box
        return entry

    def legend(self, model: Matrix) -> list[nodes.Node]:
        which = "a reference about that disease" if model.by_disease else "the same reference"
        text = nodes.paragraph(
            "",
            f"A cell is filled when the disease page links the mechanism (“linked”) or when both pages cite "
            f"{which}. It shows how many references support the pair and the strongest kind of evidence "
            f"among them, strongest first: ",
            classes=["atlas-matrix-legend"],
        )
        text.extend(joined([evidence_mark(kind) for kind in STRENGTH], " > "))
        text += nodes.Text(". ")
        text += negative_mark()
        text += nodes.Text(" marks a pair with a reference that tested a link and did not find it. "
                           "Open a cell to see its references, each linked to its entry on the mechanism page.")
        return [text]

    def render(self, model: Matrix, caption: str, table_id: str) -> list[nodes.Node]:
        if not model.rows or not model.cols:
            return [nodes.paragraph("", "The matrix needs at least one disease and one mechanism entity.",
                                    classes=["atlas-matrix-empty"])]
        if self.builder.format not in ("html", "latex"):
            return [self._matrix_text(model, caption), *self.legend(model)]
        table = nodes.table(classes=["atlas-matrix"], ids=[f"{table_id}-table"])
        table += nodes.title("", caption)
        group = nodes.tgroup(cols=len(model.cols) + 1)
        table += group
        group += nodes.colspec(colwidth=2, stub=1)
        for _ in model.cols:
            group += nodes.colspec(colwidth=1)
        head_row = nodes.row()
        head_row += nodes.entry("", nodes.paragraph("", "Disease"))
        for mech in model.cols:
            head_row += nodes.entry("", nodes.paragraph("", "", self._link(mech, mech.label)))
        group += nodes.thead("", head_row)
        body = nodes.tbody()
        for disease, cells in zip(model.rows, model.cells, strict=True):
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", self._link(disease, disease.label)))
            for mech, cell in zip(model.cols, cells, strict=True):
                row += self._cell(cell, mech)
            body += row
        group += body
        cue = nodes.paragraph("", "The table is wider than the screen: scroll sideways to see every mechanism.",
                              classes=["atlas-matrix-cue"])
        scroller = nodes.container("", table, classes=["atlas-matrix-scroll"], ids=[table_id])
        return [*self.legend(model), cue, scroller]

    def _matrix_text(self, model: Matrix, caption: str) -> nodes.Node:
        box = nodes.container(classes=["atlas-matrix-text"])
        box += nodes.rubric("", caption)
        dlist = nodes.definition_list()
        for disease, cells in zip(model.rows, model.cells, strict=True):
            items = nodes.bullet_list()
            for mech, cell in zip(model.cols, cells, strict=True):
                if cell.filled:
                    para = nodes.paragraph("", f"{mech.label}: ")
                    para.extend(self._evidence_list(cell, mech))
                    items += nodes.list_item("", para)
            definition = nodes.definition("", items if len(items) else nodes.paragraph("", "no evidence yet"))
            dlist += nodes.definition_list_item("", nodes.term("", disease.label), definition)
        box += dlist
        return box
