"""Parse the body of a ``pathway`` directive into typed edge records.

Pure functions, no Sphinx: the directive turns :class:`Problem` records into located
warnings.  Grammar, one edge per line::

    SOURCE OP TARGET [: label] [[key1, key2]] [{diseases: MM, CLL; evidence: against}]   [# comment]

* ``OP`` is ``->`` (activates or leads to: SBGN positive influence), ``-|`` (inhibits:
  negative influence), ``--`` (binds), ``..>`` (indirect or secreted), ``=>`` (is
  necessary for: necessary stimulation) or ``-?`` (unknown influence, direction not
  established), with whitespace on both sides (node names such as
  ``IL-6`` or ``MDS-AML`` contain hyphens, so ``A->B`` is refused as ambiguous).
* ``SOURCE`` and ``TARGET`` are entity ids or aliases; they may contain inner spaces
  (``soluble IL-6R``) but not ``:``, ``[``, ``]`` or ``#``.
* The label is optional; citations are written last, in brackets.  An edge without
  citations still renders but warns ``pathway.uncited``: every edge must carry evidence.
* An optional context group, last on the line, says where the edge's own evidence
  comes from and which way it points: ``{diseases: MM, CLL}`` (disease entity ids or
  aliases) and/or ``{evidence: against}`` (``supports`` is the default; ``against`` marks
  an edge its sources tested and did not find, e.g. a negative trial), separated by
  ``;``.  Without ``diseases`` the context falls back to the cited references'
  ``diseases`` field.
* ``#`` at the start of a line, or after whitespace, starts a comment; blank lines are
  ignored.

Problems (:class:`~..problems.Problem` of kind ``pathway.syntax``, ``pathway.uncited``,
``pathway.edge``, ``pathway.empty``) carry the exact source line: ``first_lineno`` is the line of the
first body line, and body line ``i`` (0-based) is ``first_lineno + i``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..problems import AtlasWarning, Problem

#: operator -> relation name (the order matters only for documentation).
RELATIONS: dict[str, str] = {"->": "activates", "-|": "inhibits", "--": "binds", "..>": "indirect",
                             "=>": "necessary", "-?": "unknown"}
#: relation name -> operator
OPERATORS: dict[str, str] = {v: k for k, v in RELATIONS.items()}
#: relation -> how the text alternative reads it
RELATION_SYMBOLS: dict[str, str] = {"activates": "→", "inhibits": "⊣", "binds": "—", "indirect": "⇢",
                                    "necessary": "⇒", "unknown": "?"}

KEY_RE = re.compile(r"^[^\s,{}()\"'#%~\\\[\]]+$")
_OP_RE = re.compile(r"(?<=\s)(->|-\||--|\.\.>|=>|-\?)(?=\s)")
_BARE_OP_RE = re.compile(r"->|-\||--|\.\.>|=>|-\?")
_COMMENT_RE = re.compile(r"(^|\s)#.*$")
#: the values ``evidence:`` accepts in an edge's context group
DIRECTIONS = ("supports", "against")
_CONTEXT_KEYS = ("diseases", "evidence")
_NAME_RE = re.compile(r"^[^:\[\]#\s](?:[^:\[\]#]*[^:\[\]#\s])?$")


@dataclass(frozen=True)
class Edge:
    """One edge as written (node names are not resolved to entities here)."""

    source: str
    target: str
    relation: str  # activates | inhibits | binds | indirect | necessary | unknown
    label: str
    keys: tuple[str, ...]
    lineno: int
    #: diseases the edge's own evidence comes from, as written (empty: use the references')
    diseases: tuple[str, ...] = ()
    #: ``supports`` or ``against`` (the sources tested the edge and did not find it)
    direction: str = "supports"

    @property
    def operator(self) -> str:
        return OPERATORS[self.relation]


def strip_comment(line: str) -> str:
    return _COMMENT_RE.sub("", line).strip()


def parse_line(text: str, lineno: int) -> tuple[Edge | None, list[Problem]]:
    """Parse one non-blank, comment-free line."""

    def syntax(msg: str) -> tuple[None, list[Problem]]:
        return None, [Problem(AtlasWarning.PATHWAY_SYNTAX, f"{msg}: {text!r}", lineno)]

    keys: tuple[str, ...] = ()
    cited = False
    rest = text
    diseases: tuple[str, ...] = ()
    direction = "supports"
    if rest.endswith("}"):
        start = rest.rfind("{")
        if start < 0:
            return syntax("unbalanced '}'")
        context, error = _parse_context(rest[start + 1 : -1])
        if error:
            return syntax(error)
        diseases, direction = context
        rest = rest[:start].rstrip()
    if "{" in rest or "}" in rest:
        return syntax("the {diseases: ...; evidence: ...} group goes last on the line, after the citations")
    if rest.endswith("]"):
        start = rest.rfind("[")
        if start < 0:
            return syntax("unbalanced ']'")
        raw = [k.strip() for k in rest[start + 1 : -1].split(",")]
        rest = rest[:start].rstrip()
        named = [k for k in raw if k]
        if named and len(named) != len(raw):
            return syntax("empty citation key in brackets")
        bad = [k for k in named if not KEY_RE.match(k)]
        if bad:
            return syntax(f"malformed citation key {bad[0]!r}")
        keys = tuple(dict.fromkeys(named))
        cited = bool(keys)
    if "[" in rest or "]" in rest:
        return syntax("citations go in one [key, ...] group at the end of the line")
    head, colon, label = rest.partition(":")
    label = " ".join(label.split())
    head = head.strip()
    ops = list(_OP_RE.finditer(f" {head} "))
    if not ops:
        if _BARE_OP_RE.search(head):
            return syntax("put spaces around the arrow (->, -|, --, ..>, =>, -?)")
        return syntax("no arrow (one of ->, -|, --, ..>, =>, -?) between two nodes")
    if len(ops) > 1:
        return syntax("one edge per line (found more than one arrow)")
    op = ops[0]
    padded = f" {head} "
    source = padded[: op.start()].strip()
    target = padded[op.end() :].strip()
    if not source or not target:
        return syntax("an edge needs a source and a target node")
    for name in (source, target):
        if not _NAME_RE.match(name):
            return syntax(f"bad node name {name!r}")
    source, target = " ".join(source.split()), " ".join(target.split())
    edge = Edge(source, target, RELATIONS[op.group(1)], label, keys, lineno, diseases, direction)
    problems = []
    if not cited:
        problems.append(
            Problem(AtlasWarning.PATHWAY_UNCITED, f"edge {source} {op.group(1)} {target} has no citation; add [key, ...]", lineno)
        )
    del colon
    return edge, problems


def _parse_context(body: str) -> tuple[tuple[tuple[str, ...], str], str]:
    """``diseases: A, B; evidence: against`` -> ((diseases, direction), error or "")."""
    diseases: tuple[str, ...] = ()
    direction = "supports"
    seen: set[str] = set()
    for part in body.split(";"):
        if not part.strip():
            continue
        name, colon, value = part.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not colon or name not in _CONTEXT_KEYS:
            return ((), direction), f"unknown context {name or part.strip()!r} (use diseases: ... and/or evidence: ...)"
        if name in seen:
            return ((), direction), f"{name!r} given twice in the context group"
        seen.add(name)
        if name == "diseases":
            items = [d.strip() for d in value.split(",")]
            if not value or any(not d or not _NAME_RE.match(d) for d in items):
                return ((), direction), f"bad disease list {value!r} (ids or aliases, separated by commas)"
            diseases = tuple(dict.fromkeys(items))
        else:
            if value.lower() not in DIRECTIONS:
                return ((), direction), f"evidence must be one of {', '.join(DIRECTIONS)}, not {value!r}"
            direction = value.lower()
    if not seen:
        return ((), direction), "empty context group {}"
    return (diseases, direction), ""


def parse_body(lines: Sequence[str], first_lineno: int) -> tuple[list[Edge], list[Problem]]:
    """Parse every line; malformed lines are skipped with a problem at their line."""
    edges: list[Edge] = []
    problems: list[Problem] = []
    for i, line in enumerate(lines):
        text = strip_comment(line)
        if not text:
            continue
        edge, found = parse_line(text, first_lineno + i)
        problems.extend(found)
        if edge is not None:
            edges.append(edge)
    return edges, problems


def edge_identity(edge: Edge, canonical: Callable[[str], str]) -> tuple[str, str, str]:
    """What makes two edges the same: ``binds`` is undirected."""
    s, t = canonical(edge.source), canonical(edge.target)
    if edge.relation == "binds" and t < s:
        s, t = t, s
    return s, edge.relation, t


def check_edges(
    edges: Iterable[Edge], canonical: Callable[[str], str] = lambda n: n
) -> tuple[list[Edge], list[Problem]]:
    """Drop self-loops and duplicates (names compared through ``canonical``, e.g. alias
    resolution), each with a ``pathway.edge`` problem at its line; keep the first."""
    kept: list[Edge] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for edge in edges:
        ident = edge_identity(edge, canonical)
        if ident[0] == ident[2]:
            message = f"self-loop {edge.source} {edge.operator} {edge.target}"
            problems.append(Problem(AtlasWarning.PATHWAY_EDGE, message, edge.lineno))
            continue
        if ident in seen:
            problems.append(
                Problem(
                    AtlasWarning.PATHWAY_EDGE,
                    f"duplicate edge {edge.source} {edge.operator} {edge.target} (first on line {seen[ident]})",
                    edge.lineno,
                )
            )
            continue
        seen[ident] = edge.lineno
        kept.append(edge)
    return kept, problems


def parse_pathway(
    lines: Sequence[str], first_lineno: int, directive_lineno: int, canonical: Callable[[str], str] = lambda n: n
) -> tuple[list[Edge], list[Problem]]:
    """The whole check: parse, drop self-loops/duplicates, report an empty diagram
    (``pathway.empty`` at the directive's own line)."""
    edges, problems = parse_body(lines, first_lineno)
    edges, more = check_edges(edges, canonical)
    problems += more
    if not edges:
        problems.append(Problem(AtlasWarning.PATHWAY_EMPTY, "pathway has no valid edges", directive_lineno))
    problems.sort(key=lambda p: p.line)
    return edges, problems


#: where the ``:compartments:`` option may put a node (the layout's bands)
PLACES = ("extracellular", "membrane", "cytoplasm", "nucleus", "outcome")


def parse_places(text: str, lineno: int) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    """The ``:compartments:`` option, ``NAME: compartment; NAME: compartment``: where this
    diagram draws a node, overriding its entity's compartment."""
    out: dict[str, str] = {}
    problems = []
    for part in text.split(";"):
        if not part.strip():
            continue
        name, colon, place = (s.strip() for s in part.rpartition(":"))
        name = " ".join(name.split())
        if not colon or not _NAME_RE.match(name) or place not in PLACES:
            problems.append(Problem(AtlasWarning.PATHWAY_SYNTAX, f":compartments: {part.strip()!r} is not "
                                    f"'NAME: compartment' (one of {', '.join(PLACES)})", lineno))
            continue
        out[name] = place
    return tuple(out.items()), problems


def parse_cells(text: str, lineno: int) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], list[Problem]]:
    """The ``:cells:`` option, ``CELL: NODE, NODE; CELL``: the other cells a diagram spans,
    left to right, each with the nodes drawn inside its outline (the cell's own node goes
    in without being listed).  A cell or node named twice, or a name that is not a node
    name, is a ``pathway.syntax`` problem; that group is skipped."""
    out: dict[str, tuple[str, ...]] = {}
    where: dict[str, str] = {}
    problems = []

    def bad(msg: str) -> None:
        problems.append(Problem(AtlasWarning.PATHWAY_SYNTAX, f":cells: {msg}", lineno))

    for part in text.split(";"):
        if not part.strip():
            continue
        cell, colon, inside = (s.strip() for s in part.partition(":"))
        cell = " ".join(cell.split())
        members = [" ".join(m.split()) for m in inside.split(",")] if colon else []
        if not _NAME_RE.match(cell) or (colon and not inside) or any(not _NAME_RE.match(m) for m in members):
            bad(f"{part.strip()!r} is not 'CELL: NODE, NODE' (or 'CELL' alone)")
            continue
        if cell in out or cell in where:
            bad(f"{cell!r} is named twice")
            continue
        twice = [m for m in members if m in where or m in out or m == cell]
        if twice:
            bad(f"{twice[0]!r} is placed in two cells")
            continue
        out[cell] = tuple(dict.fromkeys(members))
        where.update({m: cell for m in members})
    return tuple(out.items()), problems


def parse_cell(text: str, lineno: int) -> tuple[str, list[Problem]]:
    """The ``:cell:`` option: the one cell name of the drawn cell (membrane, cytoplasm,
    nucleus)."""
    name = " ".join(text.split())
    if name and not _NAME_RE.match(name):
        return "", [Problem(AtlasWarning.PATHWAY_SYNTAX, f":cell: {text.strip()!r} is not one cell name", lineno)]
    return name, []


#: a node written ``NAME gene`` (``SOCS3 gene``) is the gene of the entity ``NAME``
GENE_SUFFIX = " gene"


def gene_base(name: str) -> str:
    """``"SOCS3 gene"`` -> ``"SOCS3"``; ``""`` for a name that does not end in `` gene``."""
    return name[: -len(GENE_SUFFIX)].strip() if name.endswith(GENE_SUFFIX) and name != GENE_SUFFIX.strip() else ""


def parse_names(text: str) -> tuple[str, ...]:
    """A ``;``-separated list of node names (the ``:complexes:`` option)."""
    return tuple(dict.fromkeys(" ".join(p.split()) for p in text.split(";") if p.strip()))


def nodes_of(edges: Iterable[Edge]) -> list[str]:
    """Node names in order of first appearance."""
    out: dict[str, None] = {}
    for edge in edges:
        out.setdefault(edge.source)
        out.setdefault(edge.target)
    return list(out)
