"""Per-document data a domain keeps: purged when a page is re-read, merged from parallel readers.

Each feature that records something per page while reading (citations, entity
declarations and mentions, pathways, changelog entries) keeps it in its domain's data
as ``{key: {docname: value}}``.  :class:`PerDocumentDomain` does the bookkeeping Sphinx
asks of such a domain once for all of them: the keys named in ``per_document`` are
purged by ``clear_doc`` and taken from a parallel reader's data by ``merge_domaindata``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from sphinx.domains import Domain


class PerDocumentDomain(Domain):
    """A domain whose data under each key of ``per_document`` is ``{docname: value}``."""

    per_document: ClassVar[tuple[str, ...]] = ()

    def clear_doc(self, docname: str) -> None:
        for key in self.per_document:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []
