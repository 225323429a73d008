"""Algorithmic growth, checked by counting operations rather than timing them.

benchmarks/ measures wall-clock time on a generated corpus; these tests pin the shape of
the work instead, so a quadratic slip fails here on any machine: the store decodes LaTeX
at most once per field, the citing index is computed once per page that shows it (never
once per entry), exports look each reference up once, and pathway resolution grows with
the number of diagrams, not with the number of entity pages.
"""

from __future__ import annotations

import collections
from pathlib import Path

import sphinxcontrib.atlas.citations
import sphinxcontrib.atlas.latex
import sphinxcontrib.atlas.pathways.data
import sphinxcontrib.atlas.pathways.directive
import sphinxcontrib.atlas.pathways.files
import sphinxcontrib.atlas.pathways.render
import sphinxcontrib.atlas.store
import pytest
from sphinxcontrib.atlas.store import build_store
from sitegen import run, write_site


class Counter:
    """Wrap ``fn``, counting calls (``calls``) and optionally its results' dict lookups."""

    def __init__(self, fn, count_gets: bool = False) -> None:
        self.fn, self.calls, self.gets, self.count_gets = fn, 0, 0, count_gets

    def __call__(self, *args, **kwargs):
        self.calls += 1
        result = self.fn(*args, **kwargs)
        if self.count_gets and isinstance(result, dict):
            counter = self

            class Counting(dict):
                def get(self, *a):
                    counter.gets += 1
                    return super().get(*a)

                def __getitem__(self, k):
                    counter.gets += 1
                    return super().__getitem__(k)

            return Counting(result)
        return result


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


DECODE_SLOW = sphinxcontrib.atlas.latex._decode_slow  # the memoised original


def _decoder_calls(tmp_path: Path, n: int, monkeypatch) -> int:
    DECODE_SLOW.cache_clear()
    counter = Counter(DECODE_SLOW)
    monkeypatch.setattr(sphinxcontrib.atlas.latex, "_decode_slow", counter)
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
    monkeypatch.setattr(sphinxcontrib.atlas.latex, "_decode_slow", counter)
    parses = Counter(sphinxcontrib.atlas.store.parse_file)
    monkeypatch.setattr(sphinxcontrib.atlas.store, "parse_file", parses)
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
    counters = {
        "citing_index": Counter(sphinxcontrib.atlas.citations.citing_index, count_gets=True),
        "citing_docs": Counter(sphinxcontrib.atlas.citations.citing_docs),
        "resolve": Counter(sphinxcontrib.atlas.pathways.data.resolve),
        "entity_pathways": Counter(sphinxcontrib.atlas.pathways.data.entity_pathways),
    }
    monkeypatch.setattr(sphinxcontrib.atlas.citations, "citing_index", counters["citing_index"])
    monkeypatch.setattr(sphinxcontrib.atlas.citations, "citing_docs", counters["citing_docs"])
    # resolve and entity_pathways are imported by name into the modules that call them
    for module in (sphinxcontrib.atlas.pathways.data, sphinxcontrib.atlas.pathways.directive, sphinxcontrib.atlas.pathways.render, sphinxcontrib.atlas.pathways.files):
        for fn in ("resolve", "entity_pathways"):
            if hasattr(module, fn):
                monkeypatch.setattr(module, fn, counters[fn])
    src = write_site(tmp_path / name / "src", site_files(**sizes))
    result = run(src, tmp_path / name / "out")
    assert result.warnings == "", result.warnings
    monkeypatch.undo()
    return counters


@pytest.fixture
def builds(tmp_path, monkeypatch):
    small = counted_build(tmp_path, "small", monkeypatch, n_refs=10, n_entities=5, n_pathways=2)
    large = counted_build(tmp_path, "large", monkeypatch, n_refs=40, n_entities=20, n_pathways=8)
    return small, large


def test_citing_index_is_computed_once_per_run_not_per_entry(builds):
    small, large = builds
    # one for the :all: page's post-transform, one for the export: not one per entry
    assert small["citing_index"].calls == large["citing_index"].calls == 2
    assert small["citing_docs"].calls == large["citing_docs"].calls == 0


def test_reference_export_looks_each_entry_up_once(builds):
    small, large = builds
    # lookups: the :all: page (one per entry) and the export (one per entry)
    assert small["citing_index"].gets <= 2 * 10
    assert large["citing_index"].gets <= 2 * 40


def test_pathway_work_grows_with_diagrams_not_entities(builds):
    small, large = builds
    # resolve(): a constant number of times per diagram (the index and page signatures,
    # "appears in", the page itself, the downloads, atlas.json): 7 today
    assert small["resolve"].calls <= 8 * 2 and large["resolve"].calls <= 8 * 8
    assert large["resolve"].calls <= 4 * small["resolve"].calls
    # "appears in pathways" is computed once per build, not once per entity box
    assert small["entity_pathways"].calls == large["entity_pathways"].calls
    assert large["entity_pathways"].calls <= 2


def test_counters_see_the_real_work(builds):
    small, large = builds
    assert small["resolve"].calls > 0 and small["entity_pathways"].calls > 0 and small["citing_index"].gets > 0
    assert collections.Counter(c.calls > 0 for c in large.values())[True] == 3  # citing_docs stays unused
