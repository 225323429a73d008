"""Pathway diagrams in a real browser (Debian's chromium driven by Playwright).

The ``browser``, ``page`` and ``serve`` fixtures (tests/conftest.py) launch
/usr/bin/chromium headless (skipped, with the reason, where it is absent) and serve the
built test root over http.server on 127.0.0.1 on an ephemeral port, in a thread.
"""

from __future__ import annotations

import pytest

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
def test_keyboard_focus_shows_tooltip_and_escape_closes_it(page, site_url):
    page.goto(site_url + "classic.html")
    page.locator("select.atlas-pw-context").focus()
    page.keyboard.press("Tab")  # the first edge
    active = page.evaluate("document.activeElement.getAttribute('data-label')")
    assert active == "binds"
    tip = page.locator(".atlas-pw-tooltip[role=tooltip]")
    tip.wait_for(state="visible")
    assert "IL6 binds IL6R" in tip.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == tip.get_attribute("id")
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-label')") == "binds"  # focus stays
    # Enter re-opens it; Tab moves to the next edge and its tooltip
    page.keyboard.press("Enter")
    assert tip.is_visible()
    page.keyboard.press("Tab")
    assert "recruits" in tip.inner_text()
    # after the 8 edges come the nodes: Enter follows the node's link
    for _ in range(7):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-node')") == "IL6"
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
    assert "JAK1 activates STAT3" in text and "phosphorylates" in text
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
def test_disease_context_dims_edges_without_evidence(page, site_url):
    page.goto(site_url + "classic.html")
    controls = page.locator(".atlas-pw-controls")
    assert controls.is_visible()
    page.locator("select.atlas-pw-context").select_option("AML")
    dimmed = page.locator(".atlas-pw-edge.is-dimmed")
    assert sorted(dimmed.nth(i).get_attribute("data-label") for i in range(dimmed.count())) == [
        "binds", "blocks", "inhibits", "recruits"]
    assert page.locator(".atlas-pw-edge:not(.is-dimmed)").count() == 4
    page.locator("select.atlas-pw-context").select_option("")
    assert page.locator(".atlas-pw-edge.is-dimmed").count() == 0
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


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-browser-phone")
def test_diagram_scales_to_a_phone_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(site_url + "classic.html")
        svg_box = page.locator("svg.atlas-pw-svg").bounding_box()
        assert svg_box["width"] <= 360
        assert svg_box["height"] > 0
    finally:
        context.close()
