"""Keep the search index whole on incremental builds (a workaround for sphinx-doc/sphinx#12599).

Sphinx reloads ``searchindex.js`` before an incremental build but restores neither the
``indexentries`` of the pages it does not rewrite nor their order, so every entity's
index entry ("Interleukin-6 (molecule)") vanished from the search after any partial
rebuild; and a word that only rewritten pages used stays in the index with no page.
Just before the index is written (``html-collect-pages``), this puts back the entries
of the pages that were not rewritten, from the file about to be replaced, orders them
by page as a clean build does, and drops words that no page has any more.  The patch offered upstream is in
``upstream/sphinx-12599.patch`` at the top of the repository; once Sphinx ships it, this
module does nothing (no page is missing its entries).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _previous_index(app: Sphinx) -> dict | None:
    builder = app.builder
    path = Path(builder.outdir, getattr(builder, "searchindex_filename", "searchindex.js"))
    if not path.is_file():
        return None
    try:
        frozen = builder.indexer_format.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return frozen if isinstance(frozen, dict) else None


def restore_index_entries(app: Sphinx) -> Iterable[tuple[str, dict, str]]:
    """html-collect-pages: put back the index entries of pages this build did not write."""
    indexer = getattr(app.builder, "indexer", None)
    entries = getattr(indexer, "_index_entries", None)
    titles = getattr(indexer, "_titles", None)
    if not isinstance(entries, dict) or not isinstance(titles, dict):
        return []
    missing = {doc for doc in titles if doc not in entries and doc in app.env.all_docs}
    frozen = _previous_index(app) if missing else None
    if frozen is not None:
        docnames = frozen.get("docnames", [])
        restored: dict[str, set[tuple[str, str, str]]] = {doc: set() for doc in missing}
        for entry, refs in frozen.get("indexentries", {}).items():
            for index, anchor, main in refs:
                doc = docnames[index] if index < len(docnames) else None
                if doc in restored:
                    restored[doc].add((entry, anchor, "main" if main else ""))
        entries.update({doc: sorted(found) for doc, found in restored.items()})
    ordered = dict(sorted(entries.items()))
    entries.clear()
    entries.update(ordered)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [w for w, docs in mapping.items() if not docs]:
                del mapping[word]
    return []


def setup_searchfix(app: Sphinx) -> None:
    app.connect("html-collect-pages", restore_index_entries)
