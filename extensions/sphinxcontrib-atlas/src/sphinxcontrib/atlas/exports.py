"""``atlas.json`` and ``_atlas/references.json``: the site's data in one machine-readable file.

``atlas.json`` joins one section per feature (references, entities, pathways; schema on
the "Data and downloads" page).  Both files are recomputed only when the site index or
the store changed since the last build, and rewritten only when their bytes change.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .citations.cache import store_reparsed
from .citations.downloads import EXPORT_DIR, references_section
from .entities.export import entities_section
from .outputs import safe_json, write_if_changed
from .pagelinks import offers_downloads
from .pathways.files import pathways_section
from .siteindex import build_log, site_index

SCHEMA_VERSION = 1
SECTIONS = (("entities", entities_section), ("pathways", pathways_section), ("references", references_section))


def write_atlas_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not offers_downloads(app.builder):
        return
    env = app.env
    outdir = Path(app.outdir)
    targets = (outdir / "atlas.json", outdir / EXPORT_DIR / "references.json")
    previous = build_log(env).previous
    unchanged = previous is not None and previous == site_index(env) and not store_reparsed(env)
    if unchanged and all(path.is_file() for path in targets):
        return
    sections = {name: section(app, env) for name, section in SECTIONS}
    write_if_changed(targets[0], safe_json({"schema": SCHEMA_VERSION, **sections}))
    write_if_changed(targets[1], safe_json(sections["references"]))


def setup_exports(app: Sphinx) -> None:
    app.connect("build-finished", write_atlas_json)
