"""References as CSL-JSON (Citation Style Language input data), which Zotero, Pandoc and
citeproc processors read.

:func:`csl_item` maps one immutable :class:`~.records.Reference` to one CSL-JSON item
(memoised per record), following the CSL 1.0 data schema (``csl-data.json``; the tests
validate every item against it).  Also the input of :mod:`.cslstyle`.  Pure, no Sphinx.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from .biblatex import month_number
from .records import Person, Reference

#: store entry type -> CSL item type
CSL_TYPES = {
    "article": "article-journal", "book": "book", "collection": "book", "proceedings": "book",
    "incollection": "chapter", "inbook": "chapter", "inproceedings": "paper-conference", "thesis": "thesis",
    "report": "report", "online": "webpage", "software": "software", "dataset": "dataset",
    "unpublished": "manuscript", "patent": "patent", "manual": "report", "booklet": "pamphlet",
    "standard": "standard", "misc": "document",
}

#: biblatex ``editortype`` values that are CSL name variables of their own
CSL_EDITOR_ROLES = frozenset({"editor", "compiler", "director", "organizer", "curator", "translator"})


def csl_name(person: Person) -> dict[str, str]:
    if person.literal:
        return {"literal": person.last}
    name = {"family": person.last}
    if person.first:
        name["given"] = person.first
    if person.von:
        name["non-dropping-particle"] = person.von
    if person.jr:
        name["suffix"] = person.jr
    return name


def _date(year: str, month: str = "") -> dict[str, Any] | None:
    if not year:
        return None
    span = re.fullmatch(r"(\d{4})\u2013(\d{4})", year)  # a biblatex date range ("1885/1888")
    if span:
        return {"date-parts": [[int(span.group(1))], [int(span.group(2))]]}
    if not (year.isascii() and year.isdigit()):
        return {"literal": year}
    parts = [int(year)]
    if month_number(month):
        parts.append(month_number(month))
    return {"date-parts": [parts]}


@cache
def csl_item(ref: Reference) -> dict[str, Any]:
    """One CSL-JSON item (memoised per immutable record: callers must not mutate it)."""
    etype = CSL_TYPES.get(ref.entry_type, "document")
    if ref.entry_type == "misc" and ref.arxiv:
        etype = "article"  # a preprint
    item: dict[str, Any] = {"id": ref.key, "type": etype}
    if ref.title:
        item["title"] = ref.title
    if ref.authors:
        item["author"] = [csl_name(p) for p in ref.authors]
    if ref.editors:
        role = ref.editor_role if ref.editor_role in CSL_EDITOR_ROLES else "editor"
        item[role] = [csl_name(p) for p in ref.editors]
    container = ref.journal or (ref.booktitle if ref.booktitle != ref.title else "")
    publisher = ref.publisher or ref.institution
    if ref.arxiv and not container and not publisher:
        publisher = "arXiv"
    values = {
        "container-title": container,
        "publisher": publisher,
        "publisher-place": ref.address,
        "volume": ref.volume,
        "issue": ref.number if etype not in ("report", "book") else "",
        "number": ref.number if etype == "report" else (f"arXiv:{ref.arxiv}" if ref.arxiv else ""),
        "page": ref.pages,
        "edition": ref.edition,
        "version": ref.version,
        "collection-title": ref.series,
        "genre": ref.genre,
        "medium": ref.howpublished,
        "DOI": ref.doi,
        "PMID": ref.pmid,
        "PMCID": ref.pmcid,
        "ISBN": ref.isbn,
        "URL": ref.url or (f"https://arxiv.org/abs/{ref.arxiv}" if ref.arxiv else ""),
    }
    item.update({name: value for name, value in values.items() if value})
    issued = _date(ref.year, ref.month)
    if issued:
        item["issued"] = issued
    original = _date(ref.origyear)
    if original:
        item["original-date"] = original
    return item


def to_csl_json(refs: list[Reference]) -> str:
    """A CSL-JSON file: an array of items, one per reference, stable key order."""
    return json.dumps([csl_item(ref) for ref in refs], ensure_ascii=False, indent=1) + "\n"
