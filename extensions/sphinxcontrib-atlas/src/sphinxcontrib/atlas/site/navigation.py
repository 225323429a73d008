"""The site navigation's part of the index: every page's title and table-of-contents entries.

Sphinx rewrites only the pages it re-read, but every page shows navigation built from
other pages (previous/next links, the theme's site-wide table of contents): after a
page was added, deleted, retitled or moved in a toctree, pages not re-read would keep
stale links and an incremental build would differ from a clean one.  When this part
changes, every page is rewritten; such changes are rare.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class NavigationIndex:
    digest: str = ""  # of every page's title and toctree entries
    docs: tuple[str, ...] = ()

    @classmethod
    def empty(cls) -> NavigationIndex:
        return cls()

    def views(self) -> Mapping[str, Hashable]:
        return dict.fromkeys(self.docs, self.digest)


def build_navigation_index(env: BuildEnvironment) -> NavigationIndex:
    docs = tuple(sorted(env.found_docs))
    view = tuple(
        (doc, env.titles[doc].astext() if doc in env.titles else "", tuple(env.toctree_includes.get(doc, ())))
        for doc in docs
    )
    return NavigationIndex(hashlib.sha1(repr(view).encode("utf-8")).hexdigest(), docs)
