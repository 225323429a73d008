"""Sphinx configuration for the IL-6 Heme Atlas.

Build with ``make html`` (or ``sphinx-build -c . docs _build/html``): the source
directory is ``docs/`` and this file stays at the top level, next to ``citations/``.
"""

from __future__ import annotations

project = "IL-6 Heme Atlas"
author = "IL-6 Heme Atlas contributors"
copyright = "2026, IL-6 Heme Atlas contributors"  # fixed: no build-time year
language = "en"
# The edition, by year and month (EPUB needs one; bump it when a release is cut).
version = release = "2026.12"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.atlas",  # our extension: installed from extensions/sphinxcontrib-atlas by `make`
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3

# -- Atlas extension --------------------------------------------------------
atlas_bibtex_files = ["citations/*.bib"]
atlas_citation_style = "author-year"
# The atlas is stricter than the extension's default (which asks for no identifier):
# every reference must be findable by a reader, so each type needs one of these.
atlas_identifier_policy = {
    "article": ["doi", "pmid"],
    "book": ["isbn", "doi"],
    "collection": ["isbn", "doi"],
    "incollection": ["isbn", "doi"],
    "inproceedings": ["doi", "pmid"],
    "*": ["doi", "pmid", "pmcid", "isbn", "url"],
}

# -- HTML output ------------------------------------------------------------
html_theme = "furo"
html_title = "IL-6 Heme Atlas"
html_static_path = ["docs/_static"]  # relative to this file (the conf directory)
html_css_files = ["site.css"]
html_last_updated_fmt = None  # reproducible output: no build timestamps
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "source_repository": "https://github.com/il6-heme-atlas/il6-heme-atlas/",
    "source_branch": "main",
    "source_directory": "docs/",
}

# -- Other builders -----------------------------------------------------------
epub_basename = "il6-heme-atlas"
epub_identifier = "il6-heme-atlas"  # the same as epub_uid: Sphinx writes epub_uid as the NCX uid
epub_scheme = ""
epub_uid = "il6-heme-atlas"
epub_show_urls = "no"
latex_documents = [
    ("index", "il6-heme-atlas.tex", "IL-6 Heme Atlas", author, "manual"),
]
