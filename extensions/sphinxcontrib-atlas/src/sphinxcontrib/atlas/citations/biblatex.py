"""biblatex and classic BibTeX, read as one vocabulary.

Better BibLaTeX, Zotero's biblatex export and biblatex-examples.bib write ``date``,
``journaltitle``, ``location``, ``institution`` (for theses too), ``@online``,
``@thesis`` with a ``type`` and so on; Zotero's and JabRef's BibTeX exports write
``year``, ``journal``, ``address``, ``school``, ``@phdthesis``.  :func:`normalise` maps
both onto the classic names the rest of the feature reads (the entry's own fields win
where both are written), so a formatter sees one shape.  Pure, no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: entry type aliases -> the type the formatter knows
TYPE_ALIASES = {
    "conference": "inproceedings", "techreport": "report", "www": "online", "electronic": "online",
    "webpage": "online", "mvbook": "book", "bookinbook": "incollection", "suppbook": "incollection",
    "suppcollection": "incollection", "mvcollection": "collection", "mvproceedings": "proceedings",
    "reference": "collection", "mvreference": "collection", "inreference": "incollection",
    "suppperiodical": "article", "periodical": "collection", "masterthesis": "mastersthesis",
    # biblatex-software (JabRef writes these in biblatex mode): a version, a module, a code fragment
    "softwareversion": "software", "softwaremodule": "software", "codefragment": "software",
}
#: classic name <- biblatex name (used when the classic name is absent)
FIELD_ALIASES = (
    ("journal", "journaltitle"), ("journal", "journal-title"), ("address", "location"),
    ("institution", "school"), ("number", "issue"), ("annote", "annotation"),
    ("pages", "eid"),  # an electronic article number stands where pages would
)
THESIS_TYPES = {"phdthesis": "dissertation", "mastersthesis": "master's thesis", "mathesis": "master's thesis",
                "phd": "dissertation"}
#: biblatex's localisation keys for a report's ``type`` (JabRef and biblatex-examples.bib write
#: ``@Report`` with ``type = {techreport}``): the words a reader sees, not the key
REPORT_TYPES = {"techreport": "Technical report", "resreport": "Research report"}
#: biblatex entry types that are not references (sets of entries, field containers)
NOT_REFERENCES = frozenset({"set", "xdata"})
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DATE = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def year_of(date: str) -> str:
    """The year of an ISO 8601 / EDTF date or range ("2019-03-12", "2019/2020", "2019~")."""
    m = _YEAR.search(date)
    return m.group(1) if m else ""


def years_of(date: str) -> str:
    """The year a reader sees: one year, or a range's first and last ("1885/1888" -> "1885–1888")."""
    start, _, end = date.partition("/")
    first, last = year_of(start), year_of(end)
    return f"{first}\u2013{last}" if first and last and last != first else first or last


def date_parts(date: str) -> list[int]:
    """[year, month, day] as far as given (for CSL-JSON)."""
    m = _DATE.match(date)
    if not m:
        return []
    return [int(g) for g in m.groups() if g]


def month_number(month: str) -> int:
    """1–12 from "3", "03", "mar", "March" (0 when unknown)."""
    text = month.strip().lower().rstrip(".")
    if text.isascii() and text.isdigit():
        n = int(text)
        return n if 1 <= n <= 12 else 0
    for i, name in enumerate(MONTHS, 1):
        if len(text) >= 3 and name.startswith(text):
            return i
    return 0


def first_of_list(value: str) -> str:
    """The first item of a biblatex list ("Durham and London" -> "Durham"), split outside braces."""
    depth = 0
    for i, ch in enumerate(value):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and value.startswith(" and ", i):
            return value[:i].strip()
    return value.strip()


def normalise(etype: str, fields: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """(canonical type, fields with classic names and derived ``year``/``thesistype``)."""
    out = dict(fields)
    etype = TYPE_ALIASES.get(etype, etype)
    for classic, alias in FIELD_ALIASES:
        if not out.get(classic) and out.get(alias):
            out[classic] = out[alias]
    if out.get("address"):
        out["address"] = first_of_list(out["address"])  # Citing Medicine: the first place named
    date = out.get("date", "")
    if date and not out.get("year"):
        out["year"] = years_of(date)
        parts = date_parts(date)
        if len(parts) > 1 and not out.get("month") and out["year"].isdigit():
            out["month"] = str(parts[1])
    if out.get("origdate") and not out.get("origyear"):
        out["origyear"] = year_of(out["origdate"])
    if etype in THESIS_TYPES or etype == "thesis":
        written = out.get("type", "").strip()  # Better BibTeX: @phdthesis with type = {Master's Thesis}
        out.setdefault("thesistype", THESIS_TYPES.get(written.lower(), written)
                       or THESIS_TYPES.get(etype, "thesis"))
        etype = "thesis"
    if etype == "report" and out.get("type", "").strip().lower() in REPORT_TYPES:
        out["type"] = REPORT_TYPES[out["type"].strip().lower()]
    if etype == "inbook" and out.get("booktitle"):
        etype = "incollection"  # biblatex @inbook: a titled part of a book, as @incollection
    for name, sub in (("title", "subtitle"), ("booktitle", "booksubtitle"), ("journal", "journalsubtitle")):
        if out.get(name) and out.get(sub):
            head = out[name].rstrip()
            out[name] = f"{head}{' ' if head[-1] in '?!:.' else ': '}{out[sub].strip()}"
    if out.get("titleaddon") and out.get("title"):
        out["title"] = f"{out['title'].rstrip()}. {out['titleaddon'].strip()}"
    return etype, out
