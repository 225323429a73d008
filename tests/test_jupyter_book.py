"""Proof of the switch: public Jupyter Book 1 / sphinxcontrib-bibtex books, reduced to their
citation markup (tests/roots/test-jb-*/SOURCE.txt says where each comes from), build
with the atlas in place of sphinxcontrib.bibtex — conf.py unchanged but for that one
line — with 0 warnings and the same cited keys in the reference lists."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinxcontrib.atlas.citations.domain import ref_anchor

ROOTS = Path(__file__).parent / "roots"
BOOKS = ["jb-docs", "jb-latex", "jb-kooplearn"]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _titles(root: Path) -> dict[str, str]:
    """key -> normalised title, for every entry of the book's .bib files."""
    out = {}
    for bib in root.glob("*.bib"):
        for entry in bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries:
            out[entry.key] = _norm(entry.fields_dict["title"].value.replace("{", "").replace("}", ""))
    return out


def _build(tmp_path: Path, book: str, extension: str) -> tuple[Path, str]:
    src = tmp_path / f"{book}-{extension}"
    shutil.copytree(ROOTS / f"test-{book}", src)
    app = SphinxTestApp("html", srcdir=src, confoverrides={"extensions": ["myst_parser", extension]},
                        warningiserror=False)
    try:
        app.build()
        return Path(app.outdir), app.warning.getvalue()
    finally:
        app.cleanup()


def _cited_in_source(root: Path) -> set[str]:
    keys: set[str] = set()
    for page in root.rglob("*.md"):
        for content in re.findall(r"\{(?:foot)?cite(?::\w+)?\}`([^`]*)`", page.read_text()):
            keys.update(k.strip() for k in content.split(","))
    return keys


@pytest.mark.parametrize("book", BOOKS)
def test_a_jupyter_book_builds_unchanged_with_the_atlas(tmp_path, book):
    root = ROOTS / f"test-{book}"
    cited = _cited_in_source(root)
    titles = _titles(root)
    assert cited and cited <= set(titles)

    theirs, their_warnings = _build(tmp_path, book, "sphinxcontrib.bibtex")
    ours, our_warnings = _build(tmp_path, book, "sphinxcontrib.atlas")
    assert our_warnings == ""
    assert their_warnings == ""  # the fixture is a sound sphinxcontrib-bibtex book

    anchors = {ref_anchor(key): key for key in titles}
    listed_ours: set[str] = set()
    listed_theirs: set[str] = set()
    for page in ours.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        listed_ours |= {anchors[li["id"]] for li in soup.select("li.atlas-ref")}
        # every in-text citation links to an entry of the same page's list
        ids = {li["id"] for li in soup.select("li.atlas-ref")}
        for link in soup.select("a.atlas-cite"):
            assert link["href"].lstrip("#") in ids, (page.name, link)
        assert not soup.select(".atlas-cite-unknown")
    for page in theirs.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for entry in soup.select("div.citation, aside.footnote"):
            text = _norm(entry.get_text(""))
            listed_theirs |= {key for key, title in titles.items() if title and title in text}
    assert listed_ours == listed_theirs == cited
