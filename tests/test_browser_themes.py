"""The extension's parts look right under every common theme, in light and dark mode
(Debian's chromium): previews, reference lists, identifier boxes, figures and the matrix
take the page's colours, their text keeps WCAG AA contrast, and nothing errs."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, axe_violations

pytestmark = pytest.mark.browser

THEMES = ("furo", "sphinx_book_theme", "pydata_sphinx_theme", "sphinx_rtd_theme", "alabaster")
#: themes with a dark mode that follows the reader's colour-scheme preference by default
DARK_CAPABLE = {"furo", "sphinx_book_theme", "pydata_sphinx_theme"}
#: pydata-based themes log a console error unless their default mode is set (as their docs do)
PST_THEMES = {"sphinx_book_theme", "pydata_sphinx_theme"}
PARTS = [".atlas-bibliography", ".atlas-entity-box", ".atlas-pathway-block", "table.atlas-matrix", ".atlas-preview"]

LUMINANCE = """(el) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let node = el;
  while (node) {  // the first opaque background up the tree
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return lum(c);
    node = node.parentElement;
  }
  return 1;  // the canvas is white
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The themes root built once per theme, each in its own process (themes register
    process-wide Jinja state that a second theme in the same process trips over)."""
    out = {}
    for theme in THEMES:
        src = tmp_path_factory.mktemp(f"src-{theme}")
        shutil.copytree(ROOT / "tests" / "roots" / "test-themes", src, dirs_exist_ok=True)
        html = tmp_path_factory.mktemp(f"out-{theme}")
        options = ["-D", "html_context.default_mode=auto"] if theme in PST_THEMES else []
        result = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-q", "-W", "-n", "-D",
                                 f"html_theme={theme}", *options, str(src), str(html)], capture_output=True, text=True)
        assert result.returncode == 0 and result.stderr == "", (theme, result.stderr)
        out[theme] = html
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_parts_follow_the_theme_and_keep_contrast(browser, serve, sites, axe_script, theme, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    base = serve(sites[theme])
    dark = scheme == "dark" and theme in DARK_CAPABLE
    try:
        for name, selector in (("index.html", ".atlas-bibliography"), ("molecules/il6r.html", ".atlas-entity-box"),
                               ("classic.html", ".atlas-pathway-block"), ("matrix.html", "table.atlas-matrix")):
            page.goto(base + name)
            page.wait_for_load_state("networkidle")
            part = page.locator(selector).first
            page_lum = page.evaluate(LUMINANCE, page.locator("p").first.element_handle())
            assert (page_lum < 0.2) == dark, (theme, scheme, name, page_lum)  # the theme really is in that mode
            part_lum = page.evaluate(LUMINANCE, part.element_handle())
            assert (part_lum < 0.2) == dark, (theme, scheme, selector, part_lum)
            assert axe_violations(page, axe_script, rules=["color-contrast"], include=[selector]) == [], \
                (theme, scheme, selector)
        page.goto(base + "index.html")
        page.locator("a.atlas-cite").first.hover()
        preview = page.locator(".atlas-preview")
        preview.wait_for(state="visible")
        assert (page.evaluate(LUMINANCE, preview.element_handle()) < 0.2) == dark, (theme, scheme, "preview")
        assert axe_violations(page, axe_script, rules=["color-contrast"], include=[".atlas-preview"]) == []
        assert errors == [], errors
    finally:
        context.close()
