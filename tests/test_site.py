"""The real site: it builds warning-free under -W -n, serially and in parallel, to the same
bytes; the contributor templates build inside it; ``make check`` passes on the real store
and fails, with a location, on a broken one."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0"}

pytestmark = pytest.mark.slow


def sphinx_build(src: Path, out: Path, *extra: str, confdir: Path = ROOT) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(confdir), str(src), str(out),
           "-W", "-n", "--keep-going", "-q", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=ROOT)


@pytest.fixture(scope="session")
def serial_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-serial")
    result = sphinx_build(ROOT / "docs", out / "html", "-j", "1", "-d", str(out / "doctrees"))
    assert result.returncode == 0, result.stderr[-5000:]
    assert result.stderr.strip() == "", result.stderr[-5000:]
    return out / "html"


@pytest.fixture(scope="session")
def parallel_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-parallel")
    result = sphinx_build(ROOT / "docs", out / "html", "-j", "2", "-d", str(out / "doctrees"))
    assert result.returncode == 0, result.stderr[-5000:]
    return out / "html"


def _differences(a: Path, b: Path) -> list[str]:
    diffs = []
    for path in sorted(a.rglob("*")):
        if path.is_dir() or path.suffix not in {".html", ".js", ".json", ".bib", ".ris", ".svg", ".inv", ".css"}:
            continue
        rel = path.relative_to(a)
        other = b / rel
        if not other.exists():
            diffs.append(f"missing in second build: {rel}")
        elif not filecmp.cmp(path, other, shallow=False):
            diffs.append(f"differs: {rel}")
    return diffs


def test_site_builds_warning_free(serial_build):
    index = (serial_build / "index.html").read_text(encoding="utf-8")
    assert "IL-6 Heme Atlas" in index and "furo" in index
    assert (serial_build / "404.html").exists()
    assert (serial_build / "atlas.json").exists()
    # offline: no page and no stylesheet loads anything from another host
    for page in serial_build.rglob("*.html"):
        assert remote_loads(page.read_text(encoding="utf-8")) == [], page
    for sheet in serial_build.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//|@import\s+['\"]?(?:https?:)?//", text), sheet


#: elements and the attribute through which they load something when the page is viewed
LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
           "audio": "src", "embed": "src", "object": "data", "image": "href"}


def remote_loads(html: str) -> list[str]:
    """Everything the page would fetch from another host (links a reader follows do not count)."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(list(LOADING)):
        if tag.name == "link" and not set(tag.get("rel", [])) & {"stylesheet", "preload", "icon", "modulepreload"}:
            continue  # <link rel="canonical"> and the like are not fetched
        value = (tag.get(LOADING[tag.name]) or tag.get("xlink:href") or "").strip()
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", value, re.I) and not value.startswith("file:"):
            found.append(str(tag)[:120])
    return found


def test_remote_load_detector_catches_what_it_must():
    assert remote_loads('<script defer="defer" src="https://cdn.example/x.js"></script>')
    assert remote_loads('<script src="//cdn.example/x.js"></script>')
    assert remote_loads('<link rel="preload stylesheet" href="http://fonts.example/a.css">')
    assert remote_loads('<img alt="" src="https://example.org/a.png">')
    assert not remote_loads('<a href="https://doi.org/10.1/x">doi</a><script src="_static/a.js"></script>')
    assert not remote_loads('<link rel="canonical" href="https://example.org/page.html">')


def test_serial_and_parallel_clean_builds_are_byte_identical(serial_build, parallel_build):
    """Also the reproducibility check: two clean builds in different processes."""
    assert _differences(serial_build, parallel_build) == []


def test_templates_build_inside_the_site(tmp_path):
    src = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", src)
    dest = src / "contributor-templates"
    dest.mkdir()
    names = []
    for template in sorted((ROOT / "templates").glob("*.md")):
        if template.name == "README.md":
            continue
        text = template.read_text(encoding="utf-8")
        # orphan: the templates are not in any toctree of the copied site
        text = text.replace("---\n", "---\norphan: true\n", 1)
        (dest / template.name).write_text(text, encoding="utf-8")
        names.append(template.stem)
    assert set(names) == {"disease", "mechanism", "molecule", "therapy"}
    result = sphinx_build(src, tmp_path / "html", "-j", "2")
    assert result.returncode == 0, result.stderr[-5000:]
    for name in names:
        assert (tmp_path / "html" / "contributor-templates" / f"{name}.html").exists()


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinxcontrib.atlas.check", "--root", str(root)],
                          capture_output=True, text=True, env=ENV)


def test_make_check_passes_on_the_real_site():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout[-5000:]
    assert "all good" in result.stdout


def test_make_check_fails_on_a_broken_store_with_locations(tmp_path):
    shutil.copytree(ROOT / "citations", tmp_path / "citations")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "conf.py", tmp_path / "conf.py")  # its atlas_identifier_policy is what check applies
    bad = tmp_path / "citations" / "zz-broken.bib"
    bad.write_text("@article{broken2024,\n  title = {Unclosed,\n  year = {2024},\n\n"
                   "@article{noid2024,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2024},\n}\n")
    page = tmp_path / "docs" / "diseases" / "mds.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA claim {cite:p}`nosuchkey2099`.\n", encoding="utf-8")
    result = run_check(tmp_path)
    assert result.returncode == 1
    out = result.stdout
    assert f"{bad}:1: [atlas.bib.syntax]" in out
    assert f"{bad}:5: [atlas.bib.identifier] 'noid2024': has neither doi nor pmid" in out
    last = len(page.read_text(encoding="utf-8").splitlines())
    assert f"{page}:{last}: [atlas.cite.unknown] unknown citation key 'nosuchkey2099'" in out
    assert "noid2024" in out.split("cited by no page:")[1]
