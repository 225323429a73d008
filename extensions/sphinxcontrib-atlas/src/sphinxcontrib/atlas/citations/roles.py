"""The citation roles and the ``bibliography`` directives (read time).

Every role of the family in :mod:`.forms` (``{cite:p}``, ``{cite:t}``, ``{cite:ps}``,
``{cite:year}``, ``{footcite:p}`` …) leaves a :class:`cite_ref` placeholder carrying its
targets (:mod:`.targets`); ``bibliography`` and ``footbibliography`` leave a
:class:`bibliography_list` and record their options (:class:`~.domain.BibliographyRecord`).
Once the page is parsed, :func:`collect_citations` records what it cites (applying a
list's ``:keyprefix:``) and gives pages that cite and have no list a "References"
section.  :mod:`.render` fills the placeholders in once every page is read.
"""

from __future__ import annotations

import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..lines import role_line
from ..problems import AtlasWarning, warn
from ..settings import settings
from .domain import BibliographyRecord, check_keys, cite_domain, cited_keys, get_store, note_citations
from .filters import FilterError, compile_filter
from .forms import form_of
from .targets import KEY_RE, parse_targets

__all__ = ["KEY_RE", "BibliographyDirective", "CiteRole", "FootBibliographyDirective", "bibliography_list",
           "cite_ref", "collect_citations"]

#: ``:style:`` values of sphinxcontrib-bibtex and the list order each means here
STYLE_ORDER = {"alpha": "author", "plain": "author", "unsrt": "citation", "unsrtalpha": "citation"}
LIST_TYPES = ("bullet", "enumerated", "citation")
ENUM_TYPES = ("arabic", "loweralpha", "upperalpha", "lowerroman", "upperroman")


# -- nodes ---------------------------------------------------------------------------


class cite_ref(nodes.Inline, nodes.Element):
    """Placeholder for one citation role: ``keys``, ``notes`` [(pre, post)], ``role``, ``docname``."""


class bibliography_list(nodes.General, nodes.Element):
    """Placeholder for a reference list; attribute ``all`` (bool) and ``docname``."""


# -- roles ---------------------------------------------------------------------------


class CiteRole(SphinxRole):
    """Every citation role: what it shows comes from its name (:func:`.forms.form_of`)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        docname, lineno = self.env.docname, role_line(self.lineno, self.inliner)
        targets, problem = parse_targets(self.text)
        if problem:
            warn(AtlasWarning.CITE_SYNTAX, f"{self.name} role: {problem}", location=(docname, lineno))
            if not targets:
                return [nodes.inline(self.rawtext, f"[{self.text}]", classes=["atlas-cite-unknown"])], []
        form = form_of(self.name)
        node = cite_ref(
            self.rawtext,
            keys=[t.key for t in targets],
            notes=[(t.pre, t.post) for t in targets],
            role=self.name,
            style="t" if form.textual else "p",
            docname=docname,
            line=lineno,
        )
        node["ids"].append(f"cite-{self.env.new_serialno('atlas-cite')}")
        self.set_source_info(node)
        return [node], []


# -- directives ----------------------------------------------------------------------


def _start(value: str | None) -> int:
    """``:start:``: a positive number, or ``continue`` (lists here start at 1)."""
    text = (value or "").strip()
    if text == "continue":
        return 1
    number = int(text)
    if number < 1:
        raise ValueError("must be a positive number or 'continue'")
    return number


class BibliographyDirective(SphinxDirective):
    """Place the page's reference list here; the options are sphinxcontrib-bibtex's.

    With no option the list holds what this page cites (or, on a page that cites
    nothing, what the whole site cites); ``:all:``, ``:cited:``, ``:notcited:`` and
    ``:filter:`` choose entries from the whole store; arguments name store files.
    """

    has_content = True
    optional_arguments = 50
    option_spec = {
        "all": directives.flag,
        "cited": directives.flag,
        "notcited": directives.flag,
        "filter": directives.unchanged_required,
        "list": lambda v: directives.choice(v, LIST_TYPES),
        "enumtype": lambda v: directives.choice(v, ENUM_TYPES),
        "start": _start,
        "style": directives.unchanged_required,
        "keyprefix": directives.unchanged_required,
        "labelprefix": directives.unchanged_required,
        "disable-curly-bracket-strip": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        bibs = cite_domain(self.env).data["bibliographies"]
        if self.env.docname in bibs:
            warn(
                AtlasWarning.BIBLIOGRAPHY,
                f"a page has one reference list; this one repeats line {bibs[self.env.docname].lineno}",
                location=self.get_location(),
            )
            return []
        record = self._record()
        bibs[self.env.docname] = record
        node = bibliography_list(all=record.scope == "all", docname=self.env.docname)
        self.set_source_info(node)
        return [node]

    def _record(self) -> BibliographyRecord:
        options = self.options
        scope = next((s for s in ("all", "notcited", "cited") if s in options), "page")
        expression = options.get("filter", "").strip()
        if expression:
            try:
                compile_filter(expression)
                scope = "filter"
            except FilterError as exc:
                self._problem(f":filter: {expression!r}: {exc}")
                expression = ""
        order = STYLE_ORDER.get((self.config.bibtex_default_style or "").lower(), "")
        if "style" in options:
            order = STYLE_ORDER.get(options["style"].strip().lower(), "")
            if not order:
                self._problem(f":style: {options['style']!r} is not one of {', '.join(STYLE_ORDER)}")
        return BibliographyRecord(
            all=scope == "all",
            lineno=self.lineno,
            scope=scope,
            filter=expression,
            keys=self._listed_keys(),
            files=self._files(),
            list_type="" if options.get("list", "citation") == "citation" else options["list"],
            enumtype=options.get("enumtype", "arabic"),
            start=options.get("start", 1),
            order=order,
            keyprefix=options.get("keyprefix", "").strip(),
            labelprefix=options.get("labelprefix", "").strip(),
        )

    def _listed_keys(self) -> tuple[str, ...]:
        keys: list[str] = []
        for offset, line in enumerate(self.content):
            key = line.strip()
            if not key:
                continue
            if KEY_RE.match(key):
                keys.append(key)
            else:
                warn(AtlasWarning.CITE_SYNTAX, f"bibliography: malformed key {key!r}",
                     location=(self.env.docname, self.content_offset + offset + 1))
        return tuple(keys)

    def _files(self) -> tuple[str, ...]:
        """The store files named as arguments (relative to the page, as sphinxcontrib-bibtex)."""
        if not self.arguments:
            return ()
        store = {os.path.normpath(os.path.abspath(p)) for p in get_store(self.env).files}
        here = os.path.dirname(self.env.doc2path(self.env.docname))
        found: list[str] = []
        for name in self.arguments:
            base = self.env.srcdir if name.startswith("/") else here
            path = os.path.normpath(os.path.join(base, name.lstrip("/")))
            if path in store:
                found.append(path)
            else:
                self._problem(f"{name!r} is not a file of the store (atlas_bibtex_files)")
        return tuple(found) or ("",)  # named files, none in the store: list nothing

    def _problem(self, message: str) -> None:
        warn(AtlasWarning.BIBLIOGRAPHY, f"{self.name}: {message}", location=self.get_location())


class FootBibliographyDirective(BibliographyDirective):
    """``footbibliography``: the page's own list (footnote citations are ordinary ones here)."""

    has_content = False
    optional_arguments = 0
    option_spec: dict = {}


# -- after a page is read ------------------------------------------------------------


def collect_citations(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read (before the TOC collector): record citations, append "References"."""
    env = app.env
    docname = env.docname
    record = cite_domain(env).data["bibliographies"].get(docname)
    prefix = record.keyprefix if record is not None else ""
    for node in doctree.findall(cite_ref):
        if prefix:
            node["keys"] = [k[len(prefix):] if k.startswith(prefix) and len(k) > len(prefix) else k
                            for k in node["keys"]]
        note_citations(env, docname, node["keys"], node.get("line"))
    if record is not None:
        check_keys(env, docname, record.keys, record.lineno)
        return
    config = settings(app.config)
    if not config.auto_bibliography or not cited_keys(env, docname):
        return
    section = nodes.section(ids=["atlas-references"], names=["atlas-references"], classes=["atlas-references"])
    section += nodes.title("", config.bibliography_title)
    section += bibliography_list(all=False, docname=docname)
    parent = next(iter(doctree.findall(nodes.section)), doctree)
    parent += section
