"""Pathway diagrams: one job per module.

* :mod:`.parse` — directive body → :class:`~.parse.Edge` records and located problems (pure);
* :mod:`.records` — the :class:`~.records.Pathway` record and the ``pathways`` domain;
* :mod:`.directive` — ``pathway`` / ``pathway-index`` (read time);
* :mod:`.resolve` — names to entities, edges to evidence (once per diagram per build);
* :mod:`.index` — the pathways' part of the site index;
* :mod:`.checks` — a ``:name:`` used twice in the site;
* :mod:`.geometry` — boxes, placed nodes and edges, text metrics (pure data);
* :mod:`.bands` — which compartment band a node goes to; rows inside a band (pure);
* :mod:`.layout` — deterministic layered layout in compartment bands (pure);
* :mod:`.order` — crossing reduction and non-overlapping placement within ranks (pure);
* :mod:`.glyphs` — SBGN Activity Flow node glyphs and arc ends (pure);
* :mod:`.compartments` — extracellular space, cell and membrane, nucleus, outcomes (pure);
* :mod:`.legend` — a legend of only what the diagram uses (pure);
* :mod:`.svg` — inline SVG (an ElementTree) and the HTML figure around it (pure);
* :mod:`.figure` — one resolved diagram laid out and drawn (page and download share it);
* :mod:`.render` — the post-transform (SVG, edge table, pathway index);
* :mod:`.sbgnml` — one pathway as an SBGN-ML (Activity Flow) document (pure);
* :mod:`.files` — per-pathway downloads and the ``pathways`` section of ``atlas.json``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..placeholders import add_placeholder_nodes
from .checks import check_names
from .directive import PathwayDirective, PathwayIndexDirective, pathway_index_node, pathway_node
from .files import write_pathway_downloads
from .records import PathwayDomain
from .render import PathwayRenderer


def setup_pathways(app: Sphinx) -> None:
    add_placeholder_nodes(app, pathway_node, pathway_index_node)
    app.add_domain(PathwayDomain)
    app.add_directive("pathway", PathwayDirective)
    app.add_directive("pathway-index", PathwayIndexDirective)
    app.add_post_transform(PathwayRenderer)
    app.connect("env-check-consistency", check_names)
    app.connect("build-finished", write_pathway_downloads)
