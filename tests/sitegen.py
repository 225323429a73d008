"""Tiny generated sites for the robustness tests (bad input, properties, injection, order).

``write_site(folder, files)`` writes a conf.py (our extension plus MyST) and the given
files; ``run(src, out)`` builds it with :class:`sphinx.testing.util.SphinxTestApp` and
returns what the tests look at.  ``tests/roots/`` holds hand-written roots; these helpers
are for sites that a test generates (one per parametrised case, or per hypothesis example).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import strip_colors
from sphinx.testing.util import SphinxTestApp

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


@dataclass
class Result:
    src: Path
    outdir: Path
    warnings: str
    status: str
    statuscode: int

    def html(self, docname: str = "index") -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf-8")

    def soup(self, docname: str = "index") -> BeautifulSoup:
        return BeautifulSoup(self.html(docname), "html.parser")

    def main_text(self, docname: str = "index") -> str:
        main = self.soup(docname).select_one('[role="main"]')
        return " ".join(main.get_text("").split())

    def warning_lines(self) -> list[str]:
        """Every non-empty line of the warning stream (continuation lines included)."""
        return [line for line in self.warnings.splitlines() if line.strip()]


def run(src: Path, out: Path, *, parallel: int = 0, warningiserror: bool = False,
        buildername: str = "html", freshenv: bool = False) -> Result:
    app = SphinxTestApp(buildername, srcdir=src, builddir=out, parallel=parallel,
                        warningiserror=warningiserror, freshenv=freshenv)
    try:
        app.build()
    finally:
        app.cleanup()
    return Result(src, Path(app.outdir), strip_colors(app.warning.getvalue()),
                  strip_colors(app.status.getvalue()), app.statuscode)


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
