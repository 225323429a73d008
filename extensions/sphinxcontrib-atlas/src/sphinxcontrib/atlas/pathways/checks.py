"""Checks that span pages (``env-check-consistency``): a pathway ``:name:`` used twice."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..problems import AtlasWarning, warn
from .records import duplicates


def check_names(app: Sphinx, env: BuildEnvironment) -> None:
    for first, repeat in duplicates(env):
        warn(
            AtlasWarning.PATHWAY_NAME,
            f"pathway name {repeat.name!r} is already used in {env.doc2path(first.docname, False)}:"
            f"{first.lineno}; names must be unique site-wide (the first is kept for downloads and the index)",
            location=(repeat.docname, repeat.lineno),
        )
