"""The BibTeX store: ``citations/*.bib`` parsed into immutable reference records.

This module knows nothing about Sphinx, so ``make check`` and the benchmarks can use it
directly.  Parsing never raises on content errors: every problem becomes a
:class:`Problem` with its file and line, and the rest of the store still loads.

Speed: bibtexparser's LaTeX-decoding middleware is slow (about 19x the bare parse), so
we parse bare and decode only the fields we display, with a fast path for the common
case of plain text plus protective braces, and a memo for the rest (:mod:`.latex`).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from .config import EVIDENCE_TYPES
from .latex import decode
from .warnings_ import AtlasWarning

# bibtexparser logs its own copy of every syntax error; we report them ourselves.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL + 1)

DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s\"<>]+$")
PMID_RE = re.compile(r"^\d{1,9}$")
PMCID_RE = re.compile(r"^PMC\d+$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
#: The macros BibTeX itself predefines (``month = jan``): never reported as undefined.
BIBTEX_MONTHS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())

#: Fields every entry of a type must have (after crossref inheritance).
REQUIRED_FIELDS: Mapping[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("title", "year"),
    "incollection": ("author", "title", "booktitle", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
}
DEFAULT_REQUIRED = ("title", "year")
#: Fields shown to readers (decoded from LaTeX and checked for pasted markup).
DISPLAY_FIELDS = ("title", "journal", "booktitle", "publisher", "volume", "number", "pages", "note", "edition")


@dataclass(frozen=True)
class Problem:
    """One located problem in the store."""

    kind: AtlasWarning
    message: str
    path: str
    line: int

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Person:
    last: str
    first: str = ""
    von: str = ""
    jr: str = ""
    literal: bool = False  # a corporate author written in braces: shown as is

    @property
    def initials(self) -> str:
        """NLM-style initials: "Hua-Qing" -> "HQ", "J. K." -> "JK"."""
        parts = re.split(r"[\s.\-]+", self.first)
        return "".join(p[0].upper() for p in parts if p and p[0].isalpha())

    @property
    def family(self) -> str:
        return f"{self.von} {self.last}".strip() if self.von else self.last


@dataclass(frozen=True)
class Reference:
    """An immutable, display-ready record of one store entry."""

    key: str
    entry_type: str
    title: str
    authors: tuple[Person, ...]
    authors_truncated: bool  # the list ends in "and others"
    year: str
    journal: str = ""
    booktitle: str = ""
    publisher: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    note: str = ""
    evidence: tuple[str, ...] = ()
    diseases: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    #: The entry's fields as written (after @string and crossref resolution), for export.
    raw: tuple[tuple[str, str], ...] = ()

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def sort_key(self) -> tuple[str, str, str]:
        first = self.authors[0].family.lower() if self.authors else self.title.lower()
        return (first, self.year, self.title.lower())


@dataclass(frozen=True)
class FileSignature:
    mtime_ns: int
    size: int


@dataclass
class ParsedFile:
    """The parse of one .bib file, cached in the environment by :class:`FileSignature`."""

    path: str
    signature: FileSignature | None
    entries: list[tuple[str, str, dict[str, str], int]]  # key, type, fields, line
    problems: list[Problem]


@dataclass
class Store:
    """The merged store: references by key, author-year labels, problems."""

    refs: dict[str, Reference] = field(default_factory=dict)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (names, year+suffix)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, ParsedFile] = field(default_factory=dict)

    def __contains__(self, key: object) -> bool:
        return key in self.refs

    def __iter__(self) -> Iterator[Reference]:
        return iter(sorted(self.refs.values(), key=lambda r: (r.sort_key, r.key)))

    def __len__(self) -> int:
        return len(self.refs)

    def get(self, key: str) -> Reference | None:
        return self.refs.get(key)

    def author_year(self, key: str) -> tuple[str, str]:
        """("Mei et al.", "2022a") for a known key."""
        return self.labels[key]

    def short_label(self, key: str) -> str:
        names, year = self.labels[key]
        return f"{names}, {year}"


# -- parsing -------------------------------------------------------------------------


def signature_of(path: str) -> FileSignature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileSignature(st.st_mtime_ns, st.st_size)


def parse_file(path: str) -> ParsedFile:
    """Parse one .bib file; never raises for content errors."""
    problems: list[Problem] = []
    sig = signature_of(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        problems.append(Problem(AtlasWarning.BIB_MISSING, f"cannot read {path}: {exc.strerror}", path, 0))
        return ParsedFile(path, sig, [], problems)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                AtlasWarning.BIB_ENCODING,
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); undecodable bytes replaced",
                path,
                line,
            )
        )
        text = data.decode("utf-8", errors="replace")
    return ParsedFile(path, sig, *_parse_text(text, path, problems))


def _parse_text(text: str, path: str, problems: list[Problem]):
    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:  # bibtexparser bug on pathological input: report, keep going
        problems.append(Problem(AtlasWarning.BIB_SYNTAX, f"the file could not be parsed: {exc}", path, 1))
        return [], problems
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = (getattr(block, "start_line", 0) or 0) + 1
        if isinstance(block, model.Entry):
            first_line.setdefault(block.key, line)
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            key = block.key
            problems.append(
                Problem(
                    AtlasWarning.BIB_DUPLICATE,
                    f"duplicate key {key!r} (first defined at line {first_line.get(key, '?')}); "
                    "this definition is ignored",
                    path,
                    line,
                )
            )
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            problems.append(
                Problem(
                    AtlasWarning.BIB_SYNTAX,
                    # the block itself has no key: it is on the entry it wraps (was shown as '?')
                    f"entry {getattr(block.ignore_error_block, 'key', '?')!r} repeats a field "
                    f"({', '.join(sorted(block.duplicate_keys))}); the entry is ignored",
                    path,
                    line,
                )
            )
        elif isinstance(block, model.ParsingFailedBlock):
            head = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
            problems.append(
                Problem(
                    AtlasWarning.BIB_SYNTAX,
                    f"could not parse the block starting {head!r} "
                    "(unbalanced braces or quotes, or a missing comma?); it is skipped",
                    path,
                    line,
                )
            )
    entries = []
    for entry in library.entries:
        fields = {}
        resolved = entry.parser_metadata.get("ResolveStringReferences", ())
        for f in entry.fields:
            value = f.value if isinstance(f.value, str) else str(f.value)
            fields[f.key.lower()] = value.strip()
            # A bare word that is neither a number nor a defined @string macro (or a ``#``
            # concatenation, which bibtexparser does not evaluate) used to be shown as
            # literal text without a warning: report it at the field's own line.
            if (getattr(f, "enclosing", None) == "no-enclosing" and f.key not in resolved
                    and value.strip().lower() not in BIBTEX_MONTHS):
                problems.append(
                    Problem(
                        AtlasWarning.BIB_SYNTAX,
                        f"entry {entry.key!r}: field {f.key.lower()!r} = {value[:60]!r} is not a braced or quoted "
                        "value (an undefined @string macro, a '#' concatenation or a missing comma?); "
                        "shown as written",
                        path,
                        (f.start_line or entry.start_line or 0) + 1,
                    )
                )
        entries.append((entry.key, entry.entry_type.lower(), fields, (entry.start_line or 0) + 1))
    return entries, problems


def build_store(paths: Iterable[str], previous: Store | None = None) -> Store:
    """Parse (or reuse from ``previous`` when unchanged) each file and merge them."""
    store = Store()
    old_files = previous.files if previous else {}
    for path in paths:
        cached = old_files.get(path)
        sig = signature_of(path)
        if cached is not None and sig is not None and cached.signature == sig:
            store.files[path] = cached
        else:
            store.files[path] = parse_file(path)
    _merge(store)
    return store


def _merge(store: Store) -> None:
    raw: dict[str, tuple[str, dict[str, str], str, int]] = {}
    for parsed in store.files.values():
        store.problems.extend(parsed.problems)
        for key, etype, fields, line in parsed.entries:
            if key in raw:
                _type, _f, opath, oline = raw[key]
                store.problems.append(
                    Problem(
                        AtlasWarning.BIB_DUPLICATE,
                        f"duplicate key {key!r}: already defined at {opath}:{oline}; this definition is ignored",
                        parsed.path,
                        line,
                    )
                )
                continue
            raw[key] = (etype, fields, parsed.path, line)
    for key, (etype, fields, path, line) in raw.items():
        fields = _resolve_crossref(key, fields, raw, path, line, store.problems)
        ref = make_reference(key, etype, fields, path, line, store.problems)
        store.refs[key] = ref
    store.labels = compute_labels(store.refs.values())


def _resolve_crossref(key, fields, raw, path, line, problems) -> dict[str, str]:
    if "crossref" not in fields:
        return fields
    merged = dict(fields)
    seen = {key}
    parent_key = fields["crossref"]
    while parent_key:
        if parent_key in seen:
            problems.append(
                Problem(AtlasWarning.BIB_CROSSREF, f"{key!r}: crossref loop through {parent_key!r}; loop broken", path, line)
            )
            break
        parent = raw.get(parent_key)
        if parent is None:
            problems.append(
                Problem(AtlasWarning.BIB_CROSSREF, f"{key!r}: crossref to unknown key {parent_key!r}", path, line)
            )
            break
        seen.add(parent_key)
        ptype, pfields = parent[0], parent[1]
        for name, value in pfields.items():
            if name == "crossref":
                continue
            if name == "title" and ptype in ("proceedings", "book", "collection"):
                merged.setdefault("booktitle", value)
            else:
                merged.setdefault(name, value)
        parent_key = pfields.get("crossref", "")
    merged.pop("crossref", None)
    return merged


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in re.split(r"[,;]", value) if v.strip())


def parse_people(value: str) -> tuple[tuple[Person, ...], bool]:
    people: list[Person] = []
    truncated = False
    for name in split_multiple_persons_names(value):
        name = name.strip()
        if not name:
            continue
        if name.lower() == "others":
            truncated = True
            continue
        if name.startswith("{") and name.endswith("}"):
            people.append(Person(last=decode(name), literal=True))
            continue
        try:
            parts = parse_single_name_into_parts(name)
        except Exception:  # malformed name: keep it whole rather than fail
            people.append(Person(last=decode(name), literal=True))
            continue
        people.append(
            Person(
                last=decode(" ".join(parts.last)),
                first=decode(" ".join(parts.first)),
                von=decode(" ".join(parts.von)),
                jr=decode(" ".join(parts.jr)),
            )
        )
    return tuple(people), truncated


def make_reference(key: str, etype: str, fields: dict[str, str], path: str, line: int, problems: list[Problem]) -> Reference:
    """Validate one entry's fields and build its display-ready record."""

    def problem(kind: AtlasWarning, message: str) -> None:
        problems.append(Problem(kind, f"{key!r}: {message}", path, line))

    required = REQUIRED_FIELDS.get(etype, DEFAULT_REQUIRED)
    missing = [name for name in required if not fields.get(name, "").strip()]
    if missing:
        problem(AtlasWarning.BIB_FIELD, f"@{etype} is missing {', '.join(missing)}")

    for name in ("title", "author", "journal", "note", "booktitle", "publisher"):
        if MARKUP_RE.search(fields.get(name, "")):
            problem(AtlasWarning.BIB_MARKUP, f"field {name!r} contains markup; it is shown as plain text")

    doi = fields.get("doi", "").strip()
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE)
    pmid = fields.get("pmid", "").strip()
    pmcid = fields.get("pmcid", "").strip().upper()
    if doi and not DOI_RE.match(doi):
        problem(AtlasWarning.BIB_IDENTIFIER, f"malformed DOI {doi!r} (expected 10.NNNN/...)")
        doi = ""
    if pmid and not PMID_RE.match(pmid):
        problem(AtlasWarning.BIB_IDENTIFIER, f"malformed PMID {pmid!r} (expected digits)")
        pmid = ""
    if pmcid and not PMCID_RE.match(pmcid):
        problem(AtlasWarning.BIB_IDENTIFIER, f"malformed PMCID {pmcid!r} (expected PMC followed by digits)")
        pmcid = ""
    if not fields.get("doi", "").strip() and not fields.get("pmid", "").strip():
        problem(AtlasWarning.BIB_IDENTIFIER, "has neither doi nor pmid")

    url = fields.get("url", "").strip()
    if url and not URL_RE.match(url):
        problem(AtlasWarning.BIB_URL, f"url {url[:60]!r} is not an http(s) URL; it is not linked")
        url = ""

    evidence = tuple(v.lower() for v in _split_list(fields.get("evidence", "")))
    unknown = [v for v in evidence if v not in EVIDENCE_TYPES]
    if unknown:
        problem(AtlasWarning.BIB_EVIDENCE, f"unknown evidence value(s) {', '.join(map(repr, unknown))}")
        evidence = tuple(v for v in evidence if v in EVIDENCE_TYPES)

    authors, truncated = parse_people(fields.get("author", "") or fields.get("editor", ""))
    shown = {name: decode(fields.get(name, "")) for name in DISPLAY_FIELDS}
    year = re.sub(r"\s+", " ", decode(fields.get("year", ""))).strip()
    return Reference(
        key=key,
        entry_type=etype,
        title=shown["title"],
        authors=authors,
        authors_truncated=truncated,
        year=year,
        journal=shown["journal"],
        booktitle=shown["booktitle"],
        publisher=shown["publisher"],
        volume=shown["volume"],
        number=shown["number"],
        pages=shown["pages"],
        doi=doi,
        pmid=pmid,
        pmcid=pmcid,
        url=url,
        note=shown["note"],
        evidence=tuple(dict.fromkeys(evidence)),
        diseases=_split_list(fields.get("diseases", "")),
        path=path,
        line=line,
        raw=tuple(sorted(fields.items())),
    )


# -- labels --------------------------------------------------------------------------


def author_names(ref: Reference) -> str:
    """In-text names: "Mei", "Mei and Ji", "Mei et al."."""
    people = ref.authors
    if not people:
        return ref.title.split(":")[0][:40] or ref.key
    if len(people) == 1 and not ref.authors_truncated:
        return people[0].family
    if len(people) == 2 and not ref.authors_truncated:
        return f"{people[0].family} and {people[1].family}"
    return f"{people[0].family} et al."


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

