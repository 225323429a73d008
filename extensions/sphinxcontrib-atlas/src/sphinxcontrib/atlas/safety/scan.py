"""Every place a MyST page can carry markup or a URL, checked against :mod:`.policy` (pure).

The page is tokenised by MyST's own parser (markdown-it with MyST's plugins, configured
like the site) with markdown-it's link validation switched off, so a ``javascript:`` link
that markdown-it would silently leave as text is seen and reported too. The build (the
:mod:`.sanitize` transform) and ``make check`` both call :func:`scan_page`, so they report
the same problems at the same lines.

Places: raw HTML (blocks and inline, in paragraphs, lists, tables and Markdown directive
bodies), link and image addresses, the front matter's text values, directive arguments
and options (entity ``label``, ``short`` and ``aliases`` among them), ``raw`` HTML
directives and pathway captions and lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from ..problems import AtlasWarning, Problem
from .policy import ALLOWED_ELEMENTS, html_problems, text_problems, url_problem

#: directives whose body is data, code or raw output, not Markdown
NOT_MARKDOWN = frozenset({
    "pathway", "entity", "bibliography", "toctree", "code-block", "code", "sourcecode", "code-cell", "math",
    "raw", "eval-rst", "literalinclude", "include", "csv-table", "atlas-warnings", "entity-index",
    "disease-matrix", "pathway-index", "list-table",
})
#: directive options whose value is an address (checked as a URL, not as text)
URL_OPTIONS = frozenset({"target", "link", "url", "href", "src", "uri", "img-top", "img-bottom",
                         "img-background", "image"})
#: directives whose argument is an image address
IMAGE_DIRECTIVES = frozenset({"image", "figure"})
ALLOWED_LIST = ", ".join(f"<{name}>" for name in sorted(ALLOWED_ELEMENTS))


@lru_cache(maxsize=8)
def _parser(extensions: tuple[str, ...]):
    md = create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)
    md.validateLink = lambda url: True  # see every address; the policy decides
    return md


def _short(value: str) -> str:
    value = " ".join(value.split())
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _html(fragment: str, line: int) -> Iterator[Problem]:
    reasons = html_problems(fragment)
    if reasons:
        yield Problem(AtlasWarning.SAFETY_HTML, f"raw HTML {_short(fragment)} refused: {'; '.join(reasons)}. "
                      f"It is left out of the page (allowed: {ALLOWED_LIST}, without attributes)", line)


def _url(url: str, line: int, what: str, image: bool = False) -> Iterator[Problem]:
    reason = url_problem(url, image=image)
    if reason:
        outcome = "the image is left out" if image else "the text is shown without the link"
        yield Problem(AtlasWarning.SAFETY_URL, f"{what} {_short(url)} refused: {reason}; {outcome}", line)


def _text(value: str, line: int, what: str) -> Iterator[Problem]:
    reasons = text_problems(value)
    if reasons:
        yield Problem(AtlasWarning.SAFETY_TEXT, f"{what} {_short(value)} refused: {' and '.join(reasons)}; "
                      "write plain text", line)


def _inline(token, line: int) -> Iterator[Problem]:
    for child in token.children or ():
        if child.type == "html_inline":
            yield from _html(child.content, line)
        elif child.type == "link_open":
            yield from _url(str(child.attrGet("href") or ""), line, "link address")
        elif child.type == "image":
            yield from _url(str(child.attrGet("src") or ""), line, "image address", image=True)
        line += child.content.count("\n") if child.type == "html_inline" else 0
        if child.type in ("softbreak", "hardbreak"):
            line += 1


def _front_matter(content: str) -> Iterator[Problem]:
    import yaml

    try:
        loaded = yaml.safe_load(content)
    except yaml.YAMLError:
        return  # the page rules report invalid YAML
    if not isinstance(loaded, dict):
        return
    lines = content.splitlines()
    for key, value in loaded.items():
        line = next((i + 2 for i, text in enumerate(lines) if text.startswith(f"{key}:")), 1)
        for text in _strings(value):
            yield from _text(text, line, f"front matter {key!r}")


def _strings(value) -> Iterator[str]:
    """Every string in a front matter value (``substitutions`` and ``html_meta`` are nested)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _options(lines: list[str]) -> tuple[list[tuple[int, str, str]], int]:
    """``:name: value`` lines at the top of a directive body, with their index."""
    found = []
    for index, text in enumerate(lines):
        stripped = text.strip()
        if not stripped.startswith(":") or stripped.count(":") < 2:
            break
        name, _, value = stripped[1:].partition(":")
        found.append((index, name.strip(), value.strip()))
    count = len(found)
    if count < len(lines) and count and not lines[count].strip():
        count += 1
    return found, count


def _directive(token, line: int, extensions: tuple[str, ...]) -> Iterator[Problem]:
    name, _, argument = token.info.strip()[1:].partition("}")
    name, argument = name.strip(), argument.strip()
    lines = token.content.splitlines()
    options, skip = _options(lines)
    if argument and name in IMAGE_DIRECTIVES:
        yield from _url(argument, line, f"{name} address", image=True)
    elif argument:
        yield from _text(argument, line, f"{name} argument")
    for index, option, value in options:
        where = line + 1 + index
        if option in URL_OPTIONS:
            yield from _url(value, where, f"{name} option :{option}:", image=option.startswith("img"))
        else:
            yield from _text(value, where, f"{name} option :{option}:")
    body_start = line + 1 + skip
    body = lines[skip:]
    if name == "raw" and "html" in argument.split():
        yield from _html("\n".join(body), body_start)
    elif name == "pathway":
        for offset, text in enumerate(body):
            yield from _text(text.split(" #", 1)[0] if not text.lstrip().startswith("#") else "",
                             body_start + offset, "pathway line")
    elif name not in NOT_MARKDOWN:
        yield from _scan(_parser(extensions).parse("\n".join(body)), body_start - 1, extensions)


def _scan(tokens: Iterable, offset: int, extensions: tuple[str, ...]) -> Iterator[Problem]:
    line = offset + 1
    for token in tokens:
        if token.map:
            line = token.map[0] + offset + 1
        if token.type == "front_matter":
            yield from _front_matter(token.content)
        elif token.type == "inline":
            yield from _inline(token, line)
        elif token.type == "html_block":
            yield from _html(token.content, line)
        elif token.type in ("fence", "colon_fence") and token.info.strip().startswith("{"):
            yield from _directive(token, line, extensions)


def scan_page(text: str, extensions: Iterable[str] = ("colon_fence",)) -> list[Problem]:
    """Every unsafe value on a MyST page, in page order (``Problem.path`` left empty)."""
    ext = tuple(sorted(set(extensions)))
    return list(_scan(_parser(ext).parse(text), 0, ext))


__all__ = ["scan_page"]
