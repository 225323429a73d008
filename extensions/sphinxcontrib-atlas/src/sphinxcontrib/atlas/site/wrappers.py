"""Ids that a theme's wrapper elements repeat, kept on the element they belong to.

furo wraps every table (and display math) in a ``div.table-wrapper`` so it can scroll,
copying all of the table's attributes onto the wrapper, ids included: every table with
an id (each pathway's edge table, the disease × mechanism matrix) then has its id twice
in the page, which HTML forbids and which breaks in-page links in the single-page
output.  This post-transform runs right after furo's and leaves the id on the table only.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

WRAPPERS = ("table-wrapper", "math-wrapper")


class UnrepeatedWrapperIds(SphinxPostTransform):
    formats = ("html",)
    default_priority = 501  # furo's wrapper transform is 500

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if not any(c in wrapper["classes"] for c in WRAPPERS) or not wrapper["ids"]:
                continue
            inner = next((c for c in wrapper.children if isinstance(c, nodes.Element)), None)
            if inner is not None and inner["ids"]:
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner["ids"]]


def setup_wrappers(app: Sphinx) -> None:
    app.add_post_transform(UnrepeatedWrapperIds)
