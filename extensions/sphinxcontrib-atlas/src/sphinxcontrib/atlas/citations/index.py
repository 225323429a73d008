"""The citations' part of the site index: which pages cite each reference.

Built once per build by :mod:`...indexing` (after every document is read); read by the
``:all:`` reference list ("Cited on: ...") and by the downloads.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

from sphinx.environment import BuildEnvironment

from .cache import token
from .domain import all_citations, cite_domain


def page_title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None and title.astext() else docname


@dataclass(frozen=True)
class CitationIndex:
    citing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # key -> citing docs, sorted
    titles: Mapping[str, str] = field(default_factory=dict)  # citing docname -> its title
    all_pages: tuple[str, ...] = ()  # pages whose list depends on other pages (``:all:`` and other site-wide lists)
    store_token: str | None = None

    @classmethod
    def empty(cls) -> CitationIndex:
        return cls()

    def views(self) -> Mapping[str, Hashable]:
        if not self.all_pages:
            return {}
        shown = (self.store_token, tuple(sorted(self.citing.items())), tuple(sorted(self.titles.items())))
        return {doc: shown for doc in self.all_pages}


def build_citation_index(env: BuildEnvironment) -> CitationIndex:
    citing: dict[str, list[str]] = {}
    for doc, keys in sorted(all_citations(env).items()):
        if doc not in env.all_docs:
            continue
        for key in keys:
            citing.setdefault(key, []).append(doc)
    docs = {doc for lst in citing.values() for doc in lst}
    bibs = cite_domain(env).data["bibliographies"]
    return CitationIndex(
        citing={key: tuple(lst) for key, lst in citing.items()},
        titles={doc: page_title(env, doc) for doc in sorted(docs)},
        all_pages=tuple(sorted(doc for doc, rec in bibs.items() if rec.site_wide(bool(all_citations(env).get(doc))))),
        store_token=token(env),
    )
