"""The one ``env-updated`` handler: build the site index, return the pages to rewrite.

Once every document is read (and parallel workers' data merged), the parts of the
:class:`~.siteindex.SiteIndex` are built in dependency order — citations, entities,
pathways (which resolve names through the entities and evidence through the store),
then the entities learn which pathways draw them — and the site navigation.  The pages
whose view of the index differs from the previous build's are returned, so Sphinx
rewrites them although it did not re-read them.  A build that read nothing and found
the store unchanged keeps the previous index and rewrites nothing.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .citations.cache import store_reparsed
from .citations.domain import get_store
from .citations.index import CitationIndex, build_citation_index
from .entities.collect import build_entity_index, with_pathways
from .entities.index import EntityIndex
from .pathways.index import PathwayIndex, build_pathway_index, entity_pathways
from .site.changes import ChangesIndex, build_changes_index
from .site.navigation import NavigationIndex, build_navigation_index
from .siteindex import SiteDomain, SiteIndex, build_log


def build_site_index(env: BuildEnvironment) -> SiteIndex:
    citations = build_citation_index(env)
    entities = build_entity_index(env)
    pathways = build_pathway_index(env, entities.lookup, get_store(env))
    entities = with_pathways(entities, entity_pathways(pathways))
    return SiteIndex({
        CitationIndex: citations,
        EntityIndex: entities,
        PathwayIndex: pathways,
        NavigationIndex: build_navigation_index(env),
        ChangesIndex: build_changes_index(env),
    })


def update_site_index(app: Sphinx, env: BuildEnvironment) -> list[str]:
    log = build_log(env)
    data = env.domains[SiteDomain.name].data
    previous: SiteIndex | None = data["index"]
    log.previous = previous
    if previous is not None and not log.anything_read and not store_reparsed(env):
        return []  # nothing read, store unchanged: the index and every page stand
    index = build_site_index(env)
    data["index"] = index
    changed = index.changed_pages(previous)
    return sorted(doc for doc in changed if doc in env.all_docs and doc not in log.read)


def _record_builder(app: Sphinx) -> None:
    build_log(app.env).builder = app.builder


def _note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    build_log(env).read.update(docnames)


def _note_purged(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    build_log(env).purged.add(docname)


def setup_indexing(app: Sphinx) -> None:
    app.add_domain(SiteDomain)
    app.connect("builder-inited", _record_builder, priority=100)
    app.connect("env-before-read-docs", _note_read)
    app.connect("env-purge-doc", _note_purged)
    app.connect("env-updated", update_site_index)
