"""An ``entity`` declaration's argument and options, validated (pure: the directive and
``make check`` share it, so both report the same problems in the same words)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .records import COMPARTMENTS, ID_RE, KINDS, XREF_PREFIXES, normalise_xref, xref_url


class Declaration(NamedTuple):
    id: str
    kind: str  # "" when missing or invalid
    label: str
    short: str  # "" when absent or equal to the label
    aliases: tuple[str, ...]
    compartment: str
    xrefs: tuple[tuple[str, str], ...]


def declaration(argument: str, options: Mapping[str, str]) -> tuple[Declaration | None, list[str]]:
    """The declaration (None when the id is unusable) and one message per problem."""
    eid = argument.strip()
    if not ID_RE.match(eid):
        what = f"{eid!r} is not a valid entity id" if eid else "an entity needs an id"
        return None, [f"{what} (letters, digits and - _ . + /); not declared"]
    problems: list[str] = []
    kind = options.get("kind", "").strip()
    if kind not in KINDS:
        what = f"unknown :kind: {kind!r}" if kind else "missing :kind:"
        problems.append(f"entity {eid!r}: {what} (use one of {', '.join(KINDS)})")
        kind = ""
    label = " ".join(options.get("label", "").split()) or eid
    short = " ".join(options.get("short", "").split())
    aliases: list[str] = []
    for alias in (" ".join(a.split()) for a in options.get("aliases", "").split(";")):
        if alias and alias != eid and alias not in aliases:
            aliases.append(alias)
    compartment = _compartment(eid, kind, options.get("compartment", "").strip(), problems)
    xrefs = _xrefs(eid, options.get("xref", ""), problems)
    return Declaration(eid, kind, label, short if short != label else "", tuple(aliases), compartment, xrefs), problems


def _compartment(eid: str, kind: str, compartment: str, problems: list[str]) -> str:
    if not compartment:
        return ""
    if compartment not in COMPARTMENTS:
        problems.append(f"entity {eid!r}: unknown :compartment: {compartment!r} (use one of {', '.join(COMPARTMENTS)})")
        return ""
    if kind and kind != "molecule":
        problems.append(f"entity {eid!r}: :compartment: applies to molecules only")
        return ""
    return compartment


def _xrefs(eid: str, text: str, problems: list[str]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for token in text.split():
        prefix, sep, value = token.partition(":")
        prefix = prefix.lower()
        if not sep or not prefix or not value:
            problems.append(f"entity {eid!r}: identifier {token!r} is not prefix:value; ignored")
            continue
        value = normalise_xref(prefix, value)
        if prefix not in XREF_PREFIXES:
            problems.append(f"entity {eid!r}: unknown identifier prefix {prefix!r} in {token!r}; shown unlinked "
                            f"(known: {', '.join(XREF_PREFIXES)})")
        elif xref_url(prefix, value) is None:
            problems.append(f"entity {eid!r}: {token!r} is not a valid {XREF_PREFIXES[prefix][2]} identifier; "
                            "shown unlinked")
        if (prefix, value) not in out:
            out.append((prefix, value))
    return tuple(out)
