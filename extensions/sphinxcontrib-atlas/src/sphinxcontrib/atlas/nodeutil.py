"""Small shared helpers: placeholder nodes and writing output files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

WRITER_FORMATS = ("html", "latex", "text", "man", "texinfo")


def _placeholder_visit(self, node):  # pragma: no cover - placeholders are replaced before writing
    raise nodes.SkipNode


def add_placeholder_nodes(app: Sphinx, *node_classes: type[nodes.Element]) -> None:
    """Register nodes that post-transforms replace before any writer sees them; should one
    survive (a transform skipped on error), every writer skips it instead of failing."""
    for cls in node_classes:
        app.add_node(cls, **{fmt: (_placeholder_visit, None) for fmt in WRITER_FORMATS})


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds exactly it (no-op rebuilds write nothing)."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def safe_json(obj: Any) -> str:
    """Deterministic JSON with ``<``, ``>`` and ``&`` escaped, safe even if inlined in HTML.

    Compact (no indent): only then does the json module use its C encoder, which matters
    for a store of thousands of references.
    """
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"
