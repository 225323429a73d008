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

from ..problems import AtlasWarning, warn
from .domain import note_declaration, note_mentions
from .records import COMPARTMENTS, ID_RE, KINDS, XREF_PREFIXES, Entity, normalise_xref, xref_url


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
        eid = self.arguments[0].strip() if self.arguments else ""
        if not ID_RE.match(eid):
            what = f"{eid!r} is not a valid entity id" if eid else "an entity needs an id"
            warn(AtlasWarning.ENTITY_OPTION, f"{what} (letters, digits and - _ . + /); not declared", location)
            return []
        kind = self._kind(eid, location)
        label = " ".join(self.options.get("label", "").split()) or eid
        aliases: list[str] = []
        for alias in (" ".join(a.split()) for a in self.options.get("aliases", "").split(";")):
            if alias and alias != eid and alias not in aliases:
                aliases.append(alias)
        compartment = self._compartment(eid, kind, location)
        xrefs = self._xrefs(eid, location)
        document = self.state.document
        anchor = make_id(self.env, document, "entity", eid)
        target = nodes.target("", "", ids=[anchor])
        document.note_explicit_target(target)
        short = " ".join(self.options.get("short", "").split())
        entity = Entity(eid, kind, label, tuple(aliases), compartment, xrefs, self.env.docname, self.lineno, anchor,
                        short if short != label else "")
        note_declaration(self.env, entity)
        index = addnodes.index(entries=[("single", f"{label} ({kind or 'entity'})", anchor, "", None)])
        box = entity_box(entity=eid, docname=self.env.docname, lineno=self.lineno)
        self.set_source_info(box)
        return [index, target, box]

    def _kind(self, eid: str, location: str) -> str:
        kind = self.options.get("kind", "").strip()
        if kind in KINDS:
            return kind
        what = f"unknown :kind: {kind!r}" if kind else "missing :kind:"
        warn(AtlasWarning.ENTITY_OPTION, f"entity {eid!r}: {what} (use one of {', '.join(KINDS)})", location)
        return ""

    def _compartment(self, eid: str, kind: str, location: str) -> str:
        compartment = self.options.get("compartment", "").strip()
        if not compartment:
            return ""
        if compartment not in COMPARTMENTS:
            warn(
                AtlasWarning.ENTITY_OPTION,
                f"entity {eid!r}: unknown :compartment: {compartment!r} (use one of {', '.join(COMPARTMENTS)})",
                location,
            )
            return ""
        if kind and kind != "molecule":
            warn(AtlasWarning.ENTITY_OPTION, f"entity {eid!r}: :compartment: applies to molecules only", location)
            return ""
        return compartment

    def _xrefs(self, eid: str, location: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        for token in self.options.get("xref", "").split():
            prefix, sep, value = token.partition(":")
            prefix = prefix.lower()
            if not sep or not prefix or not value:
                warn(
                    AtlasWarning.ENTITY_OPTION,
                    f"entity {eid!r}: identifier {token!r} is not prefix:value; ignored",
                    location,
                )
                continue
            value = normalise_xref(prefix, value)
            if prefix not in XREF_PREFIXES:
                warn(
                    AtlasWarning.ENTITY_OPTION,
                    f"entity {eid!r}: unknown identifier prefix {prefix!r} in {token!r}; shown unlinked "
                    f"(known: {', '.join(XREF_PREFIXES)})",
                    location,
                )
            elif xref_url(prefix, value) is None:
                warn(
                    AtlasWarning.ENTITY_OPTION,
                    f"entity {eid!r}: {token!r} is not a valid {XREF_PREFIXES[prefix][2]} identifier; shown unlinked",
                    location,
                )
            if (prefix, value) not in out:
                out.append((prefix, value))
        return tuple(out)


class EntRole(XRefRole):
    """``{ent}`ID``` or ``{ent}`text <ID or alias>```: a link to the entity's page."""

    innernodeclass = nodes.inline

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "atlas", "ent"
        self.classes = ["atlas-ent-text"]
        return self.create_xref_node()

    def result_nodes(self, document, env, node, is_ref):
        if is_ref:
            note_mentions(env, env.docname, [node["reftarget"]])
        return [node], []


def missing_reference(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element):
    """Report an unknown ``{ent}`` target once and keep its text, unlinked."""
    if node.get("refdomain") != "atlas" or node.get("reftype") != "ent":
        return None
    target = node["reftarget"]
    warn(
        AtlasWarning.ENTITY_UNKNOWN,
        f"unknown entity {target!r}: no page declares this id or alias",
        location=node,
    )
    return nodes.inline(contnode.astext(), contnode.astext(), classes=["atlas-ent-unknown"])
