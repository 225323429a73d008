"""Sphinx extension for cited, evidence-typed references: BibTeX citations, typed entities and pathway diagrams.

Built for the IL-6 Heme Atlas; usable by any Sphinx or Jupyter Book 1 site.

``setup()`` is a table of contents: one ``setup_<feature>(app)`` per feature, in the
order data flows (see CONTRIBUTING, "How data flows"): settings and assets; citations,
entities and pathways (each reads its own directives and roles and renders its own
placeholders); the site's own page furniture; the one handler that builds the site
index after reading; and the export of ``atlas.json``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .assets import setup_assets
from .citations import setup_citations
from .codeversion import setup_codeversion
from .details import setup_details
from .entities import setup_entities
from .exports import setup_exports
from .indexing import setup_indexing
from .pathways import setup_pathways
from .safety import setup_safety
from .searchfix import setup_searchfix
from .settings import setup_settings
from .singlepage import setup_singlepage
from .site.changes import setup_changes
from .site.citemeta import setup_citemeta
from .site.citepage import setup_citepage
from .site.notfound import setup_notfound_links
from .site.pagemeta import setup_pagemeta
from .site.search import setup_search
from .site.settings_page import setup_settings_page
from .site.sitemap import setup_sitemap
from .site.warnings_page import setup_warnings_page
from .site.weight import setup_weight
from .site.wrappers import setup_wrappers

__version__ = "0.1.0"

# Bump when the shape of anything stored in the build environment changes.
ENV_VERSION = 6  # 4: Entity.short; 5: the site index, per-page entity declarations; 6: change entries


def setup(app: Sphinx) -> dict[str, Any]:
    setup_settings(app)
    setup_assets(app)
    setup_details(app)
    setup_safety(app)
    setup_citations(app)
    setup_entities(app)
    setup_pathways(app)
    setup_pagemeta(app)
    setup_notfound_links(app)
    setup_citepage(app)
    setup_changes(app)
    setup_citemeta(app)
    setup_sitemap(app)
    setup_search(app)
    setup_weight(app)
    setup_wrappers(app)
    setup_warnings_page(app)
    setup_settings_page(app)
    setup_indexing(app)
    setup_codeversion(app)
    setup_exports(app)
    setup_searchfix(app)
    setup_singlepage(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
