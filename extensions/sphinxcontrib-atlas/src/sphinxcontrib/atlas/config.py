"""The extension's settings: declared once, typed, validated on ``config-inited``."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .warnings_ import AtlasWarning, warn

CITATION_STYLES = ("author-year", "numeric")
EVIDENCE_TYPES = (
    "review",
    "cell-lines",
    "primary-cells",
    "mouse",
    "patient-cohort",
    "clinical-trial",
    "meta-analysis",
    "guideline",
)


@dataclass(frozen=True)
class AtlasConfig:
    """All ``atlas_*`` settings (the conf.py name is ``atlas_`` + field name)."""

    bibtex_files: tuple[str, ...] = field(
        default=("citations/*.bib",),
        metadata={"doc": "Glob patterns, relative to the conf directory, of the BibTeX store."},
    )
    citation_style: str = field(
        default="author-year",
        metadata={"doc": "``author-year`` (Mei et al., 2022) or ``numeric`` ([1])."},
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
            "or ``shared-reference`` (any reference both pages cite)."
        },
    )
    bibliography_title: str = field(
        default="References",
        metadata={"doc": "Heading of the automatically appended reference list."},
    )


def setup_config(app: Sphinx) -> None:
    for f in fields(AtlasConfig):
        default = f.default
        if isinstance(default, tuple):
            default = list(default)
        app.add_config_value(f"atlas_{f.name}", default, "env", types=frozenset({type(default)}))
    app.connect("config-inited", _validate, priority=400)


def _validate(app: Sphinx, config: Config) -> None:
    values: dict[str, Any] = {}
    for f in fields(AtlasConfig):
        name = f"atlas_{f.name}"
        value = getattr(config, name)
        if isinstance(f.default, tuple):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                warn(AtlasWarning.CONFIG, f"{name} must be a list of strings; using the default")
                value = f.default
            value = tuple(value)
        elif not isinstance(value, type(f.default)):
            warn(AtlasWarning.CONFIG, f"{name} must be a {type(f.default).__name__}; using the default")
            value = f.default
        values[f.name] = value
    if values["citation_style"] not in CITATION_STYLES:
        warn(
            AtlasWarning.CONFIG,
            f"atlas_citation_style must be one of {', '.join(CITATION_STYLES)}, "
            f"not {values['citation_style']!r}; using 'author-year'",
        )
        values["citation_style"] = "author-year"
    config._atlas = AtlasConfig(**values)  # type: ignore[attr-defined]


def get_config(config: Config) -> AtlasConfig:
    """The validated settings (defaults if ``config-inited`` has not run, e.g. in unit tests)."""
    return getattr(config, "_atlas", None) or AtlasConfig()
