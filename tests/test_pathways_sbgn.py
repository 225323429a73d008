"""SBGN-ML downloads: every pathway's ``.sbgn`` validates against the official SBGN.xsd
(libsbgn 0.3, tests/fixtures/sbgn) with lxml and says what the diagram says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build, html
from lxml import etree

XSD = Path(__file__).parent / "fixtures" / "sbgn" / "SBGN.xsd"
NS = {"s": "http://sbgn.org/libsbgn/0.3", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "bqbiol": "http://biomodels.net/biology-qualifiers/", "x": "http://www.w3.org/1999/xhtml"}
AF_GLYPHS = {"biological activity", "perturbation", "phenotype", "compartment"}
AF_ARCS = {"positive influence", "negative influence", "unknown influence", "necessary stimulation"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def check_file(schema: etree.XMLSchema, path: Path, record: dict) -> etree._Element:
    doc = etree.parse(str(path))
    schema.assertValid(doc)
    m = doc.getroot().find("s:map", NS)
    assert m.get("language") == "activity flow" and "sbgn.af" in m.get("version")
    glyphs = [g for g in m.findall("s:glyph", NS) if g.get("class") != "compartment"]
    arcs = m.findall("s:arc", NS)
    assert len(glyphs) == len(record["nodes"]) and len(arcs) == len(record["edges"])
    assert {g.get("class") for g in m.findall("s:glyph", NS)} <= AF_GLYPHS
    assert {a.get("class") for a in arcs} <= AF_ARCS
    labels = [g.find("s:label", NS).get("text") for g in glyphs]
    assert labels == [n["display"] for n in record["nodes"]]
    # every arc of a cited edge carries its citations as an RDF annotation
    for arc, edge in zip(arcs, record["edges"], strict=True):
        cited = arc.findall(".//bqbiol:isDescribedBy/rdf:Bag/rdf:li", NS)
        if edge["citations"]:
            assert cited and all(li.get(f"{{{NS['rdf']}}}resource").startswith("https://identifiers.org/")
                                 for li in cited)
        if edge["direction"] == "against":
            assert "not supported" in "".join(arc.find("s:notes", NS).itertext())
    return m


@pytest.mark.sphinx("html", testroot="pathway-basic", srcdir="pathway-sbgn")
def test_sbgn_download_validates_and_is_linked(app, schema):
    assert build(app) == ""
    out = Path(app.outdir) / "_atlas" / "pathways"
    record = json.loads((out / "il6-classic.json").read_text())
    m = check_file(schema, out / "il6-classic.sbgn", record)
    glyphs = [g for g in m.findall("s:glyph", NS) if g.get("class") != "compartment"]
    by_id = {n["id"]: g for n, g in zip(record["nodes"], glyphs, strict=True)}
    assert by_id["tocilizumab"].get("class") == "perturbation"
    assert by_id["IL6ST"].get("compartmentRef") == "c-cell"
    assert by_id["IL6"].get("compartmentRef") == "c-extracellular"
    assert by_id["JAK1"].get("class") == "biological activity"
    compartments = {g.find("s:label", NS).get("text") for g in m.findall("s:glyph[@class='compartment']", NS)}
    assert compartments == {"Extracellular", "Cell", "Nucleus"}  # STAT3 has :compartment: nucleus here
    # identifiers of the entity, when declared
    assert record["downloads"] == {"svg": "_atlas/pathways/il6-classic.svg",
                                   "json": "_atlas/pathways/il6-classic.json",
                                   "sbgn-ml": "_atlas/pathways/il6-classic.sbgn"}
    assert 'href="_atlas/pathways/il6-classic.sbgn"' in html(app, "classic")
    atlas = json.loads((Path(app.outdir) / "atlas.json").read_text())
    listed = {p["name"]: p for p in atlas["pathways"]}
    assert listed["il6-classic"]["downloads"]["sbgn-ml"] == "_atlas/pathways/il6-classic.sbgn"


def test_schema_rejects_a_broken_file(schema, tmp_path):
    bad = tmp_path / "bad.sbgn"
    bad.write_text('<sbgn xmlns="http://sbgn.org/libsbgn/0.3"><map id="m" language="activity flow">'
                   '<glyph class="no such class" id="g1"><bbox x="0" y="0" w="1" h="1"/></glyph></map></sbgn>')
    assert not schema.validate(etree.parse(str(bad)))
