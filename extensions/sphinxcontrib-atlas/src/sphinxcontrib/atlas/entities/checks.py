"""Checks that span pages (``env-check-consistency``): duplicate ids and shared aliases.

They run once every page is read, on the site index, so serial, parallel and
incremental builds report the same pairs; each warning is at the later declaration.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..problems import AtlasWarning, warn
from ..siteindex import index_part
from .index import EntityIndex
from .records import Entity


def _where(env: BuildEnvironment, ent: Entity) -> str:
    return f"{env.doc2path(ent.docname, False)}:{ent.lineno}"


def check_declarations(app: Sphinx, env: BuildEnvironment) -> None:
    index = index_part(env, EntityIndex)
    for later in index.duplicates:
        first = index.entities[later.id]
        warn(
            AtlasWarning.ENTITY_DUPLICATE,
            f"entity {later.id!r} is declared twice: at {_where(env, first)} and {_where(env, later)}; "
            "the first declaration is used",
            location=(later.docname, later.lineno),
        )
    for clash in index.clashes:
        warn(
            AtlasWarning.ENTITY_AMBIGUOUS,
            f"{clash.name!r} names two entities: {clash.first.id!r} ({_where(env, clash.first)}) and "
            f"{clash.later.id!r} ({_where(env, clash.later)}); it resolves to {clash.winner!r}",
            location=(clash.later.docname, clash.later.lineno),
        )
