extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "cite-family"
