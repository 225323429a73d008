"""``make check``'s safety rules: the build's own scan (:func:`..safety.scan.scan_page`) on each
page, so raw HTML, script URLs and markup in plain-text fields are reported at the same
lines, with the same words, as the build reports them."""

from __future__ import annotations

from collections.abc import Iterable

from ..problems import Problem
from ..safety.scan import scan_page


def safety_problems(path: str, text: str, extensions: Iterable[str]) -> list[Problem]:
    return [Problem(p.kind, p.message, p.line, path) for p in scan_page(text, extensions)]


__all__ = ["safety_problems"]
