"""Pathway diagrams in a real browser (Debian's chromium driven by Playwright).

The ``browser``, ``page`` and ``serve`` fixtures (tests/conftest.py) launch
/usr/bin/chromium headless (skipped, with the reason, where it is absent) and serve the
built test root over http.server on 127.0.0.1 on an ephemeral port, in a thread.
"""

from __future__ import annotations

import pytest
from conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def site_url(app, serve):
    app.build()
    assert app.warning.getvalue() == ""
    return serve(app.outdir)


def _classes(locator) -> list[str]:
    return (locator.get_attribute("class") or "").split()


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-hover")
def test_hovering_a_node_highlights_its_edges_and_neighbours(page, site_url):
    page.goto(site_url + "classic.html")
    svg = page.locator("svg.atlas-pw-svg")
    page.locator('.atlas-pw-node[data-node="IL6R"]').hover()
    assert "is-focus" in _classes(svg)
    lit = page.locator(".atlas-pw-edge.is-hl")
    assert sorted(lit.nth(i).get_attribute("data-label") for i in range(lit.count())) == [
        "binds", "blocks", "recruits"]
    nodes = page.locator(".atlas-pw-node.is-hl")
    assert sorted(nodes.nth(i).get_attribute("data-node") for i in range(nodes.count())) == [
        "IL6", "IL6R", "IL6ST", "tocilizumab"]
    # leaving the node clears the highlight
    page.mouse.move(1, 1)
    assert "is-focus" not in _classes(svg)
    assert page.locator(".is-hl").count() == 0
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-click")
def test_clicking_a_node_opens_its_entity_page(page, site_url):
    page.goto(site_url + "classic.html")
    page.locator('.atlas-pw-node[data-node="JAK1"]').click()
    page.wait_for_url("**/molecules/jak1.html#entity-JAK1")
    assert "Janus kinase 1" in page.title()
    # the entity page lists the pathway and links back to it
    page.locator(".atlas-entity-pathways a", has_text="IL-6 classic signalling").click()
    page.wait_for_url("**/classic.html#pathway-il6-classic")
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-keys")
def test_keyboard_focus_shows_tooltip_reaches_its_links_and_escape_closes_it(page, site_url):
    page.goto(site_url + "classic.html")
    page.locator(".atlas-pw-canvas").focus()
    page.keyboard.press("Tab")  # the first edge
    active = page.evaluate("document.activeElement.getAttribute('data-label')")
    assert active == "binds"
    tip = page.locator(".atlas-pw-tooltip[role=tooltip]")
    tip.wait_for(state="visible")
    assert "Interleukin-6 binds IL-6 receptor α" in tip.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == tip.get_attribute("id")
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-label')") == "binds"  # focus stays
    # Enter re-opens it; Tab moves into the tooltip's citation link, Esc from there closes
    # it and returns to the edge
    page.keyboard.press("Enter")
    assert tip.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Taga et al., 1989"
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-label')") == "binds"
    # Tab into the link again, then on to the next edge and its tooltip
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-label')") == "recruits"
    assert "recruits" in tip.inner_text()
    # Shift+Tab from the first link goes back to its edge
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-label')") == "recruits"
    # the nodes follow the edges: Enter follows the node's link
    page.locator('.atlas-pw-node[data-node="IL6"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/molecules/il6.html#entity-IL6")
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-tip")
def test_tooltip_content_and_hoverability(page, site_url):
    page.goto(site_url + "classic.html")
    edge = page.locator('.atlas-pw-edge[data-label="phosphorylates"]')
    edge.locator(".atlas-pw-label-bg").hover()
    tip = page.locator(".atlas-pw-tooltip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert "Janus kinase 1 activates STAT3" in text and "phosphorylates" in text
    assert "Mei et al., 2022" in text and "Taga et al., 1989" in text
    assert [tip.locator(".atlas-pw-tip-ev").nth(i).inner_text() for i in range(3)] == [
        "cell-lines", "primary-cells", "mouse"]
    assert "Evidence from: MDS, AML" in text
    assert tip.locator("a").first.get_attribute("href") == "#ref-mei2022bone"
    assert "is-hl" in _classes(edge)
    # WCAG 1.4.13: the pointer can move onto the tooltip without it closing ...
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(450)
    assert tip.is_visible()
    # ... and its links work
    tip.locator("a", has_text="Taga et al., 1989").click()
    page.wait_for_url("**/classic.html#ref-taga1989interleukin")
    # moving away closes it after the delay
    page.mouse.move(1, 1)
    page.wait_for_timeout(450)
    assert tip.is_hidden()
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-context")
def test_disease_switch_uses_edge_context_filters_the_table_and_announces(page, site_url):
    page.goto(site_url + "classic.html")
    controls = page.locator(".atlas-pw-controls")
    assert controls.is_visible()
    rows = page.locator("table.atlas-pw-table tbody tr")
    assert rows.count() == 8
    # "induces" says {diseases: MDS} itself, so AML dims it although its reference also
    # names AML; edges whose sources name no disease (general biology) stay lit
    page.locator("select.atlas-pw-context").select_option("AML")
    dimmed = page.locator(".atlas-pw-edge.is-dimmed")
    assert [dimmed.nth(i).get_attribute("data-label") for i in range(dimmed.count())] == ["induces"]
    assert page.locator(".atlas-pw-edge:not(.is-dimmed)").count() == 7
    visible = [rows.nth(i).is_visible() for i in range(8)]
    assert visible.count(False) == 1 and not rows.nth(4).is_visible()  # the row of the 5th edge
    status = page.locator(".atlas-pw-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("Showing 7 of 8 edges: evidence from AML")
    page.locator("select.atlas-pw-context").select_option("MDS")
    assert page.locator(".atlas-pw-edge.is-dimmed").count() == 0
    page.locator("select.atlas-pw-context").select_option("")
    assert page.locator(".atlas-pw-edge.is-dimmed").count() == 0 and all(
        rows.nth(i).is_visible() for i in range(8))
    assert status.inner_text() == "Showing all 8 edges."
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-nojs")
def test_without_javascript_links_and_table_still_work(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "classic.html")
        assert page.locator(".atlas-pw-controls").is_hidden()  # nothing that cannot work
        assert page.locator(".atlas-pw-tooltip").count() == 0
        assert page.locator("table.atlas-pw-table tbody tr").count() == 8
        page.locator('.atlas-pw-node[data-node="STAT3"]').click()
        page.wait_for_url("**/molecules/stat3.html#entity-STAT3")
    finally:
        context.close()


MEASURE = """() => {
  const svg = document.querySelector('svg.atlas-pw-svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const text = [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().height > 0)
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const targets = [...document.querySelectorAll('figure.atlas-pathway a[href], figure.atlas-pathway [tabindex="0"],'
    + ' figure.atlas-pathway button, figure.atlas-pathway select')]
    .filter(e => !e.closest('.atlas-pw-tooltip') && e.getBoundingClientRect().width > 0)
    .map(e => { const r = e.getBoundingClientRect(); return Math.min(r.width, r.height); });
  return {text: Math.min(...text), target: Math.min(...targets), n: targets.length};
}"""


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-sizes")
def test_text_and_targets_are_big_enough_at_phone_and_desktop_width(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + "classic.html")
        sizes = page.evaluate(MEASURE)
        # no diagram text below 12 CSS px (a tolerance of 0.01 px for sub-pixel layout)
        assert sizes["text"] >= 11.99, sizes
        assert sizes["target"] >= 24, sizes  # WCAG 2.2 2.5.8
        assert sizes["n"] > 16
    finally:
        context.close()


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-zoom")
def test_wide_diagram_scrolls_and_zooms_with_buttons_and_keys(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(site_url + "classic.html")
        canvas = page.locator(".atlas-pw-canvas")
        svg = page.locator("svg.atlas-pw-svg")
        natural = float(svg.get_attribute("width"))
        width = svg.bounding_box()["width"]
        assert width == pytest.approx(natural, abs=1)  # never shrunk to fit
        # wider than the phone: it scrolls inside its canvas, by keyboard too
        assert page.evaluate("document.querySelector('.atlas-pw-canvas').scrollWidth") > canvas.bounding_box()["width"]
        canvas.focus()
        page.keyboard.press("ArrowRight")
        # polled from here: wait_for_function evaluates a string, which the site's CSP forbids
        for _ in range(50):
            if page.evaluate("document.querySelector('.atlas-pw-canvas').scrollLeft") > 0:
                break
            page.wait_for_timeout(50)
        assert page.evaluate("document.querySelector('.atlas-pw-canvas').scrollLeft") > 0
        # zoom: buttons and keys, never below the natural size
        page.locator("button.atlas-pw-zoom-in").click()
        assert svg.bounding_box()["width"] == pytest.approx(natural * 1.25, abs=1)
        assert "Zoom 125%" in page.locator(".atlas-pw-status").inner_text()
        canvas.focus()
        page.keyboard.press("+")
        assert svg.bounding_box()["width"] == pytest.approx(natural * 1.5, abs=1)
        page.keyboard.press("-")
        page.keyboard.press("0")
        assert svg.bounding_box()["width"] == pytest.approx(natural, abs=1)
        assert page.locator("button.atlas-pw-zoom-out").is_disabled()
        assert page.locator("button.atlas-pw-full").is_visible()
    finally:
        context.close()


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-cover")
def test_tooltips_never_cover_their_edge_or_its_nodes(browser, site_url):
    for width in (390, 1366):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            page.goto(site_url + "classic.html")
            edges = page.locator(".atlas-pw-edge")
            for i in range(edges.count()):
                edges.nth(i).focus()
                overlap = page.evaluate("""() => {
                  const tip = document.querySelector('.atlas-pw-tooltip').getBoundingClientRect();
                  const e = document.activeElement;
                  const parts = [e, ...['data-source', 'data-target'].map(a =>
                    document.querySelector(`.atlas-pw-node[data-node="${e.getAttribute(a)}"]`))];
                  return parts.some(p => { const r = p.getBoundingClientRect();
                    return r.left < tip.right && tip.left < r.right && r.top < tip.bottom && tip.top < r.bottom; });
                }""")
                assert not overlap, (width, edges.nth(i).get_attribute("data-label"))
        finally:
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-axe")
def test_diagram_page_has_no_serious_axe_violations(browser, site_url, axe_script, scheme):
    for width in (390, 1366):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(site_url + "classic.html")
            assert axe_violations(page, axe_script) == [], (width, scheme)
            # the two rules the figures used to fail, at any impact
            assert axe_violations(page, axe_script, ("minor", "moderate", "serious", "critical"),
                                  rules=["label-content-name-mismatch", "target-size"]) == []
            page.locator('.atlas-pw-edge[data-label="recruits"]').focus()  # with a tooltip open
            assert axe_violations(page, axe_script) == []
        finally:
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_across_cells_with_a_gene_passes_axe_and_keeps_text_readable(browser, serve, axe_script, scheme,
                                                                              tmp_path):
    """The other cells' outlines and names, and a gene's unit of information (ct:gene):
    no axe violation (a unit of information inside the gene's link would break its name,
    WCAG 2.5.3), no diagram text below 12 CSS px, at 390 and 1366 px."""
    from conftest import build_site
    from sitegen import write_site
    from test_pathways_build import CELLS_SITE

    files = dict(CELLS_SITE)
    files["index.md"] = files["index.md"].replace(", stroma gene-less", "")
    result = build_site(write_site(tmp_path / "src", files), tmp_path / "out")
    assert result.warning_lines() == []
    url = serve(result.outdir)
    for width in (390, 1366):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(url + "index.html")
            assert page.locator(".atlas-pw-units text").first.text_content() == "ct:gene"
            assert axe_violations(page, axe_script) == [], (width, scheme)
            assert axe_violations(page, axe_script, ("minor", "moderate", "serious", "critical"),
                                  rules=["label-content-name-mismatch", "target-size"]) == []
            smallest = page.evaluate(
                "() => Math.min(...[...document.querySelectorAll('.atlas-pw-svg text')].map((t) => {"
                " const svg = t.closest('svg'); const scale = svg.getBoundingClientRect().width"
                " / svg.viewBox.baseVal.width; return parseFloat(getComputedStyle(t).fontSize) * scale; }))")
            assert smallest >= 12 - 0.01, (width, smallest)
        finally:
            context.close()
