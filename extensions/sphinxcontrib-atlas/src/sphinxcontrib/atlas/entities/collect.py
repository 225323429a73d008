"""Building the entities' part of the site index from every page's declarations and links."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import replace

from sphinx.environment import BuildEnvironment

from ..citations.index import page_title
from .domain import entity_domain
from .index import EntityIndex, PathwayLink, alias_table, first_declarations, resolution
from .matrix import MATRIX, matrix_model
from .pages import INDEX, index_model


def build_entity_index(env: BuildEnvironment) -> EntityIndex:
    """Everything but the pathways (see :func:`with_pathways`)."""
    data = entity_domain(env).data
    live = env.all_docs
    declared = [ent for doc in sorted(data["declared"]) if doc in live for ent in data["declared"][doc]]
    entities, duplicates = first_declarations(declared)
    aliases, clashes = alias_table(entities)
    base = EntityIndex(entities=entities, duplicates=duplicates, aliases=aliases, clashes=clashes)
    links: dict[str, tuple[tuple[str, Hashable], ...]] = {}
    linked_ids: dict[str, set[str]] = {}
    reverse: dict[str, list[str]] = {}
    for doc in sorted(data["mentions"]):
        if doc not in live:
            continue
        found = {name: base.lookup(name) for name in sorted(data["mentions"][doc])}
        links[doc] = tuple((name, resolution(ent)) for name, ent in found.items())
        ids = linked_ids[doc] = {ent.id for ent in found.values() if ent is not None}
        for eid in ids:
            if entities[eid].docname != doc:
                reverse.setdefault(eid, []).append(doc)
    shown = {doc for docs in reverse.values() for doc in docs} | {e.docname for e in entities.values()}
    titles = {doc: page_title(env, doc) for doc in sorted(shown)}
    mentioned_on = {eid: tuple(sorted(docs, key=lambda d: (titles[d].casefold(), d))) for eid, docs in reverse.items()}
    generated = {doc: tuple(sorted(names)) for doc, names in sorted(data["generated"].items()) if doc in live}
    wanted = {name for names in generated.values() for name in names}
    models: dict[str, Hashable] = {}
    if INDEX in wanted:
        models[INDEX] = index_model(entities, titles)
    if MATRIX in wanted:
        models[MATRIX] = matrix_model(env, entities, linked_ids, titles)
    return replace(base, mentioned_on=mentioned_on, titles=titles, links=links, models=models, generated=generated)


def with_pathways(index: EntityIndex, pathways_of: Mapping[str, tuple[PathwayLink, ...]]) -> EntityIndex:
    return replace(index, pathways_of=dict(pathways_of))
