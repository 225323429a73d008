"""The references as files a reader takes away: BibTeX, RIS and CSL-JSON, per page and for the store.

* ``_atlas/refs/<docname>.bib``, ``.ris`` and ``.csl.json`` — each page's references,
  linked from its reference list; rewritten only for the pages this build read (or whose
  file is missing), removed for pages that no longer cite anything;
* ``_atlas/references.bib`` / ``.ris`` / ``.csl.json`` — the whole store, rewritten only
  when the store was re-parsed (CSL-JSON is what Zotero and Pandoc import; :mod:`.csljson`);
* :func:`references_section` — the store as JSON rows, for ``atlas.json`` and
  ``_atlas/references.json`` (written by :mod:`...exports`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..outputs import write_if_changed
from ..pagelinks import offers_downloads, root_uri
from ..siteindex import build_log, index_part
from .cache import store_reparsed
from .csljson import to_csl_json
from .domain import cited_keys, get_store
from .formatting import format_reference, plain_text
from .index import CitationIndex
from .records import Reference

EXPORT_DIR = "_atlas"
#: (label, file extension) of the per-page downloads, in link order
PAGE_DOWNLOADS = (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "csl.json"))
PAGE_FORMATS = tuple(ext for _label, ext in PAGE_DOWNLOADS)
#: the whole store's downloads: the page formats, then the atlas's own JSON rows
STORE_DOWNLOADS = (
    *((label, f"{EXPORT_DIR}/references.{ext}") for label, ext in PAGE_DOWNLOADS),
    ("JSON", f"{EXPORT_DIR}/references.json"),
)


def page_download_path(docname: str, ext: str) -> str:
    return f"{EXPORT_DIR}/refs/{docname}.{ext}"


# -- formats -------------------------------------------------------------------------

_BIB_UNSAFE = re.compile(r"[{}\\]")


def _bib_value(value: str) -> str:
    # raw values come from a parsed .bib, so braces are balanced; guard anyway
    depth = 0
    for ch in value:
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return _BIB_UNSAFE.sub("", value)
    return value if depth == 0 else _BIB_UNSAFE.sub("", value)


@cache
def _bibtex_entry(ref: Reference) -> str:
    lines = [f"@{ref.entry_type}{{{ref.key},"]
    lines += [f"  {name} = {{{_bib_value(value)}}}," for name, value in ref.raw]
    lines.append("}")
    return "\n".join(lines)


def to_bibtex(refs: list[Reference]) -> str:
    return "\n\n".join(_bibtex_entry(ref) for ref in refs) + ("\n" if refs else "")


_RIS_TYPES = {"article": "JOUR", "book": "BOOK", "collection": "EDBOOK", "incollection": "CHAP", "inbook": "CHAP",
              "inproceedings": "CONF", "proceedings": "CONF", "thesis": "THES", "report": "RPRT", "online": "ELEC",
              "unpublished": "UNPB", "software": "COMP", "dataset": "DATA"}


@cache
def _ris_entry(ref: Reference) -> str:
    rows = [("TY", _RIS_TYPES.get(ref.entry_type, "GEN")), ("ID", ref.key)]
    for person in ref.authors:
        rows.append(("AU", person.last if person.literal else f"{person.family}, {person.first}".strip(", ")))
    for person in ref.editors:
        rows.append(("A2", person.last if person.literal else f"{person.family}, {person.first}".strip(", ")))
    rows += [("TI", ref.title), ("JO", ref.journal), ("T2", ref.booktitle), ("PY", ref.year),
             ("VL", ref.volume), ("IS", ref.number), ("PB", ref.publisher)]
    if ref.pages:
        start, _, end = ref.pages.replace("\u2013", "-").partition("-")
        rows += [("SP", start.strip()), ("EP", end.strip())]
    rows += [("CY", ref.address), ("ET", ref.edition), ("SN", ref.isbn)]
    rows += [("DO", ref.doi), ("AN", f"PMID:{ref.pmid}" if ref.pmid else ""), ("UR", ref.url)]
    rows += [("KW", ev) for ev in ref.evidence]
    rows.append(("ER", ""))
    # RIS wants CRLF line ends
    return "\r\n".join(f"{tag}  - {' '.join(val.split())}".rstrip() for tag, val in rows if val or tag == "ER")


def to_ris(refs: list[Reference]) -> str:
    return "\r\n\r\n".join(_ris_entry(ref) for ref in refs) + ("\r\n" if refs else "")


def _page_text(refs: list[Reference], ext: str) -> str:
    return {"bib": to_bibtex, "ris": to_ris, "csl.json": to_csl_json}[ext](refs)


def write_citation_downloads(app: Sphinx, exception: Exception | None) -> None:
    """build-finished (HTML builders): the per-page and whole-store files, where changed."""
    if exception is not None or not offers_downloads(app.builder):
        return
    env = app.env
    outdir = Path(app.outdir)
    log = build_log(env)
    store = None
    for docname in sorted(env.found_docs | log.purged):
        keys = cited_keys(env, docname) if docname in env.found_docs else ()
        paths = [outdir / page_download_path(docname, ext) for ext in PAGE_FORMATS]
        touched = docname in log.read or docname in log.purged
        if not touched and (not keys or all(p.is_file() for p in paths)):
            continue  # not read this build: its files are as the last build left them
        store = store or get_store(env)
        refs = [store.refs[k] for k in keys if k in store]
        refs.sort(key=lambda r: (r.sort_key, r.key))
        for ext, path in zip(PAGE_FORMATS, paths, strict=True):
            if refs:
                write_if_changed(path, _page_text(refs, ext))
            elif path.is_file():
                path.unlink()  # the page no longer cites anything, or no longer exists
    whole = [(outdir / path, ext) for (_label, path), ext in
             zip(STORE_DOWNLOADS[:len(PAGE_FORMATS)], PAGE_FORMATS, strict=True)]
    if store_reparsed(env) or not all(path.is_file() for path, _ext in whole):
        every = list(get_store(env))
        for path, ext in whole:
            write_if_changed(path, _page_text(every, ext))


def references_section(app: Sphinx, env: BuildEnvironment) -> list[dict[str, Any]]:
    store = get_store(env)
    citing = index_part(env, CitationIndex).citing
    rows = []
    for ref in store:
        fmt = format_reference(ref)
        rows.append({
            "key": ref.key,
            "label": store.short_label(ref.key),
            "citation": plain_text(ref),
            "type": ref.entry_type,
            "title": ref.title,
            "authors": [p.last if p.literal else f"{p.family}, {p.first}".strip(", ") for p in ref.authors],
            "authors_truncated": ref.authors_truncated,
            "journal": ref.journal,
            "year": ref.year,
            "volume": ref.volume,
            "issue": ref.number,
            "pages": ref.pages,
            "doi": ref.doi or None,
            "pmid": ref.pmid or None,
            "pmcid": ref.pmcid or None,
            "links": [{"label": label, "url": url} for label, url in fmt.links],
            "evidence": list(ref.evidence),
            "diseases": list(ref.diseases),
            "cited_on": [
                {"page": doc, "url": root_uri(app.builder, doc)}
                for doc in citing.get(ref.key, ())
            ],
        })
    return rows
