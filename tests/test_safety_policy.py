"""The safety policy as pure functions, the doctree backstop for markup that does not come
from Markdown, the CSP meta itself, and ``make check``'s pasteable summary line."""

from __future__ import annotations

import pytest
from conftest import build_site
from sitegen import CONF, write_site
from sphinxcontrib.atlas.check.pages import summary_line
from sphinxcontrib.atlas.problems import AtlasWarning, Problem
from sphinxcontrib.atlas.safety.csp import secure, sha256
from sphinxcontrib.atlas.safety.policy import html_problems, text_problems, url_problem


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x",
                                 "java\nscript:x", "&#106;avascript:x", "&#x6A;avascript:x", "java%09script:x",
                                 "vbscript:x", "data:text/html,<script>", "data:image/svg+xml,<svg onload=x>",
                                 "file:///etc/passwd", "\x01javascript:x"])
def test_refused_urls(url):
    assert url_problem(url, image=True)


@pytest.mark.parametrize("url", ["https://doi.org/10.1/x", "http://a", "mailto:a@b.org", "../molecules/il6.html",
                                 "#section", "il6.md", "project:#target"])
def test_allowed_urls(url):
    assert url_problem(url) == ""


def test_data_images_only_of_raster_types_and_only_as_images():
    assert url_problem("data:image/png;base64,AAAA", image=True) == ""
    assert url_problem("data:image/webp;base64,AAAA", image=True) == ""
    assert url_problem("data:image/png;base64,AAAA")  # not as a link


@pytest.mark.parametrize("fragment", ["<sub>", "</sup>", "<br>", "<br/>", '<abbr title="interleukin 6">', "<kbd>",
                                      "<!-- note -->", "<small>", "</strong>"])
def test_allowed_html(fragment):
    assert html_problems(fragment) == []


@pytest.mark.parametrize("fragment, reason", [
    ("<script>", "<script> is not an allowed element"),
    ('<b onclick="x">', "event-handler attribute 'onclick'"),
    ('<sub class="x">', "attribute 'class' on <sub>"),
    ('<span style="background:url(x)">', "url(), expression()"),
    ('<i style="color:red">', "style attributes are not allowed"),
    ('<abbr title="<script>">', "holds markup"),
    ("<img src=x onerror=alert(1)", "unfinished or malformed tag"),
    ("<!DOCTYPE html>", "declarations"),
    ("<![CDATA[x]]>", "CDATA"),
    ('<a href="javascript:x">', "href: a javascript: URL"),
])
def test_refused_html_names_its_reason(fragment, reason):
    assert any(reason in r for r in html_problems(fragment)), html_problems(fragment)


def test_plain_text_fields():
    assert text_problems("IL-6 receptor α (CD126); p<0.05; data: mice; a page about <IL-6>") == []
    assert text_problems("<b>x</b>") and text_problems('x" onmouseover="y') and text_problems("javascript:x")


def test_markup_from_rst_is_taken_out_and_warned_at_its_node(tmp_path):
    page = "# T\n\nBefore.\n\n```{eval-rst}\n.. raw:: html\n\n   <script>alert('rst')</script>\n```\n\nAfter.\n"
    src = write_site(tmp_path / "src", {"index.md": page}, conf=CONF + "atlas_bibtex_files = []\n")
    result = build_site(src, tmp_path / "out", freshenv=True)
    assert "[atlas.safety.html]" in result.warnings and "index.md" in result.warnings
    assert "alert('rst')" not in result.html() and "After." in result.main_text()


def test_csp_meta_hashes_inline_code_and_replaces_its_old_self():
    page = ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>b{}</style></head>'
            '<body><script>go()</script><script type="application/json">{"a":1}</script>'
            '<svg style="display: none;"></svg><a target="_blank" href="https://x/">x</a></body></html>')
    once = secure(page)
    assert secure(once) == once  # idempotent: an incremental build gives a clean build's bytes
    head = once.split("</head>")[0]
    assert head.index("charset") < head.index("Content-Security-Policy") < head.index("<style>")
    assert sha256("go()") in head and sha256("b{}") in head and sha256('{"a":1}') not in head
    assert f"'unsafe-hashes' {sha256('display: none;')}" in head
    assert "object-src 'none'" in head and "'unsafe-inline'" not in head and "unsafe-eval" not in head
    assert 'rel="noopener noreferrer"' in once


def test_summary_line_counts_problems_by_group():
    problems = [Problem(AtlasWarning.SAFETY_HTML, "x", 1, "a.md"), Problem(AtlasWarning.SAFETY_URL, "x", 2, "a.md"),
                Problem(AtlasWarning.CITE_UNKNOWN, "x", 3, "a.md")]
    line = summary_line(problems, 150, 16, 94)
    assert line == ("make check: 150 references in 16 file(s), 94 page(s); 3 problem(s) (safety 2, references 0, "
                    "citations 1, entities 0, pathways 0, pages 0)")
    assert summary_line([], 1, 1, 1).endswith("— all good")


def test_substitutions_in_front_matter_are_checked_and_their_html_taken_out(tmp_path):
    page = '---\nsubstitutions:\n  evil: "<img src=x onerror=alert(9)>"\n---\n# T\n\nUse {{ evil }} here.\n'
    conf = CONF + 'atlas_bibtex_files = []\nmyst_enable_extensions = ["substitution"]\n'
    src = write_site(tmp_path / "src", {"index.md": page}, conf=conf)
    result = build_site(src, tmp_path / "out", freshenv=True)
    assert "index.md:2: WARNING: front matter 'substitutions'" in result.warnings
    assert "[atlas.safety.text]" in result.warnings
    assert "[atlas.safety.html]" in result.warnings  # the substituted HTML, taken out at its own line
    assert "onerror" not in result.html() and "Use" in result.main_text()


def test_theme_styles_mode_allows_inline_styles_but_keeps_scripts_hashed():
    page = '<html><head><meta charset="utf-8"><style>b{}</style></head><body><script>go()</script></body></html>'
    head = secure(page, inline_styles=True).split("</head>")[0]
    assert "style-src 'self' 'unsafe-inline';" in head and sha256("b{}") not in head
    assert f"script-src 'self' {sha256('go()')};" in head
    assert "Content-Security-Policy" not in secure(page, with_policy=False)


@pytest.mark.parametrize("mode, expected", [("off", None), ("strict", "style-src 'self' 'sha256-"),
                                            ("theme-styles", "style-src 'self' 'unsafe-inline'")])
def test_the_csp_setting(tmp_path, mode, expected):
    conf = CONF + f'atlas_bibtex_files = []\nhtml_theme = "furo"\natlas_csp = "{mode}"\n'
    src = write_site(tmp_path / "src", {"index.md": "# T\n\nText.\n"}, conf=conf)
    result = build_site(src, tmp_path / "out", freshenv=True)
    meta = result.soup().find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert (meta is None) if expected is None else (expected in meta["content"])
