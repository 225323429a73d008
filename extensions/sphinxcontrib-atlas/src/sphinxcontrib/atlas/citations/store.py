"""The merged store: every .bib file of ``atlas_bibtex_files`` as one :class:`~.records.Store`.

Files are parsed by :mod:`.bibfile` (a file whose signature is unchanged is reused from
the previous store), values evaluated against the @string macros of all files
(:mod:`.values`), biblatex names mapped to classic ones (:mod:`.biblatex`), entries
merged across files (duplicates reported), ``crossref`` resolved (identifiers are not
inherited), each entry validated by :mod:`.fields`, and author-year labels computed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..problems import AtlasWarning, Problem
from .bibfile import parse_file, signature_of
from .biblatex import NOT_REFERENCES, normalise
from .fields import NOT_INHERITED, make_reference
from .records import Reference, Store
from .values import collect_macros, evaluate_entry


def build_store(paths: Iterable[str], previous: Store | None = None,
                policy: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Store:
    """Parse (or reuse from ``previous`` when unchanged) each file and merge them.

    ``policy`` is the validated ``atlas_identifier_policy`` (see :mod:`..settings`)."""
    store = Store()
    old_files = previous.files if previous else {}
    for path in paths:
        cached = old_files.get(path)
        sig = signature_of(path)
        if cached is not None and sig is not None and cached.signature == sig:
            store.files[path] = cached
        else:
            store.files[path] = parse_file(path)
    _merge(store, policy)
    return store


def _merge(store: Store, policy) -> None:
    raw: dict[str, tuple[str, dict[str, str], str, int]] = {}
    for parsed in store.files.values():
        store.problems.extend(parsed.problems)
    macros = collect_macros(((p.path, p.strings) for p in store.files.values()), store.problems)
    for parsed in store.files.values():
        for key, etype, written, line in parsed.entries:
            if key in raw:
                _type, _f, opath, oline = raw[key]
                store.problems.append(
                    Problem.in_file(
                        AtlasWarning.BIB_DUPLICATE,
                        f"duplicate key {key!r}: already defined at {opath}:{oline}; this definition is ignored",
                        parsed.path,
                        line,
                    )
                )
                continue
            fields = evaluate_entry(key, written, macros, parsed.path, store.problems)
            raw[key] = (*normalise(etype, fields), parsed.path, line)
    containers = {k: v for k, v in raw.items() if v[0] in NOT_REFERENCES}
    for key in containers:  # biblatex @set and @xdata group or feed entries; they are not cited
        del raw[key]
    for key, (etype, fields, path, line) in raw.items():
        fields = _resolve_crossref(key, fields, raw, path, line, store.problems, containers)
        ref = make_reference(key, etype, fields, path, line, store.problems, policy)
        store.refs[key] = ref
    store.labels = compute_labels(store.refs.values())


def _resolve_crossref(key, fields, raw, path, line, problems, containers=None) -> dict[str, str]:
    if "xdata" in fields and containers:  # biblatex @xdata: its fields fill the entry's gaps
        fields = dict(fields)
        for name in (n.strip() for n in fields.pop("xdata").split(",")):
            for field, value in containers.get(name, ("", {}))[1].items():
                fields.setdefault(field, value)
    if "crossref" not in fields:
        return fields
    merged = dict(fields)
    seen = {key}
    parent_key = fields["crossref"]
    while parent_key:
        if parent_key in seen:
            problems.append(
                Problem.in_file(AtlasWarning.BIB_CROSSREF, f"{key!r}: crossref loop through {parent_key!r}; loop broken", path, line)
            )
            break
        parent = raw.get(parent_key)
        if parent is None:
            problems.append(
                Problem.in_file(AtlasWarning.BIB_CROSSREF, f"{key!r}: crossref to unknown key {parent_key!r}", path, line)
            )
            break
        seen.add(parent_key)
        ptype, pfields = parent[0], parent[1]
        for name, value in pfields.items():
            if name == "crossref" or name in NOT_INHERITED:
                continue
            if name == "title" and ptype in ("proceedings", "book", "collection"):
                merged.setdefault("booktitle", value)
            elif name == "author" and ptype == "book" and merged.get("author"):
                merged.setdefault("bookauthor", value)
            else:
                merged.setdefault(name, value)
        parent_key = pfields.get("crossref", "")
    merged.pop("crossref", None)
    return merged


# -- labels --------------------------------------------------------------------------


def author_names(ref: Reference) -> str:
    """In-text names: "Mei", "Mei and Ji", "Mei et al."; the editors of an author-less
    book; else biblatex's ``label``, the organisation, or the title's first words."""
    people, truncated = (ref.authors, ref.authors_truncated) if ref.authors else (ref.editors, ref.editors_truncated)
    if not people:
        return ref.label_hint or short_title(ref.institution or ref.title) or ref.key
    if len(people) == 1 and not truncated:
        return people[0].family
    if len(people) == 2 and not truncated:
        return f"{people[0].family} and {people[1].family}"
    return f"{people[0].family} et al."


def short_title(title: str, limit: int = 40) -> str:
    """The title up to its colon, cut at a word boundary, without dangling punctuation."""
    head = title.split(":")[0].strip()
    dangling = " ,;.\u2013\u2014-"
    if len(head) <= limit:
        return head.rstrip(dangling)
    cut = head[:limit]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(dangling) + "\u2026"


def compute_labels(refs: Iterable[Reference]) -> dict[str, tuple[str, str]]:
    """Author-year labels with a/b suffixes where names and year collide."""
    groups: dict[tuple[str, str], list[Reference]] = {}
    for ref in refs:
        groups.setdefault((author_names(ref), ref.year or "n.d."), []).append(ref)
    labels: dict[str, tuple[str, str]] = {}
    for (names, year), members in groups.items():
        if len(members) == 1:
            labels[members[0].key] = (names, year)
            continue
        members.sort(key=lambda r: (r.title.lower(), r.key))
        for i, ref in enumerate(members):
            labels[ref.key] = (names, f"{year}{_suffix(i)}")
    return labels


def _suffix(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26]


def changed_keys(old: Store | None, new: Store) -> set[str]:
    """Keys whose record or label differs between two stores (added and removed included)."""
    if old is None:
        return set(new.refs)
    keys = set(old.refs) | set(new.refs)
    return {
        k
        for k in keys
        if old.refs.get(k) != new.refs.get(k) or old.labels.get(k) != new.labels.get(k)
    }

