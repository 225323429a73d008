# The configuration Jupyter Book 1 generates for its own documentation (docs/_config.yml:
# bibtex_bibfiles and bibtex_reference_style), reduced to what citations need.
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
source_suffix = {".md": "markdown"}
project = "jb-docs"
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
exclude_patterns = ["_build"]
