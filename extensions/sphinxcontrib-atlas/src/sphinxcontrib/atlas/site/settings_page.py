"""``{atlas-settings}``: every ``atlas_*`` setting with its default and meaning, generated
from :class:`~..settings.AtlasSettings`, so the documentation cannot drift from the code."""

from __future__ import annotations

from dataclasses import fields

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..settings import AtlasSettings
from .tables import generated_table


def _default(value: object, mapping: bool = False) -> str:
    """The default as conf.py would write it (a mapping setting is kept as pairs inside)."""
    if mapping:
        shown: object = {key: list(v) if isinstance(v, tuple) else v for key, v in value}  # type: ignore[union-attr]
    else:
        shown = list(value) if isinstance(value, tuple) else value
    return f"``{shown!r}``"


def settings_rows() -> list[tuple[str, str, str]]:
    rows = []
    for f in fields(AtlasSettings):
        doc = f.metadata["doc"]
        choices = f.metadata.get("choices")
        if choices and "``" not in doc:
            doc += " One of " + ", ".join(f"``{c}``" for c in choices) + "."
        rows.append((f"atlas_{f.name}", _default(f.default, f.metadata.get("mapping", False)), doc))
    return rows


class AtlasSettingsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [generated_table(["atlas-settings-table"], ["Setting", "Default", "What it does"], (24, 22, 54),
                                settings_rows())]


def setup_settings_page(app: Sphinx) -> None:
    app.add_directive("atlas-settings", AtlasSettingsDirective)
