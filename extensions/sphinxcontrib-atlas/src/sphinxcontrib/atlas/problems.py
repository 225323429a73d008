"""Every problem the extension reports: one documented enum of warning kinds, one record.

All warnings use ``type="atlas"`` and one of the subtypes below, so a site can silence
one kind with ``suppress_warnings = ["atlas.<subtype>"]``.  The docs page listing every
warning is generated from this enum (``{atlas-warnings}``), so it cannot drift.

:class:`Problem` is the one record of a content problem, shared by the BibTeX store,
the pathway parser and ``make check``: pure code returns problems, and only the Sphinx
side (:func:`report`) turns them into located warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinxcontrib.atlas")


class AtlasWarning(Enum):
    """Warning subtypes: ``(subtype, cause, fix)``."""

    CONFIG = ("config", "An ``atlas_*`` setting in conf.py has the wrong type or value.",
              "Use one of the documented values; the warning names the setting.")
    BIB_MISSING = ("bib.missing", "A pattern in ``atlas_bibtex_files`` matches no file, or a file cannot be read.",
                   "Fix the glob pattern or the file's permissions.")
    BIB_ENCODING = ("bib.encoding", "A .bib file is not valid UTF-8 (e.g. latin-1 bytes).",
                    "Re-save the file as UTF-8; the undecodable bytes were replaced.")
    BIB_SYNTAX = ("bib.syntax", "A block of a .bib file could not be parsed (unbalanced braces, missing comma or key), "
                  "or a field value is a bare word (an undefined ``@string`` macro or a ``#`` concatenation).",
                  "Fix the entry at the given line; the rest of the file still loads.")
    BIB_DUPLICATE = ("bib.duplicate", "The same key is defined twice, in one file or across files.",
                     "Rename or remove one entry; the first definition is kept.")
    BIB_FIELD = ("bib.field", "An entry lacks a field BibTeX requires for its type (author, title, journal, year for "
                 "articles; none for ``@misc``), or repeats a shown field with a different value.",
                 "Add the field, confirmed against a public record; remove the wrong repeat (the first is used).")
    BIB_IDENTIFIER = ("bib.identifier", "A ``doi``, ``pmid``, ``pmcid`` or ``isbn`` is malformed, or an entry lacks "
                      "the identifiers ``atlas_identifier_policy`` asks of its type.",
                      "Add a DOI (``10.xxxx/...``), a numeric PubMed id or an ISBN confirmed against a public record.")
    BIB_EVIDENCE = ("bib.evidence", "An ``evidence`` value is not in the controlled vocabulary.",
                    "Use review, cell-lines, primary-cells, mouse, patient-cohort, clinical-trial, meta-analysis or guideline.")
    BIB_URL = ("bib.url", "A ``url`` field is not an http(s) URL.",
               "Use an http:// or https:// address; other schemes are never linked.")
    BIB_CROSSREF = ("bib.crossref", "A ``crossref`` names a missing entry or forms a loop.",
                    "Point crossref at an existing key; loops are broken and the entry is used as it is.")
    BIB_MARKUP = ("bib.markup", "A field contains HTML-like markup (e.g. pasted from a journal site).",
                  "Remove the tags; they are shown as literal text, never as markup.")
    CITE_UNKNOWN = ("cite.unknown", "A citation names a key that is not in the store.",
                    "Fix the key's spelling, or add the reference to ``citations/``.")
    CITE_SYNTAX = ("cite.syntax", "A citation role is empty or its key list is malformed.",
                   "Write keys separated by commas, e.g. ``{cite:p}`key1,key2```.")
    BIBLIOGRAPHY = ("bibliography", "A ``bibliography`` directive is misplaced or repeated, or has an unknown option.",
                    "Use at most one per page; ``:all:`` belongs on the references page.")
    ENTITY_UNKNOWN = ("entity.unknown", "An entity role or pathway node names an id or alias that no page declares.",
                      "Fix the spelling or declare the entity with the ``entity`` directive on its page.")
    ENTITY_DUPLICATE = ("entity.duplicate", "The same entity id is declared on two pages (or twice on one).",
                        "Declare each entity once; link to it everywhere else.")
    ENTITY_AMBIGUOUS = ("entity.ambiguous", "An alias belongs to more than one entity.",
                        "Remove the alias from one entity, or link by id.")
    ENTITY_OPTION = ("entity.option", "An ``entity`` directive has a bad kind, compartment or identifier.",
                     "Use a documented kind/compartment and ``prefix:value`` identifiers.")
    PATHWAY_SYNTAX = ("pathway.syntax", "A pathway line is not ``A -> B : label [keys]``.",
                      "Fix the line; the rest of the diagram still renders.")
    PATHWAY_EDGE = ("pathway.edge", "A pathway edge is a self-loop or a duplicate.",
                    "Remove the repeated or self-referencing line.")
    PATHWAY_EMPTY = ("pathway.empty", "A pathway has no valid edges.",
                     "Add at least one edge line.")
    PATHWAY_UNCITED = ("pathway.uncited", "A pathway edge has no citation (every edge must carry evidence).",
                       "Add the supporting store keys in brackets at the end of the line: ``A -> B : label [key]``.")
    PATHWAY_NAME = ("pathway.name", "A pathway ``:name:`` is used twice in the site, or is not lowercase-with-dashes.",
                    "Give each diagram its own ``:name:`` such as ``il6-classic``; it names the download files.")
    PAGE_APPROVAL = ("page.approval", "A sentence says a treatment was approved without naming who approved it or when "
                     "(``make check``).",
                     "Name the agency or country and the year, e.g. \"approved by the US FDA in 2014\", or say "
                     "that it is not approved.")
    PAGE_METADATA = ("page.metadata", "A content page lacks its ``summary`` or ``last-reviewed`` front matter, or "
                     "the date is not YYYY-MM-DD, or the front matter is not valid YAML.",
                     "Add ``summary`` (one to three plain sentences) and ``last-reviewed: YYYY-MM-DD`` to the page's "
                     "front matter.")
    PAGE_CHANGE = ("page.change", "A ``change`` entry of the changelog has no YYYY-MM-DD date or no text.",
                   "Write ``{change} YYYY-MM-DD`` with a sentence saying what changed, and list the pages it "
                   "changed in ``:pages:``.")
    PAGE_REFERENCES = ("page.references", "A disease or mechanism page cites fewer distinct references than its "
                       "section requires (``make check``: 8 for diseases, 6 for mechanisms).",
                       "Cite the primary studies the page's claims rest on. While a page is still growing, mark it "
                       "``status: draft`` in its front matter: it builds with a draft notice for readers. Never "
                       "pad a page with general references.")

    SAFETY_HTML = ("safety.html", "A page holds raw HTML other than the inert elements sub, sup, br, wbr, abbr "
                   "(with a plain title), kbd, small, i, b, em and strong without attributes: a script, an "
                   "event-handler attribute (such as onerror), a style attribute, an SVG or any other element. It is "
                   "left out of the page.",
                   "Write the content in Markdown (or with a directive); typographic HTML such as "
                   "``H<sub>2</sub>O`` is fine.")
    SAFETY_URL = ("safety.url", "A link, image or directive option points to an address with a scheme other than "
                  "http, https, mailto or ftp (e.g. ``javascript:``, ``vbscript:``, ``data:``), however spelled "
                  "(mixed case, character references, whitespace). Only images may be ``data:`` PNG, GIF, JPEG or "
                  "WebP. The link is dropped (its text stays) or the image left out.",
                  "Link to an http(s) address or to a page of the site.")
    SAFETY_TEXT = ("safety.text", "A plain-text field (front matter such as ``summary``, an entity's label, short "
                   "name or aliases, a pathway caption or line, a directive option) holds HTML markup, an "
                   "event-handler assignment or a script URL.",
                   "Write the field as plain text; it is always shown as text, never as markup.")

    def __init__(self, subtype: str, cause: str, fix: str) -> None:
        self.subtype = subtype
        self.cause = cause
        self.fix = fix


@dataclass(frozen=True)
class Problem:
    """One content problem at a line of a file (``path`` may be left empty by pure code
    that does not know its file: the caller supplies the document)."""

    kind: AtlasWarning
    message: str
    line: int
    path: str = ""

    @classmethod
    def in_file(cls, kind: AtlasWarning, message: str, path: str, line: int) -> Problem:
        return cls(kind, message, line, path)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


def warn(kind: AtlasWarning, message: str, location: Any = None) -> None:
    """Emit one located, typed warning (``[atlas.<subtype>]`` is appended by Sphinx)."""
    logger.warning(message, type="atlas", subtype=kind.subtype, location=location)


def report(problem: Problem, docname: str | None = None) -> None:
    """Warn about ``problem``: at ``docname``'s line when given, else at its own file."""
    location = (docname, problem.line) if docname is not None else problem.location
    warn(problem.kind, problem.message, location)
