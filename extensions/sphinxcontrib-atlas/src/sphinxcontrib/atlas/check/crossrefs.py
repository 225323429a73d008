"""What ``make check`` reports across pages, as the build does: entity declarations and
their options, ``{ent}`` links and pathway nodes that name no entity, pathway names, and
the citation roles' syntax.

The entity declarations of every page are read first and turned into the build's own
records, so the same code decides which declaration wins and which aliases clash
(:mod:`...entities.index`); each problem is reported at the line where the build reports
it, usually with a "did you mean" suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..citations.forms import ROLE_NAMES
from ..citations.targets import parse_targets
from ..entities.index import EntityIndex, alias_table, first_declarations
from ..entities.options import declaration
from ..entities.records import Entity
from ..pathways.directive import NAME_RE, slug
from ..pathways.parse import parse_cell, parse_cells, parse_pathway
from ..pathways.records import Pathway
from ..pathways.resolve import diagram_cells, resolve_name
from ..problems import AtlasWarning, Problem
from ..suggest import did_you_mean
from .markdown import Page

#: every citation role of the family (``cite:p``, ``cite:ts``, ``footcite:t`` …)
CITE_ROLES = ROLE_NAMES


@dataclass
class Site:
    """Every page read, by its path relative to docs/ (the build's docname + ``.md``)."""

    docs: Path
    pages: dict[str, Page] = field(default_factory=dict)

    def path(self, rel: str) -> str:
        return str(self.docs / rel)


def _docname(rel: str) -> str:
    return rel[:-3] if rel.endswith(".md") else rel


def entity_index(site: Site) -> tuple[EntityIndex, list[Problem]]:
    """The entities as the build would index them, and the options problems of each."""
    declared: list[Entity] = []
    problems: list[Problem] = []
    for rel, page in sorted(site.pages.items()):
        for directive in page.directives:
            if directive.name != "entity":
                continue
            found, messages = declaration(directive.argument, directive.options)
            problems += [Problem(AtlasWarning.ENTITY_OPTION, m, directive.line, site.path(rel)) for m in messages]
            if found is not None:
                declared.append(Entity(found.id, found.kind, found.label, found.aliases, found.compartment,
                                       found.xrefs, _docname(rel), directive.line, "", found.short))
    entities, duplicates = first_declarations(declared)
    aliases, clashes = alias_table(entities)
    index = EntityIndex(entities=entities, duplicates=duplicates, aliases=aliases, clashes=clashes)
    where = {_docname(rel): rel for rel in site.pages}

    def at(ent: Entity) -> str:
        return f"{where[ent.docname]}:{ent.lineno}"

    for later in duplicates:
        first = entities[later.id]
        problems.append(Problem(AtlasWarning.ENTITY_DUPLICATE, f"entity {later.id!r} is declared twice: at {at(first)} "
                                f"and {at(later)}; the first declaration is used", later.lineno,
                                site.path(where[later.docname])))
    for clash in clashes:
        problems.append(Problem(AtlasWarning.ENTITY_AMBIGUOUS, f"{clash.name!r} names two entities: {clash.first.id!r} "
                                f"({at(clash.first)}) and {clash.later.id!r} ({at(clash.later)}); it resolves to "
                                f"{clash.winner!r}", clash.later.lineno, site.path(where[clash.later.docname])))
    return index, problems


def _names(index: EntityIndex) -> list[str]:
    return [*index.entities, *(a for e in index.entities.values() for a in e.aliases)]


def _ent_target(content: str) -> str:
    text = content.strip()
    if text.endswith(">") and "<" in text:
        return text[text.rindex("<") + 1 : -1].strip()
    return text


def link_problems(path: str, page: Page, index: EntityIndex) -> list[Problem]:
    """``{ent}`` targets no page declares, and malformed citation roles."""
    found = []
    names = _names(index)
    for role in page.roles:
        if role.name in ("ent", "atlas:ent"):
            target = _ent_target(role.content)
            if index.lookup(target) is None:
                found.append(Problem(AtlasWarning.ENTITY_UNKNOWN, f"unknown entity {target!r}: no page declares this "
                                     f"id or alias{did_you_mean(target, names)}", role.line, path))
        elif role.name in CITE_ROLES:
            _targets, problem = parse_targets(role.content)
            if problem:
                found.append(Problem(AtlasWarning.CITE_SYNTAX, f"{role.name} role: {problem}", role.line, path))
    return found


def pathway_problems(site: Site, index: EntityIndex) -> list[Problem]:
    """Pathway names (lowercase-with-dashes, unique) and nodes or disease contexts that
    name no entity; the parser's own line problems are reported per page."""
    found: list[Problem] = []
    first_use: dict[str, tuple[str, int]] = {}
    names = _names(index)
    for rel, page in sorted(site.pages.items()):
        path = site.path(rel)
        on_page: dict[str, int] = {}
        for directive in (d for d in page.directives if d.name == "pathway"):
            title = " ".join(directive.argument.split())
            name = directive.options.get("name", "").strip() or slug(title)
            if not NAME_RE.match(name):
                fixed = slug(name)
                found.append(Problem(AtlasWarning.PATHWAY_NAME, f"pathway name {name!r} is not lowercase-with-dashes; "
                                     f"using {fixed!r}", directive.line, path))
                name = fixed
            if name in on_page:
                found.append(Problem(AtlasWarning.PATHWAY_NAME, f"duplicate pathway name {name!r} (first on line "
                                     f"{on_page[name]}); this diagram is not drawn", directive.line, path))
                continue
            on_page[name] = directive.line
            if name in first_use:
                other, line = first_use[name]
                found.append(Problem(AtlasWarning.PATHWAY_NAME, f"pathway name {name!r} is already used in {other}:"
                                     f"{line}; names must be unique site-wide (the first is kept for downloads and "
                                     "the index)", directive.line, path))
            else:
                first_use[name] = (rel, directive.line)
            found += _node_problems(path, name, directive, index, names)
    return found


def _node_problems(path: str, name: str, directive, index: EntityIndex, names: list[str]) -> list[Problem]:
    lines = [text for _line, text in directive.body]
    first = directive.body[0][0] if directive.body else directive.line + 1
    edges, _problems = parse_pathway(lines, first, directive.line, _canonical(index))
    found, seen = [], set()
    for edge in edges:
        for node in (edge.source, edge.target):
            key = _canonical(index)(node)
            if key in seen:
                continue
            seen.add(key)
            if resolve_name(node, index.lookup)[1] is None:
                found.append(Problem(AtlasWarning.ENTITY_UNKNOWN, f"pathway {name!r}: unknown entity {node!r} (drawn "
                                     f"unlinked){did_you_mean(node, names)}", edge.lineno, path))
        for disease in edge.diseases:
            ent = index.lookup(disease)
            if ent is None or ent.kind != "disease":
                found.append(Problem(AtlasWarning.ENTITY_UNKNOWN, f"pathway {name!r}: unknown disease {disease!r} in "
                                     "the edge's context", edge.lineno, path))
    found += _cell_problems(path, name, directive, index, seen)
    return found


def _cell_problems(path: str, name: str, directive, index: EntityIndex, keys: set[str]) -> list[Problem]:
    """``:cells:`` and ``:cell:`` checked by the build's own code
    (:func:`..pathways.resolve.diagram_cells`), so both report the same problems at the
    directive's line."""
    cells, _ = parse_cells(directive.options.get("cells", ""), directive.line)
    cell, _ = parse_cell(directive.options.get("cell", ""), directive.line)
    declared = Pathway(name, "", "", "", directive.line, (), cells=cells, cell=cell)
    problems: list[Problem] = []
    diagram_cells(declared, index.lookup, keys, {}, problems)
    return [Problem(p.kind, p.message, p.line, path) for p in problems]


def _canonical(index: EntityIndex):
    def canonical(node: str) -> str:
        return resolve_name(node, index.lookup)[0]

    return canonical
