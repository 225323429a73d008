"""``sitemap.xml``: every page's public address (from ``html_baseurl``), with its
last-reviewed date as ``lastmod`` where the page has one. Written at the end of an HTML
build, only when its bytes change; nothing is written without ``html_baseurl``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

from sphinx.application import Sphinx

from ..outputs import write_if_changed
from .citepage import page_url
from .notfound import notfound_page

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(app: Sphinx) -> str:
    env, config = app.env, app.config
    skip = {notfound_page(config)}
    root = ET.Element("urlset", xmlns=NS)
    for docname in sorted(env.found_docs - skip):
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = page_url(config, app.builder, docname)
        try:
            reviewed = date.fromisoformat(str(env.metadata.get(docname, {}).get("last-reviewed", "")).strip())
        except ValueError:
            continue
        ET.SubElement(url, "lastmod").text = reviewed.isoformat()
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not (app.config.html_baseurl or "").strip():
        return
    if getattr(app.builder, "embedded", False):
        return
    write_if_changed(Path(app.outdir) / "sitemap.xml", sitemap_xml(app))


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
