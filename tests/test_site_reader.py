"""The real site as a reader sees it: names, never raw ids or slugs; entity pages that lead
with content. One build of the whole site, shared by the tests of this module."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import axe_violations
from test_site import ROOT, sphinx_build

pytestmark = pytest.mark.slow

#: diagrams (the SVG figures and their disease switches) are drawn by the pathways feature,
#: which is moving to short display labels (issue #10). Turn this on once it has landed to hold
#: diagram text to the same rule.
INCLUDE_DIAGRAMS = True
#: pages that show authoring syntax, where ids are meant to be read as code
CONTRIBUTOR_PAGES = {"about/contributing", "about/warnings", "extension", "performance", "data"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-reader")
    result = sphinx_build(ROOT / "docs", out / "html", "-j", "2", "-d", str(out / "doctrees"))
    assert result.returncode == 0, result.stderr[-5000:]
    return out / "html"


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {str(p.relative_to(site).with_suffix("")): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(site.rglob("*.html")) if "_static" not in p.parts and p.stem not in {"genindex", "search"}}


def raw_names(site: Path, soups: dict[str, BeautifulSoup]) -> set[str]:
    """Ids and slugs a reader should never see: entity ids that are none of the entity's
    names (nor in its page title) and are not plain upper-case symbols (CLL, IL6R), and
    hyphenated page slugs that are no entity's name."""
    titles = {doc: (s.find("h1").get_text() if s.find("h1") else "") for doc, s in soups.items()}
    raw, names = set(), []
    for ent in json.loads((site / "atlas.json").read_text(encoding="utf-8"))["entities"]:
        own = [ent["label"], *ent["aliases"], titles.get(ent["page"], "")]
        names += own
        if not re.fullmatch(r"[A-Z0-9]+", ent["id"]) and not any(ent["id"].casefold() in n.casefold() for n in own):
            raw.add(ent["id"])
    slugs = {doc.rsplit("/", 1)[-1] for doc in soups if "-" in doc.rsplit("/", 1)[-1]}
    return raw | {s for s in slugs if not any(s.casefold() in n.casefold() for n in names)}


def visible_text_problems(doc: str, soup: BeautifulSoup, raw: set[str]) -> list[str]:
    main = soup.select_one('[role="main"]')
    for hidden in main(["script", "style"]):
        hidden.decompose()
    for quoted in main.select(".atlas-ref-title"):  # publication titles are quoted as published
        quoted.decompose()
    for code in main.select(".atlas-entity-index code.atlas-entity-id"):  # the index gives authors the ids
        code.decompose()
    if doc in CONTRIBUTOR_PAGES:
        for code in main(["code", "pre"]):
            code.decompose()
    if not INCLUDE_DIAGRAMS:
        for figure in main.select(".atlas-pathway-block svg, .atlas-pathway-block select"):
            figure.decompose()
    found = []
    for string in main.find_all(string=True):
        text = str(string)
        for match in re.finditer(r"[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]", text):
            if match.group() not in raw:
                continue
            # an English compound modifier ("myeloma-cell growth") reads as prose, not as an id
            if re.match(r"\s[a-z]", text[match.end():]) and text.strip() != match.group():
                continue
            found.append(f"{doc}: {match.group()!r} in <{string.parent.name}> {text.strip()[:80]!r}")
    return found


def test_no_raw_id_or_slug_is_visible_anywhere(site):
    soups = pages(site)
    raw = raw_names(site, soups)
    assert {"nfkb-crosstalk", "mdia1-mir146a-dko", "CLL-cell", "MDS-AML", "sIL6R"} <= raw  # the rule bites
    problems = [p for doc, soup in soups.items() for p in visible_text_problems(doc, soup, raw)]
    assert problems == []


def test_the_check_finds_a_slug_shown_as_link_text(site):
    soup = BeautifulSoup('<div role="main"><p>See <a href="x.html">mdia1-mir146a-dko</a> and the '
                         'myeloma-cell growth data.</p><code class="atlas-entity-id">nfkb-crosstalk</code></div>',
                         "html.parser")
    found = visible_text_problems("diseases/x", soup, {"mdia1-mir146a-dko", "myeloma-cell", "nfkb-crosstalk"})
    assert len(found) == 2 and "'mdia1-mir146a-dko' in <a>" in found[0] and "'nfkb-crosstalk' in <code>" in found[1]


def test_entity_pages_lead_with_content(site):
    soup = BeautifulSoup((site / "molecules" / "il6r.html").read_text(encoding="utf-8"), "html.parser")
    top = soup.select_one('[role="main"] section')
    blocks = [el for el in top.children if getattr(el, "name", None) and not (el.name == "span" and not el.contents)]
    assert blocks[0].name == "h1"
    assert "atlas-last-reviewed" in blocks[1]["class"]
    assert "atlas-lead" in blocks[2]["class"] and blocks[2].get_text().startswith("The IL-6 receptor α chain")
    box = blocks[3]
    assert "atlas-entity-box" in box["class"] and box["id"] == "entity-IL6R" and not blocks[2].get("id")
    assert [dt.get_text() for dt in box.select("dt")] == ["Kind:", "Also known as:", "Compartment:", "Identifiers:",
                                                          "Appears in pathways:"]
    assert box.select_one("details > summary").get_text().endswith("more pathways")  # a short list
    # "Mentioned on" closes the content, before the reference list, grouped by kind
    sections = [s["id"] for s in top.find_all("section", recursive=False)]
    assert sections[-2:] == ["atlas-mentioned-on", "atlas-references"]
    groups = [h.get_text() for h in soup.select("#atlas-mentioned-on .atlas-mentions-group > .rubric")]
    kinds = [re.sub(r" \(\d+\)$", "", g) for g in groups]
    assert kinds[:3] == ["Diseases", "Mechanisms", "Molecules"] and len(kinds) == len(set(kinds))
    for group in soup.select("#atlas-mentioned-on .atlas-mentions-group"):
        shown = [a.get_text().casefold() for a in group.select("a.atlas-backlink")]
        assert shown == sorted(shown)


def content_pages(soups: dict[str, BeautifulSoup]) -> dict[str, BeautifulSoup]:
    """Pages with a last-reviewed date: the ones a reader cites."""
    return {doc: s for doc, s in soups.items() if s.select_one(".atlas-last-reviewed")}


def test_every_content_page_is_citable_and_correctable(site):
    soups = pages(site)
    content = content_pages(soups)
    assert len(content) > 60 and "diseases/mds" in content and "index" not in content
    # every other page but the not-found page still offers the correction form, alone
    for doc, soup in soups.items():
        if doc in content or doc == "404":
            continue
        assert not soup.select(".atlas-cite-page"), doc
        links = soup.select("a.atlas-correction-link")
        assert len(links) == 1 and "&page=https%3A%2F%2F" in links[0]["href"], doc
    assert "404" not in content and not soups["404"].select("a.atlas-correction-link")
    for doc, soup in content.items():
        url = f"https://il6-heme-atlas.readthedocs.io/en/latest/{doc}.html"
        assert len(soup.select(".atlas-cite-page")) == 1, doc
        links = soup.select("a.atlas-correction-link")
        assert len(links) == 1, doc
        assert links[0]["href"] == ("https://github.com/il6-heme-atlas/il6-heme-atlas/issues/new?template=correction.yml"
                                    "&page=" + __import__("urllib.parse").parse.quote(url, safe="")), doc
        title = soup.find("h1").get_text().rstrip("¶")
        text = soup.select_one(".atlas-cite-text").get_text()
        reviewed = soup.select_one(".atlas-last-reviewed .atlas-date").get_text()
        assert title in text and url in text and f"Last reviewed {reviewed}" in text, doc
        assert soup.select_one('link[rel="canonical"]')["href"] == url, doc
        meta = {}
        for tag in soup.select("meta[name^=citation_]"):
            meta.setdefault(tag["name"], []).append(tag["content"])
        assert meta["citation_title"] == [title] and meta["citation_public_url"] == [url], doc
        assert meta["citation_author"] and re.fullmatch(r"\d{4}/\d{2}/\d{2}", meta["citation_publication_date"][0])
        blocks = soup.select('script[type="application/ld+json"]')
        assert len(blocks) == 1, doc
        data = json.loads(blocks[0].string)
        assert data["@type"] == "MedicalWebPage" and data["name"] == title and data["url"] == url, doc
        assert data["description"] and data["audience"]["@type"] == "MedicalAudience", doc
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["lastReviewed"]), doc
        cited = soup.select(".atlas-references li.atlas-ref, #atlas-references li")
        assert len(data["citation"]) == len(meta.get("citation_reference", [])), doc
        if cited:
            assert data["citation"] and all(c["name"] for c in data["citation"]), doc
    assert not [doc for doc, s in soups.items() if doc not in content and s.select(".atlas-cite-page")]


def test_page_citation_downloads_parse():
    from datetime import date

    import bibtexparser
    from sphinxcontrib.atlas.site.citepage import PageCitation, as_bibtex, as_ris

    cite = PageCitation("IL-6 receptor α {CD126}", "IL-6 Heme Atlas", "IL-6 Heme Atlas contributors",
                        "https://example.org/molecules/il6r.html", date(2026, 12, 2), "Summary.", "molecules/il6r")
    library = bibtexparser.parse_string(as_bibtex(cite))
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.key == "atlas-molecules-il6r-2026" and entry["title"] == "IL-6 receptor α CD126"
    assert entry["url"] == cite.url and entry["year"] == "2026"
    ris = as_ris(cite).splitlines()
    assert ris[0] == "TY  - ELEC" and ris[-1] == "ER  -" and "UR  - https://example.org/molecules/il6r.html" in ris
    assert "DA  - 2026/12/02" in ris


def test_sitemap_lists_every_page_with_its_review_date(site):
    from xml.etree import ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {u.find("s:loc", ns).text: getattr(u.find("s:lastmod", ns), "text", None) for u in root.findall("s:url", ns)}
    base = "https://il6-heme-atlas.readthedocs.io/en/latest/"
    assert base + "index.html" in urls and base + "404.html" not in urls
    assert urls[base + "molecules/il6r.html"] == "2026-12-02"
    docs = {str(p.relative_to(site).with_suffix("")) for p in site.rglob("*.html")} - {"404", "genindex", "search"}
    assert {u[len(base):-5] for u in urls} == {d for d in docs if not d.startswith("_")}


# -- in the browser: every page type, both widths, both colour schemes ------------------------

#: the site is served under its published path (conf.py's html_baseurl), as a host serves it
PREFIX = "/en/latest/"
PAGE_TYPES = {
    "home": "index.html",
    "disease": "diseases/mds.html",
    "mechanism": "mechanisms/jak-stat3.html",
    "molecule": "molecules/il6r.html",
    "cell": "cells/cll-cells.html",
    "therapy": "therapies/tocilizumab.html",
    "references": "references.html",
    "matrix": "matrix.html",
    "entity index": "entities.html",
    "pathway index": "pathways.html",
    "section index": "diseases/index.html",
    "search": "search.html?q=STAT3",
    "not found": "diseases/no-such/page.html",
}
VIEWS = [(width, scheme) for width in (390, 1366) for scheme in ("light", "dark")]


@pytest.fixture(scope="module")
def hosted(site):
    """The built site served under PREFIX; a missing file gets 404.html with status 404."""
    import functools
    import http.server
    import threading

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            path = self.path.split("?", 1)[0]
            if not path.startswith(PREFIX):
                self.send_error(404)
                return None
            target = site / path[len(PREFIX):]
            if path.endswith("/"):
                target = target / "index.html"
            if target.is_file():
                self.path = "/" + str(target.relative_to(site))
                return super().send_head()
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return __import__("io").BytesIO(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


def open_page(browser, url: str, width: int, scheme: str):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_every_page_type_passes_axe_without_console_errors(browser, axe_script, hosted, width, scheme):
    exclude = [] if INCLUDE_DIAGRAMS else [".atlas-pathway-block svg"]
    report = {}
    for kind, path in PAGE_TYPES.items():
        context, page = open_page(browser, hosted + path, width, scheme)
        try:
            if kind == "search":
                page.wait_for_selector("#search-results li", timeout=15000)
            found = axe_violations(page, axe_script, exclude=exclude)
            # the not-found page's own 404 status is the one error its console may show
            errors = [e for e in page.errors if not (kind == "not found" and "404" in e and "status" in e)]
            if found or errors:
                report[kind] = {"axe": [(v["id"], v["impact"], v["nodes"][:3]) for v in found], "console": errors}
        finally:
            context.close()
    assert report == {}


@pytest.mark.browser
def test_not_found_page_is_styled_and_links_home_at_any_depth(browser, hosted):
    context, page = open_page(browser, hosted + "diseases/no-such/deeper/page.html", 1366, "light")
    try:
        assert page.title().startswith("Page not found")
        sheets = page.evaluate("() => [...document.styleSheets].filter((s) => s.cssRules.length).map((s) => s.href)")
        assert any(s and "/styles/furo.css" in s for s in sheets), sheets
        assert page.evaluate("() => getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "none"
        home = page.get_by_role("main").get_by_role("link", name="home page")
        home.click()
        page.wait_for_load_state("networkidle")
        assert page.url == hosted + "index.html" and page.title().startswith("IL-6 Heme Atlas")
    finally:
        context.close()


@pytest.mark.browser
def test_favicon_is_served(browser, hosted):
    context, page = open_page(browser, hosted + "diseases/mds.html", 390, "light")
    try:
        href = page.evaluate("() => document.querySelector('link[rel~=icon]').href")
        assert page.request.get(href).status == 200 and page.errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_matrix_is_an_evidence_map(browser, hosted, site):
    soup = BeautifulSoup((site / "matrix.html").read_text(encoding="utf-8"), "html.parser")
    cells = soup.select("table.atlas-matrix td.atlas-matrix-filled")
    summaries = [c.select_one("summary").get_text(" ", strip=True) for c in cells if c.select_one("summary")]
    assert summaries and all(re.fullmatch(r"\d+ refs? [A-Z][a-z -]+( ✕ negative)?", s) for s in summaries), summaries
    assert any("✕ negative" in s for s in summaries)  # the negative myeloma and MDS trials show
    context, page = open_page(browser, hosted + "matrix.html", 1366, "light")
    try:
        box = page.locator(".atlas-matrix-scroll")
        assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
        assert page.locator(".atlas-matrix-cue").is_visible()  # wider than its box: the cue says so
        # scrolled both ways, the header row and the disease column stay in view
        box.evaluate("(el) => { el.scrollLeft = 400; el.scrollTop = 300; }")
        top = box.bounding_box()
        head = page.locator("table.atlas-matrix thead th").nth(3).bounding_box()
        disease = page.locator("table.atlas-matrix tbody th").nth(6).bounding_box()
        assert abs(head["y"] - top["y"]) < 3 and abs(disease["x"] - top["x"]) < 3
        # a cell opens its evidence list
        cell = page.locator("td.atlas-matrix-filled details").first
        cell.locator("summary").click()
        assert cell.locator("p a").first.is_visible()
        # the filter dims every cell without the chosen evidence type
        page.select_option(".atlas-matrix-filter select", "clinical-trial")
        dimmed = page.locator("td.atlas-matrix-dim").count()
        trial = page.locator("td.atlas-has-clinical-trial").count()
        assert dimmed == len(cells) - trial and trial > 0
        assert page.locator(".atlas-matrix-status").inner_text().strip() == f"{trial} of {len(cells)} filled cells"
        # printed, the whole table fits the page: nothing clipped, no skip link over the text
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        widths = box.evaluate("(el) => [el.scrollWidth, el.clientWidth, el.querySelector('table').offsetWidth]")
        assert widths[0] <= widths[1] + 1 and widths[2] <= 794, widths
        assert page.locator(".skip-to-content").is_hidden() and page.locator(".atlas-matrix-filter").is_hidden()
        assert page.errors == []
    finally:
        context.close()


SEARCHES = {"CD126": "molecules/il6r", "sIL-6R": "molecules/soluble-il6r", "IL-6Rα": "molecules/il6r",
            "gp130": "molecules/gp130", "tocilizumab": "therapies/tocilizumab", "STAT3": "molecules/stat3"}


@pytest.mark.browser
def test_search_puts_the_right_page_first_within_a_megabyte(browser, hosted):
    from urllib.parse import quote

    report = {}
    for query, expected in SEARCHES.items():
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        fetched, errors = [], []
        page.on("response", lambda r, fetched=fetched: fetched.append(r))
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        try:
            page.goto(hosted + "search.html?q=" + quote(query))
            page.wait_for_selector("#search-results li", timeout=15000)
            page.wait_for_load_state("networkidle")
            first = page.locator("#search-results li a").first.get_attribute("href").split("#")[0]
            titles = page.locator("#search-results li > a").all_inner_texts()
            size = sum(len(r.body()) for r in fetched if r.ok)
            report[query] = (first, len(fetched), size)
            assert first == expected + ".html", (query, titles[:5])
            assert size <= 1_000_000 and errors == [], (query, size, errors)
            # results name pages and entities, never by a raw id; snippets are page summaries
            assert not [t for t in titles if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+|[A-Za-z0-9]+-(cell|dimer)", t)]
            snippet = page.locator("#search-results li > span").first.inner_text()
            assert snippet.startswith(" (") and len(snippet) < 400
        finally:
            context.close()
    print("search: query -> (first result, requests, bytes)", report)
    # a hyphenated name is one term: "sIL-6R" does not match every page that says "6R" and "sIL"
    assert report["sIL-6R"][1] <= report["STAT3"][1] + 5


#: the most a content page may weigh, gzipped, with its stylesheets and scripts
CONTENT_BUDGET = 60_000


@pytest.mark.browser
def test_page_weight_per_page_type(browser, hosted, site):
    import gzip

    weights = {}
    for kind, path in PAGE_TYPES.items():
        if kind in {"search", "not found"}:
            continue
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        urls = []
        page.on("response", lambda r, urls=urls: urls.append(r.url) if r.ok else None)
        try:
            page.goto(hosted + path)
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
        total = 0
        for url in urls:
            local = site / url.split(PREFIX, 1)[1].split("?")[0].split("#")[0]
            if local.suffix in {".html", ".css", ".js", ".svg", ".json"} and local.is_file():
                total += len(gzip.compress(local.read_bytes(), 9))
        weights[kind] = total
    print("page weight, gzipped HTML+CSS+JS (bytes):", weights)
    for kind in ("disease", "mechanism", "molecule", "cell", "therapy", "home"):
        assert weights[kind] <= CONTENT_BUDGET, (kind, weights[kind])


@pytest.mark.browser
def test_back_to_top_never_covers_a_diagrams_controls_on_a_phone(browser, hosted):
    """furo shows "Back to top" while the reader scrolls up; on a phone it used to sit
    under the header, over a diagram's zoom and full-screen buttons."""
    context, page = open_page(browser, hosted + "mechanisms/jak-stat3.html", 390, "light")
    try:
        top = page.evaluate("() => document.querySelector('.atlas-pw-controls:not([hidden])')"
                            ".getBoundingClientRect().top + scrollY")
        page.mouse.wheel(0, top + 300)
        page.wait_for_timeout(400)
        page.mouse.wheel(0, -300)  # scrolling up shows the button; the controls are now just under the header
        page.wait_for_timeout(600)
        found = page.evaluate("""() => {
          const button = document.querySelector('.back-to-top');
          const b = button.getBoundingClientRect();
          const controls = [...document.querySelectorAll('.atlas-pw-controls:not([hidden]) :is(button, select)')]
            .map((e) => e.getBoundingClientRect()).filter((r) => r.bottom > 0 && r.top < innerHeight);
          return {shown: getComputedStyle(button).display !== 'none', visible: controls.length,
                  covered: controls.filter((r) => r.left < b.right && r.right > b.left && r.top < b.bottom
                                                  && r.bottom > b.top).length};
        }""")
        assert found["shown"] and found["visible"] >= 2 and found["covered"] == 0, found
    finally:
        context.close()
