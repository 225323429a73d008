"""Pathway diagrams: one job per module.

* :mod:`.parse` — directive body → :class:`~.parse.Edge` records and located problems (pure);
* :mod:`.layout` — deterministic layered layout in compartment bands (pure);
* :mod:`.order` — crossing reduction and non-overlapping placement within ranks (pure);
* :mod:`.svg` — inline SVG and the HTML figure around it (pure);
* :mod:`.data` — the records in the environment and their late resolution;
* :mod:`.directive` — ``pathway`` / ``pathway-index`` and the Sphinx wiring;
* :mod:`.render` — the post-transform (SVG, edge table, index, entity-page section);
* :mod:`.files` — per-pathway downloads and the ``pathways`` export.
"""

from __future__ import annotations

from .directive import setup_pathways

__all__ = ["setup_pathways"]
