"""Pure tests of the pathway body parser (no Sphinx)."""

from __future__ import annotations

import pytest
from sphinxcontrib.atlas.pathways.parse import (
    Edge,
    check_edges,
    gene_base,
    nodes_of,
    parse_body,
    parse_cell,
    parse_cells,
    parse_line,
    parse_pathway,
    strip_comment,
)
from sphinxcontrib.atlas.problems import AtlasWarning


def _parse(text: str, first: int = 10, directive: int = 7):
    return parse_pathway(text.splitlines(), first, directive)


def test_all_relations_labels_and_keys():
    edges, problems = _parse(
        "IL6 -- IL6R : binds [taga1989interleukin]\n"
        "IL6ST -> JAK1 : activates [a, b]\n"
        "SOCS3 -| JAK1 : inhibits [c]\n"
        "STAT3 ..> IL6 : secreted [d]\n"
    )
    assert problems == []
    assert edges == [
        Edge("IL6", "IL6R", "binds", "binds", ("taga1989interleukin",), 10),
        Edge("IL6ST", "JAK1", "activates", "activates", ("a", "b"), 11),
        Edge("SOCS3", "JAK1", "inhibits", "inhibits", ("c",), 12),
        Edge("STAT3", "IL6", "indirect", "secreted", ("d",), 13),
    ]
    assert [e.operator for e in edges] == ["--", "->", "-|", "..>"]


def test_label_optional_names_with_hyphens_and_spaces():
    edges, problems = _parse("IL-6 -> MDS-AML [k]\nsoluble IL-6R   --   gp130 :  forms   a complex  [k2,k3]")
    assert problems == []
    assert edges[0] == Edge("IL-6", "MDS-AML", "activates", "", ("k",), 10)
    assert edges[1] == Edge("soluble IL-6R", "gp130", "binds", "forms a complex", ("k2", "k3"), 11)


def test_label_may_contain_colons_quotes_and_markup():
    edge, problems = parse_line('A -> B : x: "<script>alert(1)</script>" javascript:void(0) [k]', 3)
    assert problems == []
    assert edge.label == 'x: "<script>alert(1)</script>" javascript:void(0)'


def test_comments_and_blank_lines_keep_line_numbers():
    text = "# heading comment\n\nA -> B : x [k]   # trailing comment\n   \n# A -> C [k]\nB -> C [k]\n"
    edges, problems = _parse(text, first=20)
    assert problems == []
    assert [(e.source, e.target, e.lineno) for e in edges] == [("A", "B", 22), ("B", "C", 25)]
    assert strip_comment("A#B -> C") == "A#B -> C"  # '#' inside a word is not a comment


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("A B : label [k]", "no arrow"),
        ("A->B [k]", "put spaces around the arrow"),
        ("A -> B -> C [k]", "one edge per line"),
        ("-> B [k]", "needs a source and a target"),
        ("A -> : x [k]", "needs a source and a target"),
        ("A -> B : x [k1,, k2]", "empty citation key"),
        ("A -> B : x [k 1]", "malformed citation key"),
        ("A -> B : x k]", "unbalanced"),
        ("A -> B : x [k] more", "citations go in one"),
        ("A -> B : see [1] here [k]", "citations go in one"),
    ],
)
def test_syntax_errors_are_located(line, message):
    edges, problems = _parse(f"X -> Y [k]\n{line}\nY -> Z [k]", first=31, directive=29)
    assert [(e.source, e.target) for e in edges] == [("X", "Y"), ("Y", "Z")]  # the rest still parses
    assert len(problems) == 1
    assert problems[0].kind.subtype == "pathway.syntax"
    assert problems[0].line == 32
    assert message in problems[0].message


@pytest.mark.parametrize("line", ["A -> B : label", "A -> B", "A -> B : label []", "A -> B [ , ]"])
def test_uncited_edge_warns_but_is_kept(line):
    edges, problems = _parse(f"\n{line}", first=5)
    assert [(e.source, e.target, e.keys) for e in edges] == [("A", "B", ())]
    kinds = [(p.kind.subtype, p.line) for p in problems]
    assert kinds == [("pathway.uncited", 6)] or (line == "A -> B [ , ]" and kinds == [("pathway.syntax", 6)])


def test_self_loop_and_duplicates():
    text = "A -> A [k]\nA -> B [k]\nA -> B : again [k]\nB -- A [k]\nA -- B [k]\nA -| B [k]\nB -> A [k]"
    edges, problems = _parse(text, first=1)
    assert [(p.kind.subtype, p.line) for p in problems] == [("pathway.edge", 1), ("pathway.edge", 3), ("pathway.edge", 5)]
    assert "self-loop" in problems[0].message
    assert "first on line 2" in problems[1].message
    assert "first on line 4" in problems[2].message  # binds is undirected
    assert [(e.source, e.relation, e.target) for e in edges] == [
        ("A", "activates", "B"), ("B", "binds", "A"), ("A", "inhibits", "B"), ("B", "activates", "A"),
    ]


def test_duplicates_through_aliases():
    edges, _ = parse_body(["IL6 -> IL6R [k]", "IL-6 -> CD126 [k]"], 1)
    canonical = {"IL-6": "IL6", "CD126": "IL6R"}.get
    kept, problems = check_edges(edges, lambda n: canonical(n) or n)
    assert len(kept) == 1
    assert [(p.kind.subtype, p.line) for p in problems] == [("pathway.edge", 2)]


def test_empty_diagram_warns_at_the_directive_line():
    edges, problems = _parse("# only a comment\n\n", first=12, directive=9)
    assert edges == []
    assert [(p.kind.subtype, p.line) for p in problems] == [("pathway.empty", 9)]
    edges, problems = _parse("nonsense\nA -> A [k]", first=12, directive=9)
    assert [(p.kind.subtype, p.line) for p in problems] == [
        ("pathway.empty", 9), ("pathway.syntax", 12), ("pathway.edge", 13)]


def test_nodes_in_first_appearance_order():
    edges, _ = parse_body(["B -> A [k]", "A -> C [k]", "D -| B [k]"], 1)
    assert nodes_of(edges) == ["B", "A", "C", "D"]


def test_edge_context_group_diseases_and_direction():
    edges, problems = _parse(
        "JAK1 -> STAT3 : phosphorylates [k] {diseases: MM, CLL}\n"
        "siltuximab -| IL6 : no benefit [k2] {diseases: MM; evidence: against}\n"
        "IL6 -> STAT3 [k3] { evidence : Supports }\n"
    )
    assert problems == []
    assert edges[0] == Edge("JAK1", "STAT3", "activates", "phosphorylates", ("k",), 10, ("MM", "CLL"), "supports")
    assert edges[1].diseases == ("MM",) and edges[1].direction == "against"
    assert edges[2].diseases == () and edges[2].direction == "supports"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("A -> B [k] {model: mouse}", "unknown context 'model'"),
        ("A -> B [k] {diseases: MM; diseases: CLL}", "'diseases' given twice"),
        ("A -> B [k] {evidence: maybe}", "evidence must be one of supports, against"),
        ("A -> B [k] {diseases: }", "bad disease list"),
        ("A -> B [k] {}", "empty context group"),
        ("A -> B {diseases: MM} [k]", "goes last on the line"),
        ("A -> B [k] diseases: MM}", "unbalanced '}'"),
    ],
)
def test_edge_context_group_errors(line, message):
    edge, problems = parse_line(line, 4)
    assert edge is None
    assert [p.kind.subtype for p in problems] == ["pathway.syntax"]
    assert message in problems[0].message and problems[0].line == 4


def test_cells_option():
    cells, problems = parse_cells("BMSC: NFKB, IL-6 gene; myeloid  precursors; ", 7)
    assert problems == []
    assert cells == (("BMSC", ("NFKB", "IL-6 gene")), ("myeloid precursors", ()))
    assert parse_cells("", 7) == ((), [])


@pytest.mark.parametrize(("text", "message"), [
    ("BMSC:", "is not 'CELL: NODE, NODE'"),
    ("BMSC: A,, B", "is not 'CELL: NODE, NODE'"),
    ("BMSC: [x]", "is not 'CELL: NODE, NODE'"),
    ("BMSC: A; BMSC: B", "'BMSC' is named twice"),
    ("BMSC: A; MP: A", "'A' is placed in two cells"),
    ("BMSC: MP; MP", "'MP' is named twice"),
])
def test_cells_option_errors(text, message):
    cells, problems = parse_cells(text, 12)
    assert len(problems) == 1 and problems[0].line == 12 and message in problems[0].message
    assert problems[0].kind is AtlasWarning.PATHWAY_SYNTAX and problems[0].message.startswith(":cells: ")
    assert len(cells) == text.count(";")  # the bad group is skipped, the others kept


def test_cell_option_and_gene_names():
    assert parse_cell(" myeloma   cells ", 3) == ("myeloma cells", [])
    name, problems = parse_cell("a: b", 3)
    assert name == "" and problems[0].line == 3 and ":cell:" in problems[0].message
    assert gene_base("SOCS3 gene") == "SOCS3" and gene_base("nuclear STAT3 gene") == "nuclear STAT3"
    assert gene_base("SOCS3") == "" and gene_base("gene") == "" and gene_base("genes") == ""
