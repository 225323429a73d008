"""Citation previews and the references filter in a real browser (Debian's chromium)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def site_url(app, serve):
    app.build()
    return serve(app.outdir)


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-browser")
def test_hover_preview_shows_reference_and_is_hoverable(page, site_url):
    page.goto(site_url + "index.html")
    cite = page.locator("a.atlas-cite").first
    cite.hover()
    tip = page.locator(".atlas-preview[role=tooltip]")
    tip.wait_for(state="visible")
    assert "Bone marrow-confined IL-6 signaling" in tip.inner_text()
    assert tip.locator("a.atlas-ref-link").first.get_attribute("href") == "https://doi.org/10.1172/JCI152673"
    assert cite.get_attribute("aria-describedby") == "atlas-preview"
    # WCAG 1.4.13: the pointer can move onto the preview without it closing
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(450)
    assert tip.is_visible()
    # back-links are not repeated inside the preview
    assert tip.locator(".atlas-backlinks").count() == 0
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-browser-kbd")
def test_keyboard_focus_opens_and_escape_closes(page, site_url):
    page.goto(site_url + "index.html")
    page.locator("a.atlas-cite").nth(1).focus()
    tip = page.locator(".atlas-preview")
    tip.wait_for(state="visible")
    assert "Wang HQ" in tip.inner_text()
    page.keyboard.press("Escape")
    assert tip.count() == 0
    # focus stays on the citation after Escape
    assert page.evaluate("document.activeElement.classList.contains('atlas-cite')")
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-browser-esc-hover")
def test_escape_closes_a_preview_opened_by_hover_and_it_stays_closed(page, site_url):
    """WCAG 1.4.13 (dismissible): Esc closes a hover preview without moving focus, and
    the preview does not come back while the pointer rests on the link."""
    page.goto(site_url + "index.html")
    cite = page.locator("a.atlas-cite").first
    cite.hover()
    tip = page.locator(".atlas-preview")
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert tip.count() == 0
    box = cite.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 + 1, box["y"] + box["height"] / 2)
    page.wait_for_timeout(400)
    assert tip.count() == 0
    assert not page.evaluate("document.activeElement.classList.contains('atlas-cite')")
    # leaving the link and coming back shows it again
    page.mouse.move(1, 1)
    cite.hover()
    tip.wait_for(state="visible")
    # and a preview Esc closed from the keyboard stays closed until focus moves on
    page.keyboard.press("Escape")
    page.mouse.move(1, 1)
    cite.focus()
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert tip.count() == 0
    page.wait_for_timeout(400)
    assert tip.count() == 0
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-browser-filter")
def test_references_filter_by_evidence_and_year(page, site_url):
    page.goto(site_url + "references.html")
    items = page.locator("li.atlas-ref")
    assert items.count() == 5
    form = page.locator("form.atlas-filter")
    form.locator("select").select_option("cell-lines")
    assert page.locator("li.atlas-ref:visible").count() == 1
    assert "1 of 5 references" in form.locator("output").inner_text()
    form.locator("select").select_option("")
    form.locator("input").first.fill("2019")
    form.locator("input").first.dispatch_event("input")
    assert page.locator("li.atlas-ref:visible").count() == 2  # 2019 and 2022
    assert page.errors == []


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-browser-nojs")
def test_without_javascript_everything_is_still_there(browser, app, serve):
    app.build()
    url = serve(app.outdir)
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(url + "references.html")
    assert pg.locator("li.atlas-ref").count() == 5
    assert pg.locator("form.atlas-filter").count() == 0
    pg.goto(url + "index.html")
    pg.locator("a.atlas-cite").first.click()
    assert pg.url.endswith("#ref-mei2022bone")
    context.close()


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-browser-snapshot")
def test_preview_snapshot(page, site_url):
    from bs4 import BeautifulSoup
    from test_citations import check_snapshot

    page.goto(site_url + "index.html")
    page.locator("a.atlas-cite").nth(1).hover()
    tip = page.locator(".atlas-preview")
    tip.wait_for(state="visible")
    tree = BeautifulSoup(tip.evaluate("el => el.outerHTML"), "html.parser")
    del tree.div["style"]  # its position depends on fonts and window size, not on our markup
    check_snapshot("preview.html", tree.prettify())
