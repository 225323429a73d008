"""One reference-list entry, as docutils nodes (every builder) or as cached HTML.

A page's list repeats entries that other pages also show, and a big site writes tens of
thousands of them: for HTML builders the entry body is rendered to an HTML string once
per reference record (the record is immutable, so it is its own cache key) and inserted
as a raw node.  Both forms carry the same classes, which the CSS and JS rely on.  Every
text is escaped; links come only from validated identifiers (see :mod:`.formatting`).
"""

from __future__ import annotations

from html import escape

from docutils import nodes

from .formatting import format_reference
from .store import Reference

_HTML_CACHE: dict[Reference, str] = {}


def entry_nodes(ref: Reference) -> list[nodes.Node]:
    fmt = format_reference(ref)
    para = nodes.paragraph(classes=["atlas-ref-text"])
    if fmt.authors:
        para += nodes.inline("", fmt.authors, classes=["atlas-ref-authors"])
        para += nodes.Text(" ")
    para += nodes.inline("", fmt.title, classes=["atlas-ref-title"])
    if fmt.container:
        para += nodes.Text(" ")
        para += nodes.inline("", fmt.container, classes=["atlas-ref-journal"])
    para += nodes.Text(" ")
    para += nodes.inline("", fmt.details, classes=["atlas-ref-details"])
    for label, url in fmt.links:
        para += nodes.Text(" ")
        para += nodes.reference("", label, refuri=url, classes=["atlas-ref-link"])
    out: list[nodes.Node] = [para]
    if ref.evidence:
        badges = nodes.paragraph(classes=["atlas-badges"])
        badges += nodes.inline("", "Evidence: ", classes=["atlas-badges-label"])
        for i, ev in enumerate(ref.evidence):
            if i:
                badges += nodes.Text(" ")
            badges += nodes.inline("", ev, classes=["atlas-badge", f"atlas-badge-{ev}"])
        out.append(badges)
    return out


def _span(cls: str, text: str) -> str:
    return f'<span class="{cls}">{escape(text)}</span>'


def entry_html(ref: Reference) -> str:
    cached = _HTML_CACHE.get(ref)
    if cached is not None:
        return cached
    fmt = format_reference(ref)
    parts = []
    if fmt.authors:
        parts.append(_span("atlas-ref-authors", fmt.authors))
    parts.append(_span("atlas-ref-title", fmt.title))
    if fmt.container:
        parts.append(_span("atlas-ref-journal", fmt.container))
    parts.append(_span("atlas-ref-details", fmt.details))
    for label, url in fmt.links:
        parts.append(f'<a class="atlas-ref-link reference external" href="{escape(url)}">{escape(label)}</a>')
    html = f'<p class="atlas-ref-text">{" ".join(parts)}</p>\n'
    if ref.evidence:
        badges = " ".join(_span(f"atlas-badge atlas-badge-{escape(ev)}", ev) for ev in ref.evidence)
        html += f'<p class="atlas-badges"><span class="atlas-badges-label">Evidence: </span>{badges}</p>\n'
    _HTML_CACHE[ref] = html
    return html


def entry_body(ref: Reference, builder_format: str) -> list[nodes.Node]:
    """The entry's text and badges: cached raw HTML for HTML builders, nodes otherwise."""
    if builder_format == "html":
        return [nodes.raw("", entry_html(ref), format="html")]
    return entry_nodes(ref)
