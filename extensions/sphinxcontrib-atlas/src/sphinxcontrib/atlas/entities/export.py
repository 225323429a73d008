"""The ``entities`` section of ``atlas.json``: every entity with its identifiers and back-links."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..pagelinks import root_uri
from ..siteindex import index_part
from .index import EntityIndex
from .records import xref_display, xref_url


def entities_section(app: Sphinx, env: BuildEnvironment) -> list[dict[str, Any]]:
    builder = app.builder
    index = index_part(env, EntityIndex)
    rows = []
    for eid, ent in sorted(index.entities.items()):
        rows.append({
            "id": eid,
            "kind": ent.kind or None,
            "label": ent.label,
            "aliases": list(ent.aliases),
            "compartment": ent.compartment or None,
            "xrefs": [
                {"prefix": prefix, "id": value, "database": xref_display(prefix, value)[0],
                 "url": xref_url(prefix, value)}
                for prefix, value in ent.xrefs
            ],
            "page": ent.docname,
            "url": root_uri(builder, ent.docname, ent.anchor),
            "mentioned_on": [
                {"page": doc, "title": index.titles.get(doc, doc), "url": root_uri(builder, doc)}
                for doc in index.mentioned(eid)
            ],
        })
    return rows
