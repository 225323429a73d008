"""The real site under its Content-Security-Policy, in Chromium, served over http (as
deployed: ``'self'`` means nothing on file://).

Every page type is opened, its interactive features used, and the test listens for
``securitypolicyviolation`` events (recorded from before the first script runs) and for
console errors naming the policy: there must be none, and the features must still work.
A control proves the policy is live: an inline script added to a page is blocked and
reported.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

#: where the site is deployed (the 404 page's links are absolute below its path)
HTML_BASEURL = runpy.run_path(str(ROOT / "conf.py"))["html_baseurl"]

pytestmark = pytest.mark.slow

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' ' + (e.sample || ''));
});
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-csp") / "html"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(ROOT), str(ROOT / "docs"),
                             str(out), "-W", "-n", "--keep-going", "-q", "-j", "2"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture
def csp_page(page):
    page.add_init_script(LISTEN)
    return page


def _violations(page) -> list[str]:
    found = page.evaluate("() => window.__csp || []")
    return found + [e for e in page.errors if "Content Security Policy" in e or "Content-Security-Policy" in e]


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_every_page_carries_the_policy(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, path
        assert "'unsafe-inline'" not in head and "'unsafe-eval'" not in head and "object-src 'none'" in head, path


@pytest.mark.parametrize("path", ["index.html", "diseases/cll.html", "molecules/il6.html",
                                  "therapies/tocilizumab.html", "matrix.html", "entities.html",
                                  "about/warnings.html", "genindex.html", "404.html"])
def test_page_types_have_no_violation(csp_page, site, serve, path):
    # served below the site's own path, as deployed: the 404 page's links are absolute
    base = serve(site, urlsplit(HTML_BASEURL).path or "/")
    _open(csp_page, base + path)
    assert csp_page.locator("article").count() >= 1
    # furo's own script ran: the theme switch works
    before = csp_page.evaluate("() => document.body.dataset.theme")
    csp_page.locator("button.theme-toggle:visible").first.click()
    assert csp_page.evaluate("() => document.body.dataset.theme") != before
    assert _violations(csp_page) == []


def test_references_filter_works_under_the_policy(csp_page, site, serve):
    _open(csp_page, serve(site) + "references.html")
    form = csp_page.locator("form.atlas-filter")
    total = csp_page.locator("li.atlas-ref").count()
    assert total > 100
    form.locator("select").select_option("mouse")
    shown = csp_page.locator("li.atlas-ref:visible").count()
    assert 0 < shown < total
    assert f"{shown} of {total} references" in form.locator("output").inner_text()
    assert _violations(csp_page) == []


def test_citation_preview_works_under_the_policy(csp_page, site, serve):
    _open(csp_page, serve(site) + "diseases/cll.html")
    cite = csp_page.locator("a[href*='#atlas-ref-'], a.atlas-cite").first
    cite.hover()
    csp_page.wait_for_timeout(400)
    assert csp_page.locator("[role='tooltip']:visible, .atlas-cite-preview:visible").count() >= 1
    assert _violations(csp_page) == []


def test_search_with_a_query_works_under_the_policy(csp_page, site, serve):
    _open(csp_page, serve(site) + "search.html?q=tocilizumab")
    results = csp_page.locator("#search-results li, ul.search li")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 3
    assert _violations(csp_page) == []


def test_pathway_tooltip_and_disease_switch_work_under_the_policy(csp_page, site, serve):
    _open(csp_page, serve(site) + "mechanisms/classic-signalling.html")
    node = csp_page.locator(".atlas-pw-node").first
    node.hover()
    assert csp_page.locator("svg.atlas-pw-svg.is-focus, svg.atlas-pw-svg .is-hl").count() >= 1
    csp_page.mouse.move(1, 1)
    csp_page.locator(".atlas-pw-canvas").first.focus()
    csp_page.keyboard.press("Tab")  # the first edge: its tooltip opens
    tip = csp_page.locator(".atlas-pw-tooltip[role=tooltip]").first
    tip.wait_for(state="visible")
    assert tip.inner_text().strip()
    # the tooltip is positioned by script through the CSSOM, which the policy allows
    assert csp_page.evaluate("() => document.querySelector('.atlas-pw-tooltip').style.cssText") != ""
    csp_page.keyboard.press("Escape")
    switch = csp_page.locator("select.atlas-pw-context").first
    options = switch.locator("option")
    assert options.count() >= 2
    status = csp_page.locator(".atlas-pw-status").first
    switch.select_option(index=1)
    announced = status.inner_text()
    assert announced.strip()  # the change is announced (aria-live), so the script ran
    dimmed = csp_page.locator(".atlas-pw-edge.is-dimmed").count()
    hidden_rows = csp_page.locator("table.atlas-pw-table tbody tr[hidden]").count()
    assert dimmed == hidden_rows  # the edge table follows the switch
    switch.select_option(index=0)
    assert csp_page.locator(".atlas-pw-edge.is-dimmed").count() == 0
    assert _violations(csp_page) == []


def test_the_policy_is_live_inline_script_and_eval_are_blocked(csp_page, site, serve):
    _open(csp_page, serve(site) + "index.html")
    ran = csp_page.evaluate("""() => new Promise((done) => {
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true;';
        document.head.appendChild(s);
        setTimeout(() => done(window.__ran === true), 200);
    })""")
    assert ran is False
    assert any("script-src" in v for v in _violations(csp_page))
