"""The extension's CSS and JS: plain files in ``static/``, added for HTML builders only."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
#: every stylesheet and script, in load order (each feature's files are small and plain)
CSS_FILES = ("atlas-theme.css", "atlas-citations.css", "atlas-entities.css", "atlas-pathways.css")
JS_FILES = ("atlas-citations.js", "atlas-pathways.js")
#: scripts only the pages with the matching part load (page weight): (class in the doctree, script)
PAGE_JS_FILES = (("atlas-matrix-scroll", "atlas-matrix.js"),)


def _static_path(app: Sphinx, config: Config) -> None:
    """config-inited: put the folder on html_static_path before the environment compares
    configurations, so incremental builds do not see the setting change every time."""
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        config.html_static_path.append(static)


def _add_files(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    for name in CSS_FILES:
        app.add_css_file(name)
    for name in JS_FILES:
        app.add_js_file(name, loading_method="defer")


def _page_files(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None:
        return
    for cls, name in PAGE_JS_FILES:
        if any(cls in node.get("classes", ()) for node in doctree.findall(nodes.Element)):
            app.add_js_file(name, loading_method="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("html-page-context", _page_files)
    app.connect("config-inited", _static_path)
    app.connect("builder-inited", _add_files)
