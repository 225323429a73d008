"""Shared pytest fixtures: Sphinx's own testing fixtures plus helpers for our roots.

Test roots live in ``tests/roots/test-<feature>-<case>/`` (a ``conf.py``, pages and,
where needed, a ``citations/`` folder).  Use them with::

    @pytest.mark.sphinx("html", testroot="cite-basic")
    def test_x(app, warnings_text): ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ("sphinx.testing.fixtures",)

collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_colors(text: str) -> str:
    return _ANSI.sub("", text)


@pytest.fixture
def warnings_text(app) -> str:
    """Everything the build warned, without colour codes (call after ``app.build()``)."""

    class _Lazy:
        def __str__(self) -> str:
            return strip_colors(app.warning.getvalue())

    return _Lazy()


@dataclass
class BuildResult:
    """One finished build: where it wrote, what it warned and printed, what it read and wrote."""

    src: Path
    outdir: Path
    warnings: str
    status: str
    statuscode: int
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    env: Any = None

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


def build_site(src: Path, out: Path, *, builder: str = "html", parallel: int = 0, warningiserror: bool = False,
               freshenv: bool = False, confoverrides: dict | None = None) -> BuildResult:
    """The one way the tests build a site folder (``out/<builder>`` receives the output)."""
    app = SphinxTestApp(builder, srcdir=src, builddir=out, parallel=parallel, warningiserror=warningiserror,
                        freshenv=freshenv, confoverrides=confoverrides or {})
    read: list[str] = []
    written: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(sorted(docnames)))
    app.connect("html-page-context", lambda app, pagename, *a: written.append(pagename))
    try:
        app.build()
    finally:
        app.cleanup()
    return BuildResult(src, Path(app.outdir), strip_colors(app.warning.getvalue()), strip_colors(app.status.getvalue()),
                       app.statuscode, read, sorted(set(written) - {"genindex", "search"}), app.env)


class SiteBuild:
    """A source folder built repeatedly (incremental builds) into one output folder,
    recording which documents each build read and wrote."""

    def __init__(self, src: Path, out: Path, parallel: int = 0) -> None:
        self.src, self.out, self.parallel = src, out, parallel
        self.read: list[str] = []
        self.written: list[str] = []
        self.warnings = ""
        self.env = None

    def build(self) -> SiteBuild:
        result = build_site(self.src, self.out, parallel=self.parallel)
        self.read, self.written, self.warnings, self.env = result.read, result.written, result.warnings, result.env
        return self

    @property
    def html_dir(self) -> Path:
        return self.out / "html"

    html = html_dir


def build(app, **kw) -> str:
    """Build and return the warning stream."""
    app.build(**kw)
    return strip_colors(app.warning.getvalue())


def html(app, docname: str = "index") -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


# -- real-browser tests ----------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; skipped (with the reason) where absent.

    CI sets ATLAS_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.
    """
    import os

    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"{CHROMIUM} not found (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:  # pragma: no cover - test requirements include it
            problem = "the playwright package is not installed"
    if problem:
        if os.environ.get("ATLAS_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests required but {problem}")
        pytest.skip(problem)
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def serve():
    """``serve(folder, prefix="/") -> base URL``: a static file server on 127.0.0.1 (ephemeral
    port), the folder's files under ``prefix`` (as a host serves the site below a path)."""
    import functools
    import http.server
    import threading

    servers = []

    def start(folder: Path, prefix: str = "/") -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder), prefix=prefix)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _quiet_handler_base():
    import http.server

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, prefix: str = "/", **kwargs):
            self.prefix = prefix
            super().__init__(*args, **kwargs)

        def log_message(self, *args):  # keep test output clean
            pass

        def translate_path(self, path: str) -> str:
            if not path.startswith(self.prefix):
                return str(Path(self.directory) / "__not_under_the_prefix__")
            return super().translate_path("/" + path[len(self.prefix):])

    return Handler


_QuietHandler = _quiet_handler_base()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and page errors in ``page.errors``."""
    context = browser.new_context()
    pg = context.new_page()
    # the test sites have no favicon: Chromium's automatic request would log a 404 error
    pg.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    pg.errors = []
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


# -- accessibility (axe-core in the real browser) ------------------------------------------

AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
#: the rule sets the atlas is held to: WCAG 2.0, 2.1 and 2.2, levels A and AA
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's source (``npm ci --prefix tools/axe``, run by .ci/run); skipped (or, in
    CI, failed) where it is not installed."""
    import os

    if not AXE.is_file():
        problem = f"{AXE} not found (run: npm ci --prefix tools/axe)"
        if os.environ.get("ATLAS_REQUIRE_BROWSER"):
            pytest.fail(f"accessibility tests required but {problem}")
        pytest.skip(problem)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, script: str, impacts: tuple[str, ...] = ("serious", "critical"), *,
                   rules: list[str] | None = None, include: list[str] | None = None,
                   exclude: list[str] | None = None) -> list[dict]:
    """Run axe-core on the loaded page (the WCAG 2.0-2.2 A/AA rules, or only ``rules``;
    the whole document, or only the elements matching the ``include`` selectors, less those
    matching ``exclude``); the
    violations of the given impacts, each with its rule id, impact, help text and the
    selectors of the offending nodes."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluated through the DevTools protocol, not as an inline <script>: the pages' CSP
        # (rightly) refuses inline scripts
        page.evaluate(script)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    result = page.evaluate(
        "async ([include, exclude, runOnly]) => await axe.run("
        "{include: include.length ? include.map((s) => [s]) : [['html']], exclude: exclude.map((s) => [s])},"
        " {runOnly, resultTypes: ['violations']})",
        [include or [], exclude or [], run_only],
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"] if v["impact"] in impacts
    ]
