import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parents[3] / "extensions"))
extensions = ["myst_parser", "atlas"]
source_suffix = {".md": "markdown"}
project = "entity-warnings"
atlas_bibtex_files = []
