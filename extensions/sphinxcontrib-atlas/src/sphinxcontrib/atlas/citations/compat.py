"""sphinxcontrib-bibtex's settings, read as ours, so a book can switch by changing one line.

``bibtex_bibfiles`` (relative to the source directory) becomes ``atlas_bibtex_files``
(relative to the conf directory) unless that is set; ``bibtex_reference_style``
``author_year`` means ``atlas_citation_style = "author-year"``, ``label`` and ``super``
mean ``"numeric"``; ``bibtex_default_style`` gives lists their order (``unsrt`` and
``unsrtalpha``: order of citation; ``alpha`` and ``plain``: by author).  Each alias is
deprecated: the build says once which atlas setting to use instead (an information
message, not a warning, so ``-W`` builds of a switched book still pass).
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..problems import AtlasWarning, warn
from ..settings import AtlasSettings

logger = logging.getLogger(__name__)

REFERENCE_STYLES = {"author_year": "author-year", "label": "numeric", "super": "numeric"}
_DEFAULT_FILES = list(AtlasSettings.__dataclass_fields__["bibtex_files"].default)
_DEFAULT_STYLE = AtlasSettings.__dataclass_fields__["citation_style"].default


def _read_aliases(app: Sphinx, config: Config) -> None:
    files = config.bibtex_bibfiles
    if files:
        if isinstance(files, str):
            files = [files]
        if list(config.atlas_bibtex_files) == _DEFAULT_FILES:
            config.atlas_bibtex_files = [
                os.path.relpath(os.path.join(app.srcdir, f), app.confdir).replace(os.sep, "/") for f in files
            ]
        _deprecated("bibtex_bibfiles", "atlas_bibtex_files")
    style = config.bibtex_reference_style
    if style:
        if style not in REFERENCE_STYLES:
            warn(AtlasWarning.CONFIG, f"bibtex_reference_style {style!r} is not one of "
                 f"{', '.join(REFERENCE_STYLES)}; using {_DEFAULT_STYLE!r}")
        elif config.atlas_citation_style == _DEFAULT_STYLE:
            config.atlas_citation_style = REFERENCE_STYLES[style]
        _deprecated("bibtex_reference_style", "atlas_citation_style")
    encoding = (config.bibtex_encoding or "").lower().replace("_", "-")
    if encoding and encoding not in ("utf-8", "utf-8-sig", "utf8"):
        warn(AtlasWarning.CONFIG, f"bibtex_encoding {config.bibtex_encoding!r}: the store is read as UTF-8; "
             "convert the .bib files to UTF-8")


def _deprecated(old: str, new: str) -> None:
    logger.info(f"atlas: {old} is read as {new} (deprecated alias; rename it in conf.py)")


def setup_compat(app: Sphinx) -> None:
    app.add_config_value("bibtex_bibfiles", [], "env", types=frozenset({list, str}))
    app.add_config_value("bibtex_reference_style", "", "env", types=frozenset({str}))
    app.add_config_value("bibtex_default_style", "", "env", types=frozenset({str}))
    app.add_config_value("bibtex_encoding", "", "env", types=frozenset({str}))
    app.connect("config-inited", _read_aliases, priority=300)
