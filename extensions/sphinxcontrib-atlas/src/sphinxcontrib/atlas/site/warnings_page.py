"""``{atlas-warnings}``: the table of warning kinds, generated from :class:`~..problems.AtlasWarning`.

The docs page listing every warning is built from the enum itself, so it cannot drift.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..problems import AtlasWarning
from .tables import generated_table


class AtlasWarningsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        rows = [(f"atlas.{kind.subtype}", kind.cause, kind.fix) for kind in AtlasWarning]
        return [generated_table(["atlas-warnings-table"], ["Warning", "Cause", "How to fix it"], (22, 39, 39), rows)]


def setup_warnings_page(app: Sphinx) -> None:
    app.add_directive("atlas-warnings", AtlasWarningsDirective)
