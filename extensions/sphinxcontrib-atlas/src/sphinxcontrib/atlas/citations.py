"""Citations: the ``cite`` domain, its roles, the ``bibliography`` directive and the
late rendering of in-text citations and reference lists.

Data flow (see DESIGN.md):

* ``builder-inited`` — the store is loaded (:mod:`.storecache`), its problems are
  reported, and the keys that changed since the last build are remembered.
* ``env-get-outdated`` — documents citing a changed key are re-read (only those).
* read — roles leave :class:`cite_ref` placeholders and record the keys each document
  cites in the domain data; documents that cite and have no ``bibliography`` get a
  "References" section with a :class:`bibliography_list` placeholder.
* ``env-updated`` — pages with ``:all:`` (the references page) are rewritten when any
  document was read or the store changed.
* post-transform — placeholders become ordinary docutils nodes (format-neutral), so
  HTML, LaTeX and text builders all work.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from . import storecache
from .config import EVIDENCE_TYPES, get_config
from .nodeutil import add_placeholder_nodes
from .reflist import entry_body
from .store import Store
from .warnings_ import AtlasWarning, warn

KEY_RE = re.compile(r"^[^\s,{}()\"'#%~\\]+$")


# -- nodes ---------------------------------------------------------------------------


class cite_ref(nodes.Inline, nodes.Element):
    """Placeholder for one citation role; attributes ``keys``, ``style`` (p|t)."""


class bibliography_list(nodes.General, nodes.Element):
    """Placeholder for a reference list; attribute ``all`` (bool)."""


# -- environment data ----------------------------------------------------------------


class BibliographyRecord(NamedTuple):
    all: bool
    lineno: int


def get_store(env: BuildEnvironment) -> Store:
    """The parsed store for this build (an empty store before ``builder-inited``)."""
    return storecache.current(env)


def _data(env: BuildEnvironment) -> dict[str, Any]:
    return env.domaindata["cite"]


def ref_anchor(key: str) -> str:
    """HTML id of ``key``'s entry in a page's own reference list."""
    anchor = nodes.make_id(f"ref-{key}") or "ref"
    if anchor != f"ref-{key}":
        # make_id lowercases and folds punctuation, so keys differing only there
        # ("Smith2020"/"smith2020", "a_b"/"a-b") shared one id and their citations linked
        # the wrong entry: a digest of the exact key keeps such anchors distinct.
        anchor += "-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return anchor


def note_citations(env: BuildEnvironment, docname: str, keys: Iterable[str], lineno: int | None) -> list[str]:
    """Record ``keys`` as cited by ``docname`` (read time); warn for unknown ones."""
    store = get_store(env)
    cited = _data(env)["citations"].setdefault(docname, [])
    known: list[str] = []
    for key in keys:
        if key not in cited:
            cited.append(key)
        if key in store:
            known.append(key)
        else:
            warn(AtlasWarning.CITE_UNKNOWN, f"unknown citation key {key!r}", location=(docname, lineno))
    return known


def cited_keys(env: BuildEnvironment, docname: str) -> tuple[str, ...]:
    return tuple(_data(env)["citations"].get(docname, ()))


def citing_docs(env: BuildEnvironment, key: str) -> list[str]:
    """Documents citing ``key`` (for many keys, use :func:`citing_index`)."""
    return sorted(doc for doc, keys in _data(env)["citations"].items() if key in keys)


def citing_index(env: BuildEnvironment) -> dict[str, list[str]]:
    """``key -> sorted citing documents`` for every cited key, in one pass."""
    index: dict[str, list[str]] = {}
    for doc in sorted(_data(env)["citations"]):
        for key in _data(env)["citations"][doc]:
            index.setdefault(key, []).append(doc)
    return index


def page_order(env: BuildEnvironment, docname: str) -> list[str]:
    """Known keys cited by the page, in order of first citation (numeric style)."""
    store = get_store(env)
    return [k for k in cited_keys(env, docname) if k in store]


def citation_label(env: BuildEnvironment, docname: str, key: str) -> str:
    """In-text label of ``key`` on ``docname``: "Mei et al., 2022" or "3"."""
    store = get_store(env)
    if key not in store:
        return f"?{key}"
    if get_config(env.config).citation_style == "numeric":
        order = page_order(env, docname)
        return str(order.index(key) + 1) if key in order else "?"
    return store.short_label(key)


class CiteDomain(Domain):
    """Per-document citation data (the store itself lives outside the environment)."""

    name = "cite"
    label = "Citations"
    initial_data: dict[str, Any] = {
        "citations": {},  # docname -> [key, ...] in first-citation order (unknown keys included)
        "bibliographies": {},  # docname -> BibliographyRecord
        "token": None,  # store token the documents were read against
    }

    def clear_doc(self, docname: str) -> None:
        self.data["citations"].pop(docname, None)
        self.data["bibliographies"].pop(docname, None)

    def merge_domaindata(self, docnames: Sequence[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["citations"]:
                self.data["citations"][docname] = otherdata["citations"][docname]
            if docname in otherdata["bibliographies"]:
                self.data["bibliographies"][docname] = otherdata["bibliographies"][docname]

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


# -- roles and directive -------------------------------------------------------------


class CiteRole(SphinxRole):
    """``{cite:p}``, ``{cite:t}`` and ``{cite}`` (= ``cite:p``)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        style = "t" if self.name.endswith(":t") else "p"
        location = self.get_location()
        raw = [part.strip() for part in self.text.split(",")]
        keys = [k for k in raw if k]
        bad = [k for k in keys if not KEY_RE.match(k)]
        if not keys or len(keys) != len(raw) or bad:
            what = f"malformed key {bad[0]!r}" if bad else "empty key" if keys else "no keys"
            warn(AtlasWarning.CITE_SYNTAX, f"{self.name} role: {what} in {self.text!r}", location=location)
            keys = [k for k in keys if KEY_RE.match(k)]
            if not keys:
                return [nodes.inline(self.rawtext, f"[{self.text}]", classes=["atlas-cite-unknown"])], []
        docname, lineno = self.env.docname, self.lineno
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
        bibs = _data(self.env)["bibliographies"]
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


def _append_auto_bibliography(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read (before the TOC collector): append "References" where needed."""
    env = app.env
    config = get_config(app.config)
    if not config.auto_bibliography or env.docname in _data(env)["bibliographies"]:
        return
    if not cited_keys(env, env.docname):
        return
    section = nodes.section(ids=["atlas-references"], names=["atlas-references"], classes=["atlas-references"])
    section += nodes.title("", config.bibliography_title)
    section += bibliography_list(all=False, docname=env.docname)
    parent = next(iter(doctree.findall(nodes.section)), doctree)
    parent += section


# -- rendering -----------------------------------------------------------------------


class CitationRenderer(SphinxPostTransform):
    """Turn placeholders into plain docutils nodes (runs before reference resolution)."""

    default_priority = 5

    @property
    def builder(self):
        # what Sphinx's own post-transforms use (SphinxTransform.app is deprecated)
        return self.env._app.builder

    def run(self, **kwargs: Any) -> None:
        cites = list(self.document.findall(cite_ref))
        lists = list(self.document.findall(bibliography_list))
        if not cites and not lists:
            return
        # Each placeholder carries its own document: the LaTeX and single-page builders
        # render one doctree assembled from many documents.
        store = get_store(self.env)
        numeric = get_config(self.config).citation_style == "numeric"
        backrefs: dict[tuple[str, str], list[str]] = {}
        self._citing: dict[str, list[str]] | None = None
        self._numbers: dict[str, dict[str, str]] = {}  # docname -> key -> number (numeric style)
        for node in cites:
            docname = node.get("docname", self.env.docname)
            for key in node["keys"]:
                backrefs.setdefault((docname, key), []).append(node["ids"][0])
            node.replace_self(self._render_cite(node, docname, store, numeric))
        for node in lists:
            docname = node.get("docname", self.env.docname)
            node.replace_self(self._render_list(node, docname, store, numeric, backrefs))

    # in-text ------------------------------------------------------------------------

    def _label(self, docname: str, key: str, store: Store, numeric: bool) -> str:
        """What :func:`citation_label` returns, with the page's numbering computed once."""
        if not numeric:
            return store.short_label(key)
        if docname not in self._numbers:
            self._numbers[docname] = {k: str(i) for i, k in enumerate(page_order(self.env, docname), start=1)}
        return self._numbers[docname].get(key, "?")

    def _render_cite(self, node: cite_ref, docname: str, store: Store, numeric: bool) -> nodes.Node:
        out = nodes.inline(classes=["atlas-citation"], ids=node["ids"])
        parts: list[nodes.Node] = []
        for key in node["keys"]:
            ref = store.get(key)
            if ref is None:
                parts.append(nodes.inline("", f"?{key}", classes=["atlas-cite-unknown"]))
                continue
            label = self._label(docname, key, store, numeric)
            if node["style"] == "t":
                names, year = store.author_year(key)
                text = f"{names} [{label}]" if numeric else f"{names} ({year})"
            else:
                text = label
            link = nodes.reference("", text, refid=ref_anchor(key), classes=["atlas-cite"])
            link["reftitle"] = f"{store.short_label(key)}: {ref.title}"
            parts.append(link)
        sep = ", " if numeric and node["style"] == "p" else "; "
        body: list[nodes.Node] = []
        for i, part in enumerate(parts):
            if i:
                body.append(nodes.Text(sep))
            body.append(part)
        if node["style"] == "p":
            open_, close = ("[", "]") if numeric else ("(", ")")
            out += nodes.Text(open_)
            out.extend(body)
            out += nodes.Text(close)
        else:
            out.extend(body)
        return out

    # lists --------------------------------------------------------------------------

    def _render_list(self, node, docname, store, numeric, backrefs) -> nodes.Node:
        show_all = node.get("all", False)
        if show_all:
            keys = [ref.key for ref in store]
        else:
            keys = page_order(self.env, docname)
            if not numeric:
                keys.sort(key=lambda k: (store.refs[k].sort_key, k))
        # A page's own list is left out of the search index (the references page, which lists
        # the whole store, is not): otherwise every author and title word of 30 references
        # would match every page citing them, and indexing them dominated big builds.
        extra = ["atlas-bibliography-all"] if show_all else ["no-search"]
        container = nodes.container(classes=["atlas-bibliography", *extra])
        if not keys:
            container += nodes.paragraph("", "No references cited on this page.")
            return container
        downloads = self._downloads(docname, show_all)
        if downloads is not None:
            container += downloads
        listnode = nodes.enumerated_list(enumtype="arabic") if numeric and not show_all else nodes.bullet_list()
        listnode["classes"].append("atlas-reflist")
        for key in keys:
            listnode += self._render_entry(key, store, backrefs.get((docname, key), []), show_all, docname)
        container += listnode
        return container

    def _render_entry(self, key, store, backrefs, show_all, docname) -> nodes.list_item:
        ref = store.refs[key]
        year_class = re.sub(r"\D", "", ref.year)[:4] or "nd"
        item = nodes.list_item(
            ids=[ref_anchor(key)],
            classes=["atlas-ref", f"atlas-year-{year_class}"] + [f"atlas-ev-{e}" for e in ref.evidence],
        )
        item.extend(entry_body(ref, self.builder.format))
        if backrefs:
            back = nodes.paragraph(classes=["atlas-backlinks"])
            back += nodes.Text("Cited here: ")
            for i, anchor in enumerate(backrefs, start=1):
                if i > 1:
                    back += nodes.Text(" ")
                link = nodes.reference("", f"↩{i}" if len(backrefs) > 1 else "↩", refid=anchor)
                link["reftitle"] = f"Back to citation {i}"
                back += link
            item += back
        if show_all:
            item += self._cited_on(key, docname)
        return item

    def _cited_on(self, key: str, docname: str) -> nodes.Node:
        para = nodes.paragraph(classes=["atlas-cited-on"])
        if self._citing is None:
            self._citing = citing_index(self.env)
        docs = [d for d in self._citing.get(key, ()) if d != docname and d in self.env.all_docs]
        if not docs:
            para += nodes.Text("Not cited on any page yet.")
            return para
        para += nodes.Text("Cited on: ")
        docs.sort(key=lambda d: (_title(self.env, d).lower(), d))
        for i, doc in enumerate(docs):
            if i:
                para += nodes.Text(", ")
            title = _title(self.env, doc)
            if self.builder.format == "html":
                uri = self.builder.get_relative_uri(docname, doc) + "#" + ref_anchor(key)
                para += nodes.reference("", title, refuri=uri, internal=True)
            else:
                para += nodes.emphasis("", title)
        return para

    def _downloads(self, docname: str, show_all: bool) -> nodes.Node | None:
        if self.builder.format != "html":
            return None
        from .export import STORE_DOWNLOADS, page_download_path

        base = self.builder.get_target_uri(docname)
        para = nodes.paragraph(classes=["atlas-downloads"])
        if show_all:
            para += nodes.Text("Download the whole store: ")
            targets = [(label, path) for label, path in STORE_DOWNLOADS]
        else:
            para += nodes.Text("Download these references: ")
            targets = [(label, page_download_path(docname, ext)) for label, ext in (("BibTeX", "bib"), ("RIS", "ris"))]
        for i, (label, path) in enumerate(targets):
            if i:
                para += nodes.Text(" · ")
            para += nodes.reference("", label, refuri=relative_uri(base, path), classes=["atlas-download"])
        return para


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


# -- incremental builds --------------------------------------------------------------


def _outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    keys = storecache.changed_keys(env)
    if not keys:
        return []
    citations = _data(env)["citations"]
    return sorted(doc for doc, cited in citations.items() if doc not in changed and keys.intersection(cited))


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    storecache.note_read(env, bool(docnames))
    if docnames:
        storecache.preload(env)
    _data(env)["token"] = storecache.token(env)


def _aggregators(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rewrite the ``:all:`` pages whenever citation data may have changed."""
    if not storecache.anything_changed(env):
        return []
    storecache.preload(env)  # pages will be written, maybe by forked workers
    return sorted(doc for doc, rec in _data(env)["bibliographies"].items() if rec.all)


def _remember_removed(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    storecache.note_read(env, True)


def setup_citations(app: Sphinx) -> None:
    add_placeholder_nodes(app, cite_ref, bibliography_list)
    app.add_domain(CiteDomain)
    app.add_role_to_domain("cite", "p", CiteRole())
    app.add_role_to_domain("cite", "t", CiteRole())
    app.add_role("cite", CiteRole())
    app.add_directive("bibliography", BibliographyDirective)
    app.add_post_transform(CitationRenderer)
    app.connect("builder-inited", storecache.load, priority=400)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-purge-doc", _remember_removed)
    app.connect("doctree-read", _append_auto_bibliography, priority=400)
    app.connect("env-updated", _aggregators)


__all__ = [
    "EVIDENCE_TYPES",
    "citation_label",
    "cited_keys",
    "citing_docs",
    "citing_index",
    "get_store",
    "note_citations",
    "ref_anchor",
]
