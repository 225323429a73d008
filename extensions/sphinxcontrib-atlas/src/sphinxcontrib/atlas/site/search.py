"""Search that finds names: hyphenated names indexed whole, entity names as index entries,
and a search page that ranks titles and names first and shows summaries as snippets.

* :class:`AtlasEnglish` replaces Sphinx's English indexer: every hyphenated word is indexed
  whole ("sil-6r", "il-6rα") as well as in its parts, so ``atlas-search.js`` can look the
  whole name up.
* :class:`EntitySearchTerms` (a read transform, before the domains collect index entries)
  adds each declared entity's label, short name and aliases as index entries at its
  declaration: the search page matches them as whole terms and the general index lists them.
* On the search page, ``atlas-search-data.js`` (written at the end of the build) gives each
  page's summary, its first sentence, and the names its entities go by.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish
from sphinx.transforms import SphinxTransform

from ..entities.box import lead_summary
from ..entities.directives import entity_box
from ..entities.domain import entity_domain
from ..outputs import safe_json, write_if_changed

DATA_FILE = "atlas-search-data.js"  # in _static/, beside the other scripts
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")


class AtlasEnglish(SearchEnglish):
    """English, with hyphenated words indexed whole as well as in their parts."""

    def split(self, input: str) -> list[str]:
        return self._word_re.findall(input) + _HYPHENATED.findall(input)


def entity_names(ent: Any) -> list[str]:
    names = [ent.label, *([ent.short] if ent.short else []), *ent.aliases]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


class EntitySearchTerms(SphinxTransform):
    default_priority = 840  # before SphinxDomains (850), which collects index entries

    def apply(self, **kwargs: Any) -> None:
        declared = {ent.id: ent for ent in entity_domain(self.env).data["declared"].get(self.env.docname, ())}
        for node in list(self.document.findall(entity_box)):
            ent = declared.get(node["entity"])
            if ent is None or not node["ids"]:
                continue
            entries = [("single", name, node["ids"][0], "", None) for name in entity_names(ent)]
            node.parent.insert(node.parent.index(node), addnodes.index(entries=entries))


def search_data(app: Sphinx) -> dict[str, Any]:
    env = app.env
    summaries = {doc: lead_summary(str(meta.get("summary", ""))) for doc, meta in sorted(env.metadata.items())
                 if str(meta.get("summary", "")).strip()}
    names: dict[str, list[str]] = {}
    labels: dict[str, str] = {}  # entity id -> label: a result names an entity, never by its id
    for doc, ents in sorted(entity_domain(env).data["declared"].items()):
        for ent in ents:
            names.setdefault(doc, []).extend(entity_names(ent))
            labels.setdefault(ent.id, ent.label)
    return {"summaries": summaries, "names": names, "labels": labels}


def write_search_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html" and not getattr(app.builder, "embedded", False):
        text = "window.ATLAS_SEARCH = " + safe_json(search_data(app)).strip() + ";\n"
        write_if_changed(Path(app.outdir) / "_static" / DATA_FILE, text)


def search_page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """On the search page only, and before searchtools.js (so its Scorer and splitQuery win)."""
    if pagename == "search":
        app.add_js_file(DATA_FILE, priority=200)
        app.add_js_file("atlas-search.js", priority=201)


def setup_search(app: Sphinx) -> None:
    app.add_search_language(AtlasEnglish)
    app.add_transform(EntitySearchTerms)
    app.connect("html-page-context", search_page_scripts)
    app.connect("build-finished", write_search_data)
