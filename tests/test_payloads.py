"""A catalogue of contributor-borne payloads: every place a page author can write markup or
a URL, times every form an attacker would try (script, event handler, URL scheme, CSS, SVG
with script, mixed case, character references, whitespace inside the scheme).

One generated site holds one payload per page. Each payload must be refused with its
located ``atlas.safety.*`` warning — by the build and, at the same line, by ``make check``
— and nothing executable may reach any output: HTML pages, inline and standalone SVG,
``atlas.json`` and the downloads. A build of the three payloads of issue #15 fails under -W.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from sitegen import CONF, WARNING_RE, write_site
from sphinxcontrib.atlas.check.pages import check_pages
from sphinxcontrib.atlas.safety.policy import url_problem

# (place, Markdown with the marker PAY, expected subtype). PAY becomes a page-unique marker.
CATALOGUE = [
    ("paragraph", 'Appended <script>alert("PAY")</script> text.', "html"),  # issue #15, payload 1
    ("paragraph", '<img src=x onerror="alert(\'PAY\')">', "html"),  # issue #15, payload 2
    ("link", '[click](javascript:alert("PAY"))', "url"),  # issue #15, payload 3
    ("link", '[click](JaVaScRiPt:alert("PAY"))', "url"),
    ("link", '[click](&#106;avascript:alert("PAY"))', "url"),
    ("link", '[click](&#x6A;ava&#x09;script:alert("PAY"))', "url"),
    ("link", '[click](vbscript:msgbox("PAY"))', "url"),
    ("link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#PAY)", "url"),
    ("link", "<javascript:alert('PAY')>", "url"),
    ("link", 'See [the note PAY][r] (reported where it is used).\n\n[r]: javascript:alert("PAY")', "url"),
    ("image", '![x](javascript:alert("PAY"))', "url"),
    ("image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+#PAY)", "url"),
    ("raw html", '<ScRiPt>alert("PAY")</ScRiPt>', "html"),
    ("raw html", "<svg onload=alert(PAY)>", "html"),
    ("raw html", '<svg><script>alert("PAY")</script></svg>', "html"),
    ("raw html", '<span style="background:url(javascript:alert(\'PAY\'))">x</span>', "html"),
    ("raw html", '<div style="width:expression(alert(\'PAY\'))">x</div>', "html"),
    ("raw html", '<a href="JaVaScRiPt:alert(\'PAY\')">x</a>', "html"),
    ("raw html", '<a href="&#106;avascript:alert(\'PAY\')">x</a>', "html"),
    ("raw html", '<iframe src="javascript:alert(\'PAY\')"></iframe>', "html"),
    ("raw html", 'Text <b onmouseover="alert(\'PAY\')">bold</b> here.', "html"),
    ("raw html", "Text <img src=x title=PAY\noNeRrOr=alert(1)> here.", "html"),
    ("raw html", '<object data="javascript:alert(\'PAY\')"></object>', "html"),
    ("raw html", 'Text <abbr title="x" onclick="alert(\'PAY\')">IL</abbr> here.', "html"),
    ("table cell", '| a | b |\n| --- | --- |\n| <script>alert("PAY")</script> | c |', "html"),
    ("table cell", '| a | b |\n| --- | --- |\n| c | [x](javascript:alert("PAY")) |', "url"),
    ("list item", "- one\n- <img src=x onerror=alert(PAY)>", "html"),
    ("heading", '## Part <script>alert("PAY")</script>', "html"),
    ("directive body", '```{note}\n<script>alert("PAY")</script>\n```', "html"),
    ("raw directive", '```{raw} html\n<script>alert("PAY")</script>\n```', "html"),
    ("front matter", 'FM:<script>alert("PAY")</script>', "text"),
    ("front matter", "FM:x\" onmouseover=\"alert('PAY')", "text"),
    ("front matter", "FM:see &#106;avascript:alert('PAY')", "text"),
    ("entity label", '```{entity} EVIL\n:kind: molecule\n:label: <img src=x onerror=alert("PAY")>\n```', "text"),
    ("entity short", '```{entity} EVIL\n:kind: molecule\n:short: <svg onload=alert("PAY")>\n```', "text"),
    ("entity aliases", '```{entity} EVIL\n:kind: molecule\n:aliases: EV; JaVaScRiPt:alert("PAY")\n```', "text"),
    ("pathway caption", '```{pathway} <script>alert("PAY")</script>\n:name: pw-caption\n\nA -> B : x\n```', "text"),
    ("pathway label", '```{pathway} Fine\n:name: pw-label\n\nA -> B : <img src=x onerror=alert("PAY")>\n```', "text"),
    ("pathway node", '```{pathway} Fine\n:name: pw-node\n\nA -> <svg/onload=alert("PAY")> : x\n```', "text"),
    ("directive option", '```{image} javascript:alert("PAY")\n```', "url"),
    ("directive option", '```{image} ok.png\n:target: javascript:alert("PAY")\n```', "url"),
    ("directive option", '```{figure} ok.png\n:alt: <img src=x onerror=alert("PAY")>\n```', "text"),
    ("directive option", "```{note}\n:class: x\" onclick=\"alert('PAY')\n\nBody.\n```", "text"),
    ("directive argument", '```{admonition} <img src=x onerror=alert("PAY")>\nBody.\n```', "text"),
]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _marker(number: int) -> str:
    return f"pay{number:02d}"


def _page(number: int, snippet: str) -> str:
    text = snippet.replace("PAY", _marker(number))
    if text.startswith("FM:"):
        return f"---\nsummary: '{text[3:]}'\n---\n\n# Payload {number}\n\nBody.\n" if "'" not in text[3:] else \
            f"---\nsummary: \"{text[3:].replace(chr(34), chr(92) + chr(34))}\"\n---\n\n# Payload {number}\n\nBody.\n"
    return f"# Payload {number}\n\nBefore the payload.\n\n{text}\n\nAfter the payload, still rendered.\n"


def _expected_line(page: str, number: int) -> int:
    return next(i for i, line in enumerate(page.splitlines(), 1) if _marker(number) in line)


PAGES = {f"p{n:02d}.md": _page(n, snippet) for n, (_place, snippet, _kind) in enumerate(CATALOGUE)}
INDEX = "# Catalogue\n\n```{toctree}\n" + "\n".join(name[:-3] for name in PAGES) + "\n```\n"


def _safety(lines: list[tuple[str, int, str]]) -> dict[str, set[tuple[int, str]]]:
    found: dict[str, set[tuple[int, str]]] = {}
    for path, line, subtype in lines:
        if subtype.startswith("safety."):
            found.setdefault(Path(path).name, set()).add((line, subtype))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = write_site(tmp_path_factory.mktemp("payloads") / "src",
                     {"index.md": INDEX, "ok.png": PNG, **PAGES},
                     conf=CONF + 'atlas_bibtex_files = []\nhtml_theme = "furo"\n')
    return build_site(src, src.parent / "out", freshenv=True)


def _build_warnings(result) -> list[tuple[str, int, str]]:
    found = []
    for line in result.warning_lines():
        match = WARNING_RE.match(line)
        kind = re.search(r"\[atlas\.([\w.]+)\]$", line)
        if match and kind:
            found.append((match["path"], int(match["line"]), kind.group(1)))
    return found


def test_the_catalogue_is_large_and_covers_every_place_and_form():
    assert len(CATALOGUE) >= 30
    assert {f"safety.{k}" for _p, _s, k in CATALOGUE} == {"safety.html", "safety.url", "safety.text"}
    places = {place for place, _s, _k in CATALOGUE}
    assert {"link", "image", "raw html", "front matter", "entity label", "entity aliases", "pathway caption",
            "pathway label", "table cell", "directive option"} <= places
    text = "\n".join(s for _p, s, _k in CATALOGUE)
    for form in ("<script", "onerror=", "javascript:", "vbscript:", "data:", "url(", "expression(", "<svg",
                 "JaVaScRiPt:", "&#106;", "&#x09;", "\n"):
        assert form in text, form


@pytest.mark.parametrize("number", range(len(CATALOGUE)), ids=[f"{n:02d}-{p}" for n, (p, _s, _k)
                                                              in enumerate(CATALOGUE)])
def test_each_payload_is_refused_at_its_line_by_build_and_check(site, number):
    name = f"p{number:02d}.md"
    expected = {(_expected_line(PAGES[name], number), f"safety.{CATALOGUE[number][2]}")}
    assert _safety(_build_warnings(site)).get(name) == expected
    assert "After the payload, still rendered." in site.html(name[:-3]) or "summary" in PAGES[name]


def test_make_check_reports_exactly_what_the_build_reports(site):
    problems, _cited = check_pages(site.src, set(), min_refs={})
    from_check = _safety([(p.path, p.line, p.kind.subtype) for p in problems])
    assert from_check == _safety(_build_warnings(site))
    assert set(from_check) == set(PAGES)


URL_ATTRS = ("href", "src", "xlink:href", "action", "formaction", "data", "poster", "background")


def _inert_markup(soup: BeautifulSoup, where: str) -> list[str]:
    bad = []
    for tag in soup.find_all(True):
        name = tag.name.split(":")[-1].lower()
        if name in ("iframe", "object", "embed", "foreignobject", "base"):
            bad.append(f"{where}: <{name}>")
        if name == "script" and not tag.get("src") and tag.get("type") not in ("application/json",
                                                                               "application/ld+json"):
            if re.search(r"pay\d\d", tag.get_text()):
                bad.append(f"{where}: inline script {tag.get_text()[:40]!r}")
        for attr, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                bad.append(f"{where}: <{name} {attr}>")
            if attr.lower() in URL_ATTRS and url_problem(value, image=name in ("img", "image")):
                bad.append(f"{where}: <{name} {attr}={value[:40]!r}>")
            if attr.lower() == "style" and re.search(r"url\(|expression\(", value):
                bad.append(f"{where}: <{name} style={value[:40]!r}>")
    for script in soup.find_all("script"):
        if script.get("src") and not re.match(r"^(\.\./)*(_static/[\w.\-/]+\.js(\?v=\w+)?|searchindex\.js)$",
                                              script["src"]):
            bad.append(f"{where}: script src {script['src']!r}")
    return bad


def test_nothing_executable_reaches_any_html_page(site):
    pages = sorted(site.outdir.rglob("*.html"))
    assert len(pages) > len(PAGES)
    bad = []
    for page in pages:
        bad += _inert_markup(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"), page.name)
    assert bad == []


def test_raw_html_payloads_are_not_in_the_page_even_as_tags(site):
    for number, (_place, _snippet, kind) in enumerate(CATALOGUE):
        if kind == "html":
            soup = BeautifulSoup(site.html(f"p{number:02d}"), "html.parser")
            main = soup.select_one('[role="main"]') or soup
            assert not main.find_all(["script", "svg", "img", "iframe", "object", "a", "span", "div"],
                                     string=re.compile("pay"), recursive=True), number
            carriers = [t for t in main.find_all(True) for name, value in t.attrs.items()
                        if name != "id" and not str(value).startswith("#") and _marker(number) in str(value)]
            assert carriers == [], number  # (a heading's id slug may contain the marker's text)


def test_svg_and_json_downloads_are_inert(site):
    svgs = sorted(site.outdir.rglob("*.svg"))
    assert svgs, "the pathway pages write SVG downloads"
    for svg in svgs:
        root = ET.fromstring(svg.read_text(encoding="utf-8"))
        for element in root.iter():
            assert not element.tag.endswith("script"), svg
            assert not [a for a in element.attrib if a.lower().startswith("on")], svg
            for attr in ("href", "{http://www.w3.org/1999/xlink}href"):
                assert not url_problem(element.attrib.get(attr, "")), svg
    for data in sorted(site.outdir.rglob("*.json")):
        for url in re.findall(r'"(?:url|href|link|uri)"\s*:\s*"([^"]*)"', data.read_text(encoding="utf-8")):
            assert not url_problem(url), (data, url)
    atlas = json.loads((site.outdir / "atlas.json").read_text(encoding="utf-8"))
    assert atlas["entities"], "the entity payload pages are exported as data"


def test_the_issue_payloads_fail_a_strict_build(tmp_path):
    page = "# Disease\n\nText.\n\n" + "\n\n".join(s for _p, s, _k in CATALOGUE[:3]).replace("PAY", "x") + "\n"
    src = write_site(tmp_path / "src", {"index.md": page}, conf=CONF + "atlas_bibtex_files = []\n")
    result = build_site(src, tmp_path / "out", warningiserror=True, freshenv=True)
    assert result.statuscode != 0
    assert "[atlas.safety.html]" in result.warnings and "[atlas.safety.url]" in result.warnings


def test_make_check_refuses_the_issue_payloads_on_a_real_disease_page(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "diseases" / "cll.md"
    before = page.read_text(encoding="utf-8").rstrip("\n")
    first = before.count("\n") + 3
    page.write_text(before + "\n\n" + "\n\n".join(s for _p, s, _k in CATALOGUE[:3]).replace("PAY", "x") + "\n",
                    encoding="utf-8")
    problems, _cited = check_pages(docs, set(), min_refs={})
    found = sorted((p.line, p.kind.subtype) for p in problems
                   if p.kind.subtype.startswith("safety.") and p.path.endswith("cll.md"))
    assert found == [(first, "safety.html"), (first, "safety.html"), (first + 2, "safety.html"),
                     (first + 4, "safety.url")]
    assert not [p for p in problems if p.kind.subtype.startswith("safety.") and not p.path.endswith("cll.md")]


def test_allowed_inert_html_renders_without_a_warning(tmp_path):
    page = ("# Water\n\nH<sub>2</sub>O, x<sup>2</sup>, <abbr title=\"interleukin 6\">IL-6</abbr>, "
            "<kbd>Ctrl</kbd>,<br> <small>small</small> and ![dot](data:image/png;base64,iVBORw0KGgo=).\n\n"
            "<!-- a comment -->\n")
    src = write_site(tmp_path / "src", {"index.md": page}, conf=CONF + "atlas_bibtex_files = []\n")
    result = build_site(src, tmp_path / "out", freshenv=True)
    assert "safety" not in result.warnings
    main = result.soup().select_one('[role="main"]')
    assert main.find("sub").text == "2" and main.find("abbr")["title"] == "interleukin 6"


def test_new_tab_links_get_noopener(tmp_path):
    src = write_site(tmp_path / "src", {"index.md": "# T\n\n[out](https://example.org/)\n"},
                     conf=CONF + "atlas_bibtex_files = []\nmyst_links_external_new_tab = True\n")
    result = build_site(src, tmp_path / "out", freshenv=True)
    link = result.soup().find("a", href="https://example.org/")
    assert link["target"] == "_blank" and set(link["rel"]) >= {"noopener", "noreferrer"}
