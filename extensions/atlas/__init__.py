"""The IL-6 Heme Atlas Sphinx extension.

``setup()`` is a table of contents: each feature module registers itself through one
``setup_<feature>(app)`` call.  See DESIGN.md ("The extension, as data flows through it").
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"

# Bump when the shape of anything stored in the build environment changes.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    from .assets import setup_assets
    from .citations import setup_citations
    from .config import setup_config
    from .export import setup_export

    setup_config(app)
    setup_assets(app)
    setup_citations(app)
    setup_export(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
