"""Metadata that reference managers and search engines read, for every content page.

* ``citation_*`` meta tags (Google Scholar's and Zotero's convention): title, author,
  publication date (the last-reviewed date), the site as ``citation_publisher``, the
  page's address, and one ``citation_reference`` per reference the page cites. They are docutils ``meta`` nodes, which Sphinx's HTML writer
  turns into ``<meta>`` elements.
* schema.org ``MedicalWebPage`` JSON-LD (name, description, lastReviewed, audience, url,
  citation), added to the page as a JSON data block through Sphinx's own
  ``add_js_file`` (no executable inline script).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..citations.domain import cited_keys, get_store
from ..citations.records import Reference
from ..outputs import safe_json
from ..siteindex import builder_of
from .citepage import PageCitation, page_citation


def _reference_text(ref: Reference) -> str:
    """One cited reference in ``citation_reference`` form (key=value pairs)."""
    parts = [f"citation_title={ref.title}"]
    if ref.authors:
        parts.append(f"citation_author={ref.authors[0].last}")
    if ref.journal:
        parts.append(f"citation_journal_title={ref.journal}")
    if ref.year:
        parts.append(f"citation_publication_date={ref.year}")
    if ref.doi:
        parts.append(f"citation_doi={ref.doi}")
    if ref.pmid:
        parts.append(f"citation_pmid={ref.pmid}")
    return "; ".join(parts)


def cited_references(env: Any, docname: str) -> list[Reference]:
    store = get_store(env)
    return [store.refs[k] for k in cited_keys(env, docname) if k in store.refs]


def meta_tags(cite: PageCitation, refs: list[Reference]) -> list[tuple[str, str]]:
    tags = [("citation_title", cite.title), ("citation_author", cite.authors),
            ("citation_publication_date", cite.reviewed.strftime("%Y/%m/%d")),
            ("citation_publisher", cite.site), ("citation_language", "en")]
    if cite.url:
        tags.append(("citation_public_url", cite.url))
    tags += [("citation_reference", _reference_text(ref)) for ref in refs]
    return tags


def json_ld(cite: PageCitation, refs: list[Reference]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": cite.title,
        "description": cite.summary,
        "lastReviewed": cite.reviewed.isoformat(),
        "audience": {"@type": "MedicalAudience", "audienceType": "Clinician, researcher"},
        "isPartOf": {"@type": "WebSite", "name": cite.site},
        "author": {"@type": "Organization", "name": cite.authors},
        "citation": [_creative_work(ref) for ref in refs],
    }
    if cite.url:
        data["url"] = cite.url
    return data


def _creative_work(ref: Reference) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "ScholarlyArticle", "name": ref.title}
    if ref.year:
        work["datePublished"] = ref.year
    if ref.doi:
        work["sameAs"] = f"https://doi.org/{ref.doi}"
    elif ref.pmid:
        work["sameAs"] = f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"
    return work


class CitationMetaRenderer(SphinxPostTransform):
    """Insert the page's ``citation_*`` meta nodes (content pages, HTML builders)."""

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        cite = page_citation(self.env, builder_of(self.env), self.env.docname)
        if cite is None:
            return
        tags = meta_tags(cite, cited_references(self.env, self.env.docname))
        for i, (name, content) in enumerate(tags):
            self.document.insert(i, nodes.meta(name=name, content=content))


def add_json_ld(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if doctree is None:
        return
    cite = page_citation(app.env, app.builder, pagename)
    if cite is not None:
        app.add_js_file(None, body=safe_json(json_ld(cite, cited_references(app.env, pagename))).strip(),
                        type="application/ld+json")


def setup_citemeta(app: Sphinx) -> None:
    app.add_post_transform(CitationMetaRenderer)
    app.connect("html-page-context", add_json_ld)
