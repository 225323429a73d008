"""Nothing a contributor writes can run in a reader's browser.

* :mod:`.policy` — what raw HTML, URLs and plain-text fields may hold (pure);
* :mod:`.scan` — every such place on a MyST page, checked (pure; ``make check`` uses it);
* :mod:`.sanitize` — the read-time transform: located warnings, and refused nodes taken out;
* :mod:`.csp` — after writing, each HTML page gets its Content-Security-Policy ``<meta>``
  (scripts and styles from the site itself, inline ones by hash) and new-tab links
  ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .csp import write_policies
from .sanitize import SafetyTransform


def setup_safety(app: Sphinx) -> None:
    app.add_transform(SafetyTransform)
    app.connect("build-finished", write_policies)


__all__ = ["setup_safety"]
