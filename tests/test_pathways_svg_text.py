"""How a node's label is written into the SVG: a wrapped label's lines read as words, and
the space between them is a text chunk of its own (it neither shifts the centred first
line nor takes the link underline)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sphinxcontrib.atlas.pathways.geometry import EdgeSpec, NodeSpec
from sphinxcontrib.atlas.pathways.layout import layout
from sphinxcontrib.atlas.pathways.svg import STANDALONE_CSS, SvgEdge, SvgNode, render_svg

NS = "{http://www.w3.org/2000/svg}"


def _node_text(label: str) -> ET.Element:
    lay = layout([NodeSpec("A", label, 0), NodeSpec("B", "B", 1)], [EdgeSpec("A", "B", "acts")])
    svg = render_svg("pw", "T", "D", lay, {"A": SvgNode("A", label, "a.html#e", "disease"),
                                             "B": SvgNode("B", "B", None)},
                     [SvgEdge("A", "B", "activates", "acts", (), ())])
    root = ET.fromstring(svg)
    link = next(a for a in root.iter(f"{NS}a") if a.get("data-node") == "A")
    return link.find(f"{NS}text")


def test_a_wrapped_label_reads_as_words_with_the_space_as_its_own_chunk():
    text = _node_text("MDS to AML progression in mice")
    spans = text.findall(f"{NS}tspan")
    assert "".join(text.itertext()) == "MDS to AML progression in mice"
    assert [s.get("class") for s in spans] == [None, "atlas-pw-gap", None]
    assert spans[1].text == " " and all(not s.tail for s in spans)
    # each chunk is placed on its own (centred at the node's middle), the gap on the second line
    assert spans[0].get("x") == spans[1].get("x") == spans[2].get("x")
    assert spans[1].get("y") == spans[2].get("y") != spans[0].get("y")


def test_a_one_line_label_has_no_chunks_and_the_gap_is_never_underlined():
    text = _node_text("IL-6")
    assert text.text == "IL-6" and not text.findall(f"{NS}tspan")
    assert "a.atlas-pw-node{text-decoration:none}" in STANDALONE_CSS
    assert ".atlas-pw-gap{text-decoration:none}" in STANDALONE_CSS
