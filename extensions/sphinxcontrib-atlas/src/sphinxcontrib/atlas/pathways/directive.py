"""The ``pathway`` and ``pathway-index`` directives (read time).

``pathway`` parses its body (:mod:`.parse`), warns at the exact line of each bad line,
records a :class:`~.records.Pathway`, records the edges' citations with
:func:`~..citations.domain.note_citations` (so the page's reference list includes them
and the page is re-read when one of them changes) and the node names as entity
mentions, and leaves a :class:`pathway_node` placeholder for :mod:`.render`.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..citations.domain import note_citations
from ..entities.domain import note_mentions
from ..problems import AtlasWarning, report, warn
from .parse import gene_base, nodes_of, parse_cell, parse_cells, parse_names, parse_pathway, parse_places
from .records import Pathway, pathway_data, pathways_of

NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

class pathway_node(nodes.General, nodes.Element):
    """Placeholder for one diagram; attribute ``pathway`` (its name)."""


class pathway_index_node(nodes.General, nodes.Element):
    """Placeholder for the site-wide list of pathways."""




def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "pathway"


class PathwayDirective(SphinxDirective):
    """A pathway diagram: ``A -> B : label [key, ...]`` lines (see :mod:`.parse`)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"name": directives.unchanged, "caption": directives.unchanged,
                   "compartments": directives.unchanged, "complexes": directives.unchanged,
                   "cells": directives.unchanged, "cell": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        env = self.env
        docname = env.docname
        title = " ".join(self.arguments[0].split())
        name = (self.options.get("name") or "").strip()
        if not name:
            name = slug(title)
        elif not NAME_RE.match(name):
            fixed = slug(name)
            warn(
                AtlasWarning.PATHWAY_NAME,
                f"pathway name {name!r} is not lowercase-with-dashes; using {fixed!r}",
                location=(docname, self.lineno),
            )
            name = fixed
        earlier = [pw for pw in pathways_of(env, docname) if pw.name == name]
        if earlier:
            warn(
                AtlasWarning.PATHWAY_NAME,
                f"duplicate pathway name {name!r} (first on line {earlier[0].lineno}); this diagram is not drawn",
                location=(docname, self.lineno),
            )
            return []
        first_line = self._first_content_line()
        edges, problems = parse_pathway(list(self.content), first_line, self.lineno)
        for problem in problems:
            report(problem, docname)
        for edge in edges:
            if edge.keys:
                note_citations(env, docname, edge.keys, edge.lineno)
        if not edges:
            return []
        places, more = parse_places(self.options.get("compartments", ""), self.lineno)
        cells, problems = parse_cells(self.options.get("cells", ""), self.lineno)
        cell, problems2 = parse_cell(self.options.get("cell", ""), self.lineno)
        for problem in more + problems + problems2:
            report(problem, docname)
        names = nodes_of(edges)
        note_mentions(env, docname, [*names, *(b for x in names if (b := gene_base(x))), *(c for c, _ in cells),
                                     *([cell] if cell else [])])
        record = Pathway(name, title, " ".join(self.options.get("caption", "").split()), docname, self.lineno,
                         tuple(edges), places, parse_names(self.options.get("complexes", "")), cells, cell)
        data = pathway_data(env)["pathways"]
        data[docname] = (*data.get(docname, ()), record)
        node = pathway_node(pathway=name, docname=docname)
        self.set_source_info(node)
        return [node]

    def _first_content_line(self) -> int:
        """Absolute line of the first body line.

        docutils gives ``content_offset`` as the absolute (0-based) offset of the body;
        MyST gives it relative to the directive's own line (options and the blank line
        that ends them).
        """
        if type(self.state).__module__.startswith("myst_parser"):
            return self.lineno + self.content_offset + 1
        return self.content_offset + 1


class PathwayIndexDirective(SphinxDirective):
    """A table of every pathway in the site (title, page, edge count, nodes)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        pathway_data(self.env)["indexes"][self.env.docname] = self.lineno
        node = pathway_index_node(docname=self.env.docname)
        self.set_source_info(node)
        return [node]
