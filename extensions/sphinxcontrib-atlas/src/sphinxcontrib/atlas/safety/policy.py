"""What a contributor may write into a page, as pure functions (shared by the build and ``make check``).

Three checks, each returning the reasons a value is refused (empty when it is fine):

* :func:`url_problem` — a link or image address: relative, ``http``, ``https``,
  ``mailto`` or ``ftp``; an image may also be a ``data:`` URL of a raster type
  (PNG, GIF, JPEG, WebP). Everything else (``javascript:``, ``vbscript:``, other ``data:``,
  ``file:``...) is refused, however it is spelled: character references
  (``&#106;avascript:``), mixed case and tabs, newlines or control characters inside the
  scheme are undone first, as a browser undoes them.
* :func:`html_problems` — a piece of raw HTML: only the inert elements of
  :data:`ALLOWED_ELEMENTS`, without attributes (``abbr`` may carry a plain ``title``), and
  comments. Event-handler attributes, ``style`` (named specially when it holds ``url(`` or
  ``expression(``), URL attributes and any other element are refused.
* :func:`text_problems` — a field that is plain text (front matter, entity labels and
  aliases, pathway captions and labels, directive options): no HTML tags, no event-handler
  assignments, no script URL schemes.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

#: raw HTML elements a page may use: typographic and inert, no attributes
ALLOWED_ELEMENTS = frozenset({"sub", "sup", "br", "wbr", "abbr", "kbd", "small", "i", "b", "em", "strong"})
#: the one attribute allowed, per element (plain text)
ALLOWED_ATTRIBUTES = {"abbr": frozenset({"title"})}
#: URL schemes a link may use (besides a relative address); ``project:``, ``path:`` and
#: ``inv:`` are MyST's own cross-reference schemes, resolved inside the site
LINK_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "project", "path", "inv"})
#: ``data:`` image types an image may embed
DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpeg|jpg|webp)(?:;base64)?,", re.I)
#: attributes whose value is fetched or followed as a URL
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                            "srcset", "lowsrc", "dynsrc", "cite", "longdesc", "ping", "manifest", "codebase"})

#: element names of HTML, SVG and MathML that a plain-text field must not hold
HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col
colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form frame
frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map mark
marquee math menu meta meter nav noscript object ol optgroup option output p param picture portal pre progress q
rp rt ruby s samp script search section select slot small source span strong style sub summary sup svg table
tbody td template textarea tfoot th thead time title tr track u ul var video wbr animate set foreignobject image
use xmp plaintext listing noembed noframes applet basefont bgsound blink font center
""".split())

# Browsers drop ASCII tab and newline anywhere in a URL and C0 controls and spaces around it.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_TAG = re.compile(r"<\s*/?\s*[a-z!?]", re.I)
_HANDLER = re.compile(r"(?:^|[\s\"'/;<])on[a-z]+\s*=", re.I)
_SCRIPT_SCHEME = re.compile(r"(?:java|vb|live)script:|data:(?!image/(?:png|gif|jpeg|jpg|webp)[;,])[a-z]+/")
_CSS_DANGER = re.compile(r"url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding", re.I)


def normalise_url(url: str) -> str:
    """The address as a browser reads its scheme: references decoded, noise removed, lowercase."""
    return _URL_NOISE.sub("", unescape(unescape(url))).lower()


def url_scheme(url: str) -> str:
    """The scheme, also when it hides behind percent-escapes (``java%09script:``, which a
    Markdown parser makes of a tab written as a character reference)."""
    for candidate in (normalise_url(url), normalise_url(unquote(url))):
        match = _SCHEME.match(candidate)
        if match:
            return match.group(1)
    return ""


def url_problem(url: str, image: bool = False) -> str:
    """Why ``url`` may not be linked (or shown, for an image); ``""`` when it may."""
    scheme = url_scheme(url)
    if not scheme or scheme in LINK_SCHEMES:
        return ""
    if image and scheme == "data" and DATA_IMAGE.match(normalise_url(unquote(url))):
        return ""
    allowed = "relative, http(s), mailto or ftp addresses" + (
        " and data: images of type PNG, GIF, JPEG or WebP" if image else "")
    return f"a {scheme}: URL is not allowed (only {allowed})"


def css_problem(style: str) -> str:
    if _CSS_DANGER.search(_URL_NOISE.sub("", unescape(style))):
        return "a style attribute with url(), expression() or @import is not allowed"
    return "style attributes are not allowed (styles belong in the site's CSS files)"


class _Fragment(HTMLParser):
    """Collects every reason to refuse one piece of raw HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.reasons: list[str] = []

    def _refuse(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_ELEMENTS:
            self._refuse(f"<{tag}> is not an allowed element")
        allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._refuse(f"the event-handler attribute {name!r} is not allowed")
            elif name == "style":
                self._refuse(css_problem(value))
            elif name in URL_ATTRIBUTES and url_problem(value, image=name == "src"):
                self._refuse(f"{name}: {url_problem(value, image=name == 'src')}")
            elif name not in allowed:
                self._refuse(f"the attribute {name!r} on <{tag}> is not allowed")
            elif text_problems(value):
                self._refuse(f"the attribute {name!r} holds markup or a script URL")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_ELEMENTS:
            self._refuse(f"</{tag}> closes an element that is not allowed")

    def handle_data(self, data: str) -> None:
        if _TAG.search(data):
            self._refuse("an unfinished or malformed tag is not allowed")

    def handle_decl(self, decl: str) -> None:
        self._refuse("declarations (<!...>) are not allowed")

    def unknown_decl(self, data: str) -> None:
        self._refuse("CDATA sections are not allowed")

    def handle_pi(self, data: str) -> None:
        self._refuse("processing instructions (<?...>) are not allowed")


def html_problems(fragment: str) -> list[str]:
    """Why this raw HTML may not reach the page (``[]`` when it is inert and allowed)."""
    parser = _Fragment()
    parser.feed(fragment)
    if _TAG.match(parser.rawdata):  # what is left unparsed at the end is an unfinished tag
        parser.handle_data(parser.rawdata)
    parser.close()
    return parser.reasons


class _Tags(HTMLParser):
    """The tags in a piece of text: (name, has attributes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, bool(attrs)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.tags.append((tag, False))

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", False))


def _has_markup(text: str) -> bool:
    """Text that holds an HTML element, a tag with attributes or a comment. A name in angle
    brackets that is no element and has no attributes (``<IL-6>``) is prose."""
    parser = _Tags()
    parser.feed(unescape(text))
    parser.close()
    return any(attrs or name in HTML_ELEMENTS or name.startswith("!") for name, attrs in parser.tags)


def text_problems(text: str) -> list[str]:
    """Why a plain-text field is refused: it holds markup, a handler or a script URL."""
    reasons = []
    if _has_markup(text):
        reasons.append("it holds HTML markup")
    if _HANDLER.search(unescape(text)):
        reasons.append("it holds an event-handler assignment (on...=)")
    if _SCRIPT_SCHEME.search(normalise_url(text)):
        reasons.append("it holds a script or data URL")
    return reasons


__all__ = ["ALLOWED_ELEMENTS", "LINK_SCHEMES", "css_problem", "html_problems", "normalise_url", "text_problems",
           "url_problem", "url_scheme"]
