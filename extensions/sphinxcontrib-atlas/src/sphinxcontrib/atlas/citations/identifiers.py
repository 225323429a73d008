"""Identifiers as reference managers write them: DOI, PMID, PMCID, arXiv id, ISBN.

Every DOI form Crossref allows is accepted (``10.1002/(SICI)1097-0193(1999)8:4<272::AID-
HBM10>3.0.CO;2-4`` included), as are short DOIs (``10/cn2h9c``) and DOIs written as URLs
or with a ``doi:`` prefix; identifiers are also found where exporters put them: biblatex
``eprint`` + ``eprinttype`` / ``archivePrefix``, a PubMed, PMC, arXiv or doi.org ``url``,
and Zotero's ``PMID: …`` lines in ``extra`` or ``note``.  Pure functions, no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import unquote

DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s\"]+$")  # SICI DOIs have <>;() in them; no DOI has a quote
SHORT_DOI_RE = re.compile(r"^10/[a-z0-9]+$", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:(?:dx|www)\.)?doi\.org/|https?://doi\.acm\.org/|doi:\s*|doi\s+)",
                         re.IGNORECASE)
PMID_RE = re.compile(r"^\d{1,9}$")
PMCID_RE = re.compile(r"^PMC\d+$")
ARXIV_RE = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_URL_IDS = (
    ("doi", re.compile(r"^https?://(?:(?:dx|www)\.)?doi\.org/(10[./]\S+)$|^https?://doi\.acm\.org/(10\.\S+)$", re.I)),
    ("pmid", re.compile(r"^https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/(?:\?term=)?)"
                        r"(\d{1,9})/?(?:[?#].*)?$", re.I)),
    ("pmcid", re.compile(r"^https?://(?:www\.|pmc\.)?(?:ncbi\.nlm\.nih\.gov/(?:pmc/)?articles/|europepmc\.org/articles?/"
                         r"(?:pmc/)?)(PMC\d+)/?(?:[?#].*)?$", re.I)),
    ("arxiv", re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$", re.I)),
)
_NOTE_IDS = (("pmid", re.compile(r"(?:^|[\s;,]|\\n)PMID:\s*(\d{1,9})\b")),
             ("pmcid", re.compile(r"(?:^|[\s;,]|\\n)PMCID:\s*(PMC\d+)\b")),
             ("arxiv", re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)")))
_TEX_ESCAPES = re.compile(r"\\([_&%#$])")
#: ``eprinttype`` / ``archiveprefix`` values and the identifier they carry
EPRINT_TYPES = {"arxiv": "arxiv", "pubmed": "pmid", "pmid": "pmid", "pmc": "pmcid", "pmcid": "pmcid", "doi": "doi"}


class Identifiers(NamedTuple):
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    arxiv: str = ""
    isbn: str = ""


def normalise_doi(value: str) -> str | None:
    """The bare DOI (``10.…/…`` or a short ``10/…``), or None if it is not one."""
    text = _TEX_ESCAPES.sub(r"\1", value.strip())
    text = text.replace("{", "").replace("}", "")
    if _DOI_PREFIX.match(text):
        text = _DOI_PREFIX.sub("", text)
        if "%" in text:
            text = unquote(text)
    text = text.strip()
    if DOI_RE.match(text) or SHORT_DOI_RE.match(text):
        return text
    return None


def isbn_valid(digits: str) -> bool:
    if len(digits) == 10 and re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if len(digits) == 13 and digits.isascii() and digits.isdigit():
        return sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits)) % 10 == 0
    return False


def normalise_isbn(value: str) -> str | None:
    """The first valid ISBN-10/13 in a field (exporters write several, hyphenated), or None."""
    for token in re.split(r"[,;/]|\s(?=\d{3}[-\s]?\d)", value):
        digits = re.sub(r"[^0-9X]", "", token.upper().replace("ISBN", ""))
        if isbn_valid(digits):
            return digits
    return None


def from_url(url: str) -> dict[str, str]:
    """Identifiers a URL carries (a doi.org, PubMed, PMC or arXiv address)."""
    found: dict[str, str] = {}
    for name, pattern in _URL_IDS:
        m = pattern.match(url.strip())
        if m:
            value = next(g for g in m.groups() if g)
            if name == "doi":
                value = normalise_doi(unquote(value)) or ""
            elif name == "arxiv" and not ARXIV_RE.match(value):
                value = ""
            if value:
                found[name] = value
    return found


def find_identifiers(fields: Mapping[str, str], urls: tuple[str, ...]) -> tuple[Identifiers, list[str]]:
    """The entry's identifiers, and a message per malformed one written in its own field."""
    problems: list[str] = []
    found: dict[str, str] = {}

    doi_field = fields.get("doi", "").strip()
    if doi_field:
        doi = normalise_doi(doi_field)
        if doi is None:
            problems.append(f"malformed DOI {doi_field!r} (expected 10.NNNN/...)")
        else:
            found["doi"] = doi
    pmid = fields.get("pmid", "").strip()
    if pmid:
        if PMID_RE.match(pmid):
            found["pmid"] = pmid
        else:
            problems.append(f"malformed PMID {pmid!r} (expected digits)")
    pmcid = fields.get("pmcid", "").strip().upper()
    if pmcid:
        if PMCID_RE.match(pmcid):
            found["pmcid"] = pmcid
        else:
            problems.append(f"malformed PMCID {pmcid!r} (expected PMC followed by digits)")
    isbn_field = fields.get("isbn", "").strip()
    if isbn_field:
        isbn = normalise_isbn(isbn_field)
        if isbn is None:
            problems.append(f"malformed ISBN {isbn_field[:40]!r} (no valid ISBN-10 or ISBN-13 in it)")
        else:
            found["isbn"] = isbn

    eprint = fields.get("eprint", "").strip()
    etype = (fields.get("eprinttype", "") or fields.get("archiveprefix", "")).strip().lower()
    kind = EPRINT_TYPES.get(etype, "arxiv" if not etype and ARXIV_RE.match(eprint) else "")
    if eprint and kind:
        value = normalise_doi(eprint) if kind == "doi" else eprint.upper() if kind == "pmcid" else eprint
        valid = {"doi": bool(value), "pmid": bool(PMID_RE.match(eprint)),
                 "pmcid": bool(value and PMCID_RE.match(value)), "arxiv": bool(ARXIV_RE.match(eprint))}[kind]
        if valid:
            found.setdefault(kind, value or "")
    arxiv = fields.get("arxivid", "").strip()
    if arxiv and ARXIV_RE.match(arxiv.removeprefix("arXiv:")):
        found.setdefault("arxiv", arxiv.removeprefix("arXiv:"))
    for url in urls:
        for name, value in from_url(url).items():
            found.setdefault(name, value)
    for source in ("extra", "note", "annote", "journal"):
        for name, pattern in _NOTE_IDS:
            m = pattern.search(fields.get(source, ""))
            if m and (name != "arxiv" or source == "journal"):
                found.setdefault(name, m.group(1))
    return Identifiers(**found), problems
