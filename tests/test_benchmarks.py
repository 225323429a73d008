"""The benchmark corpus is deterministic, and its atlas variant builds cleanly.

Fast (a few seconds): a 3-page, 20-entry corpus.  The harness itself (benchmarks/run.py)
is exercised by ``make bench``; this only guards what it stands on.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site

sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes(tmp_path):
    a = corpus.generate(tmp_path / "a", pages=5, entries=40, seed=7)
    b = corpus.generate(tmp_path / "b", pages=5, entries=40, seed=7)
    assert a == b
    da, db = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert da == db
    assert {"plain/conf.py", "bibtex/conf.py", "atlas/conf.py", "manifest.json"} <= set(da)
    c = corpus.generate(tmp_path / "c", pages=5, entries=40, seed=8)
    assert tree_digest(tmp_path / "c") != da and c["edit_key"]


def test_corpus_shape(tmp_path):
    m = corpus.generate(tmp_path, pages=4, entries=30, seed=3)
    page = (tmp_path / "atlas" / f"{m['edit_page']}.md").read_text(encoding="utf-8")
    assert page.count("{cite:") >= 25
    plain = (tmp_path / "plain" / f"{m['edit_page']}.md").read_text(encoding="utf-8")
    assert "{cite:" not in plain and "## References" in plain
    bib = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "atlas" / "citations").glob("*.bib"))
    assert bib.count("@") == 30 and "--" in bib and "{\\" in bib
    assert "bibliography" in (tmp_path / "bibtex" / f"{m['edit_page']}.md").read_text(encoding="utf-8")
    assert m["edit_key_citing"] and all((tmp_path / "atlas" / f"{d}.md").exists() for d in m["edit_key_citing"])


@pytest.mark.parametrize("pathways", [False, True], ids=["citations", "pathways"])
def test_atlas_variant_builds_without_warnings(tmp_path, pathways):
    corpus.generate(tmp_path / "corpus", pages=3, entries=20, seed=11, variants=("atlas",), pathways=pathways)
    result = build_site(tmp_path / "corpus" / "atlas", tmp_path / "out", confoverrides={"html_theme": "basic"})
    warnings = result.warnings
    assert warnings == ""
    html = (result.outdir / "sections" / "s01" / "page0001.html").read_text(encoding="utf-8")
    assert "atlas-citation" in html and "atlas-reflist" in html
