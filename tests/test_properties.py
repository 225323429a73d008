"""Property tests: random damage to real inputs never escapes as an exception, and every
problem it causes is located inside the damaged file.

Inputs are the real store (``citations/*.bib``) and the real pathway blocks of
``docs/mechanisms/*.md``, mutated the way hands and editors damage text: characters
deleted, duplicated or inserted (braces, quotes, commas, ``@``, ``=``, backslashes,
newlines, latin-1 bytes), chunks repeated, the file truncated.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import bibtexparser
import pytest
from conftest import build_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitegen import CONF, WARNING_RE, unlocated, write_site
from sphinxcontrib.atlas.citations.bibfile import parse_file
from sphinxcontrib.atlas.citations.downloads import to_bibtex, to_ris
from sphinxcontrib.atlas.citations.formatting import format_reference, plain_text
from sphinxcontrib.atlas.citations.store import build_store
from sphinxcontrib.atlas.pathways.parse import parse_pathway

ROOT = Path(__file__).resolve().parent.parent
BIB_FILES = sorted((ROOT / "citations").glob("*.bib"))
ENTRIES = [
    "@" + chunk
    for path in BIB_FILES
    for chunk in re.split(r"(?m)^@", path.read_text(encoding="utf-8"))[1:]
]
PATHWAY_RE = re.compile(r"^```\{pathway\}[^\n]*\n(.*?)^```", re.M | re.S)
PATHWAYS = [
    m.group(1)
    for path in sorted((ROOT / "docs" / "mechanisms").glob("*.md"))
    for m in PATHWAY_RE.finditer(path.read_text(encoding="utf-8"))
]

BIB_NOISE = [b"{", b"}", b'"', b",", b"@", b"=", b"\\", b"\n", b"\r\n", b"#", b"%", b" ", b"\xfc", b"\xff",
             b"\xef\xbb\xbf", "\u00e9".encode(), b"@string{x = {y}}", b"crossref = {", b"<b>", b"\\\"u"]
PATHWAY_NOISE = ["-", ">", "|", ".", ":", "[", "]", "#", ",", " ", "\n", "->", " -| ", " -- ", " ..> ", "\t",
                 "<script>", "\"", "'", "\\"]

SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def mutate(draw, data, noise):
    """Apply 1-6 random edits to ``data`` (str or bytes)."""
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "insert", "truncate", "repeat-lines"]))
        i = draw(st.integers(0, len(data)))
        j = min(len(data), i + draw(st.integers(1, 40)))
        if op == "delete":
            data = data[:i] + data[j:]
        elif op == "duplicate":
            data = data[:j] + data[i:j] + data[j:]
        elif op == "insert":
            data = data[:i] + draw(st.sampled_from(noise)) + data[i:]
        elif op == "truncate":
            data = data[:i]
        else:
            newline = b"\n" if isinstance(data, bytes) else "\n"
            lines = data.split(newline)
            k = draw(st.integers(0, max(0, len(lines) - 1)))
            data = newline.join(lines[: k + 1] + lines[k:])
    return data


@st.composite
def damaged_bib(draw) -> bytes:
    chosen = draw(st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=4))
    return mutate(draw, "\n".join(chosen).encode("utf-8"), BIB_NOISE)


@st.composite
def damaged_pathway(draw) -> str:
    return mutate(draw, draw(st.sampled_from(PATHWAYS)), PATHWAY_NOISE)


def test_inputs_were_found():
    assert len(ENTRIES) >= 50 and len(PATHWAYS) >= 5


def _n_lines(data: bytes) -> int:
    return data.count(b"\n") + 1


@settings(max_examples=250, **SETTINGS)
@given(first=damaged_bib(), second=damaged_bib())
def test_damaged_store_never_raises_and_locates_every_problem(first, second):
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(Path(tmp) / "a.bib"), str(Path(tmp) / "b.bib")]
        Path(paths[0]).write_bytes(first)
        Path(paths[1]).write_bytes(second)
        store = build_store(paths)
        sizes = {paths[0]: _n_lines(first), paths[1]: _n_lines(second)}
        for problem in store.problems:
            assert problem.path in sizes, problem
            assert 1 <= problem.line <= sizes[problem.path], (problem, sizes[problem.path])
        for ref in store.refs.values():
            assert 1 <= ref.line <= sizes[ref.path]
            # everything downstream of the store copes with what it holds
            format_reference(ref)
            plain_text(ref)
            store.short_label(ref.key)
        refs = list(store)
        ris = to_ris(refs)
        assert ris.count("ER  -") == len(refs)
        # the per-page .bib download parses back to the same entries, nothing failed
        exported = bibtexparser.parse_string(to_bibtex(refs))
        assert exported.failed_blocks == [], [b.raw[:200] for b in exported.failed_blocks]
        assert [e.key for e in exported.entries] == [r.key for r in refs]


@settings(max_examples=150, **SETTINGS)
@given(data=damaged_bib())
def test_parse_file_is_deterministic(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.bib"
        path.write_bytes(data)
        one, two = parse_file(str(path)), parse_file(str(path))
        assert one.entries == two.entries and one.problems == two.problems


@settings(max_examples=400, **SETTINGS)
@given(body=damaged_pathway(), first=st.integers(1, 500))
def test_damaged_pathway_never_raises_and_locates_every_problem(body, first):
    lines = body.split("\n")
    directive = max(1, first - 3)
    edges, problems = parse_pathway(lines, first, directive)
    last = first + len(lines) - 1
    for problem in problems:
        if problem.kind.subtype == "pathway.empty":
            assert problem.line == directive and not edges
        else:
            assert first <= problem.line <= last, (problem, first, last)
    for edge in edges:
        assert first <= edge.lineno <= last
        assert edge.source and edge.target and edge.source != edge.target
    assert [p.line for p in problems] == sorted(p.line for p in problems)


# -- whole builds --------------------------------------------------------------------------

PAGE = (ROOT / "docs" / "mechanisms" / "classic-signalling.md").read_text(encoding="utf-8")
STORE = (ROOT / "citations" / "signalling.bib").read_bytes()
SITE_CONF = CONF + 'myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]\n'


@st.composite
def damaged_site(draw) -> tuple[str, bytes]:
    page = mutate(draw, PAGE, PATHWAY_NOISE + ["{cite:p}`", "`", "{ent}`", "```", "\n```{pathway} x\n", "<"])
    return page, mutate(draw, STORE, BIB_NOISE)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("hypothesis-sites")


@settings(max_examples=15, **SETTINGS)
@given(site=damaged_site())
def test_damaged_site_builds_and_locates_every_warning(site, scratch):
    page, bib = site
    folder = Path(tempfile.mkdtemp(dir=scratch))
    src = write_site(folder / "src", {"index.md": page, "citations/x.bib": bib}, conf=SITE_CONF)
    result = build_site(src, folder / "out")
    text = result.warnings + result.status
    assert "Traceback" not in text and "Exception" not in text, text
    assert unlocated(result.warnings) == []
    for line in result.warnings.splitlines():
        m = WARNING_RE.match(line)
        if m:  # located in one of the two files, within its length
            path = Path(m["path"])
            assert path in (src / "index.md", src / "citations" / "x.bib"), line
            assert int(m["line"]) <= path.read_bytes().count(b"\n") + 1, line
    assert (result.outdir / "index.html").exists()
