"""Per-pathway downloads and the ``pathways`` section of ``atlas.json``.

At ``build-finished`` (main process, HTML builders only) every pathway of the site is
written to ``<outdir>/_atlas/pathways/<name>.svg`` (standalone: its own small
stylesheet, links relative to that folder), ``<name>.json`` and ``<name>.sbgn``
(SBGN-ML, :mod:`.sbgnml`) — only the diagrams
that changed since the last build; files of pathways that no longer exist are removed.  The JSON escapes
``<``, ``>`` and ``&`` as ``\\u003c``... so it stays inert even if pasted into HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..citations.cache import store_reparsed
from ..citations.domain import citation_label, get_store, ref_anchor
from ..outputs import remove_stale, safe_json, write_if_changed
from ..pagelinks import offers_downloads, page_uri_from_file, root_uri
from ..siteindex import build_log, index_part
from .figure import DOWNLOAD_DIR, build_svg, node_glyph, shown_label
from .geometry import BANDS
from .index import PathwayIndex, diagram_view
from .resolve import Resolved
from .sbgnml import sbgn_map

#: the download files of one pathway: (label, suffix)
DOWNLOADS = (("SVG", ".svg"), ("JSON", ".json"), ("SBGN-ML", ".sbgn"))



def pathway_record(app: Sphinx, resolved: Resolved) -> dict[str, Any]:
    """The JSON shape of one pathway (also the entries of ``atlas.json``'s "pathways")."""
    builder = app.builder
    pw = resolved.pathway
    nodes = []
    for n in resolved.nodes:
        ent = n.entity
        nodes.append({
            "id": n.key,
            "name": n.shown,
            "entity": ent.id if ent is not None else None,
            "label": ent.label if ent is not None else n.shown,
            "display": shown_label(n),
            "glyph": node_glyph(n),
            "kind": (ent.kind or None) if ent is not None else None,
            "compartment": (ent.compartment or None) if ent is not None else None,
            "band": BANDS[n.band],
            "cell": ({"entity": c[0], "name": c[1]} if (c := resolved.cell_of(n)) is not None else None),
            "url": root_uri(builder, ent.docname, ent.anchor) if ent is not None else None,
        })
    edges = []
    for e in resolved.edges:
        edges.append({
            "source": e.source,
            "target": e.target,
            "relation": e.edge.relation,
            "operator": e.edge.operator,
            "label": e.edge.label,
            "citations": list(e.edge.keys),
            "evidence": list(e.evidence),
            "diseases": list(e.diseases),
            "direction": e.edge.direction,
            "line": e.edge.lineno,
        })
    return {
        "name": pw.name,
        "title": pw.title,
        "caption": pw.caption,
        "page": pw.docname,
        "url": root_uri(builder, pw.docname, pw.anchor),
        "line": pw.lineno,
        "nodes": nodes,
        "edges": edges,
        # a diagram that spans cells: the other cells, left to right, and the drawn cell
        "cells": [{"entity": eid, "name": name} for eid, name in resolved.cells],
        "cell": {"entity": resolved.cell[0], "name": resolved.cell[1]} if resolved.cell is not None else None,
        "downloads": {label.lower(): f"{DOWNLOAD_DIR}/{pw.name}{suffix}" for label, suffix in DOWNLOADS},
    }


def pathways_section(app: Sphinx, env: BuildEnvironment) -> list[dict[str, Any]]:
    """``atlas.json`` -> "pathways": every pathway with its nodes and edges."""
    return [pathway_record(app, r) for r in index_part(env, PathwayIndex).site_pathways()]


def _unchanged(previous: PathwayIndex | None, resolved: Resolved) -> bool:
    """The diagram draws the same as in the last build (then its files are too)."""
    if previous is None:
        return False
    pw = resolved.pathway
    old = previous.on_page(pw.docname, pw.name) if previous.canonical.get(pw.name) == pw.docname else None
    return old is not None and old.pathway == pw and diagram_view(old) == diagram_view(resolved) \
        and old.edges == resolved.edges


def write_pathway_downloads(app: Sphinx, exception: Exception | None) -> None:
    """build-finished (HTML builders): ``<name>.svg`` and ``<name>.json`` of the diagrams
    that changed (or whose files are missing); files of removed diagrams are deleted."""
    if exception is not None or not offers_downloads(app.builder):
        return
    env = app.env
    builder = app.builder
    outdir = Path(app.outdir) / DOWNLOAD_DIR
    log = build_log(env)
    # a re-read page may number its citations anew; a re-parsed store may relabel them
    old_index = log.previous.part(PathwayIndex) if log.previous is not None and not store_reparsed(env) else None
    wanted: list[Path] = []
    cite_uris = reference_uris(lambda: get_store(env))  # the store is read only if a file is written
    for resolved in index_part(env, PathwayIndex).site_pathways():
        pw = resolved.pathway
        paths = [outdir / f"{pw.name}{suffix}" for _label, suffix in DOWNLOADS]
        svg_path, json_path, sbgn_path = paths
        wanted += paths
        if (pw.docname not in log.read and _unchanged(old_index, resolved)
                and all(p.is_file() for p in paths)):
            continue
        here = f"{DOWNLOAD_DIR}/{pw.name}.svg"

        def node_href(n, here=here):
            if n.entity is None:
                return None
            return page_uri_from_file(builder, here, n.entity.docname, n.entity.anchor)

        def cite_href(key, here=here, docname=pw.docname):
            return page_uri_from_file(builder, here, docname, ref_anchor(key)), citation_label(env, docname, key)

        svg, lay = build_svg(resolved, node_href, cite_href, standalone=True)
        write_if_changed(svg_path, '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n")
        write_if_changed(json_path, safe_json(pathway_record(app, resolved)))
        write_if_changed(sbgn_path, sbgn_file(resolved, lay, cite_uris).decode("utf-8"))
    remove_stale(outdir, wanted, tuple(suffix for _label, suffix in DOWNLOADS))


def sbgn_file(resolved: Resolved, lay, cite_uris) -> bytes:
    """The SBGN-ML export of one laid-out diagram."""
    nodes = [(n.key, shown_label(n), node_glyph(n), n.entity.xrefs if n.entity is not None else ())
             for n in resolved.nodes]
    edges = [(e.source, e.target, e.edge.relation, e.edge.label, e.edge.direction, e.keys) for e in resolved.edges]
    cell_name = resolved.cell[1] if resolved.cell is not None else ""
    return sbgn_map(resolved.pathway.name, resolved.pathway.title, lay, nodes, edges, cite_uris, cell_name)


def reference_uris(get):
    """``key -> identifiers.org URIs`` (PubMed, else DOI) of the references of the store
    that ``get()`` returns (called once, when first needed)."""
    stores: list = []

    def uris(key: str) -> list[str]:
        if not stores:
            stores.append(get())
        ref = stores[0].get(key)
        if ref is None:
            return []
        if ref.pmid:
            return [f"https://identifiers.org/pubmed:{ref.pmid}"]
        return [f"https://identifiers.org/doi:{ref.doi}"] if ref.doi else []

    return uris
