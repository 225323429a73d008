"""The extension's CSS and JS: plain files in ``static/``, added for HTML builders only.

The files are written for contributors, with comments that explain them; readers get
them without the comments (about a sixth of their gzipped weight): at ``config-inited``
a copy without block comments and whole-line ``//`` comments is written, only when its
bytes change, to a folder of the extension's cache named by a digest of the sources
(outside the output folder, as Sphinx requires), and that folder is what Sphinx serves.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from .outputs import cache_dir, write_if_changed

STATIC_DIR = Path(__file__).parent / "static"
#: every stylesheet and script, in load order (each feature's files are small and plain)
CSS_FILES = ("atlas-theme.css", "atlas-citations.css", "atlas-entities.css", "atlas-pathways.css")
JS_FILES = ("atlas-citations.js", "atlas-pathways.js")
#: scripts only the pages with the matching part load (page weight): (class in the doctree, script)
PAGE_JS_FILES = (("atlas-matrix-scroll", "atlas-matrix.js"),)


_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LINE_COMMENT = re.compile(r"(?m)^[ \t]*//.*\n")
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def without_comments(name: str, text: str) -> str:
    """``text`` of a static file without its comments (CSS: ``/* */``; JS: also ``//`` lines)."""
    text = _BLOCK_COMMENT.sub("", text)
    if name.endswith(".js"):
        text = _LINE_COMMENT.sub("", text)
    return _BLANK_LINES.sub("", text).lstrip("\n")


def served_static_dir() -> Path:
    """Write the readers' copies of the static files; return their folder."""
    sources = [p for p in sorted(STATIC_DIR.iterdir()) if p.suffix in (".css", ".js")]
    texts = {p.name: p.read_text(encoding="utf-8") for p in sources}
    digest = hashlib.sha1(repr(sorted(texts.items())).encode("utf-8")).hexdigest()[:16]
    served = cache_dir() / f"static-{digest}"
    for name, text in texts.items():
        write_if_changed(served / name, without_comments(name, text))
    return served


def _static_path(app: Sphinx, config: Config) -> None:
    """config-inited: put the folder on html_static_path before the environment compares
    configurations, so incremental builds do not see the setting change every time."""
    static = str(served_static_dir())
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
