extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "entity-matrix"

from docutils import nodes  # noqa: E402
from sphinx.util.docutils import SphinxDirective  # noqa: E402


class FakePathway(SphinxDirective):
    """Stands in for the pathway directive: nodes are recorded as mentions."""

    has_content = True

    def run(self):
        from sphinxcontrib.atlas.domain import note_mentions

        note_mentions(self.env, self.env.docname, [line.strip() for line in self.content if line.strip()])
        return []


def pathway_section(app, env, docname, entity):
    if entity.kind != "mechanism":
        return []
    field = nodes.field()
    field += nodes.field_name("", "Appears in pathways")
    field += nodes.field_body("", nodes.paragraph("", f"test pathway for {entity.id}"))
    return [field]


def setup(app):
    from sphinxcontrib.atlas.domain import register_entity_section

    app.add_directive("fake-pathway", FakePathway)
    register_entity_section(app, pathway_section)
