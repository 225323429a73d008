extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "bib-problems"
# the atlas's own stricter identifier rule, as in the site's conf.py
atlas_identifier_policy = {"article": ["doi", "pmid"]}
