"""Reading a MyST page the way the build does, for ``make check``.

The page is tokenised by MyST's own parser (markdown-it with MyST's plugins, configured
like the site), so inline code, literal code blocks and directive bodies are told apart
exactly as the build tells them apart; the front matter is read with a YAML parser.
What comes out is plain data with absolute 1-based line numbers: the roles used, the
directives (name, argument, options, body lines) and the front matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

#: directives whose body is not Markdown (it is data, code or options only)
NOT_MARKDOWN = frozenset({
    "pathway", "entity", "bibliography", "toctree", "code-block", "code", "sourcecode", "code-cell", "math",
    "raw", "eval-rst", "literalinclude", "include", "csv-table", "atlas-warnings", "entity-index",
    "disease-matrix", "pathway-index",
})


@dataclass(frozen=True)
class Role:
    name: str  # "cite:p", "ent", ...
    content: str
    line: int


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    options: dict[str, str]
    line: int  # the fence line
    body: tuple[tuple[int, str], ...]  # (line, text) after the options


@dataclass(frozen=True)
class Text:
    """The source of one inline run (a paragraph, list item, heading or table cell)."""

    content: str
    line: int  # of its first line


@dataclass
class Page:
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_error: str = ""
    roles: list[Role] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)


@lru_cache(maxsize=8)
def _parser(extensions: tuple[str, ...]):
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def _options(lines: list[str]) -> tuple[dict[str, str], int]:
    """MyST directive options at the top of a body: ``:name: value`` lines."""
    options: dict[str, str] = {}
    count = 0
    for text in lines:
        stripped = text.strip()
        if not stripped.startswith(":") or stripped.count(":") < 2:
            break
        name, _, value = stripped[1:].partition(":")
        options[name.strip()] = value.strip()
        count += 1
    if count < len(lines) and count and not lines[count].strip():
        count += 1  # the blank line that ends the options
    return options, count


def _roles(token, first_line: int) -> Iterator[Role]:
    line = first_line
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "myst_role":
            yield Role(child.meta.get("name", ""), child.content, line)


def _scan(tokens: Iterable, offset: int, page: Page, extensions: tuple[str, ...]) -> None:
    """Collect roles and directives; ``offset`` turns 0-based token lines into page lines."""
    last_line = offset + 1
    for token in tokens:
        if token.map:
            last_line = token.map[0] + offset + 1
        if token.type == "inline":
            page.roles.extend(_roles(token, last_line))
            page.texts.append(Text(token.content, last_line))
        elif token.type in ("fence", "colon_fence") and token.info.strip().startswith("{"):
            head = token.info.strip()
            name, _, argument = head[1:].partition("}")
            lines = token.content.splitlines()
            options, skip = _options(lines)
            body_start = last_line + 1 + skip
            directive = Directive(name.strip(), argument.strip(), options, last_line,
                                  tuple((body_start + i, text) for i, text in enumerate(lines[skip:])))
            page.directives.append(directive)
            if directive.name not in NOT_MARKDOWN:
                body = "\n".join(text for _line, text in directive.body)
                _scan(_parser(extensions).parse(body), body_start - 1, page, extensions)


def read_page(text: str, extensions: Iterable[str] = ("colon_fence",)) -> Page:
    import yaml

    ext = tuple(sorted(set(extensions)))
    tokens = _parser(ext).parse(text)
    page = Page()
    if tokens and tokens[0].type == "front_matter":
        try:
            loaded = yaml.safe_load(tokens[0].content)
        except yaml.YAMLError as exc:
            page.front_matter_error = str(exc).splitlines()[0]
        else:
            if isinstance(loaded, dict):
                page.front_matter = loaded
            elif loaded is not None:
                page.front_matter_error = "the front matter is not a mapping of keys to values"
    _scan(tokens, 0, page, ext)
    return page
