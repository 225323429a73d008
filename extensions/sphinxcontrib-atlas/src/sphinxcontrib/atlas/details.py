"""A collapsible block: ``<details>`` with a ``<summary>`` in HTML, the summary line and its
contents in every other format (nothing is hidden where nothing can be opened)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class details(nodes.General, nodes.Element):
    """Collapsible contents; attribute ``summary``: the always-visible line."""


def collapsible(summary: str, children: list[nodes.Node], classes: tuple[str, ...] = ()) -> details:
    node = details(summary=summary, classes=["atlas-details", *classes])
    node.extend(children)
    return node


def _visit_html(self, node: details) -> None:
    self.body.append(self.starttag(node, "details"))
    self.body.append(self.starttag(nodes.Element(), "summary", ""))
    self.body.append(self.encode(node["summary"]))
    self.body.append("</summary>")


def _depart_html(self, node: details) -> None:
    self.body.append("</details>\n")


def _visit_other(self, node: details) -> None:
    """Other writers: the summary as a plain paragraph, then the contents."""
    node.insert(0, nodes.paragraph("", node["summary"]))


def _depart_other(self, node: details) -> None:
    pass


def setup_details(app: Sphinx) -> None:
    app.add_node(details, html=(_visit_html, _depart_html), latex=(_visit_other, _depart_other),
                 text=(_visit_other, _depart_other), man=(_visit_other, _depart_other),
                 texinfo=(_visit_other, _depart_other))
