"""``make entity``: a new molecule without writing a whole page."""

from __future__ import annotations

import shutil
import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import ROOT


def test_a_stub_page_declares_the_entity_and_builds_warning_free(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "citations", root / "citations")
    shutil.copy(ROOT / "conf.py", root / "conf.py")
    run = [sys.executable, str(ROOT / "tools" / "new_entity.py"), "--root", str(root), "--id", "CCL5", "--kind",
           "molecule", "--label", "C-C motif chemokine ligand 5", "--short", "CCL5", "--compartment", "extracellular"]
    result = subprocess.run(run, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    page = root / "docs" / "molecules" / "ccl5.md"
    assert page.is_file() and "status: draft" in page.read_text()
    assert "\nccl5\n" in (root / "docs" / "molecules" / "index.md").read_text()
    # a page that needs it can now link it and draw it
    wm = root / "docs" / "diseases" / "waldenstrom.md"
    wm.write_text(wm.read_text() + "\nStromal {ent}`CCL5` is discussed elsewhere.\n")
    again = subprocess.run(run, capture_output=True, text=True)
    assert again.returncode == 1 and "already declared in docs/molecules/ccl5.md" in again.stdout
    out = tmp_path / "out"
    built = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-q", "-W", "-n", "-c", str(root),
                            str(root / "docs"), str(out)], capture_output=True, text=True)
    assert built.returncode == 0 and built.stderr == "", built.stderr

    def soup(name):
        return BeautifulSoup((out / f"{name}.html").read_text(encoding="utf-8"), "html.parser")

    stub = soup("molecules/ccl5")
    assert stub.select_one(".atlas-draft") is not None and stub.select_one(".atlas-entity-box") is not None
    link = soup("diseases/waldenstrom").select_one('a.atlas-ent[href$="../molecules/ccl5.html#entity-CCL5"]')
    assert link is not None and link.get_text() == "CCL5"
