"""What each document cites, recorded at read time in the ``cite`` domain.

Per-document data (purged by ``clear_doc``, merged from parallel workers):

* ``citations`` — docname -> keys in first-citation order (unknown keys included, so
  the page is re-read once the key is added to the store);
* ``bibliographies`` — docname -> where its ``bibliography`` directive is;
* ``token`` — the store token the documents were read against (:mod:`.cache`).

The domain object itself (created afresh each build, never pickled) holds the build's
store handle, :attr:`CiteDomain.store_state`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..docdata import PerDocumentDomain
from ..problems import AtlasWarning, warn
from ..settings import settings
from ..suggest import did_you_mean
from .records import Store


class BibliographyRecord(NamedTuple):
    """Where a page's reference list is and what it lists (its directive's options)."""

    all: bool
    lineno: int
    #: "page" (what the page cites), "cited" (what any page cites), "notcited", "all"
    #: or "filter"; a "page" list on a page that cites nothing lists what the site cites
    scope: str = "page"
    filter: str = ""  # a :mod:`.filters` expression (scope "filter")
    keys: tuple[str, ...] = ()  # keys listed in the directive's body, always shown
    files: tuple[str, ...] = ()  # restrict to entries of these store files (absolute paths)
    list_type: str = ""  # "" (the style's own), "bullet" or "enumerated"
    enumtype: str = "arabic"
    start: int = 1
    order: str = ""  # "" (the style's own), "author" or "citation"
    keyprefix: str = ""
    labelprefix: str = ""

    def site_wide(self, page_cites: bool) -> bool:
        """Whether the list depends on other pages' citations (rewritten when they change)."""
        return self.scope != "page" or not page_cites


class CiteDomain(PerDocumentDomain):
    """Per-document citation data (the store itself lives outside the environment)."""

    name = "cite"
    label = "Citations"
    initial_data: dict[str, Any] = {
        "citations": {},  # docname -> [key, ...] in first-citation order (unknown keys included)
        "bibliographies": {},  # docname -> BibliographyRecord
        "token": None,  # store token the documents were read against
    }
    per_document = ("citations", "bibliographies")

    @property
    def store_state(self) -> Any:
        """This build's :class:`~.cache.StoreState` (None before ``builder-inited``)."""
        return self.__dict__.get("_store_state")

    @store_state.setter
    def store_state(self, state: Any) -> None:
        self.__dict__["_store_state"] = state


class FootCiteDomain(PerDocumentDomain):
    """Holds the ``footcite:*`` roles (footnote citations are ordinary citations here, so
    it keeps no data of its own)."""

    name = "footcite"
    label = "Footnote citations"


def cite_domain(env: BuildEnvironment) -> CiteDomain:
    return env.domains[CiteDomain.name]  # type: ignore[return-value]


def get_store(env: BuildEnvironment) -> Store:
    """The parsed store for this build (an empty store before ``builder-inited``)."""
    state = cite_domain(env).store_state
    return state.store if state is not None else Store()


def ref_anchor(key: str) -> str:
    """HTML id of ``key``'s entry in a page's own reference list."""
    anchor = nodes.make_id(f"ref-{key}") or "ref"
    if anchor != f"ref-{key}":
        # make_id lowercases and folds punctuation, so keys differing only there
        # ("Smith2020"/"smith2020", "a_b"/"a-b") would share one id and their citations
        # link the wrong entry: a digest of the exact key keeps such anchors distinct.
        anchor += "-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return anchor


def note_citations(env: BuildEnvironment, docname: str, keys: Iterable[str], lineno: int | None) -> list[str]:
    """Record ``keys`` as cited by ``docname`` (read time); warn for unknown ones."""
    cited = cite_domain(env).data["citations"].setdefault(docname, [])
    for key in keys:
        if key not in cited:
            cited.append(key)
    return check_keys(env, docname, keys, lineno)


def check_keys(env: BuildEnvironment, docname: str, keys: Iterable[str], lineno: int | None) -> list[str]:
    """The keys that are in the store; a located warning for each one that is not."""
    store = get_store(env)
    known: list[str] = []
    for key in keys:
        if key in store:
            known.append(key)
        else:
            warn(AtlasWarning.CITE_UNKNOWN, f"unknown citation key {key!r}{did_you_mean(key, store.refs)}",
                 location=(docname, lineno))
    return known


def cited_keys(env: BuildEnvironment, docname: str) -> tuple[str, ...]:
    return tuple(cite_domain(env).data["citations"].get(docname, ()))


def all_citations(env: BuildEnvironment) -> dict[str, list[str]]:
    """docname -> cited keys, for every document (read-only view)."""
    return cite_domain(env).data["citations"]


def page_order(env: BuildEnvironment, docname: str) -> list[str]:
    """Known keys cited by the page, in order of first citation (numeric style)."""
    store = get_store(env)
    return [k for k in cited_keys(env, docname) if k in store]


def citation_label(env: BuildEnvironment, docname: str, key: str) -> str:
    """In-text label of ``key`` on ``docname``: "Mei et al., 2022" or "3"."""
    store = get_store(env)
    if key not in store:
        return f"?{key}"
    if settings(env.config).citation_style == "numeric":
        order = page_order(env, docname)
        return str(order.index(key) + 1) if key in order else "?"
    return store.short_label(key)
