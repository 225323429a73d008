"""CSL-JSON downloads, per page and for the whole store, valid against the CSL 1.0 data schema.

The schema (tests/fixtures/csl/csl-data.json, MIT, from citation-style-language/schema)
is the one Zotero, Pandoc and citeproc processors implement; ``additionalProperties`` is
false there, so a misspelt variable fails too.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, build, html
from sphinxcontrib.atlas.citations.cache import store_paths
from sphinxcontrib.atlas.citations.csljson import csl_item, to_csl_json
from sphinxcontrib.atlas.citations.store import build_store
from test_citations_reading import store_of

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "csl" / "csl-data.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def errors(data) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_the_schema_itself_is_valid_and_rejects_a_bad_item():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert errors([{"id": "x", "type": "journal-article"}])  # not a CSL type
    assert errors([{"id": "x", "type": "book", "doi": "10.1/x"}])  # variables are case-sensitive


@pytest.mark.sphinx("html", testroot="cite-basic", srcdir="cite-basic-csljson")
def test_page_and_store_downloads_validate(app):
    build(app)
    out = Path(app.outdir)
    page = json.loads((out / "_atlas/refs/index.csl.json").read_text(encoding="utf-8"))
    store = json.loads((out / "_atlas/references.csl.json").read_text(encoding="utf-8"))
    assert errors(page) == [] and errors(store) == []
    assert sorted(i["id"] for i in page) == ["matthes2016revisiting", "mei2022bone", "stevens2017a",
                                             "wang2019increased"]
    assert len(store) == len(app.env.domains["cite"].store_state.store.refs)
    wang = next(i for i in page if i["id"] == "wang2019increased")
    assert wang["type"] == "article-journal"
    assert wang["author"][0] == {"family": "Wang", "given": "Hua-Qing"}
    assert wang["container-title"] == "Journal of Cellular Physiology"
    assert (wang["volume"], wang["issue"], wang["page"]) == ("234", "8", "13994–14006")
    assert wang["issued"] == {"date-parts": [[2019]]}
    assert (wang["PMID"], wang["PMCID"]) == ("30623437", "PMC6590298")
    # the store page links all three store downloads
    links = {a.get_text(): a["href"] for a in
             __import__("bs4").BeautifulSoup(html(app, "references"), "html.parser").select("a.atlas-download")}
    assert links["CSL-JSON"] == "_atlas/references.csl.json"


def test_every_entry_type_maps_to_a_valid_item(tmp_path):
    s = store_of(tmp_path, r"""
@article{a, author={Dale, AM and {World Health Organization}}, title={T}, journal={J}, year={1999}, month={mar},
  doi={10.1002/(SICI)1097-0193(1999)8:4<272::AID-HBM10>3.0.CO;2-4}, pmid={1}}
@book{b, editor={van der Berg, J. and King, Jr., M. L.}, editortype={compiler}, title={B}, edition={2},
  location={Oxford}, publisher={OUP}, date={2001-04-05}, origdate={1890}, isbn={978-3-16-148410-0}}
@incollection{c, author={R, R}, title={C}, booktitle={B}, editor={E, E}, pages={1--9}, year={2002}}
@inproceedings{p, author={R, R}, title={P}, booktitle={Proc}, year={2003}}
@phdthesis{t, author={P, E}, title={T}, school={MIT}, year={2004}}
@techreport{r, author={N, A}, title={R}, institution={NIST}, number={42}, year={2005}}
@online{o, title={O}, url={https://example.org/}, date={2006}}
@misc{x, author={Z, Z}, title={X}, eprint={2101.00001}, archivePrefix={arXiv}, year={2021}}
@software{s, author={Z, Z}, title={S}, year={circa 2020}}
@unpublished{u, author={Z, Z}, title={U}}
@weirdtype{w, title={W}}
""")
    items = [csl_item(ref) for ref in s]
    assert errors(items) == []
    by_id = {i["id"]: i for i in items}
    assert {k: v["type"] for k, v in by_id.items()} == {
        "a": "article-journal", "b": "book", "c": "chapter", "p": "paper-conference", "t": "thesis", "r": "report",
        "o": "webpage", "x": "article", "s": "software", "u": "manuscript", "w": "document"}
    assert by_id["a"]["author"][1] == {"literal": "World Health Organization"}
    assert by_id["a"]["issued"] == {"date-parts": [[1999, 3]]}
    assert by_id["b"]["compiler"][0] == {"family": "Berg", "given": "J.", "non-dropping-particle": "van der"}
    assert by_id["b"]["compiler"][1]["suffix"] == "Jr."
    assert by_id["b"]["original-date"] == {"date-parts": [[1890]]}
    assert by_id["b"]["ISBN"] == "9783161484100" and by_id["b"]["issued"] == {"date-parts": [[2001, 4]]}
    assert by_id["c"]["editor"] == [{"family": "E", "given": "E"}] and by_id["c"]["container-title"] == "B"
    assert by_id["r"]["number"] == "42" and by_id["r"]["publisher"] == "NIST"
    assert by_id["x"]["URL"] == "https://arxiv.org/abs/2101.00001"
    assert by_id["s"]["issued"] == {"literal": "circa 2020"}
    assert json.loads(to_csl_json(list(s))) == items


def test_the_atlas_store_exports_valid_csl_json():
    paths, _ = store_paths(ROOT, ("citations/*.bib",))
    store = build_store(paths)
    data = json.loads(to_csl_json(list(store)))
    assert len(data) == len(store) > 100
    assert errors(data) == []
