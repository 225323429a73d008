"""Sphinx configuration for the IL-6 Heme Atlas.

Build with ``make html`` (or ``sphinx-build -c . docs _build/html``): the source
directory is ``docs/`` and this file stays at the top level, next to ``citations/``.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

project = "IL-6 Heme Atlas"
author = "IL-6 Heme Atlas contributors"
copyright = "2026, IL-6 Heme Atlas contributors"  # fixed: no build-time year
language = "en"
# The edition, by year and month (EPUB needs one; bump it when a release is cut).
version = release = "2026.12"

extensions = [
    "myst_parser",
    "sphinx_design",
    "notfound.extension",  # sphinx-notfound-page: the 404 page works at any depth
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

# "Suggest a correction" on every content page opens the repository's correction form
# (.github/ISSUE_TEMPLATE/correction.yml), its "Page address" field filled in.
atlas_correction_url = (
    "https://github.com/il6-heme-atlas/il6-heme-atlas/issues/new?template=correction.yml&page={url}"
)

# -- HTML output ------------------------------------------------------------
html_theme = "furo"
html_title = "IL-6 Heme Atlas"
html_static_path = ["docs/_static"]  # relative to this file (the conf directory)
templates_path = ["docs/_templates"]  # theme template overrides (accessibility fixes)
html_favicon = "docs/_static/favicon.svg"
html_css_files = ["site.css"]
html_last_updated_fmt = None  # reproducible output: no build timestamps
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "source_repository": "https://github.com/il6-heme-atlas/il6-heme-atlas/",
    "source_branch": "main",
    "source_directory": "docs/",
}

# -- Reader settings: the published address, the 404 page ----------------------
# The site's public address: canonical URLs, the sitemap, "Cite this page" and the 404 page's
# links use it, so each published copy must be built with its own address. Read the Docs passes
# the address of the version it builds; the GitHub Pages workflow (.github/workflows/pages.yml)
# passes ATLAS_BASEURL; a local build uses the Read the Docs address.
html_baseurl = (os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get("ATLAS_BASEURL")
                or "https://il6-heme-atlas.readthedocs.io/en/latest/")
# The 404 page is served for a missing page at any depth, so its links are absolute paths.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"

# -- Other builders -----------------------------------------------------------
epub_basename = "il6-heme-atlas"
epub_identifier = "il6-heme-atlas"  # the same as epub_uid: Sphinx writes epub_uid as the NCX uid
epub_scheme = ""
epub_uid = "il6-heme-atlas"
epub_show_urls = "no"
epub_exclude_files = ["404.xhtml"]  # a web server's error page, with absolute links: not part of the book
latex_documents = [
    ("index", "il6-heme-atlas.tex", "IL-6 Heme Atlas", author, "manual"),
]
