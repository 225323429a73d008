"""Entities: typed objects (molecules, cells, diseases, therapies…) declared once and linked everywhere.

* :mod:`.records` — the :class:`~.records.Entity` record and the identifier tables;
* :mod:`.domain` — the ``atlas`` domain: per-page declarations and mentions, link resolution;
* :mod:`.directives` — ``entity`` and ``{ent}`` (read time);
* :mod:`.index` — the entities' part of the site index (which declaration wins, aliases,
  back-links, pathways); :mod:`.collect` builds it;
* :mod:`.checks` — duplicate ids and shared aliases, once every page is read;
* :mod:`.links` — format-neutral links between pages;
* :mod:`.box` — the identifier box on an entity's page;
* :mod:`.pages` / :mod:`.matrix` — the entity index and the disease × mechanism matrix;
* :mod:`.export` — the ``entities`` section of ``atlas.json``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..placeholders import add_placeholder_nodes
from .box import EntityBoxRenderer
from .checks import check_declarations
from .directives import EntityDirective, EntRole, entity_box, missing_reference
from .domain import AtlasDomain
from .matrix import MATRIX
from .pages import INDEX, DiseaseMatrixDirective, EntityIndexDirective, EntityPagesRenderer, disease_matrix, entity_index


def setup_entities(app: Sphinx) -> None:
    add_placeholder_nodes(app, entity_box, entity_index, disease_matrix)
    app.add_domain(AtlasDomain)
    app.add_directive_to_domain("atlas", "entity", EntityDirective)
    app.add_role_to_domain("atlas", "ent", EntRole())
    app.add_directive("entity", EntityDirective)
    app.add_role("ent", EntRole())
    app.add_directive(INDEX, EntityIndexDirective)
    app.add_directive(MATRIX, DiseaseMatrixDirective)
    app.add_post_transform(EntityBoxRenderer)
    app.add_post_transform(EntityPagesRenderer)
    app.connect("missing-reference", missing_reference, priority=900)
    app.connect("env-check-consistency", check_declarations)
