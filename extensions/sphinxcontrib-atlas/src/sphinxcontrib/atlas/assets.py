"""The extension's CSS and JS: plain files, added for HTML builders only."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILES: list[str] = ["atlas-citations.css"]
JS_FILES: list[str] = ["atlas-citations.js"]


def register_assets(css: list[str] = (), js: list[str] = ()) -> None:
    """Feature modules call this from their ``setup_*`` to add their own files."""
    CSS_FILES.extend(f for f in css if f not in CSS_FILES)
    JS_FILES.extend(f for f in js if f not in JS_FILES)


def _add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = str(STATIC_DIR)
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
    for name in CSS_FILES:
        app.add_css_file(name)
    for name in JS_FILES:
        app.add_js_file(name, loading_method="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_assets)
