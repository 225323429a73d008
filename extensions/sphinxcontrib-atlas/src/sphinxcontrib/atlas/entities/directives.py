"""Read time: the ``entity`` directive declares, the ``{ent}`` role links.

* ``entity`` validates its options (kind, compartment, identifiers; each problem a
  located ``entity.option`` warning), records an :class:`~.records.Entity` and leaves an
  :class:`entity_box` placeholder that :mod:`.box` fills in once every page is read.
* ``{ent}`ID``` / ``{ent}`text <ID or alias>``` leaves a ``pending_xref`` (refdomain
  ``atlas``, reftype ``ent``) and records the name as mentioned by the page; unknown
  targets are reported once, late, by :func:`missing_reference` (so ``-n`` adds no
  generic warning) and stay visible, unlinked.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..lines import role_line
from ..problems import AtlasWarning, warn
from ..siteindex import index_part
from ..suggest import did_you_mean
from .domain import note_declaration, note_mentions
from .index import EntityIndex
from .options import declaration
from .records import Entity


class entity_box(nodes.General, nodes.Element):
    """Placeholder for an entity's identifier box; attributes ``entity`` (id), ``docname``, ``lineno``."""


class EntityDirective(SphinxDirective):
    """Declare an entity on its own page: ``entity`` ID with :kind:, :label:, ..."""

    has_content = False
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {name: directives.unchanged for name in ("kind", "label", "short", "aliases", "compartment", "xref")}

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        found, problems = declaration(self.arguments[0] if self.arguments else "", self.options)
        for message in problems:
            warn(AtlasWarning.ENTITY_OPTION, message, location)
        if found is None:
            return []
        document = self.state.document
        anchor = make_id(self.env, document, "entity", found.id)
        target = nodes.target("", "", ids=[anchor])
        document.note_explicit_target(target)
        entity = Entity(found.id, found.kind, found.label, found.aliases, found.compartment, found.xrefs,
                        self.env.docname, self.lineno, anchor, found.short)
        note_declaration(self.env, entity)
        index = addnodes.index(entries=[("single", f"{found.label} ({found.kind or 'entity'})", anchor, "", None)])
        box = entity_box(entity=found.id, docname=self.env.docname, lineno=self.lineno)
        self.set_source_info(box)
        return [index, target, box]


class EntRole(XRefRole):
    """``{ent}`ID``` or ``{ent}`text <ID or alias>```: a link to the entity's page."""

    innernodeclass = nodes.inline

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "atlas", "ent"
        self.classes = ["atlas-ent-text"]
        found, messages = self.create_xref_node()
        line = role_line(self.lineno, self.inliner)
        for node in found:
            node.line = line  # an unknown target is reported at the role's own line
        return found, messages

    def result_nodes(self, document, env, node, is_ref):
        if is_ref:
            note_mentions(env, env.docname, [node["reftarget"]])
        return [node], []


def missing_reference(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element):
    """Report an unknown ``{ent}`` target once and keep its text, unlinked."""
    if node.get("refdomain") != "atlas" or node.get("reftype") != "ent":
        return None
    target = node["reftarget"]
    index = index_part(env, EntityIndex)
    names = [*index.entities, *(a for e in index.entities.values() for a in e.aliases)]
    warn(
        AtlasWarning.ENTITY_UNKNOWN,
        f"unknown entity {target!r}: no page declares this id or alias{did_you_mean(target, names)}",
        location=node,
    )
    return nodes.inline(contnode.astext(), contnode.astext(), classes=["atlas-ent-unknown"])
