"""What changed on the site: dated ``change`` entries and the ``recent-changes`` list.

A reader's changelog page holds one ``change`` directive per change::

    ```{change} 2026-12-02
    :pages: therapies/tocilizumab, diseases/mds

    Tocilizumab's evidence in MDS is stated as human cells tested outside the body only.
    ```

Each entry shows its date, its text (Markdown) and links to the pages it changed (by
title, resolved like ``{doc}``, so a missing page is a located warning).  The home page
(or any page) shows the newest entries with ``recent-changes``: date, the entry's first
paragraph as plain text, the pages, and a link to the entry itself.

The entries are read per document (kept by the ``atlas-changes`` domain, purged and
merged like other per-page data) and gathered once per build into the
:class:`ChangesIndex` part of the site index; a page showing ``recent-changes`` is
rewritten whenever the entries it shows change, although it was not re-read.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..docdata import PerDocumentDomain
from ..entities.links import joined, link
from ..pagelinks import page_uri
from ..problems import AtlasWarning, warn
from ..siteindex import builder_of, index_part
from .pagemeta import long_date

DEFAULT_LIMIT = 5


class Change(NamedTuple):
    """One dated entry as read (the pages are docnames, as written)."""

    day: date
    text: str  # the entry's first paragraph, plain text
    pages: tuple[str, ...]
    docname: str
    anchor: str
    lineno: int


class ChangesDomain(PerDocumentDomain):
    """Per-document change entries and recent-changes lists."""

    name = "atlas-changes"
    label = "Atlas changes"
    data_version = 1
    initial_data: dict[str, Any] = {
        "changes": {},  # docname -> tuple[Change, ...] in page order
        "lists": {},  # docname -> how many entries its recent-changes list shows
    }
    per_document = ("changes", "lists")


@dataclass(frozen=True)
class ChangesIndex:
    """Every entry of the site, newest first, and which pages list how many."""

    entries: tuple[Change, ...] = ()
    lists: tuple[tuple[str, int], ...] = ()

    @classmethod
    def empty(cls) -> ChangesIndex:
        return cls()

    def newest(self, limit: int) -> tuple[Change, ...]:
        return self.entries[:limit]

    def views(self) -> Mapping[str, Hashable]:
        return {doc: self.newest(limit) for doc, limit in self.lists}


def build_changes_index(env: BuildEnvironment) -> ChangesIndex:
    data = env.domaindata[ChangesDomain.name]
    entries = [c for doc in sorted(data["changes"]) for c in data["changes"][doc]]
    entries.sort(key=lambda c: (-c.day.toordinal(), c.docname, c.lineno))
    return ChangesIndex(tuple(entries), tuple(sorted(data["lists"].items())))


def page_names(value: str) -> tuple[str, ...]:
    """The docnames of a ``:pages:`` option (comma- or space-separated, ``/`` optional)."""
    return tuple(name for p in value.replace(",", " ").split() if (name := p.strip("/")))


def _doc_link(target: str, source: tuple[str | None, int | None]) -> addnodes.pending_xref:
    """A link to a page by its title, resolved (and checked, at ``source``) by Sphinx like ``{doc}``."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + target, refexplicit=False,
                                refwarn=True)
    ref.source, ref.line = source
    ref += nodes.inline("", target, classes=["xref", "std", "std-doc"])
    return ref


def _pages_line(links: list[nodes.Node]) -> nodes.inline:
    line = nodes.inline(classes=["atlas-change-pages"])
    line += nodes.Text("Pages: " if len(links) > 1 else "Page: ")
    line.extend(joined(links))
    return line


class ChangeDirective(SphinxDirective):
    """``change``: one dated entry of the changelog (argument YYYY-MM-DD, ``:pages:``)."""

    required_arguments = 1
    final_argument_whitespace = True  # a date written with spaces is read whole, then refused
    has_content = True
    option_spec = {"pages": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        raw = self.arguments[0].strip()
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            warn(AtlasWarning.PAGE_CHANGE, f"change date {raw!r} is not a YYYY-MM-DD date", location=self.get_location())
            return []
        if not self.content:
            warn(AtlasWarning.PAGE_CHANGE, f"the change of {raw} says nothing: write what changed", location=self.get_location())
            return []
        pages = page_names(self.options.get("pages", ""))
        section = nodes.container(classes=["atlas-change"])
        data = self.env.domaindata[ChangesDomain.name]["changes"]
        same_day = sum(1 for c in data.get(self.env.docname, ()) if c.day == day)
        section["ids"].append(f"change-{day.isoformat()}" + (f"-{same_day + 1}" if same_day else ""))
        # a heading, so a screen reader can move from entry to entry
        section += nodes.rubric("", long_date(day), classes=["atlas-change-date"], **{"heading-level": 2})
        body = nodes.container(classes=["atlas-change-body"])
        self.state.nested_parse(self.content, self.content_offset, body)
        section += body.children
        if pages:
            source = self.get_source_info()
            section += nodes.paragraph("", "", _pages_line([_doc_link(page, source) for page in pages]))
        # the text is taken once the page is transformed (:func:`entries_as_read`)
        record = Change(day, "", pages, self.env.docname, section["ids"][0], self.lineno)
        data[self.env.docname] = (*data.get(self.env.docname, ()), record)
        return [section]


def _lead_text(entry: nodes.Element) -> str:
    """An entry's first paragraph as plain text (what the recent-changes list shows)."""
    body = [c for c in entry.children if "atlas-change-date" not in c.get("classes", ())]
    first = next((n for c in body for n in c.findall(nodes.paragraph)), None)
    text = first.astext() if first is not None else " ".join(c.astext() for c in body)
    return " ".join(text.split())


def entries_as_read(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: take each entry's text again once the page is transformed, so the
    list elsewhere shows it as the page does (typographic quotes and dashes)."""
    data = app.env.domaindata[ChangesDomain.name]["changes"]
    records = data.get(app.env.docname)
    if not records:
        return
    texts = {n["ids"][0]: _lead_text(n) for n in doctree.findall(nodes.container)
             if "atlas-change" in n.get("classes", ()) and n["ids"]}
    data[app.env.docname] = tuple(r._replace(text=texts.get(r.anchor, r.text)) for r in records)


class recent_changes(nodes.General, nodes.Element):
    """Placeholder for the newest entries, filled once every page is read."""


class RecentChangesDirective(SphinxDirective):
    """``recent-changes``: the newest entries of the site (``:limit:``, default 5)."""

    option_spec = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        limit = self.options.get("limit", DEFAULT_LIMIT)
        self.env.domaindata[ChangesDomain.name]["lists"][self.env.docname] = limit
        return [recent_changes("", limit=limit)]


class FillRecentChanges(SphinxPostTransform):
    """Replace each placeholder by a list of the newest entries (before references are
    resolved, so the page links are checked like any ``{doc}``)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        found = list(self.document.findall(recent_changes))
        if not found:
            return
        index = index_part(self.env, ChangesIndex)
        builder = builder_of(self.env)
        here = self.env.docname
        for node in found:
            entries = index.newest(node["limit"])
            if not entries:
                node.replace_self(nodes.paragraph("", "No changes recorded yet."))
                continue
            items = nodes.bullet_list(classes=["atlas-recent-changes"])
            for change in entries:
                item = nodes.list_item()
                para = nodes.paragraph()
                to_entry = nodes.reference("", "", internal=True,
                                           refuri=page_uri(builder, here, change.docname, change.anchor))
                to_entry += nodes.strong("", long_date(change.day))
                para += to_entry
                para += nodes.Text(": " + change.text)
                item += para
                # the changelog itself warns about a page that does not exist: leave it out here
                links = [link(builder, here, page, None, self.env.titles[page].astext())
                         for page in change.pages if page in self.env.titles]
                if links:
                    item += nodes.paragraph("", "", _pages_line(links))
                items += item
            node.replace_self(items)


def _visit_skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_changes(app: Sphinx) -> None:
    app.add_domain(ChangesDomain)
    app.add_node(recent_changes, **{fmt: (_visit_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")})
    app.add_directive("change", ChangeDirective)
    app.connect("doctree-read", entries_as_read)
    app.add_directive("recent-changes", RecentChangesDirective)
    app.add_post_transform(FillRecentChanges)
