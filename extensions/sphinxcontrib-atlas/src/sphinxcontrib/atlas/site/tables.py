"""Small tables generated from the extension's own definitions (warning kinds, settings)."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes


def inline_literals(text: str) -> nodes.paragraph:
    """A paragraph of ``text`` where ````double backticks```` mark code; nothing else is parsed."""
    para = nodes.paragraph()
    for i, part in enumerate(text.split("``")):
        if part:
            para += nodes.literal(part, part) if i % 2 else nodes.Text(part)
    return para


def generated_table(classes: Sequence[str], headers: Sequence[str], widths: Sequence[int],
                    rows: Sequence[Sequence[str]], literal_first: bool = True) -> nodes.table:
    """A table whose first column is code and whose other cells may hold ````code````."""
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers, literal_first=False, parse=False)
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells, literal_first=literal_first, parse=True)
    return table


def _row(cells: Sequence[str], literal_first: bool, parse: bool) -> nodes.row:
    row = nodes.row()
    for i, text in enumerate(cells):
        entry = nodes.entry()
        if literal_first and i == 0:
            para = nodes.paragraph()
            para += nodes.literal(text, text)
            entry += para
        elif parse:
            entry += inline_literals(text)
        else:
            entry += nodes.paragraph(text, text)
        row += entry
    return row
