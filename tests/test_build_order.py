"""No build order may produce different output.

One small site uses the three features together (tests/roots/test-pathway-basic plus a
``:all:`` references page, an entity index, a disease × mechanism matrix and a mechanism
entity on the pathway page).  Compared byte for byte — every ``.html``, ``atlas.json``,
``searchindex.js`` (Sphinx itself drops entries there on incremental builds,
sphinx-doc/sphinx#12599; :mod:`sphinxcontrib.atlas.searchfix` works around it) and
everything under ``_atlas/``:

* a ``-j1`` and a ``-j2`` clean build;
* two clean builds;
* after each step of random edit sequences (three seeds), the incremental build
  (alternating ``-j1``/``-j2``) and a clean serial build of the same sources.

HTML files of deleted pages are left in the output folder by Sphinx itself (it never
removes outputs); those are not compared.  Everything else must match, and a mismatch
names the step, the edits so far and the differing files.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import build_site
from sitegen import CONF

ROOTS = Path(__file__).parent / "roots"


def make_site(dest: Path) -> Path:
    shutil.copytree(ROOTS / "test-pathway-basic", dest)
    (dest / "conf.py").write_text(CONF, encoding="utf-8")
    index = dest / "index.md"
    index.write_text(index.read_text().replace("mds\n```", "mds\nreferences\nentities\n```"))
    (dest / "references.md").write_text("# References\n\n```{bibliography}\n:all:\n```\n")
    (dest / "entities.md").write_text(
        "# Entities\n\n```{entity-index}\n```\n\n## Matrix\n\n```{disease-matrix} Diseases by mechanism\n```\n"
    )
    classic = dest / "classic.md"
    classic.write_text(classic.read_text().replace(
        "Some text.",
        "```{entity} classic-signalling\n:kind: mechanism\n:label: Classic signalling\n```\n\n"
        "Some text about {ent}`MDS`.",
    ))
    mds = dest / "mds.md"
    mds.write_text(mds.read_text().replace("Text.", "Text citing {cite:p}`mei2022bone`."))
    return dest


def outputs(out: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and (rel.endswith(".html") or rel in ("atlas.json", "searchindex.js")
                               or rel.startswith("_atlas/")):
            files[rel] = path.read_bytes()
    return files


def differences(expected: dict[str, bytes], actual: dict[str, bytes], *, stale_html_ok: bool = False) -> list[str]:
    out = []
    for name in sorted(expected.keys() | actual.keys()):
        if name not in actual:
            out.append(f"missing: {name}")
        elif name not in expected:
            if not (stale_html_ok and name.endswith(".html")):
                out.append(f"extra: {name}")
        elif expected[name] != actual[name]:
            out.append(f"differs: {name}")
    return out


def clean(src: Path, out: Path, parallel: int = 0):
    if out.exists():
        shutil.rmtree(out)
    result = build_site(src, out, parallel=parallel)
    assert "Traceback" not in result.warnings and "Exception" not in result.warnings
    return result


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "src")


def test_the_site_is_clean_and_uses_every_feature(site, tmp_path):
    result = clean(site, tmp_path / "out")
    assert result.warnings == ""
    files = outputs(result.outdir)
    assert {"atlas.json", "_atlas/references.bib", "_atlas/refs/classic.bib", "_atlas/pathways/il6-classic.svg",
            "entities.html", "references.html", "all.html"} <= files.keys()
    assert b"atlas-matrix" in files["entities.html"] and b"atlas-pw-index" in files["all.html"]


def test_parallel_clean_build_is_byte_identical(site, tmp_path):
    serial = clean(site, tmp_path / "j1")
    parallel = clean(site, tmp_path / "j2", parallel=2)
    assert differences(outputs(serial.outdir), outputs(parallel.outdir)) == []
    assert sorted(serial.warnings.splitlines()) == sorted(parallel.warnings.splitlines())


def test_two_clean_builds_are_byte_identical(site, tmp_path):
    one = clean(site, tmp_path / "one")
    two = clean(site, tmp_path / "two")
    assert differences(outputs(one.outdir), outputs(two.outdir)) == []


# -- random edit sequences -------------------------------------------------------------------

KEYS = ("taga1989interleukin", "mei2022bone", "tanaka2012targeting")
ENTS = ("IL6", "JAK1", "STAT3", "SOCS3", "tocilizumab", "MDS", "IL-6R", "classic-signalling")
TEXT_PAGES = ("classic.md", "mds.md", "tocilizumab.md", "molecules/jak1.md", "molecules/il6.md", "all.md")
LABEL_PAGES = ("molecules/il6.md", "molecules/jak1.md", "molecules/socs3.md", "mds.md", "tocilizumab.md")
EXTRA_EDGES = (
    "STAT3 -> IL6R : extra one [mei2022bone]",
    "tocilizumab -| IL6 : extra two [tanaka2012targeting]",
    "MDS ..> STAT3 : extra three [mei2022bone]",
)
DELETABLE = ("molecules/socs3.md", "tocilizumab.md", "mds.md")


@dataclass
class Editor:
    src: Path
    rng: random.Random
    additions: list[tuple[str, str]] = field(default_factory=list)  # (page, appended text)
    edges: list[str] = field(default_factory=list)
    deleted: dict[str, str] = field(default_factory=dict)  # page -> its text
    counter: int = 0

    def _read(self, page: str) -> str:
        return (self.src / page).read_text(encoding="utf-8")

    def _write(self, page: str, text: str) -> None:
        (self.src / page).write_text(text, encoding="utf-8")

    def _live(self, pages) -> list[str]:
        return [p for p in pages if p not in self.deleted]

    def _n(self) -> int:
        self.counter += 1
        return self.counter

    # each edit returns a description, or None when it does not apply now

    def bib_title(self):
        key = self.rng.choice(KEYS)
        bib = self.src / "citations" / "refs.bib"
        lines = bib.read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith(f"@article{{{key},"))
        at = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("title"))
        title = f"Retitled paper number {self._n()}"
        lines[at] = f"  title    = {{{title}}},"
        bib.write_text("\n".join(lines), encoding="utf-8")
        return f"retitle {key}"

    def _append(self, text: str):
        page = self.rng.choice(self._live(TEXT_PAGES))
        self._write(page, self._read(page) + text)
        self.additions.append((page, text))
        return page

    def _remove_addition(self, kind: str):
        live = [(p, t) for p, t in self.additions if p not in self.deleted and kind in t]
        if not live:
            return None
        page, text = self.rng.choice(live)
        self._write(page, self._read(page).replace(text, "", 1))
        self.additions.remove((page, text))
        return f"remove {text.strip()!r} from {page}"

    def cite_add(self):
        text = f"\nExtra {self._n()} {{cite:p}}`{self.rng.choice(KEYS)}`.\n"
        return f"add {text.strip()!r} to {self._append(text)}"

    def cite_remove(self):
        return self._remove_addition("{cite:p}")

    def ent_add(self):
        text = f"\nSee {self._n()} {{ent}}`{self.rng.choice(ENTS)}`.\n"
        return f"add {text.strip()!r} to {self._append(text)}"

    def ent_remove(self):
        return self._remove_addition("{ent}")

    def label(self):
        page = self.rng.choice(self._live(LABEL_PAGES))
        new = f":label: Label {self._n()}"
        self._write(page, re.sub(r"(?m)^:label: .*$", new, self._read(page), count=1))
        return f"relabel {page} to {new!r}"

    def edge_add(self):
        free = [e for e in EXTRA_EDGES if e not in self.edges]
        if not free:
            return None
        edge = self.rng.choice(free)
        text = self._read("classic.md")
        self._write("classic.md", text.replace("STAT3 ..> IL6 ", f"{edge}\nSTAT3 ..> IL6 ", 1))
        self.edges.append(edge)
        return f"add edge {edge!r}"

    def edge_remove(self):
        if not self.edges:
            return None
        edge = self.rng.choice(self.edges)
        self._write("classic.md", self._read("classic.md").replace(f"{edge}\n", "", 1))
        self.edges.remove(edge)
        return f"remove edge {edge!r}"

    def page_delete(self):
        live = self._live(DELETABLE)
        if len(live) < 2:
            return None
        page = self.rng.choice(live)
        self.deleted[page] = self._read(page)
        (self.src / page).unlink()
        docname = page[:-3]
        self._write("index.md", self._read("index.md").replace(f"\n{docname}\n", "\n", 1))
        return f"delete {page}"

    def page_restore(self):
        if not self.deleted:
            return None
        page = self.rng.choice(sorted(self.deleted))
        self._write(page, self.deleted.pop(page))
        self._write("index.md", self._read("index.md").replace("\nreferences\n", f"\n{page[:-3]}\nreferences\n", 1))
        return f"restore {page}"

    def diseases(self):
        bib = self.src / "citations" / "refs.bib"
        text = bib.read_text(encoding="utf-8")
        options = ["{MDS, AML}", "{AML}", "{MDS}"]
        now = re.search(r"diseases = (\{[^}]*\})", text).group(1)
        new = self.rng.choice([o for o in options if o != now])
        bib.write_text(text.replace(f"diseases = {now}", f"diseases = {new}", 1), encoding="utf-8")
        return f"mei2022bone diseases {now} -> {new}"

    def compartment(self):
        page = self.rng.choice(self._live(("molecules/jak1.md", "molecules/socs3.md", "molecules/stat3.md")))
        new = self.rng.choice(("cytoplasm", "nucleus", "membrane"))
        self._write(page, re.sub(r"(?m)^:compartment: .*$", f":compartment: {new}", self._read(page), count=1))
        return f"{page} compartment {new}"

    EDITS = ("bib_title", "diseases", "compartment", "cite_add", "cite_remove", "ent_add", "ent_remove", "label", "edge_add", "edge_remove",
             "page_delete", "page_restore")

    def step(self) -> str:
        while True:
            done = getattr(self, self.rng.choice(self.EDITS))()
            if done is not None:
                return done


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_then_incremental_equals_clean(seed, tmp_path):
    src = make_site(tmp_path / "src")
    rng = random.Random(seed)
    editor = Editor(src, rng)
    inc = tmp_path / "inc"
    build_site(src, inc)
    history: list[str] = []
    for number in range(rng.randint(4, 6)):
        history.append(editor.step())
        parallel = 2 if number % 2 == 0 else 0
        incremental = build_site(src, inc, parallel=parallel)
        assert "Traceback" not in incremental.warnings and "Exception" not in incremental.warnings
        reference = clean(src, tmp_path / "clean")
        diff = differences(outputs(reference.outdir), outputs(incremental.outdir), stale_html_ok=True)
        assert diff == [], f"seed {seed}, after {history} (incremental -j{parallel or 1}): {diff}"
