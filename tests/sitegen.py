"""Tiny generated sites for the robustness tests (bad input, properties, injection, order).

``write_site(folder, files)`` writes a conf.py (our extension plus MyST) and the given
files; ``conftest.build_site(src, out)`` builds it.  ``tests/roots/`` holds hand-written roots; these helpers
are for sites that a test generates (one per parametrised case, or per hypothesis example).
"""

from __future__ import annotations

import re
from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinxcontrib.atlas"]
source_suffix = {".md": "markdown"}
project = "generated"
"""

#: A warning line as Sphinx prints it: ``path:line: WARNING: message [type.subtype]``.
WARNING_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*)$")


def write_site(src: Path, files: dict[str, str | bytes], conf: str = CONF) -> Path:
    """Write ``conf.py`` and ``files`` (relative path -> text or bytes) into ``src``."""
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    for name, content in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            # newline="" keeps "\r\n" in a case that wants Windows line endings
            with path.open("w", encoding="utf-8", newline="") as fh:
                fh.write(content)
    return src


def unlocated(warnings: str) -> list[str]:
    """Warning lines that do not start with ``path:line:`` (line >= 1)."""
    bad = []
    for line in warnings.splitlines():
        if "WARNING" not in line and "ERROR" not in line:
            continue
        m = WARNING_RE.match(line)
        if m is None or int(m["line"]) < 1:
            bad.append(line)
    return bad
