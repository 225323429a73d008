"""Pages generated from the entity data: the entity index and the disease × mechanism matrix.

Both directives leave placeholders; a post-transform fills them from the models the site
index computed (:class:`~.index.EntityIndex` ``models``), so a generated page is
rewritten exactly when what it shows changed.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..siteindex import builder_of, index_part
from .domain import note_generated
from .index import EntityIndex
from .links import link
from .matrix import MATRIX, Matrix, Row, by_label, row_of
from .matrix_table import MatrixRenderer
from .records import KINDS, Entity

INDEX = "entity-index"
KIND_TITLES = {
    "molecule": "Molecules",
    "cell": "Cells",
    "disease": "Diseases",
    "mechanism": "Mechanisms",
    "therapy": "Therapies",
    "model": "Models",
    "": "Unclassified",
}


class entity_index(nodes.General, nodes.Element):
    """Placeholder for the entity index."""


class disease_matrix(nodes.General, nodes.Element):
    """Placeholder for the disease × mechanism matrix; attribute ``caption``."""


IndexModel = tuple[tuple[str, tuple[Row, ...]], ...]


def index_model(entities: dict[str, Entity], titles: dict[str, str]) -> IndexModel:
    """(kind, rows) for every kind that has entities, in KINDS order ("" last)."""
    groups = []
    for kind in (*KINDS, ""):
        rows = tuple(row_of(e, titles) for e in by_label(e for e in entities.values() if e.kind == kind))
        if rows:
            groups.append((kind, rows))
    return tuple(groups)


class EntityIndexDirective(SphinxDirective):
    """All entities, grouped by kind, with their labels, aliases and page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        note_generated(self.env, self.env.docname, INDEX)
        node = entity_index()
        self.set_source_info(node)
        return [node]


class DiseaseMatrixDirective(SphinxDirective):
    """Diseases (rows) × mechanisms (columns), derived from what pages link and cite."""

    has_content = False
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        note_generated(self.env, self.env.docname, MATRIX)
        caption = self.arguments[0] if self.arguments else "Evidence linking diseases and mechanisms"
        node = disease_matrix(caption=caption)
        self.set_source_info(node)
        return [node]


class EntityPagesRenderer(SphinxPostTransform):
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        indexes = list(self.document.findall(entity_index))
        matrices = list(self.document.findall(disease_matrix))
        if not indexes and not matrices:
            return
        models = index_part(self.env, EntityIndex).models
        builder = builder_of(self.env)
        for node in indexes:
            node.replace_self(self._index(builder, models.get(INDEX, ())))
        model: Matrix = models.get(MATRIX) or Matrix((), (), (), True)
        for i, node in enumerate(matrices, start=1):
            node.replace_self(MatrixRenderer(builder, self.env.docname).render(model, node["caption"],
                                                                               f"atlas-matrix-{i}"))

    def _index(self, builder, groups: IndexModel) -> nodes.Node:
        docname = self.env.docname

        def to(row: Row, text: str, anchor: str | None = "", title: str | None = None) -> nodes.Node:
            return link(builder, docname, row.docname, row.anchor if anchor == "" else anchor, text, title=title)

        box = nodes.container(classes=["atlas-entity-index"])
        if not groups:
            box += nodes.paragraph("", "No entities are declared yet.")
        for kind, rows in groups:
            box += nodes.rubric("", KIND_TITLES[kind], classes=["atlas-entity-index-kind"])
            items = nodes.bullet_list(classes=["atlas-entity-index-list"])
            for row in rows:
                para = nodes.paragraph()
                para += to(row, row.label, title=row.id)
                if row.label != row.id:
                    para += nodes.Text(" ")
                    para += nodes.literal("", row.id, classes=["atlas-entity-id"])
                if row.aliases:
                    para += nodes.Text(" — also " + ", ".join(row.aliases))
                para += nodes.Text(" — page: ")
                para += to(row, row.page_title, anchor=None)
                items += nodes.list_item("", para)
            box += items
        return box
