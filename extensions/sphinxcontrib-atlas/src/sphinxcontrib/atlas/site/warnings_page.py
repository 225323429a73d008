"""``{atlas-warnings}``: the table of warning subtypes, generated from :class:`AtlasWarning`.

The docs page listing every warning is built from the enum itself, so it cannot drift.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..problems import AtlasWarning


class AtlasWarningsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["atlas-warnings-table"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (22, 39, 39):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self._row(["Warning", "Cause", "How to fix it"], header=True)
        body = nodes.tbody()
        group += body
        for kind in AtlasWarning:
            body += self._row([f"atlas.{kind.subtype}", kind.cause, kind.fix], literal_first=True)
        return [table]

    def _row(self, cells: list[str], header: bool = False, literal_first: bool = False) -> nodes.row:
        row = nodes.row()
        for i, text in enumerate(cells):
            entry = nodes.entry()
            if literal_first and i == 0:
                para = nodes.paragraph()
                para += nodes.literal(text, text)
                entry += para
            else:
                # the enum's texts use ``literal`` markup: parse it inline, nothing else
                entry += self._inline_literals(text)
            row += entry
        return row

    @staticmethod
    def _inline_literals(text: str) -> nodes.paragraph:
        para = nodes.paragraph()
        for i, part in enumerate(text.split("``")):
            if part:
                para += nodes.literal(part, part) if i % 2 else nodes.Text(part)
        return para


def setup_warnings_page(app: Sphinx) -> None:
    app.add_directive("atlas-warnings", AtlasWarningsDirective)
