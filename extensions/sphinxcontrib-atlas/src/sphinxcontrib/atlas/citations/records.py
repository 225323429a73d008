"""The store's immutable records: people, references, and the merged store.

Plain data (no Sphinx, no parsing): what every other module of the feature passes
around.  A :class:`Reference` is display-ready (LaTeX decoded, identifiers validated)
and hashable, so caches can use the record itself as their key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..problems import Problem

#: the controlled vocabulary of the store's ``evidence`` field, strongest last
EVIDENCE_TYPES = (
    "review",
    "cell-lines",
    "primary-cells",
    "mouse",
    "patient-cohort",
    "clinical-trial",
    "meta-analysis",
    "guideline",
)


@dataclass(frozen=True)
class Person:
    last: str
    first: str = ""
    von: str = ""
    jr: str = ""
    literal: bool = False  # a corporate author written in braces: shown as is

    @property
    def initials(self) -> str:
        """NLM-style initials: "Hua-Qing" -> "HQ", "J. K." -> "JK", "AM" -> "AM", "Vito RT" -> "VRT"."""
        out = []
        for part in re.split(r"[\s.\-\u2010\u2011]+", self.first):
            letters = [c for c in part if c.isalpha()]
            if not letters:
                continue
            if 1 < len(part) <= 3 and part.isalpha() and part.isupper():
                out.extend(letters)  # already initials, written without points ("AM", "VRT")
            else:
                out.append(letters[0].upper())
        return "".join(out)

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
    arxiv: str = ""
    isbn: str = ""
    #: editors of the entry itself (editor-only books) or of its container (chapters)
    editors: tuple[Person, ...] = ()
    editors_truncated: bool = False
    editor_role: str = "editor"  # biblatex ``editortype``: editor, compiler, director...
    edition: str = ""
    version: str = ""  # software, online documents (biblatex ``version``)
    address: str = ""  # place of publication (biblatex ``location``)
    institution: str = ""  # thesis school, report institution, organisation
    genre: str = ""  # thesis type ("dissertation"), report type
    howpublished: str = ""
    series: str = ""
    month: str = ""
    origyear: str = ""
    label_hint: str = ""  # biblatex ``label``: the in-text label of an entry with no author or editor
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
        people = self.authors or self.editors
        first = people[0].family.lower() if people else self.title.lower()
        return (first, self.year, self.title.lower())


@dataclass(frozen=True)
class FileSignature:
    mtime_ns: int
    size: int


@dataclass
class ParsedFile:
    """The parse of one .bib file, reused while its :class:`FileSignature` is unchanged."""

    path: str
    signature: FileSignature | None
    #: key, type, fields as written ``(name, expression, line)`` in file order (repeats kept), line
    entries: list[tuple[str, str, list[tuple[str, str, int]], int]]
    strings: list[tuple[str, str, int]]  # the file's @string definitions: name, expression, line
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
