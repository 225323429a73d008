"""A content page made citable and correctable: the "Cite this page" box.

Every page with a ``last-reviewed`` date (a content page) ends with a box giving a
formatted citation of the page itself (authors, title, site, address, last-reviewed
date), the same as BibTeX and RIS to copy, and a "Suggest a correction" link to the
``atlas_correction_url`` form, pre-filled with the page's address. Every other page but
the not-found page (the indexes, the contributor pages) ends with the correction link
alone. Built per page while writing (a post-transform), from the front matter and
``html_baseurl``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple
from urllib.parse import quote

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..details import collapsible
from ..settings import settings
from ..siteindex import builder_of
from .notfound import notfound_page
from .pagemeta import long_date


class PageCitation(NamedTuple):
    """What a citation of one page needs (also the source of its meta tags and JSON-LD)."""

    title: str
    site: str
    authors: str
    url: str
    reviewed: date
    summary: str
    docname: str

    @property
    def key(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.docname.casefold()).strip("-")
        return f"atlas-{slug}-{self.reviewed.year}"


def page_url(config: Any, builder: Any, docname: str) -> str:
    """The page's public address from ``html_baseurl`` ("" when it is not set)."""
    base = (config.html_baseurl or "").strip()
    if not base:
        return ""
    target = builder.get_target_uri(docname) if builder.format == "html" else f"{docname}.html"
    return base.rstrip("/") + "/" + target


def page_citation(env: Any, builder: Any, docname: str) -> PageCitation | None:
    meta = env.metadata.get(docname, {})
    try:
        reviewed = date.fromisoformat(str(meta.get("last-reviewed", "")).strip())
    except ValueError:
        return None  # no date, or a bad one (pagemeta warns): not a content page
    title = env.titles[docname].astext() if docname in env.titles else docname
    config = env.config
    return PageCitation(title, config.html_title or config.project, config.author, page_url(config, builder, docname),
                        reviewed, " ".join(str(meta.get("summary", "")).split()), docname)


def as_text(cite: PageCitation) -> str:
    where = f" Available at: {cite.url}." if cite.url else ""
    return f"{cite.authors}. {cite.title}. In: {cite.site}. Last reviewed {long_date(cite.reviewed)}.{where}"


def _bib_value(text: str) -> str:
    return text.replace("\\", "").replace("{", "").replace("}", "")


def as_bibtex(cite: PageCitation) -> str:
    fields = [("author", f"{{{_bib_value(cite.authors)}}}"), ("title", _bib_value(cite.title)),
              ("organization", _bib_value(cite.site)), ("year", str(cite.reviewed.year))]
    if cite.url:
        fields.append(("url", cite.url))
    fields.append(("note", f"Last reviewed {cite.reviewed.isoformat()}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{cite.key},\n{body}\n}}\n"


def as_ris(cite: PageCitation) -> str:
    lines = [("TY", "ELEC"), ("AU", cite.authors), ("TI", cite.title), ("T2", cite.site),
             ("PY", str(cite.reviewed.year)), ("DA", cite.reviewed.strftime("%Y/%m/%d"))]
    if cite.url:
        lines.append(("UR", cite.url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}".rstrip() + "\n" for tag, value in lines)


def cite_box(cite: PageCitation, correction_url: str) -> nodes.container:
    box = nodes.container(classes=["atlas-cite-page"], ids=["atlas-cite-this-page"])
    box += nodes.rubric("", "Cite this page", **{"heading-level": 2})
    box += nodes.paragraph("", as_text(cite), classes=["atlas-cite-text"])
    formats = [nodes.paragraph("", "BibTeX:"), nodes.literal_block("", as_bibtex(cite), language="bibtex"),
               nodes.paragraph("", "RIS:"), nodes.literal_block("", as_ris(cite), language="text")]
    box += collapsible("BibTeX and RIS of this page", formats, classes=("atlas-cite-formats",))
    if correction_url:
        box += correction_line(correction_url, cite.url or cite.docname)
    return box


def correction_line(correction_url: str, address: str) -> nodes.paragraph:
    """"Found an error? Suggest a correction": the form, pre-filled with ``address``."""
    para = nodes.paragraph(classes=["atlas-correction"])
    para += nodes.Text("Found an error? ")
    para += nodes.reference("", "Suggest a correction", refuri=correction_url.replace("{url}", quote(address, safe="")),
                            classes=["atlas-correction-link"])
    para += nodes.Text(" (opens the correction form with this page's address filled in).")
    return para


class CitePageRenderer(SphinxPostTransform):
    """Append the "Cite this page" box to a content page's first section; every other
    page (the indexes, the contributor pages) gets the correction link alone, except
    the not-found page, which has no address of its own."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        builder = builder_of(self.env)
        docname = self.env.docname
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        correction_url = settings(self.env.config).correction_url
        cite = page_citation(self.env, builder, docname)
        if cite is not None:
            top += cite_box(cite, correction_url)
        elif correction_url and docname != notfound_page(self.env.config):
            top += correction_line(correction_url, page_url(self.env.config, builder, docname) or docname)


def setup_citepage(app) -> None:
    app.add_post_transform(CitePageRenderer)
