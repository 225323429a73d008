"""Entities: the ``atlas`` domain, the ``entity`` directive and the ``{ent}`` role.

Data flow (see DESIGN.md):

* read — ``entity`` declares an :class:`Entity` (a typed record) in the domain data and
  leaves an :class:`entity_box` placeholder; ``{ent}`` leaves a ``pending_xref``
  (refdomain ``atlas``, reftype ``ent``) and records the name as *mentioned* by the page.
  Pathway nodes record their mentions with :func:`note_mentions`.
* merge — ``merge_domaindata`` joins worker data and warns on duplicates between workers;
  the kept declaration is always the first by (docname, line), so serial, parallel and
  incremental builds agree.
* resolve — ``resolve_xref`` links known ids/aliases; unknown ones are reported once by a
  late ``missing-reference`` handler (so ``-n`` adds no generic warning) and stay visible,
  unlinked, as ``<span class="atlas-ent-unknown">``.

Public API for other features (pathways, pages, export)::

    lookup_entity(env, name) -> Entity | None
    entity_uri(builder, fromdocname, entity) -> str
    note_mentions(env, docname, names)
    entities(env) -> dict[str, Entity]
    mentioned_on(env, entity_id) -> list[str]
    register_entity_section(app, fn) # fn(app, env, docname, entity) -> list[Node]
    xref_url(prefix, value) -> str | None

Lookups that cross pages are complete only once every document is read: call them
from ``env-updated``, post-transforms or later, not from a directive's ``run``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Set
from typing import Any, NamedTuple
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id, make_refnode

from .nodeutil import add_placeholder_nodes
from .warnings_ import AtlasWarning, warn

KINDS = ("molecule", "cell", "disease", "mechanism", "therapy", "model")
COMPARTMENTS = ("extracellular", "membrane", "cytoplasm", "nucleus")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+\-/]*$")

# prefix -> (value pattern, URL template ({} = URL-quoted value), display name, shown prefix)
XREF_PREFIXES: dict[str, tuple[str, str, str, str]] = {
    "hgnc": (r"\d+", "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{}", "HGNC", "HGNC:"),
    "uniprot": (
        r"(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})(?:-\d+)?",
        "https://www.uniprot.org/uniprotkb/{}",
        "UniProt",
        "",
    ),
    "ncbigene": (r"\d+", "https://www.ncbi.nlm.nih.gov/gene/{}", "NCBI Gene", ""),
    "chebi": (r"\d+", "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:{}", "ChEBI", "CHEBI:"),
    "drugbank": (r"DB\d{5}", "https://go.drugbank.com/drugs/{}", "DrugBank", ""),
    "mondo": (r"\d{7}", "https://purl.obolibrary.org/obo/MONDO_{}", "MONDO", "MONDO:"),
    "doid": (r"\d+", "https://purl.obolibrary.org/obo/DOID_{}", "Disease Ontology", "DOID:"),
    "nct": (r"NCT\d{8}", "https://clinicaltrials.gov/study/{}", "ClinicalTrials.gov", ""),
    "pubchem": (r"\d+", "https://pubchem.ncbi.nlm.nih.gov/compound/{}", "PubChem", "CID "),
    "cl": (r"\d{7}", "https://purl.obolibrary.org/obo/CL_{}", "Cell Ontology", "CL:"),
    "mesh": (r"[CDQ]\d{6,9}", "https://meshb.nlm.nih.gov/record/ui?ui={}", "MeSH", ""),
}
_XREF_RES = {prefix: re.compile(rf"^(?:{spec[0]})$") for prefix, spec in XREF_PREFIXES.items()}


# -- records -------------------------------------------------------------------------


class Entity(NamedTuple):
    """One declared entity (immutable; stored in the environment)."""

    id: str
    kind: str  # one of KINDS, or "" when the declaration's kind was missing or invalid
    label: str
    aliases: tuple[str, ...]
    compartment: str  # one of COMPARTMENTS or ""
    xrefs: tuple[tuple[str, str], ...]  # (prefix, value), in the order written
    docname: str
    lineno: int
    anchor: str
    short: str = ""  # the short display name readers know (gp130, RANKL); "" = use the label

    @property
    def display(self) -> str:
        """What a bare link, a diagram node and a table show: never the raw id when a
        label or short name is declared."""
        return self.short or self.label or self.id


def _order(entity: Entity) -> tuple[str, int]:
    """Declaration order: the first declaration of an id or alias wins."""
    return entity.docname, entity.lineno


def xref_url(prefix: str, value: str) -> str | None:
    """URL of an external identifier, or None (unknown prefix or malformed value)."""
    pattern = _XREF_RES.get(prefix)
    if pattern is None or not pattern.match(value):
        return None
    return XREF_PREFIXES[prefix][1].format(quote(value, safe=""))


def xref_display(prefix: str, value: str) -> tuple[str, str]:
    """(database name, identifier as shown) for an identifier."""
    spec = XREF_PREFIXES.get(prefix)
    if spec is None:
        return prefix, value
    return spec[2], f"{spec[3]}{value}" if xref_url(prefix, value) else value


def _normalise_xref(prefix: str, value: str) -> str:
    spec = XREF_PREFIXES.get(prefix)
    shown = spec[3].strip().rstrip(":") if spec else ""
    if shown and value.upper().startswith(shown.upper() + ":"):
        value = value[len(shown) + 1 :]
    return value


# -- nodes ---------------------------------------------------------------------------


class entity_box(nodes.General, nodes.Element):
    """Placeholder for an entity's identifier box; attributes ``entity`` (id), ``docname``, ``lineno``."""




# -- domain --------------------------------------------------------------------------


class AtlasDomain(Domain):
    """Entities declared by ``entity`` and linked by ``{ent}``."""

    name = "atlas"
    label = "IL-6 Heme Atlas"
    object_types = {kind: ObjType(kind, "ent") for kind in KINDS}
    data_version = 1
    initial_data: dict[str, Any] = {
        "entities": {},  # id -> Entity (the first declaration)
        "duplicates": [],  # [Entity]: later declarations of an id already declared
        "mentions": {},  # docname -> {id or alias linked by {ent} or a pathway node}
        "generated": {},  # docname -> {"entity-index", "disease-matrix"}
        "reading": set(),  # docnames read in the current build (set on env-before-read-docs)
        "read_here": set(),  # of those, the ones read by this process (never merged)
        "snapshot": {},  # what the pages showed in the previous build (see backlinks.py)
    }

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        return str(type.lname)  # "molecule" in search results, not "IL-6 Heme Atlas molecule"

    # -- storage ---------------------------------------------------------------------

    @property
    def entities(self) -> dict[str, Entity]:
        return self.data["entities"]

    def _invalidate(self) -> None:
        self.__dict__.pop("_atlas_cache", None)

    def _cache(self) -> dict[str, Any]:
        """Derived lookups, rebuilt lazily after any change to the data."""
        cache = self.__dict__.get("_atlas_cache")
        if cache is None:
            aliases: dict[str, str] = {}
            for ent in sorted(self.entities.values(), key=_order):
                for alias in ent.aliases:
                    aliases.setdefault(alias.casefold(), ent.id)
            cache = self.__dict__["_atlas_cache"] = {"aliases": aliases}
        return cache

    def lookup(self, name: str) -> Entity | None:
        ent = self.entities.get(name)
        if ent is not None:
            return ent
        ent_id = self._cache()["aliases"].get(name.casefold())
        return self.entities.get(ent_id) if ent_id is not None else None

    def mentioned_on(self, entity_id: str) -> list[str]:
        """Docnames (other than the declaring page) whose links resolve to ``entity_id``."""
        cache = self._cache()
        if "reverse" not in cache:
            reverse: dict[str, list[str]] = {}
            for docname in sorted(self.data["mentions"]):
                found = {ent.id for name in self.data["mentions"][docname] if (ent := self.lookup(name))}
                for eid in found:
                    if self.entities[eid].docname != docname:
                        reverse.setdefault(eid, []).append(docname)
            cache["reverse"] = reverse
        return list(cache["reverse"].get(entity_id, ()))

    def declare(self, entity: Entity, checked: Callable[[Entity], bool]) -> None:
        """Add ``entity``, warning about clashes with the declarations ``checked`` accepts.

        Each clashing pair is reported exactly once, at the later declaration: a directive
        checks what its own process read this build plus the documents not re-read; a
        merge checks what other workers read (see :func:`_seen_here`).
        """
        current = self.entities.get(entity.id)
        if current is not None:
            first, later = sorted((current, entity), key=_order)
            if checked(current):
                warn(
                    AtlasWarning.ENTITY_DUPLICATE,
                    f"entity {entity.id!r} is declared twice: at {_where(self.env, first)} and "
                    f"{_where(self.env, later)}; the first declaration is used",
                    location=(later.docname, later.lineno),
                )
            self.entities[entity.id] = first
            self.data["duplicates"].append(later)
        else:
            for other in self.entities.values():
                clash = _alias_clash(entity, other)
                if clash and checked(other):
                    first, later = sorted((other, entity), key=_order)
                    winner = clash if clash in (entity.id, other.id) else first.id  # ids before aliases
                    warn(
                        AtlasWarning.ENTITY_AMBIGUOUS,
                        f"{clash!r} names two entities: {first.id!r} ({_where(self.env, first)}) and "
                        f"{later.id!r} ({_where(self.env, later)}); it resolves to {winner!r}",
                        location=(later.docname, later.lineno),
                    )
            self.entities[entity.id] = entity
        self._invalidate()

    def note_mentions(self, docname: str, names: Iterable[str]) -> None:
        self.data["mentions"].setdefault(docname, set()).update(n for n in names if n)
        self._invalidate()

    # -- Sphinx hooks ----------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        removed = [eid for eid, ent in self.entities.items() if ent.docname == docname]
        for eid in removed:
            del self.entities[eid]
        dups = [ent for ent in self.data["duplicates"] if ent.docname != docname]
        for eid in removed:  # promote the next declaration of a removed id
            waiting = sorted((ent for ent in dups if ent.id == eid), key=_order)
            if waiting:
                self.entities[eid] = waiting[0]
                dups.remove(waiting[0])
        self.data["duplicates"] = dups
        self.data["mentions"].pop(docname, None)
        self.data["generated"].pop(docname, None)
        self._invalidate()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        reading = self.data["reading"]
        incoming = [
            ent
            for ent in (*otherdata["entities"].values(), *otherdata["duplicates"])
            if ent.docname in docnames
        ]
        for ent in sorted(incoming, key=_order):
            self.declare(ent, lambda other: other.docname in reading and other.docname not in docnames)
        for key in ("mentions", "generated"):
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self._invalidate()

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        ent = self.lookup(target)
        if ent is None:
            return None  # reported by _missing_reference, after intersphinx had its turn
        if not node.get("refexplicit"):
            contnode = _display_node(ent, contnode)
        return _refnode(builder, fromdocname, ent, contnode)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        ent = self.lookup(target)
        if ent is None or ent.kind not in KINDS:
            return []
        return [("atlas:ent", _refnode(builder, fromdocname, ent, contnode))]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        aliases = self._cache()["aliases"]
        for ent in sorted(self.entities.values(), key=lambda e: e.id):
            if ent.kind not in KINDS:
                continue
            yield ent.id, ent.id, ent.kind, ent.docname, ent.anchor, 1
            for alias in ent.aliases:
                if alias not in self.entities and aliases.get(alias.casefold()) == ent.id:
                    yield alias, alias, ent.kind, ent.docname, ent.anchor, 2


def _seen_here(dom: AtlasDomain) -> Callable[[Entity], bool]:
    """At read time: declarations from pages not re-read, or read by this same process.

    In a serial build that is everything read so far; in a parallel worker it leaves out
    what other workers read (even if merged before this worker started): the merge
    reports those clashes, so serial and parallel builds warn alike.
    """
    reading, here = dom.data["reading"], dom.data["read_here"]
    return lambda other: other.docname not in reading or other.docname in here


def _where(env: BuildEnvironment, ent: Entity) -> str:
    return f"{env.doc2path(ent.docname, False)}:{ent.lineno}"


def _alias_clash(new: Entity, other: Entity) -> str | None:
    """A name by which ``new`` and ``other`` would both be found, if any."""
    if new.id == other.id:
        return None
    theirs = {a.casefold() for a in other.aliases}
    for alias in new.aliases:
        if alias.casefold() in theirs or alias == other.id:
            return alias
    for alias in other.aliases:
        if alias == new.id:
            return alias
    return None


def _display_node(ent: Entity, contnode: nodes.Element) -> nodes.Element:
    """A bare ``{ent}`ID``` shows the entity's display name, not the id or alias typed."""
    shown = contnode.deepcopy()
    shown.children = []
    shown += nodes.Text(ent.display)
    return shown


def _refnode(builder: Builder, fromdocname: str, ent: Entity, contnode: nodes.Element) -> nodes.reference:
    ref = make_refnode(builder, fromdocname, ent.docname, ent.anchor, contnode, ent.label)
    ref["classes"] += ["atlas-ent"] + ([f"atlas-ent-{ent.kind}"] if ent.kind else [])
    return ref


def _domain(env: BuildEnvironment) -> AtlasDomain:
    return env.domains["atlas"]  # type: ignore[return-value]


# -- public API ----------------------------------------------------------------------

EntitySection = Callable[[Sphinx, BuildEnvironment, str, Entity], list[nodes.Node]]


def lookup_entity(env: BuildEnvironment, name: str) -> Entity | None:
    """The entity with id ``name`` (case-sensitive), else with alias ``name`` (any case)."""
    return _domain(env).lookup(name)


def entities(env: BuildEnvironment) -> dict[str, Entity]:
    """All declared entities by id (the first declaration of each id)."""
    return dict(_domain(env).entities)


def entity_uri(builder: Builder, fromdocname: str, entity: Entity) -> str:
    """Relative URI from ``fromdocname`` to the entity's anchor ("" if the builder has none)."""
    if fromdocname == entity.docname:
        return "#" + entity.anchor
    try:
        return builder.get_relative_uri(fromdocname, entity.docname) + "#" + entity.anchor
    except NoUri:
        return ""


def note_mentions(env: BuildEnvironment, docname: str, names: Iterable[str]) -> None:
    """Record (at read time) that ``docname`` links these entity ids or aliases."""
    _domain(env).note_mentions(docname, names)


def mentioned_on(env: BuildEnvironment, entity_id: str) -> list[str]:
    """Docnames, other than its own page, that link the entity (sorted by docname)."""
    return _domain(env).mentioned_on(entity_id)


def mentioned_entities(env: BuildEnvironment, docname: str) -> list[str]:
    """Ids of the known entities ``docname`` links (sorted)."""
    dom = _domain(env)
    found = {ent.id for name in dom.data["mentions"].get(docname, ()) if (ent := dom.lookup(name))}
    return sorted(found)


ENTITY_SECTION_EVENT = "atlas-entity-section"


def register_entity_section(app: Sphinx, fn: EntitySection) -> None:
    """Append ``fn(app, env, docname, entity)``'s nodes to every entity's identifier box.

    Called in a post-transform (priority 8, before references are resolved), so the
    nodes may contain ``pending_xref``.  Returned ``nodes.field`` items join the box's
    field list; other nodes are appended below it.  It is an event of this application
    (``atlas-entity-section``), so two apps in one process (tests) never share sections.
    The caller returns the pages whose section changed from its own ``env-updated``.
    """
    app.connect(ENTITY_SECTION_EVENT, fn)


def entity_sections(app: Sphinx, env: BuildEnvironment, docname: str, entity: Entity) -> list[nodes.Node]:
    """Every registered section's nodes for ``entity``, in registration order."""
    out: list[nodes.Node] = []
    for result in app.events.emit(ENTITY_SECTION_EVENT, env, docname, entity):
        out.extend(result or ())
    return out


# -- directive and role --------------------------------------------------------------


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
        dom = _domain(self.env)
        dom.data["read_here"].add(self.env.docname)
        dom.declare(entity, _seen_here(dom))
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
            value = _normalise_xref(prefix, value)
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


def _missing_reference(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element):
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


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    data = _domain(env).data
    data["reading"] = set(docnames)
    data["read_here"] = set()


def setup_entities(app: Sphinx) -> None:
    app.add_event(ENTITY_SECTION_EVENT)
    from .assets import register_assets
    from .backlinks import setup_backlinks
    from .entities_pages import setup_entity_pages

    add_placeholder_nodes(app, entity_box)
    app.add_domain(AtlasDomain)
    app.add_directive_to_domain("atlas", "entity", EntityDirective)
    app.add_role_to_domain("atlas", "ent", EntRole())
    app.add_directive("entity", EntityDirective)
    app.add_role("ent", EntRole())
    app.connect("env-before-read-docs", _before_read)
    app.connect("missing-reference", _missing_reference, priority=900)
    register_assets(css=["atlas-entities.css"])
    setup_backlinks(app)
    setup_entity_pages(app)
