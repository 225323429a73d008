"""The citation roles and the ``bibliography`` directive (read time).

``{cite:p}``, ``{cite:t}`` and ``{cite}`` leave :class:`cite_ref` placeholders and record
the keys each document cites (:func:`~.domain.note_citations`); documents that cite and
have no ``bibliography`` get a "References" section with a :class:`bibliography_list`
placeholder.  :mod:`.render` fills both in once every page is read.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..lines import role_line
from ..problems import AtlasWarning, warn
from ..settings import settings
from .domain import BibliographyRecord, cite_domain, cited_keys, note_citations

KEY_RE = re.compile(r"^[^\s,{}()\"'#%~\\]+$")


# -- nodes ---------------------------------------------------------------------------


class cite_ref(nodes.Inline, nodes.Element):
    """Placeholder for one citation role; attributes ``keys``, ``style`` (p|t)."""


class bibliography_list(nodes.General, nodes.Element):
    """Placeholder for a reference list; attribute ``all`` (bool)."""


# -- roles and directive -------------------------------------------------------------


class CiteRole(SphinxRole):
    """``{cite:p}``, ``{cite:t}`` and ``{cite}`` (= ``cite:p``)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        style = "t" if self.name.endswith(":t") else "p"
        docname, lineno = self.env.docname, role_line(self.lineno, self.inliner)
        location = (docname, lineno)
        raw = [part.strip() for part in self.text.split(",")]
        keys = [k for k in raw if k]
        bad = [k for k in keys if not KEY_RE.match(k)]
        if not keys or len(keys) != len(raw) or bad:
            what = f"malformed key {bad[0]!r}" if bad else "empty key" if keys else "no keys"
            warn(AtlasWarning.CITE_SYNTAX, f"{self.name} role: {what} in {self.text!r}", location=location)
            keys = [k for k in keys if KEY_RE.match(k)]
            if not keys:
                return [nodes.inline(self.rawtext, f"[{self.text}]", classes=["atlas-cite-unknown"])], []
        note_citations(self.env, docname, keys, lineno)
        node = cite_ref(self.rawtext, keys=keys, style=style, docname=docname)
        node["ids"].append(f"cite-{self.env.new_serialno('atlas-cite')}")
        self.set_source_info(node)
        return [node], []


class BibliographyDirective(SphinxDirective):
    """Place the page's reference list here (``:all:`` lists the whole store)."""

    has_content = False
    option_spec = {"all": directives.flag}

    def run(self) -> list[nodes.Node]:
        bibs = cite_domain(self.env).data["bibliographies"]
        if self.env.docname in bibs:
            warn(
                AtlasWarning.BIBLIOGRAPHY,
                f"a page has one reference list; this one repeats line {bibs[self.env.docname].lineno}",
                location=self.get_location(),
            )
            return []
        bibs[self.env.docname] = BibliographyRecord("all" in self.options, self.lineno)
        node = bibliography_list(all="all" in self.options, docname=self.env.docname)
        self.set_source_info(node)
        return [node]


def append_auto_bibliography(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read (before the TOC collector): append "References" where needed."""
    env = app.env
    config = settings(app.config)
    if not config.auto_bibliography or env.docname in cite_domain(env).data["bibliographies"]:
        return
    if not cited_keys(env, env.docname):
        return
    section = nodes.section(ids=["atlas-references"], names=["atlas-references"], classes=["atlas-references"])
    section += nodes.title("", config.bibliography_title)
    section += bibliography_list(all=False, docname=env.docname)
    parent = next(iter(doctree.findall(nodes.section)), doctree)
    parent += section


