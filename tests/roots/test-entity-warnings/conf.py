extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "entity-warnings"
atlas_bibtex_files = []
