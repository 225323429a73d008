"""One raw entry's fields -> a validated, display-ready :class:`~.records.Reference`.

Required fields (as BibTeX and biblatex require them), identifiers (:mod:`.identifiers`)
and the site's ``atlas_identifier_policy``, URLs, the evidence vocabulary and pasted
markup are checked here; each problem is recorded at the entry's line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..problems import AtlasWarning, Problem
from .identifiers import find_identifiers
from .latex import decode
from .records import EVIDENCE_TYPES, Person, Reference
from .values import one_brace_group

URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_HREF = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")
#: Fields every entry of a type must have (after biblatex aliases and crossref
#: inheritance): what BibTeX and biblatex themselves require, so only really broken
#: entries are reported. "author/editor" is satisfied by either.
REQUIRED_FIELDS: Mapping[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("title", "year"),  # Zotero exports author-less books (manuals, reports) as @book
    "collection": ("editor", "title", "year"),
    "proceedings": ("title", "year"),
    "incollection": ("author", "title", "booktitle", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "inbook": ("title", "year"),
    "thesis": ("author", "title", "year"),
    "report": ("title", "year"),
    "misc": (),
    "online": ("title",),
    "unpublished": ("author", "title"),
}
DEFAULT_REQUIRED = ("title",)
#: Fields shown to readers (decoded from LaTeX and checked for pasted markup).
DISPLAY_FIELDS = ("title", "journal", "booktitle", "publisher", "volume", "number", "pages", "note", "edition",
                  "address", "institution", "organization", "howpublished", "series", "type", "thesistype",
                  "month", "chapter", "version")
#: Fields a crossref child never inherits: the parent's identifiers are not the child's.
NOT_INHERITED = frozenset({"doi", "pmid", "pmcid", "eprint", "eprinttype", "archiveprefix", "url", "urldate",
                           "ids", "keywords", "file", "abstract", "note", "annote", "shorthand"})


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
        if one_brace_group(name):  # {World Health Organization}: a corporate name, shown as is
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


def _missing(etype: str, fields: Mapping[str, str]) -> list[str]:
    missing = []
    for spec in REQUIRED_FIELDS.get(etype, DEFAULT_REQUIRED):
        if not any(fields.get(name, "").strip() for name in spec.split("/")):
            missing.append(spec.replace("/", " or "))
    return missing


def _policy_problem(etype: str, ids: Mapping[str, str], policy) -> str:
    wanted = dict(policy).get(etype) or dict(policy).get("*")
    if not wanted or any(ids.get(name) for name in wanted):
        return ""
    if len(wanted) == 1:
        what = f"has no {wanted[0]}"
    elif len(wanted) == 2:
        what = f"has neither {wanted[0]} nor {wanted[1]}"
    else:
        what = f"has none of {', '.join(wanted[:-1])} or {wanted[-1]}"
    return f"{what} (atlas_identifier_policy for @{etype})"


# a range: the same letter prefix (or none) on both ends, so an e-locator "e2021-7" is left alone
_RANGE = re.compile(r"^([A-Za-z]{0,3})(\d+[A-Za-z]?)\s*(?:-{1,3}|\u2010|\u2011|\u2013|\u2014|\u2212)\s*"
                    r"(\1\d+[A-Za-z]?)$")


def pages_text(pages: str) -> str:
    """One dash style in page ranges: "12-19", "12--19", "12 — 19" -> "12–19" (ids like "e2021-7" kept)."""
    parts = [p.strip() for p in pages.split(",")]
    return ", ".join(_RANGE.sub("\\1\\2\u2013\\3", p) for p in parts if p)


def make_reference(key: str, etype: str, fields: dict[str, str], path: str, line: int, problems: list[Problem],
                   policy: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Reference:
    """Validate one entry's fields (already normalised by :mod:`.biblatex`) into its record."""

    def problem(kind: AtlasWarning, message: str) -> None:
        problems.append(Problem.in_file(kind, f"{key!r}: {message}", path, line))

    missing = _missing(etype, fields)
    if missing:
        problem(AtlasWarning.BIB_FIELD, f"@{etype} is missing {', '.join(missing)}")

    for name in ("title", "author", "journal", "note", "booktitle", "publisher"):
        if MARKUP_RE.search(fields.get(name, "")):
            problem(AtlasWarning.BIB_MARKUP, f"field {name!r} contains markup; it is shown as plain text")

    url = fields.get("url", "").strip()
    if not url:  # @misc and @online exports often carry the address in howpublished = {\url{...}}
        m = _HREF.search(fields.get("howpublished", "")) or _HREF.search(fields.get("note", ""))
        url = m.group(1).strip() if m else ""
    if url and not URL_RE.match(url):
        problem(AtlasWarning.BIB_URL, f"url {url[:60]!r} is not an http(s) URL; it is not linked")
        url = ""
    ids, id_problems = find_identifiers(fields, (url,) if url else ())
    for message in id_problems:
        problem(AtlasWarning.BIB_IDENTIFIER, message)
    message = _policy_problem(etype, {**ids._asdict(), "url": url}, policy)
    if message:
        problem(AtlasWarning.BIB_IDENTIFIER, message)

    evidence = tuple(v.lower() for v in _split_list(fields.get("evidence", "")))
    unknown = [v for v in evidence if v not in EVIDENCE_TYPES]
    if unknown:
        problem(AtlasWarning.BIB_EVIDENCE, f"unknown evidence value(s) {', '.join(map(repr, unknown))}")
        evidence = tuple(v for v in evidence if v in EVIDENCE_TYPES)

    authors, truncated = parse_people(fields.get("author", ""))
    editors, ed_truncated = parse_people(fields.get("editor", ""))
    shown = {name: decode(fields.get(name, "")) for name in DISPLAY_FIELDS}
    howpublished = shown["howpublished"] if not _HREF.search(fields.get("howpublished", "")) else ""
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
        pages=pages_text(shown["pages"]),
        doi=ids.doi,
        pmid=ids.pmid,
        pmcid=ids.pmcid,
        url=url,
        arxiv=ids.arxiv,
        isbn=ids.isbn,
        editors=editors,
        editors_truncated=ed_truncated,
        editor_role=fields.get("editortype", "").strip().lower() or "editor",
        edition=shown["edition"],
        version=shown["version"],
        address=shown["address"],
        institution=shown["institution"] or shown["organization"],
        genre=shown["thesistype"] or (shown["type"] if etype == "report" else ""),
        howpublished=howpublished,
        series=shown["series"],
        month=shown["month"],
        origyear=fields.get("origyear", ""),
        label_hint=decode(fields.get("label", "")),
        note=shown["note"],
        evidence=tuple(dict.fromkeys(evidence)),
        diseases=_split_list(fields.get("diseases", "")),
        path=path,
        line=line,
        raw=tuple(sorted(fields.items())),
    )
