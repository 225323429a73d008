"""One reference-list entry, defined once and rendered two ways.

:func:`entry_parts` describes an entry as plain parts (its text spans, identifier links
and evidence badges).  :func:`entry_nodes` turns the parts into docutils nodes (every
builder); :func:`entry_html` turns the same parts into an HTML string, memoised per
immutable record, which HTML builders insert as a raw node: a big site writes tens of
thousands of entries, and rendering them node by node dominated its build.  A test
renders both and checks they agree.  Every text is escaped; links come only from
validated identifiers (:mod:`.formatting`).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import NamedTuple

from docutils import nodes

from .formatting import format_reference
from .records import Reference


class Part(NamedTuple):
    """A span of text with a class, or a link (``url`` set)."""

    cls: str
    text: str
    url: str = ""


class EntryParts(NamedTuple):
    text: tuple[Part, ...]  # the citation itself, parts separated by one space
    badges: tuple[Part, ...]  # one per evidence type (empty: no badge line)


BADGES_LABEL = "Evidence: "


def strip_identifiers(styled: str, ref: Reference) -> str:
    """A CSL text without the identifiers it ends with: they follow as links, not twice."""
    endings = []
    if ref.doi:
        endings += [f"doi:{ref.doi}", f"https://doi.org/{ref.doi}", f"DOI: {ref.doi}", f"doi: {ref.doi}"]
    if ref.pmid:
        endings += [f"PubMed PMID: {ref.pmid}{end}" for end in (";", ".", "")] + [f"PMID: {ref.pmid}", f"PMID {ref.pmid}"]
    if ref.pmcid:
        endings += [f"PubMed Central PMCID: {ref.pmcid}{end}" for end in (";", ".", "")] + [f"PMCID: {ref.pmcid}"]
    if ref.url:
        endings += [f"Available from: {ref.url}", ref.url]
    changed = True
    while changed:
        changed = False
        for ending in endings:
            if styled.endswith(ending):
                styled, changed = styled[: -len(ending)].rstrip(), True
    return styled


def entry_parts(ref: Reference, styled: str = "") -> EntryParts:
    """The entry's parts; ``styled`` is its text in a CSL style (:mod:`.cslstyle`), if one is set."""
    fmt = format_reference(ref)
    badges = tuple(Part(f"atlas-badge atlas-badge-{ev}", ev) for ev in ref.evidence)
    if styled:
        styled = strip_identifiers(styled, ref)
        links = tuple(Part("atlas-ref-link", label, url) for label, url in fmt.links)
        return EntryParts((Part("atlas-ref-styled", styled), *links), badges)
    text = []
    if fmt.authors:
        text.append(Part("atlas-ref-authors", fmt.authors))
    text.append(Part("atlas-ref-title", fmt.title))
    if fmt.container:
        text.append(Part("atlas-ref-journal", fmt.container))
    text.append(Part("atlas-ref-details", fmt.details))
    text += [Part("atlas-ref-link", label, url) for label, url in fmt.links]
    return EntryParts(tuple(text), badges)


def _node(part: Part) -> nodes.Node:
    if part.url:
        return nodes.reference("", part.text, refuri=part.url, classes=part.cls.split())
    return nodes.inline("", part.text, classes=part.cls.split())


def entry_nodes(ref: Reference, styled: str = "") -> list[nodes.Node]:
    parts = entry_parts(ref, styled)
    para = nodes.paragraph(classes=["atlas-ref-text"])
    for i, part in enumerate(parts.text):
        if i:
            para += nodes.Text(" ")
        para += _node(part)
    out: list[nodes.Node] = [para]
    if parts.badges:
        badges = nodes.paragraph(classes=["atlas-badges"])
        badges += nodes.inline("", BADGES_LABEL, classes=["atlas-badges-label"])
        for i, part in enumerate(parts.badges):
            if i:
                badges += nodes.Text(" ")
            badges += _node(part)
        out.append(badges)
    return out


def _html(part: Part) -> str:
    if part.url:
        # the classes Sphinx's HTML translator gives an external reference node
        return f'<a class="{escape(part.cls)} reference external" href="{escape(part.url)}">{escape(part.text)}</a>'
    return f'<span class="{escape(part.cls)}">{escape(part.text)}</span>'


@lru_cache(maxsize=65536)
def entry_html(ref: Reference, styled: str = "") -> str:
    parts = entry_parts(ref, styled)
    html = f'<p class="atlas-ref-text">{" ".join(_html(p) for p in parts.text)}</p>\n'
    if parts.badges:
        badges = " ".join(_html(p) for p in parts.badges)
        html += f'<p class="atlas-badges"><span class="atlas-badges-label">{BADGES_LABEL}</span>{badges}</p>\n'
    return html


def entry_body(ref: Reference, builder_format: str, styled: str = "") -> list[nodes.Node]:
    """The entry's text and badges: cached raw HTML for HTML builders, nodes otherwise."""
    if builder_format == "html":
        return [nodes.raw("", entry_html(ref, styled), format="html")]
    return entry_nodes(ref, styled)
