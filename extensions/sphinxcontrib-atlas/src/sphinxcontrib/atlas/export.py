"""Downloads and machine-readable exports, written once per build in the main process.

* ``_atlas/refs/<docname>.bib`` and ``.ris`` — each page's references, linked from its
  reference list;
* ``_atlas/references.json`` — the whole store, with the pages citing each entry;
* ``atlas.json`` — one document joining every registered section (references,
  entities, pathways...); its schema is documented on the "Data and downloads" page.

Files are rewritten only when their bytes change, so a no-op rebuild writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .nodeutil import safe_json, write_if_changed
from .store import Reference

EXPORT_DIR = "_atlas"
SCHEMA_VERSION = 1
_EXPORTS: dict[str, Callable[[Sphinx, BuildEnvironment], Any]] = {}


def register_export(name: str, fn: Callable[[Sphinx, BuildEnvironment], Any]) -> None:
    """Add a top-level section ``name`` to atlas.json, computed by ``fn(app, env)``."""
    _EXPORTS[name] = fn


STORE_DOWNLOADS = (
    ("BibTeX", f"{EXPORT_DIR}/references.bib"),
    ("RIS", f"{EXPORT_DIR}/references.ris"),
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


_RIS_TYPES = {"article": "JOUR", "book": "BOOK", "incollection": "CHAP", "inproceedings": "CONF"}


@cache
def _ris_entry(ref: Reference) -> str:
    rows = [("TY", _RIS_TYPES.get(ref.entry_type, "GEN")), ("ID", ref.key)]
    for person in ref.authors:
        rows.append(("AU", person.last if person.literal else f"{person.family}, {person.first}".strip(", ")))
    rows += [("TI", ref.title), ("JO", ref.journal), ("T2", ref.booktitle), ("PY", ref.year),
             ("VL", ref.volume), ("IS", ref.number), ("PB", ref.publisher)]
    if ref.pages:
        start, _, end = ref.pages.replace("\u2013", "-").partition("-")
        rows += [("SP", start.strip()), ("EP", end.strip())]
    rows += [("DO", ref.doi), ("AN", f"PMID:{ref.pmid}" if ref.pmid else ""), ("UR", ref.url)]
    rows += [("KW", ev) for ev in ref.evidence]
    rows.append(("ER", ""))
    # RIS wants CRLF line ends
    return "\r\n".join(f"{tag}  - {' '.join(val.split())}".rstrip() for tag, val in rows if val or tag == "ER")


def to_ris(refs: list[Reference]) -> str:
    return "\r\n\r\n".join(_ris_entry(ref) for ref in refs) + ("\r\n" if refs else "")


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from . import storecache
    from .citations import cited_keys, get_store

    env = app.env
    if not storecache.anything_changed(env) and (Path(app.outdir) / "atlas.json").is_file():
        return  # a no-op rebuild: nothing read, store unchanged, exports already written
    store = get_store(env)
    outdir = Path(app.outdir)
    wanted: set[Path] = set()
    for docname in sorted(env.found_docs):
        refs = [store.refs[k] for k in cited_keys(env, docname) if k in store]
        if not refs:
            continue
        refs.sort(key=lambda r: (r.sort_key, r.key))
        for ext, text in (("bib", to_bibtex(refs)), ("ris", to_ris(refs))):
            path = outdir / page_download_path(docname, ext)
            write_if_changed(path, text)
            wanted.add(path)
    # Downloads of pages that no longer cite anything (or no longer exist) used to stay in
    # the output after an incremental build, unlike a clean one: remove them.
    refs_dir = outdir / EXPORT_DIR / "refs"
    if refs_dir.is_dir():
        for path in sorted(refs_dir.rglob("*")):
            if path.suffix in (".bib", ".ris") and path not in wanted:
                path.unlink()
    every = list(store)
    write_if_changed(outdir / EXPORT_DIR / "references.bib", to_bibtex(every))
    write_if_changed(outdir / EXPORT_DIR / "references.ris", to_ris(every))
    sections = {name: fn(app, env) for name, fn in sorted(_EXPORTS.items())}
    write_if_changed(outdir / EXPORT_DIR / "references.json", safe_json(sections.get("references", [])))
    write_if_changed(outdir / "atlas.json", safe_json({"schema": SCHEMA_VERSION, **sections}))


def references_export(app: Sphinx, env: BuildEnvironment) -> list[dict[str, Any]]:
    from .citations import citing_index, get_store
    from .formatting import format_reference, plain_text

    store = get_store(env)
    citing = citing_index(env)
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
                {"page": doc, "url": app.builder.get_target_uri(doc)}
                for doc in citing.get(ref.key, ())
                if doc in env.all_docs
            ],
        })
    return rows


def setup_export(app: Sphinx) -> None:
    register_export("references", references_export)
    app.connect("build-finished", write_exports)
