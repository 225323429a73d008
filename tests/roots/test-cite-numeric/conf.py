extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "cite-numeric"
atlas_citation_style = "numeric"
