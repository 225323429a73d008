"""Incremental and parallel builds of the citation engine equal clean serial builds, and
each kind of change re-reads exactly the documents it affects."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SiteBuild as Builder

ROOTS = Path(__file__).parent / "roots"


def clean_build(src: Path, tmp: Path, name: str, parallel: int = 0) -> Builder:
    return Builder(src, tmp / name, parallel).build()


def same_html(a: Path, b: Path) -> list[str]:
    diffs = []
    for path in sorted(a.rglob("*.html")):
        other = b / path.relative_to(a)
        if not other.exists() or not filecmp.cmp(path, other, shallow=False):
            diffs.append(str(path.relative_to(a)))
    return diffs


@pytest.fixture
def site(tmp_path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-cite-basic", src)
    return src


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_noop_rebuild_reads_and_writes_nothing(site, tmp_path):
    b = Builder(site, tmp_path / "inc").build()
    assert b.read == ["index", "other", "references"]
    b.build()
    assert b.read == [] and b.written == [] and b.warnings == ""
    # no citation work at all: the cached store was not even unpickled
    assert b.env.domains["cite"].store_state.loaded is None


def test_store_problems_are_reported_on_every_build(site, tmp_path):
    with (site / "conf.py").open("a", encoding="utf-8") as fh:
        fh.write('atlas_identifier_policy = {"article": ["doi", "pmid"]}\n')
    with (site / "citations" / "refs.bib").open("a", encoding="utf-8") as fh:
        fh.write("\n@article{noid2024,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2024},\n}\n")
    b = Builder(site, tmp_path / "inc").build()
    assert "'noid2024': has neither doi nor pmid" in b.warnings
    b.build()  # a no-op build still reports the store's problems (from the small cache file)
    assert b.read == [] and "'noid2024': has neither doi nor pmid" in b.warnings


def test_editing_one_entry_rereads_only_citing_pages(site, tmp_path):
    b = Builder(site, tmp_path / "inc").build()
    edit(site / "citations" / "refs.bib", "Increased autocrine interleukin-6 production",
         "Raised autocrine interleukin-6 production")
    b.build()
    assert b.read == ["index"]  # the only page citing wang2019increased
    assert "references" in b.written  # the :all: page shows the new title too
    assert "Raised autocrine" in (b.html_dir / "references.html").read_text()
    assert same_html(b.html_dir, clean_build(site, tmp_path, "clean").html_dir) == []


def test_editing_an_entry_that_changes_labels_rereads_pages_citing_either(site, tmp_path):
    b = Builder(site, tmp_path / "inc").build()
    # retitling flips the a/b order of the two Stevens 2017 entries: both labels change
    edit(site / "citations" / "refs.bib", "A second paper by the same group", "Zeta: a second paper")
    b.build()
    assert b.read == ["index", "other"]
    assert same_html(b.html_dir, clean_build(site, tmp_path, "clean").html_dir) == []


def test_adding_a_missing_key_fixes_the_pages_that_cited_it(site, tmp_path):
    edit(site / "other.md", "See {cite:p}`stevens2017b`", "See {cite:p}`stevens2017b` and {cite:p}`new2023`")
    b = Builder(site, tmp_path / "inc").build()
    assert "unknown citation key 'new2023'" in b.warnings
    with (site / "citations" / "refs.bib").open("a", encoding="utf-8") as fh:
        fh.write("\n@article{new2023,\n  author = {New, Nora},\n  title = {Newly added},\n"
                 "  journal = {J},\n  year = {2023},\n  pmid = {99},\n}\n")
    b.build()
    assert b.read == ["other"] and b.warnings == ""
    text = BeautifulSoup((b.html_dir / "other.html").read_text(), "html.parser").get_text("")
    assert "(New, 2023)" in " ".join(text.split())
    assert same_html(b.html_dir, clean_build(site, tmp_path, "clean").html_dir) == []


def test_editing_one_page_rereads_it_and_rewrites_the_references_page(site, tmp_path):
    b = Builder(site, tmp_path / "inc").build()
    edit(site / "other.md", "and {cite:t}`mei2022bone`", "and nothing else")
    b.build()
    assert b.read == ["other"]
    assert "references" in b.written
    refs = (b.html_dir / "references.html").read_text()
    assert 'href="other.html#ref-mei2022bone"' not in refs
    assert same_html(b.html_dir, clean_build(site, tmp_path, "clean").html_dir) == []


def test_removing_a_page_updates_cited_on(site, tmp_path):
    b = Builder(site, tmp_path / "inc").build()
    (site / "other.md").unlink()
    edit(site / "index.md", "other\n", "")
    b.build()
    assert "Other page" not in (b.html_dir / "references.html").read_text()
    assert "Not cited on any page yet." in (b.html_dir / "references.html").read_text()


def test_deleting_the_store_cache_is_safe(site, tmp_path):
    b = Builder(site, tmp_path / "inc").build()
    edit(site / "citations" / "refs.bib", "Revisiting {IL-6} antagonism", "Revisiting {IL-6} blockade")
    (tmp_path / "inc" / "doctrees" / "atlas-store.pickle").unlink()
    b.build()
    # the environment no longer matches a known store: every citing page is re-read
    assert b.read == ["index", "other"]
    assert same_html(b.html_dir, clean_build(site, tmp_path, "clean").html_dir) == []


def test_parallel_build_equals_serial(site, tmp_path):
    serial = clean_build(site, tmp_path, "serial")
    parallel = clean_build(site, tmp_path, "parallel", parallel=2)
    assert parallel.warnings == ""
    assert same_html(serial.html_dir, parallel.html_dir) == []
    # and an incremental parallel build after an edit still matches
    edit(site / "index.md", "Again {cite:p}`mei2022bone`.", "Again {cite:t}`matthes2016revisiting`.")
    parallel.build()
    assert parallel.read == ["index"]
    assert same_html(clean_build(site, tmp_path, "serial2").html_dir, parallel.html_dir) == []
