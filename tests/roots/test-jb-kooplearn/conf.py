# kooplearn's documentation: MyST pages with sphinxcontrib-bibtex footnote citations.
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
source_suffix = {".md": "markdown"}
project = "jb-kooplearn"
bibtex_bibfiles = ["bibliography.bib"]
bibtex_reference_style = "author_year"
exclude_patterns = ["_build"]
