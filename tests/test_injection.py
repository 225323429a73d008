"""Markup and script in every contributor-controlled field, all features together.

test_citations.py, test_entities.py and test_pathways_build.py each check their own
feature's HTML.  Here one site combines them — an evil reference cited by a pathway edge
between an evil entity and an evil unknown node, on a page with an evil title, listed by
the ``:all:`` page, the pathway index and the entity index — and every output is checked
structurally: all HTML pages, the inline and standalone SVG, ``atlas.json``, the store and
per-page .bib/.ris/.json downloads, and the tooltips in a real browser.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from conftest import build_site
from sitegen import write_site

EVIL_BIB = r"""
@article{evil1,
  author    = {<script>alert("a1")</script>, Eve and O"Brien, Mal and {<img src=x onerror=alert("a2")>}},
  title     = {<img src=x onerror=alert("t1")> "onmouseover="alert('t2') & <b>bold</b>},
  journal   = {<b>J</b>" onclick="alert('j1')},
  volume    = {<svg onload=alert("v1")>},
  number    = {"><script>alert("n1")</script>},
  pages     = {1--2<script>},
  note      = {<iframe src="javascript:alert('no1')">},
  doi       = {10.1000/"><script>alert("d1")</script>},
  pmid      = {55<script>},
  pmcid     = {PMC1"><x onclick=y>},
  url       = {javascript:alert("u1")},
  year      = {2020},
  evidence  = {review, <script>},
  diseases  = {DIS, <script>alert("ds1")</script>, MDS" onfocus="x},
}

@article{evil2,
  author    = {Second, Sam},
  title     = {Data URL},
  journal   = {J},
  year      = {2021},
  url       = {data:text/html,<script>alert("u2")</script>},
}

@article{evil3,
  author    = {Third, Tom},
  title     = {Quote breaking URL},
  journal   = {J},
  year      = {2021},
  url       = {https://example.org/"><script>alert("u3")</script>},
}

@article{evil4,
  author    = {Fourth, Fay},
  title     = {Mixed-case scheme},
  journal   = {J},
  year      = {2022},
  url       = { JaVaScRiPt:alert("u4")},
}

@incollection{evil5,
  author    = {Fifth, Flo},
  title     = {Chapter},
  booktitle = {<script>alert("b1")</script> Book},
  publisher = {<a href="javascript:alert('p1')">Pub</a>},
  year      = {2019},
  pmid      = {5},
}

@article{evil<i>&6,
  author    = {Sixth, Sue},
  title     = {A key with markup},
  journal   = {J},
  year      = {2018},
  pmid      = {6},
}
"""

INDEX = """\
# Home

```{toctree}
ent
dis
pw
refs
```

Cited {cite:p}`evil1,evil2,evil3,evil4,evil5` and {cite:t}`evil<i>&6`; linked {ent}`EVIL`,
{ent}`by alias <javascript:alert("al2")>` and {ent}`<img src=x onerror=alert("r1")>`.
"""

ENT = """\
# Page `<script>alert("pt1")</script>` title

```{entity} EVIL
:kind: molecule
:label: <script>alert("l1")</script> "onmouseover=alert('l2') x=" & co
:aliases: <img src=x onerror=alert("al1")>; javascript:alert("al2")
:xref: hgnc:"><script>alert("x1")</script> uniprot:javascript:alert(1) ncbigene:3570 mondo:0000001"onclick=x
```

```{entity-index}
```
"""

DIS = """\
# Disease

```{entity} DIS
:kind: disease
:label: <b>Disease</b> "label" <script>alert("dl1")</script>
```
"""

PW = """\
# Pathway page `<img src=x onerror=alert("pp1")>`

```{pathway} Title <img src=x onerror=alert("pt2")> "q" 'q'
:name: evil
:caption: Caption <script>alert("c1")</script> javascript:alert(1) "q" 'q' & amp

EVIL -> <script>alert("nd1")</script> : label "><svg onload=alert("e1")> [evil1, evil2]
EVIL -- x" onclick="alert('nd2') : & amp 'single' [evil1]
<img src=x onerror=alert("nd3")> -| EVIL : javascript:alert("e2") [evil5]
```

```{pathway-index}
```
"""

REFS = "# All references\n\n```{bibliography}\n:all:\n```\n"

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injection")
    src = write_site(folder / "src", {
        "index.md": INDEX, "ent.md": ENT, "dis.md": DIS, "pw.md": PW, "refs.md": REFS,
        "citations/evil.bib": EVIL_BIB,
    })
    result = build_site(src, folder / "out")
    assert "Traceback" not in result.warnings and "Exception" not in result.warnings
    return result


# -- structural checks ---------------------------------------------------------------------

URL_ATTRS = ("href", "src", "xlink:href", "action", "formaction", "data", "poster", "background")
SAFE_SCHEMES = ("http", "https", "")
#: The one inline script Sphinx's basic theme writes itself.
SPHINX_INLINE = {"document.getElementById('searchbox').style.display = \"block\""}
SPHINX_SCRIPTS = re.compile(r"^(\.\./)*(_static/[\w.\-]+\.js(\?v=[0-9a-f]+)?|searchindex\.js)$")


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    return urlsplit(cleaned).scheme.lower() if ":" in cleaned.split("/")[0] else ""


def injected(markup: str) -> list[str]:
    """Everything in an HTML or SVG document that could run or fetch contributor input."""
    soup = BeautifulSoup(markup, "html.parser")
    found = []
    for el in soup.find_all(True):
        name = el.name.lower()
        if name == "script" and not (el.get("src") and SPHINX_SCRIPTS.match(el["src"])) \
                and el.string not in SPHINX_INLINE:
            found.append(f"script: {str(el)[:120]}")
        if name in ("iframe", "object", "embed", "img", "base", "foreignobject"):
            found.append(f"element: {str(el)[:120]}")
        if name == "meta" and el.get("http-equiv") and el["http-equiv"] != "Content-Security-Policy":
            found.append(f"meta refresh: {el}")
        for attr, value in el.attrs.items():
            if attr.lower().startswith("on"):
                found.append(f"handler: <{name} {attr}={value!r}>")
            if attr.lower() in URL_ATTRS and _scheme(str(value)) not in SAFE_SCHEMES:
                found.append(f"url: <{name} {attr}={value!r}>")
            if attr.lower() == "style" and "expression(" in str(value).lower():
                found.append(f"style: {value!r}")
    return found


def html_pages(result) -> list[Path]:
    return sorted(result.outdir.rglob("*.html"))


def test_the_site_warned_about_the_bad_fields(site):
    for subtype in ("bib.markup", "bib.url", "bib.identifier", "bib.evidence", "entity.option", "entity.unknown",
                    "safety.text"):
        assert f"[atlas.{subtype}]" in site.warnings, subtype


def test_no_page_has_injected_elements_or_attributes(site):
    pages = html_pages(site)
    assert {p.name for p in pages} >= {"index.html", "ent.html", "dis.html", "pw.html", "refs.html", "genindex.html"}
    for path in pages:
        assert injected(path.read_text(encoding="utf-8")) == [], path.name


def test_payloads_are_shown_as_text(site):
    text = {name: site.main_text(name) for name in ("index", "ent", "pw", "refs")}
    assert '<img src=x onerror=alert("t1")>' in text["index"]  # the reference title
    assert '<script>alert("l1")</script>' in text["ent"]  # the entity label
    assert 'Caption <script>alert("c1")</script>' in text["pw"]  # the pathway caption
    assert '<script>alert("b1")</script> Book' in text["refs"]  # booktitle on the :all: page
    # page titles with markup appear as text in "Cited on", the entity index and back-links
    assert 'Cited on: Home, Pathway page <img src=x onerror=alert("pp1")>' in text["refs"]
    assert 'page: Page <script>alert("pt1")</script> title' in text["ent"]
    assert 'Mentioned on¶ Other pages (2) Home, Pathway page <img src=x onerror=alert("pp1")>' in text["ent"]


def test_only_http_urls_are_linked(site):
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select('[role="main"] a[href]'):
            assert _scheme(a["href"]) in SAFE_SCHEMES, (path.name, a)
    refs = site.soup("refs")
    links = {a["href"] for a in refs.select("a.atlas-ref-link")}
    assert "https://example.org/%22%3E%3Cscript%3Ealert(%22u3%22)%3C/script%3E" not in links
    assert all(h.startswith("https://") for h in links), links
    # evil2/3/4 have no identifier and an unusable url: nothing is linked for them
    for key in ("evil2", "evil3", "evil4"):
        assert not refs.select(f"#ref-{key} a.atlas-ref-link"), key


def test_tooltips_carry_text_not_markup(site):
    page = site.soup("index")
    titles = [a["title"] for a in page.select("a.atlas-cite")]
    assert any('<img src=x onerror=alert("t1")>' in t for t in titles)  # literal text in the attribute
    ent = page.select_one('a.atlas-ent[href^="ent.html"]')
    assert ent["title"].startswith('<script>alert("l1")</script>')
    raw = site.html("index")
    assert 'title="&lt;script&gt;alert(&quot;l1&quot;)' in raw or "title='&lt;script&gt;" in raw


def test_inline_svg_is_well_formed_and_inert(site):
    raw = site.html("pw")
    svgs = re.findall(r"<svg .*?</svg>", raw, re.S)
    assert len(svgs) == 1
    root = ET.fromstring(svgs[0])
    ns = "{http://www.w3.org/2000/svg}"
    for el in root.iter():
        for attr, value in el.attrib.items():
            assert not attr.lower().startswith("on"), (el.tag, attr)
            if attr in ("href", "{http://www.w3.org/1999/xlink}href"):
                assert value.startswith(("#", "ent.html", "dis.html")), value
        assert el.tag not in (f"{ns}script", f"{ns}foreignObject", f"{ns}image"), el.tag
    edges = [g for g in root.iter(f"{ns}g") if g.get("role") == "button"]
    assert len(edges) == 3
    first = edges[0]
    assert first.get("data-label") == 'label "><svg onload=alert("e1")>'
    cites = json.loads(first.get("data-cites"))
    assert [c[0] for c in cites] == ["#ref-evil1", "#ref-evil2"]
    assert "<script>" in cites[0][1]  # the author's name, as data
    assert first.get("data-diseases").split(" ")[0] == "DIS"
    nodes = {g.get("data-node"): g for g in root.iter() if g.get("data-node")}
    assert '<script>alert("nd1")</script>' in nodes
    assert nodes["EVIL"].tag == f"{ns}a" and nodes["EVIL"].get("href") == "ent.html#entity-EVIL"
    # the disease switch: option values and texts are data too
    figure = BeautifulSoup(raw, "html.parser").select_one("figure.atlas-pathway")
    options = [(o["value"], o.get_text()) for o in figure.select("option")]
    # (an entity's option shows its display name, not its id: the reader-pages rule)
    assert ("DIS", '<b>Disease</b> "label" <script>alert("dl1")</script>') in options
    assert ('<script>alert("ds1")</script>', '<script>alert("ds1")</script>') in options


def test_standalone_downloads_are_inert(site):
    out = site.outdir / "_atlas" / "pathways"
    svg = (out / "evil.svg").read_text(encoding="utf-8").split("\n", 1)[1]  # without the XML declaration
    assert injected(svg) == []
    ET.fromstring(svg)
    record = (out / "evil.json").read_text(encoding="utf-8")
    assert "<" not in record and ">" not in record
    assert json.loads(record)["caption"].startswith('Caption <script>alert("c1")</script>')


def _urls(obj, path="$"):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("url", "href") and v is not None:
                yield f"{path}.{k}", v
            else:
                yield from _urls(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _urls(v, f"{path}[{i}]")


def test_json_exports_hold_data_and_only_safe_urls(site):
    atlas = json.loads((site.outdir / "atlas.json").read_text(encoding="utf-8"))
    refs = json.loads((site.outdir / "_atlas" / "references.json").read_text(encoding="utf-8"))
    assert atlas["references"] == refs
    for where, url in [*_urls(atlas), *_urls(refs)]:
        assert _scheme(url) in SAFE_SCHEMES, (where, url)
    evil1 = next(r for r in refs if r["key"] == "evil1")
    assert evil1["title"].startswith("<img src=x")  # data stays data: JSON is not HTML
    assert evil1["doi"] is None and evil1["pmid"] is None and evil1["pmcid"] is None
    assert evil1["links"] == [] and evil1["evidence"] == ["review"]
    ent = next(e for e in atlas["entities"] if e["id"] == "EVIL")
    assert [x["url"] for x in ent["xrefs"]] == [None, None, "https://www.ncbi.nlm.nih.gov/gene/3570", None]
    pw = atlas["pathways"][0]
    assert pw["title"] == "Title <img src=x onerror=alert(\"pt2\")> \"q\" 'q'"


def test_bib_downloads_round_trip_without_new_fields_or_entries(site):
    for name in ("refs/index.bib", "references.bib"):
        text = (site.outdir / "_atlas" / name).read_text(encoding="utf-8")
        lib = bibtexparser.parse_string(text)
        assert lib.failed_blocks == [], name
        keys = [e.key for e in lib.entries]
        assert sorted(keys) == sorted(["evil1", "evil2", "evil3", "evil4", "evil5", "evil<i>&6"]), keys
        original = {e.key: {f.key: f.value for f in e.fields} for e in bibtexparser.parse_string(EVIL_BIB).entries}
        for entry in lib.entries:
            fields = {f.key: f.value for f in entry.fields}
            assert fields == {k: v.strip() for k, v in original[entry.key].items()}, entry.key


RIS_LINE = re.compile(r"^(?:[A-Z][A-Z0-9]  - .*|ER  -|)$")


def test_ris_downloads_keep_one_field_per_line(site):
    for name in ("refs/index.ris", "references.ris"):
        data = (site.outdir / "_atlas" / name).read_bytes().decode("utf-8")
        lines = data.split("\r\n")
        assert all(RIS_LINE.match(line) for line in lines), [x for x in lines if not RIS_LINE.match(x)]
        assert data.count("TY  - ") == data.count("ER  -") == 6
        assert [x for x in lines if x.startswith("UR  - ")] == []  # no usable URL in the evil store
        assert "\n" not in data.replace("\r\n", "")


# -- in a real browser ------------------------------------------------------------------------


@pytest.mark.browser
def test_tooltips_in_a_browser_stay_inert(site, page, serve):
    base = serve(site.outdir)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    count_js = """() => ({
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
            .filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name)),
        inline: [...document.querySelectorAll('script:not([src])')].length,
        embeds: document.querySelectorAll('img, iframe, object, embed').length,
    })"""
    for doc in ("index", "pw", "refs"):
        page.goto(base + f"{doc}.html")
        before = page.evaluate(count_js)
        for sel in ("a.atlas-cite", ".atlas-pw-edge", ".atlas-pw-node"):
            items = page.locator(sel)
            for i in range(items.count()):
                items.nth(i).focus()
                items.nth(i).hover()
        after = page.evaluate(count_js)
        assert after == before and after["handlers"] == [] and after["embeds"] == 0, (doc, after)
        if doc == "pw":
            page.locator(".atlas-pw-edge").first.focus()
            tip = page.locator(".atlas-pw-tooltip")
            assert 'label "><svg onload=alert("e1")>' in tip.text_content()
            assert tip.locator("svg, script, img").count() == 0
            assert all(h.startswith("#") for h in tip.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))"))
        if doc == "index":
            page.locator("a.atlas-cite").first.hover()
            preview = page.locator(".atlas-preview")
            assert '<img src=x onerror=alert("t1")>' in preview.text_content()
    assert dialogs == [] and page.errors == []
