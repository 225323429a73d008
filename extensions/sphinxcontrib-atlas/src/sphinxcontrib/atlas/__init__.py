"""Sphinx extension for cited, evidence-typed references: BibTeX citations, typed entities and pathway diagrams.

Built for the IL-6 Heme Atlas; usable by any Sphinx or Jupyter Book 1 site.
``setup()`` is a table of contents: each feature module registers itself through one
``setup_<feature>(app)`` call.  See DESIGN.md ("The extension, as data flows through it").
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"

# Bump when the shape of anything stored in the build environment changes.
ENV_VERSION = 4  # 3: pathway records (pathways domain); 4: Entity.short


def setup(app: Sphinx) -> dict[str, Any]:
    from .assets import setup_assets
    from .citations import setup_citations
    from .config import setup_config
    from .domain import setup_entities
    from .export import setup_export
    from .pagemeta import setup_pagemeta
    from .pathways import setup_pathways
    from .warnings_page import setup_warnings_page

    setup_config(app)
    setup_assets(app)
    setup_citations(app)
    setup_entities(app)
    setup_export(app)
    setup_pagemeta(app)
    setup_pathways(app)
    setup_warnings_page(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
