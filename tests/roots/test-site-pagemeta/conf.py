extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "site-pagemeta"
atlas_bibtex_files = []
