"""Every builder a reader takes the atlas away with gives a correct result.

One small site uses every feature (the build-order site: citations with a ``:all:`` list,
entities, an entity index, the matrix and a pathway).  It is built with html, dirhtml,
singlehtml, epub, latex and text: no warning under ``-n``; in the HTML outputs every
internal link resolves and ids are unique (in the single page across all pages); the
EPUB passes EPUBCheck when Debian's ``epubcheck`` and Java are installed (CI installs
them); the real site's EPUB is checked the same way.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import build_site
from test_build_order import make_site

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
#: what EPUB 3 requires of any site's conf.py (the atlas's own sets both)
EPUB_CONF = {"version": "1", "copyright": "2026, the test"}
REPO = Path(__file__).resolve().parent.parent


def _pages(out: Path, suffix: str) -> dict[Path, BeautifulSoup]:
    return {p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in out.rglob(f"*{suffix}")
            if "_static" not in p.parts and "_atlas" not in p.parts}


def _dangling(out: Path, pages: dict[Path, BeautifulSoup]) -> list[str]:
    """Internal links whose file or fragment does not exist."""
    ids = {p: {e["id"] for e in soup.find_all(id=True)} for p, soup in pages.items()}
    bad = []
    for page, soup in pages.items():
        for a in soup.find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:") or href == "#":
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                bad.append(f"{page.relative_to(out)}: {href} (no file)")
            elif parts.fragment and target in ids and unquote(parts.fragment) not in ids[target]:
                bad.append(f"{page.relative_to(out)}: {href} (no id)")
    return bad


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("builders") / "src")


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_html_outputs_resolve_every_internal_link(site, tmp_path, builder):
    result = build_site(site, tmp_path / "out", builder=builder,
                        confoverrides=EPUB_CONF if builder == "epub" else None)
    assert result.warnings == ""
    suffix = ".xhtml" if builder == "epub" else ".html"
    pages = _pages(result.outdir, suffix)
    assert pages
    assert _dangling(result.outdir, pages) == []
    assert not [a["href"] for s in pages.values() for a in s.find_all("a", href=True) if a["href"].count("#") > 1]
    for page, soup in pages.items():
        ids = Counter(e["id"] for e in soup.find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == [], page.name
    if builder == "singlehtml":  # every page's reference list is in the one document, each once
        soup = pages[result.outdir / "index.html"]
        assert len(soup.select("li.atlas-ref")) > 1


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_text_and_latex_build_warning_free_with_citations(site, tmp_path, builder):
    result = build_site(site, tmp_path / "out", builder=builder)
    assert result.warnings == ""
    out = "\n".join(p.read_text(encoding="utf-8") for p in result.outdir.rglob("*.tex" if builder == "latex" else "*.txt"))
    assert "Mei" in out and "2022" in out  # the citation and its reference list entry


def _build_the_real_site(builder: str, out: Path, doctrees: Path) -> None:
    """Build the atlas itself (-W -n) with ``builder`` into ``out``."""
    run = subprocess.run(
        [os.sys.executable, "-m", "sphinx", "--no-color", "-b", builder, "-c", str(REPO), "-q", "-n", "-W", "--keep-going",
         "-d", str(doctrees), str(REPO / "docs"), str(out)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]


def _epubcheck(epub: Path) -> str:
    run = subprocess.run(["java", "-jar", str(EPUBCHECK_JAR), str(epub)], capture_output=True, text=True, timeout=600)
    return run.stdout + run.stderr


needs_epubcheck = pytest.mark.skipif(
    not (EPUBCHECK_JAR.is_file() and shutil.which("java")) and not os.environ.get("ATLAS_REQUIRE_EPUBCHECK"),
    reason="EPUBCheck needs Debian's epubcheck package and Java (CI installs them)",
)


@needs_epubcheck
def test_small_site_epub_passes_epubcheck(site, tmp_path):
    result = build_site(site, tmp_path / "out", builder="epub", confoverrides=EPUB_CONF)
    assert result.warnings == ""
    epub = next(result.outdir.glob("*.epub"))
    report = _epubcheck(epub)
    assert "0 fatals / 0 errors" in report or "No errors or warnings detected" in report, report[-3000:]


@needs_epubcheck
def test_the_real_site_epub_passes_epubcheck(tmp_path):
    out = tmp_path / "epub"
    _build_the_real_site("epub", out, tmp_path / "doctrees")
    epub = out / "il6-heme-atlas.epub"
    with zipfile.ZipFile(epub) as book:  # nothing but the book's own files
        assert not [n for n in book.namelist() if n.endswith((".doctree", ".bib", ".ris", ".pickle"))]
    report = _epubcheck(epub)
    assert "0 fatals / 0 errors" in report or "No errors or warnings detected" in report, report[-3000:]


def test_the_real_site_as_one_page_has_unique_ids_and_no_dangling_link(tmp_path):
    out = tmp_path / "single"
    _build_the_real_site("singlehtml", out, tmp_path / "doctrees")
    pages = _pages(out, ".html")
    soup = pages[out / "index.html"]
    ids = Counter(e["id"] for e in soup.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    internal = [a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    assert len(internal) > 1000  # every page, with its citations, entity links and diagrams
    assert [h for h in internal if h.count("#") > 1] == []
    assert sorted({h for h in internal if h != "#" and h[1:] not in ids}) == []
    # each entity page's lead line and "Mentioned on" sit in that page's part, not the first page's
    mentions = soup.select("section.atlas-mentions")
    assert len(mentions) > 50
    for section in mentions:
        page = section.find_previous(id=lambda i: i and i.startswith("document-"))["id"].removeprefix("document-")
        assert section["id"] == f"{page.replace('/', '-')}--atlas-mentioned-on", section["id"]
    leads = soup.select("p.atlas-lead")
    pages_with_lead = [p.find_previous(id=lambda i: i and i.startswith("document-"))["id"] for p in leads]
    assert len(leads) > 50 and len(set(pages_with_lead)) == len(leads)  # one per page, each on its own
    # the data file's page addresses lead into the one page too
    urls = [u for u in _urls(json.loads((out / "atlas.json").read_text(encoding="utf-8")))
            if not u.startswith(("http://", "https://"))]
    assert len(urls) > 500
    assert sorted({u for u in urls if not u.startswith("index.html#") or u.split("#", 1)[1] not in ids}) == []


def _urls(data) -> list[str]:
    """Every "url" value in a JSON document."""
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == "url" and isinstance(v, str)] + \
            [u for v in data.values() for u in _urls(v)]
    if isinstance(data, list):
        return [u for v in data for u in _urls(v)]
    return []


def test_the_epub_shows_each_diagram_as_a_plain_picture_before_its_table(site, tmp_path):
    result = build_site(site, tmp_path / "out", builder="epub", confoverrides=EPUB_CONF)
    assert result.warnings == ""
    figures = []
    for page in result.outdir.rglob("*.xhtml"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for fig in soup.select("figure.atlas-pw-epub-figure"):
            img = fig.find("img")
            picture = (page.parent / img["src"]).resolve()
            assert picture.is_file() and picture.suffix == ".svg", img["src"]
            assert img["alt"].startswith("Diagram: ")
            assert fig.find_next_sibling("table")["class"][0] == "atlas-pw-table"  # the text alternative follows
            figures.append(picture)
    assert figures
    svg = figures[0].read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<style>" in svg  # styled on its own
    assert not re.search(r'\s(role|tabindex|aria-[a-z]+|data-[a-z-]+)="', svg)  # no interactive markup
    assert "<script" not in svg
