"""Page weight: stylesheets and scripts only on the pages that use them.

sphinx-design adds its CSS and its tabs script to every page (about 10 KB gzipped), though
only the pages with its cards, grids, tabs or badges need them: pages whose doctree has no
``sd-`` class go without both, and pages without a tab set go without the tabs script
(about 2.7 KB; it only keeps synchronised tab sets in step). Sphinx links its
syntax-highlighting stylesheet (``pygments.css``, about 2 KB) from every page; pages with
no highlighted code go without. Nothing changes for sites without sphinx-design, or for
pages with code.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

TABS_SCRIPT = "design-tabs"
DESIGN_FILES = ("sphinx-design", TABS_SCRIPT)


def _classes(doctree: nodes.document) -> set[str]:
    return {c for node in doctree.findall(nodes.Element) for c in node.get("classes", ())}


def has_highlighted_code(body: str) -> bool:
    """Whether the rendered page holds syntax-highlighted code (Pygments' ``highlight`` markup)."""
    return 'class="highlight' in body


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "").rsplit("/", 1)[-1]


def drop_unused_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if doctree is None:
        return
    classes = _classes(doctree)
    if not any(c.startswith("sd-") for c in classes):
        for key in ("css_files", "script_files"):
            if key in context:
                context[key] = [a for a in context[key] if not _name(a).startswith(DESIGN_FILES)]
    elif "sd-tab-set" not in classes and "script_files" in context:
        context["script_files"] = [a for a in context["script_files"] if not _name(a).startswith(TABS_SCRIPT)]
    if not has_highlighted_code(str(context.get("body", ""))) and "css_files" in context:
        context["css_files"] = [a for a in context["css_files"] if _name(a) != "pygments.css"]


def setup_weight(app: Sphinx) -> None:
    app.connect("html-page-context", drop_unused_assets, priority=900)
