"""The exact source line of an inline role.

MyST gives every role in a paragraph the line where the paragraph starts, so a warning
about a citation on its third line pointed two lines too high. While MyST renders a
paragraph, each line break already passed is a ``"\\n"`` text node of the paragraph being
built (the role's ``inliner.parent``): the role's own line is the paragraph's line plus
those breaks. docutils' reStructuredText inliner builds a paragraph's nodes only after its
roles ran, so there the count is 0 and the given line stands.
"""

from __future__ import annotations

from typing import Any


def role_line(lineno: int, inliner: Any) -> int:
    parent = getattr(inliner, "parent", None)
    if parent is None or not lineno:
        return lineno
    return lineno + parent.astext().count("\n")
