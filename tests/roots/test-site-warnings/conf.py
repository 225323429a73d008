extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "site-warnings"
atlas_bibtex_files = []
