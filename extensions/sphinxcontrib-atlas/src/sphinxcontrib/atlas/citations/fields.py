"""One raw entry's fields -> a validated, display-ready :class:`~.records.Reference`.

Required fields, identifiers (DOI, PMID, PMCID), URLs, the evidence vocabulary and
pasted markup are checked here; each problem is recorded at the entry's line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..problems import AtlasWarning, Problem
from .latex import decode
from .records import EVIDENCE_TYPES, Person, Reference

DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s\"<>]+$")
PMID_RE = re.compile(r"^\d{1,9}$")
PMCID_RE = re.compile(r"^PMC\d+$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
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



def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in re.split(r"[,;]", value) if v.strip())


def parse_people(value: str) -> tuple[tuple[Person, ...], bool]:
    # imported on first use: a build whose store is cached never needs bibtexparser
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

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
        problems.append(Problem.in_file(kind, f"{key!r}: {message}", path, line))

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


