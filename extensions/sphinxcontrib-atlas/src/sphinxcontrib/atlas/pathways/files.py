"""Per-pathway downloads and the ``pathways`` section of ``atlas.json``.

At ``build-finished`` (main process, HTML builders only) every pathway is written to
``<outdir>/_atlas/pathways/<name>.svg`` (standalone: its own small stylesheet, links
relative to that folder) and ``<name>.json``.  Files are rewritten only when their
bytes change; files of pathways that no longer exist are removed.  The JSON escapes
``<``, ``>`` and ``&`` as ``\\u003c``... so it stays inert even if pasted into HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from ..nodeutil import safe_json, write_if_changed
from .data import Resolved, all_pathways, resolve
from .layout import BANDS

DOWNLOAD_DIR = "_atlas/pathways"
RELATION_OPERATORS = {"activates": "->", "inhibits": "-|", "binds": "--", "indirect": "..>"}


def pathway_record(app: Sphinx, env: BuildEnvironment, resolved: Resolved) -> dict[str, Any]:
    """The JSON shape of one pathway (also the entries of ``atlas.json``'s "pathways")."""
    builder = app.builder
    pw = resolved.pathway
    page_uri = builder.get_target_uri(pw.docname)
    nodes = []
    for n in resolved.nodes:
        ent = n.entity
        nodes.append({
            "id": n.key,
            "name": n.shown,
            "entity": ent.id if ent is not None else None,
            "label": ent.label if ent is not None else n.shown,
            "kind": (ent.kind or None) if ent is not None else None,
            "compartment": (ent.compartment or None) if ent is not None else None,
            "band": BANDS[n.band],
            "url": f"{builder.get_target_uri(ent.docname)}#{ent.anchor}" if ent is not None else None,
        })
    edges = []
    for e in resolved.edges:
        edges.append({
            "source": e.source,
            "target": e.target,
            "relation": e.edge.relation,
            "operator": RELATION_OPERATORS[e.edge.relation],
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
        "url": f"{page_uri}#{pw.anchor}",
        "line": pw.lineno,
        "nodes": nodes,
        "edges": edges,
    }


def pathways_export(app: Sphinx, env: BuildEnvironment) -> list[dict[str, Any]]:
    """``atlas.json`` → "pathways": every pathway with its nodes and edges."""
    return [pathway_record(app, env, resolve(env, pw)) for pw in all_pathways(env)]


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from .render import build_svg

    env = app.env
    builder = app.builder
    outdir = Path(app.outdir) / DOWNLOAD_DIR
    wanted: set[str] = set()
    for pw in all_pathways(env):
        resolved = resolve(env, pw)
        here = f"{DOWNLOAD_DIR}/{pw.name}.svg"

        def node_href(n, here=here):
            if n.entity is None:
                return None
            return relative_uri(here, builder.get_target_uri(n.entity.docname)) + "#" + n.entity.anchor

        page = relative_uri(here, builder.get_target_uri(pw.docname))

        def cite_href(key, page=page, docname=pw.docname):
            from ..citations import citation_label, ref_anchor

            return page + "#" + ref_anchor(key), citation_label(env, docname, key)

        svg, _ = build_svg(env, resolved, node_href, cite_href, standalone=True)
        write_if_changed(outdir / f"{pw.name}.svg", '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n")
        write_if_changed(outdir / f"{pw.name}.json", safe_json(pathway_record(app, env, resolved)))
        wanted.update({f"{pw.name}.svg", f"{pw.name}.json"})
    if outdir.is_dir():
        for path in sorted(outdir.iterdir()):
            if path.suffix in (".svg", ".json") and path.name not in wanted:
                path.unlink()
