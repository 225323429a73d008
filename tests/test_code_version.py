"""An incremental build after the extension's code changed equals a clean build: every
page is re-read and rewritten, with its downloads (:mod:`sphinxcontrib.atlas.codeversion`)."""

from __future__ import annotations

from pathlib import Path

from conftest import SiteBuild
from sphinxcontrib.atlas import codeversion
from test_build_order import make_site


def test_the_digest_follows_the_code_files_only(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "b.js").write_text("var b;\n")
    first = codeversion.code_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "notes.txt").write_text("not code")
    assert codeversion.code_digest(tmp_path) == first
    (tmp_path / "static" / "b.js").write_text("var c;\n")
    assert codeversion.code_digest(tmp_path) != first
    assert len(codeversion.code_digest()) == 40  # the installed package


def test_changed_code_rereads_and_rewrites_every_page_and_download(tmp_path, monkeypatch):
    site = SiteBuild(make_site(tmp_path / "src"), tmp_path / "out").build()
    assert site.warnings == ""
    docs = sorted(site.read)
    download = site.html / "_atlas" / "pathways" / "il6-classic.svg"
    download.write_text("stale", encoding="utf-8")  # as an older version of the code wrote it
    site.build()
    assert site.read == [] and download.read_text(encoding="utf-8") == "stale"  # same code: nothing to do
    real = codeversion.code_digest()
    monkeypatch.setattr(codeversion, "code_digest", lambda root=Path(): real + "-changed")
    site.build()
    assert sorted(site.read) == docs and set(site.written) >= set(docs) - {"genindex", "search"}
    assert download.read_text(encoding="utf-8").startswith("<?xml")  # written again by this code
    site.build()
    assert site.read == []  # and the build after that is a no-op again
