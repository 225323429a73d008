"""Shared pytest fixtures: Sphinx's own testing fixtures plus helpers for our roots.

Test roots live in ``tests/roots/test-<feature>-<case>/`` (a ``conf.py``, pages and,
where needed, a ``citations/`` folder).  Use them with::

    @pytest.mark.sphinx("html", testroot="cite-basic")
    def test_x(app, warnings_text): ...
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))

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


def build(app, **kw) -> str:
    """Build and return the warning stream."""
    app.build(**kw)
    return strip_colors(app.warning.getvalue())


def html(app, docname: str = "index") -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
