"""A collapsible block: ``<details>`` with a ``<summary>`` in HTML, the summary line and its
contents in every other format (nothing is hidden where nothing can be opened)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class details(nodes.General, nodes.Element):
    """Collapsible contents; attribute ``summary``: the always-visible line (plain text), or
    a :class:`summary` node as first child (inline markup)."""


class summary(nodes.General, nodes.TextElement):
    """The always-visible line of a :class:`details` block, with inline markup."""


def collapsible(summary: str, children: list[nodes.Node], classes: tuple[str, ...] = ()) -> details:
    node = details(summary=summary, classes=["atlas-details", *classes])
    node.extend(children)
    return node


def _visit_html(self, node: details) -> None:
    self.body.append(self.starttag(node, "details"))
    if node.get("summary"):
        self.body.append(self.starttag(nodes.Element(), "summary", ""))
        self.body.append(self.encode(node["summary"]))
        self.body.append("</summary>")


def _visit_summary_html(self, node: summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def _depart_summary_html(self, node: summary) -> None:
    self.body.append("</summary>")


def _depart_html(self, node: details) -> None:
    self.body.append("</details>\n")


def _visit_other(self, node: details) -> None:
    """Other writers: the summary as a plain paragraph, then the contents."""
    if node.get("summary"):
        node.insert(0, nodes.paragraph("", node["summary"]))


def _visit_summary_other(self, node: summary) -> None:
    self.visit_paragraph(node)


def _depart_summary_other(self, node: summary) -> None:
    self.depart_paragraph(node)


def _depart_other(self, node: details) -> None:
    pass


def setup_details(app: Sphinx) -> None:
    other = (_visit_summary_other, _depart_summary_other)
    app.add_node(summary, html=(_visit_summary_html, _depart_summary_html), latex=other, text=other, man=other,
                 texinfo=other)
    app.add_node(details, html=(_visit_html, _depart_html), latex=(_visit_other, _depart_other),
                 text=(_visit_other, _depart_other), man=(_visit_other, _depart_other),
                 texinfo=(_visit_other, _depart_other))
