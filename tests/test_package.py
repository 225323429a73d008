"""sphinxcontrib-atlas as a package: the wheel holds what the pages need, installs into a
clean environment with nothing from the repository on sys.path, and builds a small site
under every common theme without a warning."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from sphinxcontrib.atlas import __version__
from sphinxcontrib.atlas.assets import CSS_FILES, JS_FILES

PACKAGE_DIR = ROOT / "extensions" / "sphinxcontrib-atlas"
THEMES = ("furo", "sphinx_book_theme", "pydata_sphinx_theme", "sphinx_rtd_theme", "alabaster")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(out), str(PACKAGE_DIR)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (found,) = out.glob("sphinxcontrib_atlas-*.whl")
    return found


@pytest.fixture(scope="module")
def clean_python(tmp_path_factory, wheel) -> Path:
    """A fresh virtual environment with the wheel installed. Its other dependencies are
    made importable by a path entry to the test environment's site-packages, which adds
    that folder without processing its .pth files: the repository's editable install of
    the extension is therefore not on sys.path."""
    venv = tmp_path_factory.mktemp("clean-venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                             str(wheel)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def test_the_wheel_holds_every_file_the_pages_need(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    base = "sphinxcontrib/atlas/"
    for static in (*CSS_FILES, *JS_FILES):
        assert f"{base}static/{static}" in names, static
    assert f"{base}py.typed" in names and f"{base}__init__.py" in names
    assert not any(n.startswith(("sphinxcontrib/__init__", "atlas/", "tests/")) for n in names)  # a namespace package
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert f"Version: {__version__}" in metadata
    for requirement in ("sphinx>=9.0,<10", "bibtexparser>=2.0.0b7,<3", "pylatexenc>=2.10,<3"):  # ranges, not pins
        assert f"Requires-Dist: {requirement}" in metadata, requirement


def test_the_clean_environment_imports_the_wheel_not_the_repository(clean_python):
    out = subprocess.run([str(clean_python), "-c", "import sys, sphinxcontrib.atlas as a; print(a.__file__); "
                          "print('\\n'.join(sys.path))"], capture_output=True, text=True, check=True).stdout
    location, *path = out.splitlines()
    assert str(clean_python.parent.parent) in location
    assert not any(str(PACKAGE_DIR) in p for p in path)


@pytest.mark.parametrize("theme", THEMES)
def test_a_small_site_builds_warning_free_under_each_theme(clean_python, tmp_path, theme):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-themes", src)
    out = tmp_path / "html"
    result = subprocess.run([str(clean_python), "-m", "sphinx", "--no-color", "-b", "html", "-W", "-n", "-q", "-D",
                             f"html_theme={theme}", str(src), str(out)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select("span.atlas-citation a.atlas-cite") and page.select("li.atlas-ref")
    loaded = {tag.get("href") or tag.get("src") for tag in page.find_all(["link", "script"])}
    for static in (*CSS_FILES, *JS_FILES):
        assert any(ref and ref.split("?")[0].endswith(f"_static/{static}") for ref in loaded), (theme, static)
        assert (out / "_static" / static).is_file(), (theme, static)
    assert BeautifulSoup((out / "classic.html").read_text(encoding="utf-8"), "html.parser").select("svg.atlas-pw-svg")
