"""Pages generated from the entity data: the entity index, the disease × mechanism
matrix, and the ``entities`` section of ``atlas.json``.

Both directives leave placeholders; a post-transform fills them from pure *models*
(tuples of strings, computed from the environment).  The same models are kept as a
snapshot, so ``env-updated`` returns the generated pages only when what they show changed.

Matrix rule: the cell (disease D, mechanism M) is filled when D's page links M (``{ent}``
or a pathway node) or when D's page and M's page cite a common reference; the cell lists
that evidence ("linked", and the shared references, each linked to its entry in M's
reference list).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .backlinks import AppTransform, bound, joined, link, mentioned_on_sorted, page_title, snapshot_changed
from .config import get_config
from .domain import KINDS, AtlasDomain, Entity, mentioned_entities, xref_display, xref_url
from .nodeutil import add_placeholder_nodes
from .warnings_ import AtlasWarning, warn

KIND_TITLES = {
    "molecule": "Molecules",
    "cell": "Cells",
    "disease": "Diseases",
    "mechanism": "Mechanisms",
    "therapy": "Therapies",
    "model": "Models",
    "": "Unclassified",
}
INDEX = "entity-index"
MATRIX = "disease-matrix"


def _domain(env: BuildEnvironment) -> AtlasDomain:
    return env.domains["atlas"]  # type: ignore[return-value]


class entity_index(nodes.General, nodes.Element):
    """Placeholder for the entity index."""


class disease_matrix(nodes.General, nodes.Element):
    """Placeholder for the disease × mechanism matrix; attribute ``caption``."""




# -- models --------------------------------------------------------------------------


class IndexRow(NamedTuple):
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
    rows: tuple[IndexRow, ...]  # diseases
    cols: tuple[IndexRow, ...]  # mechanisms
    cells: tuple[tuple[MatrixCell, ...], ...]  # [row][col]


def _row(env: BuildEnvironment, ent: Entity) -> IndexRow:
    return IndexRow(ent.id, ent.label, ent.aliases, ent.docname, ent.anchor, page_title(env, ent.docname))


def _sorted(ents) -> list[Entity]:
    return sorted(ents, key=lambda e: (e.label.casefold(), e.id))


def index_model(env: BuildEnvironment) -> tuple[tuple[str, tuple[IndexRow, ...]], ...]:
    """(kind, rows) for every kind that has entities, in KINDS order ("" last)."""
    ents = list(_domain(env).entities.values())
    groups = []
    for kind in (*KINDS, ""):
        rows = tuple(_row(env, e) for e in _sorted(e for e in ents if e.kind == kind))
        if rows:
            groups.append((kind, rows))
    return tuple(groups)


def matrix_model(env: BuildEnvironment) -> Matrix:
    from .citations import cited_keys, get_store

    store = get_store(env)
    by_disease = get_config(env.config).matrix_evidence == "disease-reference"
    ents = list(_domain(env).entities.values())
    diseases = _sorted(e for e in ents if e.kind == "disease")
    mechanisms = _sorted(e for e in ents if e.kind == "mechanism")
    known = {doc: {k for k in cited_keys(env, doc) if k in store} for doc in {e.docname for e in diseases + mechanisms}}
    cells = []
    for disease in diseases:
        linked = set(mentioned_entities(env, disease.docname))
        row = []
        for mech in mechanisms:
            shared = known[disease.docname] & known[mech.docname]
            if by_disease:
                shared = {k for k in shared if disease.id in store.refs[k].diseases}
            refs = tuple(sorted(((k, store.short_label(k)) for k in shared), key=lambda kl: (kl[1], kl[0])))
            row.append(MatrixCell(mech.id in linked, refs))
        cells.append(tuple(row))
    return Matrix(
        tuple(_row(env, e) for e in diseases), tuple(_row(env, e) for e in mechanisms), tuple(cells)
    )


# -- directives ----------------------------------------------------------------------


class EntityIndexDirective(SphinxDirective):
    """All entities, grouped by kind, with their labels, aliases and page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        _domain(self.env).data["generated"].setdefault(self.env.docname, set()).add(INDEX)
        node = entity_index()
        self.set_source_info(node)
        return [node]


class DiseaseMatrixDirective(SphinxDirective):
    """Diseases (rows) × mechanisms (columns), derived from what pages link and cite."""

    has_content = False
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        _domain(self.env).data["generated"].setdefault(self.env.docname, set()).add(MATRIX)
        caption = self.arguments[0] if self.arguments else "Evidence linking diseases and mechanisms"
        node = disease_matrix(caption=caption)
        self.set_source_info(node)
        return [node]


# -- rendering -----------------------------------------------------------------------


class EntityPagesRenderer(AppTransform):
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(entity_index)):
            node.replace_self(self._index())
        for i, node in enumerate(list(self.document.findall(disease_matrix)), start=1):
            node.replace_self(self._matrix(node["caption"], f"atlas-matrix-{i}"))

    def _link(self, row: IndexRow, text: str, anchor: str | None = "", title: str | None = None) -> nodes.Node:
        return link(self.sphinx_app.builder, self.env.docname, row.docname, row.anchor if anchor == "" else anchor,
                    text, title=title)

    def _index(self) -> nodes.Node:
        box = nodes.container(classes=["atlas-entity-index"])
        groups = index_model(self.env)
        if not groups:
            box += nodes.paragraph("", "No entities are declared yet.")
        for kind, rows in groups:
            box += nodes.rubric("", KIND_TITLES[kind], classes=["atlas-entity-index-kind"])
            items = nodes.bullet_list(classes=["atlas-entity-index-list"])
            for row in rows:
                para = nodes.paragraph()
                para += self._link(row, row.label, title=row.id)
                if row.label != row.id:
                    para += nodes.Text(" ")
                    para += nodes.literal("", row.id, classes=["atlas-entity-id"])
                if row.aliases:
                    para += nodes.Text(" — also " + ", ".join(row.aliases))
                para += nodes.Text(" — page: ")
                para += self._link(row, row.page_title, anchor=None)
                items += nodes.list_item("", para)
            box += items
        return box

    def _cell_nodes(self, cell: MatrixCell, mech: IndexRow) -> list[nodes.Node]:
        parts: list[nodes.Node] = []
        if cell.linked:
            parts.append(nodes.inline("", "linked", classes=["atlas-matrix-linked"]))
        from .citations import ref_anchor

        for key, label in cell.refs:
            parts.append(self._link(mech, label, anchor=ref_anchor(key), title=key))
        return joined(parts, "; ")

    def _matrix(self, caption: str, table_id: str) -> list[nodes.Node]:
        model = matrix_model(self.env)
        if not model.rows or not model.cols:
            return [nodes.paragraph("", "The matrix needs at least one disease and one mechanism entity.",
                                    classes=["atlas-matrix-empty"])]
        which = (
            "a reference about that disease"
            if get_config(self.config).matrix_evidence == "disease-reference"
            else "the same reference"
        )
        legend = nodes.paragraph(
            "",
            f"A cell is filled when the disease page links the mechanism (“linked”) or when both pages cite "
            f"{which} (listed; each links to its entry on the mechanism page).",
            classes=["atlas-matrix-legend"],
        )
        if self.sphinx_app.builder.format not in ("html", "latex"):
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


def _changed_generated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: the generated pages, when what they show changed."""
    generated = _domain(env).data["generated"]
    out: set[str] = set()
    for name, model in ((INDEX, index_model), (MATRIX, matrix_model)):
        pages = {doc for doc, names in generated.items() if name in names}
        if pages and snapshot_changed(env, name, model(env)):
            out |= pages
    reading = _domain(env).data["reading"]
    return sorted(doc for doc in out if doc in env.all_docs and doc not in reading)


# -- export --------------------------------------------------------------------------


def entities_export(app: Sphinx, env: BuildEnvironment) -> list[dict[str, Any]]:
    builder = app.builder
    rows = []
    for eid, ent in sorted(_domain(env).entities.items()):
        rows.append({
            "id": eid,
            "kind": ent.kind or None,
            "label": ent.label,
            "aliases": list(ent.aliases),
            "compartment": ent.compartment or None,
            "xrefs": [
                {"prefix": prefix, "id": value, "database": xref_display(prefix, value)[0],
                 "url": xref_url(prefix, value)}
                for prefix, value in ent.xrefs
            ],
            "page": ent.docname,
            "url": builder.get_target_uri(ent.docname) + "#" + ent.anchor,
            "mentioned_on": [
                {"page": doc, "title": page_title(env, doc), "url": builder.get_target_uri(doc)}
                for doc in mentioned_on_sorted(env, eid)
            ],
        })
    return rows


MATRIX_EVIDENCE = ("disease-reference", "shared-reference")  # the first is the default


def _check_config(app: Sphinx, config) -> None:
    """config-inited, after config.py validated the types: check the matrix setting's value."""
    settings = get_config(config)
    if settings.matrix_evidence not in MATRIX_EVIDENCE:
        warn(
            AtlasWarning.CONFIG,
            f"atlas_matrix_evidence must be one of {', '.join(MATRIX_EVIDENCE)}, "
            f"not {settings.matrix_evidence!r}; using {MATRIX_EVIDENCE[0]!r}",
        )
        config._atlas = replace(settings, matrix_evidence=MATRIX_EVIDENCE[0])


def setup_entity_pages(app: Sphinx) -> None:
    from .export import register_export

    app.connect("config-inited", _check_config, priority=450)
    for node in (entity_index, disease_matrix):
        add_placeholder_nodes(app, node)
    app.add_directive(INDEX, EntityIndexDirective)
    app.add_directive(MATRIX, DiseaseMatrixDirective)
    app.add_post_transform(bound(EntityPagesRenderer, app))
    app.connect("env-updated", _changed_generated)
    register_export("entities", entities_export)
