"""The ``pathway`` and ``pathway-index`` directives and the feature's Sphinx wiring.

Data flow (DESIGN.md, "Pathways"):

* read — ``pathway`` parses its body (:mod:`.parse`), warns at the exact line of each
  bad line, records a :class:`~.data.Pathway` in the ``pathways`` domain, records the
  edges' citations with ``atlas.citations.note_citations`` (so the page's reference list
  includes them and the page is re-read when one of them changes) and the node names as
  entity mentions, and leaves a :class:`pathway_node` placeholder.
* ``env-check-consistency`` — a ``:name:`` used on two pages warns at the second.
* ``env-updated`` — returns the pages that show other pages' pathway data and whose
  content changed: ``pathway-index`` pages, entity pages ("Appears in pathways") and
  pathway pages whose nodes now resolve differently (an entity was declared or moved).
* post-transform (:mod:`.render`) — placeholders become the SVG (HTML) or a note
  (other builders), the edge table (the text alternative) and download links.
* ``build-finished`` (:mod:`.files`) — ``_atlas/pathways/<name>.svg|json``.

The disease-context switch: each edge's diseases are the union of its cited
references' ``diseases`` (store); the SVG carries them as ``data-diseases="MDS AML"``
and, when any edge has context, the figure offers an "Evidence from" ``<select>``
(revealed by the script) that dims edges without evidence from the chosen disease.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..nodeutil import add_placeholder_nodes
from ..warnings_ import AtlasWarning, warn
from .data import (
    Pathway,
    PathwayDomain,
    _data,
    all_pathways,
    duplicates,
    entity_pathways,
    index_pages,
    node_signature,
    pathways_of,
    resolve,
    signature,
)
from .parse import nodes_of, parse_pathway

NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_KINDS = {
    "pathway.syntax": AtlasWarning.PATHWAY_SYNTAX,
    "pathway.edge": AtlasWarning.PATHWAY_EDGE,
    "pathway.empty": AtlasWarning.PATHWAY_EMPTY,
    "pathway.uncited": AtlasWarning.PATHWAY_UNCITED,
    "entity.unknown": AtlasWarning.ENTITY_UNKNOWN,
}


def warning_kind(kind: str) -> AtlasWarning:
    return _KINDS[kind]


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
    option_spec = {"name": directives.unchanged, "caption": directives.unchanged}

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
            warn(warning_kind(problem.kind), problem.message, location=(docname, problem.lineno))
        from ..citations import note_citations
        from ..domain import note_mentions

        for edge in edges:
            if edge.keys:
                note_citations(env, docname, edge.keys, edge.lineno)
        if not edges:
            return []
        note_mentions(env, docname, nodes_of(edges))
        record = Pathway(name, title, " ".join(self.options.get("caption", "").split()), docname, self.lineno,
                         tuple(edges))
        data = _data(env)["pathways"]
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
        _data(self.env)["indexes"][self.env.docname] = self.lineno
        node = pathway_index_node(docname=self.env.docname)
        self.set_source_info(node)
        return [node]


# -- main-process events ------------------------------------------------------------


def _check_names(app: Sphinx, env: BuildEnvironment) -> None:
    for first, repeat in duplicates(env):
        warn(
            AtlasWarning.PATHWAY_NAME,
            f"pathway name {repeat.name!r} is already used in {env.doc2path(first.docname, False)}:"
            f"{first.lineno}; names must be unique site-wide (the first is kept for downloads and the index)",
            location=(repeat.docname, repeat.lineno),
        )


def _changed_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: pages showing pathway data from other pages whose content changed."""
    sigs: dict[str, str] = _data(env)["signatures"]
    new: dict[str, str] = {}
    pws = all_pathways(env)
    resolved = {pw.name: resolve(env, pw) for pw in pws}
    # the index shows titles, pages, edge counts and node links
    new["index"] = signature(
        [(pw.name, pw.title, pw.docname, len(r.edges), [node_signature(n) for n in r.nodes])
         for pw in pws for r in [resolved[pw.name]]],
        [(doc, env.titles[doc].astext() if doc in env.titles else doc) for doc in sorted({p.docname for p in pws})],
    )
    # pathway pages draw entities from other pages
    for docname in sorted(_data(env)["pathways"]):
        new[f"doc:{docname}"] = signature(
            [[node_signature(n) for n in resolve(env, pw).nodes] for pw in pathways_of(env, docname)]
        )
    # entity pages list the pathways that draw them
    for entity_id, lst in entity_pathways(env).items():
        from ..domain import lookup_entity

        ent = lookup_entity(env, entity_id)
        if ent is None:
            continue
        key = f"entity:{ent.docname}"
        new[key] = signature(new.get(key), entity_id, [(p.name, p.title, p.docname) for p in lst])
    changed: set[str] = set()
    if new.get("index") != sigs.get("index"):
        changed.update(index_pages(env))
    for key in set(new) | set(sigs):
        if key == "index" or new.get(key) == sigs.get(key):
            continue
        changed.add(key.split(":", 1)[1])
    _data(env)["signatures"] = new
    return sorted(doc for doc in changed if doc in env.all_docs)


def setup_pathways(app: Sphinx) -> None:
    from ..assets import register_assets
    from ..domain import register_entity_section
    from ..export import register_export
    from . import files, render

    add_placeholder_nodes(app, pathway_node, pathway_index_node)
    app.add_domain(PathwayDomain)
    app.add_directive("pathway", PathwayDirective)
    app.add_directive("pathway-index", PathwayIndexDirective)
    app.add_post_transform(render.PathwayRenderer)
    register_entity_section(app, render.appears_in_section)
    register_export("pathways", files.pathways_export)
    register_assets(css=["atlas-pathways.css"], js=["atlas-pathways.js"])
    app.connect("env-check-consistency", _check_names)
    app.connect("env-updated", _changed_pages)
    app.connect("build-finished", files.write_downloads)


__all__: list[Any] = ["PathwayDirective", "PathwayIndexDirective", "pathway_node", "setup_pathways"]
