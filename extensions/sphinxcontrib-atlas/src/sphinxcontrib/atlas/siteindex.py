"""What a page may show of other pages, computed once per build: the site index.

Reading is per document (and parallel); but a reference list says which pages cite an
entry, an entity page lists who mentions it, a diagram draws entities declared
elsewhere.  That cross-page data is computed **once**, after every document is read,
by the one ``env-updated`` handler in :mod:`..indexing`, into an immutable
:class:`SiteIndex`.  Post-transforms only read it.

The index is made of *parts*, one per feature (citations, entities, pathways, site
navigation).  Each part's type lives in its feature and implements :class:`IndexPart`;
this module knows none of them, so every feature can read its own part (and those of
the features below it) without an import pointing upward::

    part = index_part(env, CitationIndex)   # CitationIndex.empty() before the first build

The index is kept in the environment (the ``atlas-site`` domain's data), so the next
build compares the old index with the new one: the pages whose :meth:`IndexPart.views`
differ are exactly the pages to rewrite.

The same domain object, which Sphinx creates afresh for every build and never pickles,
carries what the build itself knows: the builder (Sphinx offers no public way to reach
it from a post-transform) and which documents this build read or removed.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


class IndexPart(Protocol):
    """One feature's share of the site index (an immutable value)."""

    @classmethod
    def empty(cls) -> IndexPart: ...

    def views(self) -> Mapping[str, Hashable]:
        """docname -> what that page shows from this part (compared between builds)."""
        ...


P = TypeVar("P")


@dataclass(frozen=True)
class SiteIndex:
    """The parts, keyed by their type."""

    parts: Mapping[type, Any] = field(default_factory=dict)

    def part(self, cls: type[P]) -> P:
        found = self.parts.get(cls)
        return found if found is not None else cls.empty()  # type: ignore[attr-defined]

    def changed_pages(self, previous: SiteIndex | None) -> set[str]:
        """Pages whose view of any part differs from the previous build's."""
        out: set[str] = set()
        for cls in self.parts.keys() | (previous.parts.keys() if previous else set()):
            new = self.part(cls).views()
            old = previous.part(cls).views() if previous is not None else {}
            out.update(doc for doc in new.keys() | old.keys() if new.get(doc) != old.get(doc))
        return out


@dataclass
class BuildLog:
    """What this build has done so far (main process; never pickled)."""

    builder: Builder | None = None
    read: set[str] = field(default_factory=set)
    purged: set[str] = field(default_factory=set)  # removed, or about to be re-read
    previous: SiteIndex | None = None  # the last build's index, once this build made its own

    @property
    def anything_read(self) -> bool:
        return bool(self.read or self.purged)


class SiteDomain(Domain):
    """Holds the site index (pickled with the environment) and the build log (not)."""

    name = "atlas-site"
    label = "Atlas site index"
    data_version = 1
    initial_data: dict[str, Any] = {"index": None, "code": None}  # code: see ..codeversion

    @property
    def log(self) -> BuildLog:
        log = self.__dict__.get("_log")
        if log is None:
            log = self.__dict__["_log"] = BuildLog()
        return log

    def clear_doc(self, docname: str) -> None:
        """The index is derived data: rebuilt after reading, never purged per page."""

    def merge_domaindata(self, docnames, otherdata) -> None:
        """Derived data is computed in the main process, never merged from workers."""

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


def _domain(env: BuildEnvironment) -> SiteDomain:
    return env.domains[SiteDomain.name]  # type: ignore[return-value]


def site_index(env: BuildEnvironment) -> SiteIndex:
    return _domain(env).data["index"] or SiteIndex()


def index_part(env: BuildEnvironment, cls: type[P]) -> P:
    return site_index(env).part(cls)


def build_log(env: BuildEnvironment) -> BuildLog:
    return _domain(env).log


def builder_of(env: BuildEnvironment) -> Builder:
    """The builder of this build (recorded on ``builder-inited``)."""
    builder = _domain(env).log.builder
    if builder is None:  # pragma: no cover - builder-inited always runs first
        raise RuntimeError("the atlas extension's builder-inited handler has not run")
    return builder
