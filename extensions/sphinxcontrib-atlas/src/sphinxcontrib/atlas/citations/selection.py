"""Which entries a reference list shows, and in what order (render time, pure of nodes).

A list's :class:`~.domain.BibliographyRecord` says its scope: what its page cites (the
default; on a page that cites nothing, what the whole site cites, as sphinxcontrib-bibtex
lists do), or the whole store filtered by ``:all:``, ``:cited:``, ``:notcited:`` or a
``:filter:`` expression; keys listed in the directive are always added; named store
files restrict the result.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from sphinx.environment import BuildEnvironment

from .domain import BibliographyRecord, all_citations, cite_domain, cited_keys, page_order
from .filters import compile_filter, entry_names, evaluate
from .records import Store

#: the record of a list that no directive placed (the automatic "References")
AUTO_LIST = BibliographyRecord(all=False, lineno=0)


def list_record(env: BuildEnvironment, docname: str) -> BibliographyRecord:
    return cite_domain(env).data["bibliographies"].get(docname, AUTO_LIST)


def list_keys(env: BuildEnvironment, docname: str, store: Store, record: BibliographyRecord,
              citing: Mapping[str, tuple[str, ...]]) -> tuple[list[str], str]:
    """The keys the list of ``docname`` shows (unordered beyond citation order) and its scope."""
    scope = record.scope
    if scope == "page" and not cited_keys(env, docname):
        scope = "cited"
    if scope == "page":
        keys = page_order(env, docname)
    elif scope == "all":
        keys = [ref.key for ref in store]
    elif scope == "cited":
        keys = [ref.key for ref in store if ref.key in citing]
    elif scope == "notcited":
        keys = [ref.key for ref in store if ref.key not in citing]
    else:
        tree = compile_filter(record.filter)  # validated when the page was read
        keys = [ref.key for ref in store
                if evaluate(tree, entry_names(dict(ref.raw), ref.entry_type, ref.key, docname,
                                              citing.get(ref.key, ())))]
    keys += [k for k in record.keys if k in store and k not in keys]
    if record.files:
        keys = [k for k in keys if os.path.normpath(os.path.abspath(store.refs[k].path)) in record.files]
    return keys, scope


def ordered_by_citation(record: BibliographyRecord, numeric: bool, scope: str) -> bool:
    """``:style: unsrt`` lists in citation order; so does a numeric page list."""
    return record.order == "citation" or (not record.order and numeric and scope == "page")


def citation_order(env: BuildEnvironment, docname: str, keys: list[str], scope: str) -> list[str]:
    """``keys`` in order of first citation: on the page, or across the site's pages by name."""
    if scope == "page":
        first = page_order(env, docname)
    else:
        first = []
        for doc in sorted(all_citations(env)):
            first.extend(k for k in all_citations(env)[doc] if k not in first)
    rank = {k: i for i, k in enumerate(first)}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))
