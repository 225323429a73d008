"""Algorithmic growth, checked by counting operations rather than timing them.

benchmarks/ measures wall-clock time on a generated corpus; these tests pin the shape of
the work instead, so a quadratic slip fails here on any machine: the store decodes LaTeX
at most once per field, the citing index is computed once per page that shows it (never
once per entry), exports look each reference up once, and pathway resolution grows with
the number of diagrams, not with the number of entity pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sphinxcontrib.atlas.citations.latex
import sphinxcontrib.atlas.citations.store
import sphinxcontrib.atlas.indexing
import sphinxcontrib.atlas.pathways.index
from conftest import build_site
from sitegen import write_site
from sphinxcontrib.atlas.citations.store import build_store


class Counter:
    """Wrap ``fn``, counting its calls."""

    def __init__(self, fn) -> None:
        self.fn, self.calls = fn, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)


def bib_entries(n: int, start: int = 0) -> str:
    """``n`` distinct entries whose title and author need the slow LaTeX decoder."""
    out = []
    for i in range(start, start + n):
        out.append(
            f"@article{{gen{i},\n  author = {{M{{\\\"u}}ller{i}, J{{\\'e}}r{i} and Other{i}, Ann}},\n"
            f"  title = {{{{\\\"U}}ber {{IL-6}} number {i} -- \\emph{{in vitro}}}},\n"
            f"  journal = {{J Haem {i}}},\n  year = {{{2000 + i % 20}}},\n  pmid = {{{1000 + i}}},\n"
            f"  evidence = {{review}},\n  diseases = {{MDS}},\n}}\n"
        )
    return "\n".join(out)


# -- the store -------------------------------------------------------------------------------


DECODE_SLOW = sphinxcontrib.atlas.citations.latex._decode_slow  # the memoised original


def _decoder_calls(tmp_path: Path, n: int, monkeypatch) -> int:
    DECODE_SLOW.cache_clear()
    counter = Counter(DECODE_SLOW)
    monkeypatch.setattr(sphinxcontrib.atlas.citations.latex, "_decode_slow", counter)
    path = tmp_path / f"n{n}.bib"
    path.write_text(bib_entries(n), encoding="utf-8")
    store = build_store([str(path)])
    assert len(store) == n and not store.problems
    return counter.calls


def test_store_decodes_latex_linearly(tmp_path, monkeypatch):
    small = _decoder_calls(tmp_path, 50, monkeypatch)
    large = _decoder_calls(tmp_path, 200, monkeypatch)
    assert small > 0
    assert large <= 4 * small  # linear: at most a constant number of decodes per entry
    assert small <= 50 * 6  # title + the parts of two authors' names, at most


def test_an_unchanged_store_is_not_parsed_again(tmp_path, monkeypatch):
    path = tmp_path / "a.bib"
    path.write_text(bib_entries(30), encoding="utf-8")
    first = build_store([str(path)])
    counter = Counter(DECODE_SLOW)
    monkeypatch.setattr(sphinxcontrib.atlas.citations.latex, "_decode_slow", counter)
    parses = Counter(sphinxcontrib.atlas.citations.store.parse_file)
    monkeypatch.setattr(sphinxcontrib.atlas.citations.store, "parse_file", parses)
    again = build_store([str(path)], previous=first)
    assert parses.calls == 0 and again.refs == first.refs


# -- whole builds ----------------------------------------------------------------------------


def site_files(n_refs: int, n_entities: int, n_pathways: int) -> dict[str, str]:
    ents = [f"E{i}" for i in range(n_entities)]
    files = {
        "index.md": "# Home\n\n```{toctree}\n:glob:\n\n*\n```\n\n"
        + " ".join(f"{{cite:p}}`gen{i}`" for i in range(n_refs)) + "\n",
        "references.md": "# References\n\n```{bibliography}\n:all:\n```\n",
        "citations/gen.bib": bib_entries(n_refs),
    }
    for i, eid in enumerate(ents):
        files[f"e{i}.md"] = f"# Entity {i}\n\n```{{entity}} {eid}\n:kind: molecule\n```\n\nCites {{cite:p}}`gen{i % n_refs}`.\n"
    body = []
    for p in range(n_pathways):
        a, b, c = ents[p % n_entities], ents[(p + 1) % n_entities], ents[(p + 2) % n_entities]
        body.append(f"```{{pathway}} Pathway {p}\n:name: pw-{p}\n\n{a} -> {b} : x [gen0]\n{b} -| {c} : y [gen1]\n```\n")
    files["pathways.md"] = "# Pathways\n\n" + "\n".join(body)
    return files


def counted_build(tmp_path: Path, name: str, monkeypatch, **sizes) -> dict[str, Counter]:
    indexing, pathways = sphinxcontrib.atlas.indexing, sphinxcontrib.atlas.pathways.index
    counters = {
        "site_index": Counter(indexing.build_site_index),
        "citation_index": Counter(indexing.build_citation_index),
        "resolve": Counter(pathways.resolve),
        "entity_pathways": Counter(indexing.entity_pathways),
    }
    # each is imported by name into the module that calls it
    monkeypatch.setattr(indexing, "build_site_index", counters["site_index"])
    monkeypatch.setattr(indexing, "build_citation_index", counters["citation_index"])
    monkeypatch.setattr(indexing, "entity_pathways", counters["entity_pathways"])
    monkeypatch.setattr(pathways, "resolve", counters["resolve"])
    src = write_site(tmp_path / name / "src", site_files(**sizes))
    result = build_site(src, tmp_path / name / "out")
    assert result.warnings == "", result.warnings
    monkeypatch.undo()
    return counters


@pytest.fixture
def builds(tmp_path, monkeypatch):
    small = counted_build(tmp_path, "small", monkeypatch, n_refs=10, n_entities=5, n_pathways=2)
    large = counted_build(tmp_path, "large", monkeypatch, n_refs=40, n_entities=20, n_pathways=8)
    return small, large


def test_cross_page_data_is_computed_once_per_build(builds):
    for counters in builds:
        assert counters["site_index"].calls == 1
        assert counters["citation_index"].calls == 1  # not once per entry, nor per page
        assert counters["entity_pathways"].calls == 1  # not once per entity box


def test_each_diagram_is_resolved_once_per_build(builds):
    small, large = builds
    assert small["resolve"].calls == 2 and large["resolve"].calls == 8


def test_counters_see_the_real_work(builds):
    small, large = builds
    assert all(c.calls > 0 for c in small.values()) and all(c.calls > 0 for c in large.values())
