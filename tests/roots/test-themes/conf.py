extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "themes"
html_theme = "alabaster"  # the tests override it: furo, sphinx_book_theme, pydata_sphinx_theme, sphinx_rtd_theme
