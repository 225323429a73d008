# The sphinx-jupyterbook-latex test book of Jupyter Book 1 (its _config.yml: bibtex_bibfiles).
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
source_suffix = {".md": "markdown"}
project = "jb-latex"
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
