"""The Content-Security-Policy ``<meta>`` of every HTML page, and safe new-tab links.

The policy allows scripts, styles, fonts and fetches only from the site itself; the few
inline scripts and styles the theme and Sphinx write (furo's theme switch, Sphinx's
search box) are allowed by their SHA-256 hashes, computed from each page as written, so a
theme update cannot silently break or widen the policy. Style *attributes* the theme writes
(furo's hidden icon sprite) are allowed by hash under ``'unsafe-hashes'``; event-handler
attributes never are. No ``eval``, no plugins (``object-src 'none'``), ``base-uri 'self'``.

It runs at ``build-finished`` over every page of the output (the pages an incremental build
did not rewrite too, so the result is the same as a clean build's), replacing the meta a
previous run wrote, and writes a file only when its bytes change. A link that opens a new
tab (``target="_blank"``) gets ``rel="noopener noreferrer"`` in the same pass.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from base64 import b64encode
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx

from ..outputs import write_if_changed
from ..settings import settings

#: script types a browser executes (anything else, e.g. application/json, is data)
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
#: directives that do not depend on the page
FIXED = (
    ("default-src", "'none'"), ("img-src", "'self' data:"), ("font-src", "'self' data:"),
    ("connect-src", "'self'"), ("object-src", "'none'"), ("base-uri", "'self'"), ("form-action", "'self'"),
    ("manifest-src", "'self'"), ("media-src", "'self'"), ("frame-src", "'none'"), ("worker-src", "'none'"),
)
OUR_META = re.compile(r'\n?<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*/?>')
NEW_TAB_REL = "noopener noreferrer"
#: themes whose own scripts inject ``<style>`` elements and style attributes (FontAwesome)
STYLE_INJECTING_THEMES = frozenset({"pydata_sphinx_theme", "sphinx_book_theme"})


def sha256(text: str) -> str:
    return "'sha256-" + b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass
class _Page(HTMLParser):
    """The inline code of a page and the places to edit (as offsets into its text)."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attrs: set[str] = field(default_factory=set)
    head_end: int = -1  # offset just after <head ...> (or its <meta charset>)
    new_tabs: list[tuple[int, str]] = field(default_factory=list)  # (offset, start tag text)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=False)
        self._inline: str | None = None  # "script" or "style" while inside inline code
        self._line_starts = [0]
        self._past_charset = False

    def _at(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def scan(self, text: str) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "style" in values:
            self.style_attrs.add(values["style"])
        if (tag == "head" or (tag == "meta" and "charset" in values)) and not self._past_charset:
            self.head_end = self._at() + len(self.get_starttag_text() or "")  # the policy goes here
            self._past_charset = tag == "meta"
        elif tag == "script" and "src" not in values and values.get("type", "").lower() in SCRIPT_TYPES:
            self._inline, self._code = "script", ""
        elif tag == "style":
            self._inline, self._code = "style", ""
        elif tag == "a" and values.get("target") == "_blank":
            self.new_tabs.append((self._at(), self.get_starttag_text() or ""))

    def handle_data(self, data: str) -> None:
        if self._inline:
            self._code += data

    def handle_endtag(self, tag: str) -> None:
        if self._inline == tag:
            (self.scripts if tag == "script" else self.styles).add(self._code)
            self._inline = None


def policy(page: _Page, inline_styles: bool = False) -> str:
    """The policy of one page; ``inline_styles`` allows every inline style (``theme-styles``)."""
    scripts = " ".join(sorted(sha256(code) for code in page.scripts))
    styles = " ".join(sorted(sha256(code) for code in page.styles))
    if inline_styles:
        styles = "'unsafe-inline'"  # (a hash next to it would switch 'unsafe-inline' off)
    elif page.style_attrs:
        styles += " 'unsafe-hashes' " + " ".join(sorted(sha256(code) for code in page.style_attrs))
    parts = [("script-src", f"'self' {scripts}".strip()), ("style-src", f"'self' {styles}".strip()), *FIXED]
    return "; ".join(f"{name} {value}" for name, value in sorted(parts))


def _with_rel(tag: str) -> str:
    match = re.search(r'\srel="([^"]*)"', tag)
    if match:
        tokens = match.group(1).split()
        tokens += [t for t in NEW_TAB_REL.split() if t not in tokens]
        return tag[:match.start()] + f' rel="{" ".join(tokens)}"' + tag[match.end():]
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:end] + f' rel="{NEW_TAB_REL}"' + tag[end:]


def secure(text: str, inline_styles: bool = False, with_policy: bool = True) -> str:
    """The page with its policy meta first in ``<head>`` and its new-tab links safe."""
    text = OUR_META.sub("", text)
    page = _Page()
    page.scan(text)
    if page.head_end < 0:
        return text
    for start, tag in reversed(page.new_tabs):
        text = text[:start] + _with_rel(tag) + text[start + len(tag):]
    if not with_policy:
        return text
    meta = ET.Element("meta", {"http-equiv": "Content-Security-Policy", "content": policy(page, inline_styles)})
    element = ET.tostring(meta, encoding="unicode", method="html")
    return text[:page.head_end] + "\n" + element + text[page.head_end:]


def write_policies(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    mode = settings(app.config).csp
    if mode == "auto":
        mode = "theme-styles" if app.config.html_theme in STYLE_INJECTING_THEMES else "strict"
    for path in sorted(Path(app.outdir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        write_if_changed(path, secure(text, inline_styles=mode == "theme-styles", with_policy=mode != "off"))


__all__ = ["policy", "secure", "sha256", "write_policies"]
