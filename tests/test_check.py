"""Unit tests of `make check`'s page reading (the whole command is tested in test_site)."""

from __future__ import annotations

from sphinxcontrib.atlas.check import check_pages
from sphinxcontrib.atlas.check.markdown import read_page


def _cites(text: str) -> list[tuple[str, int]]:
    return [(r.content, r.line) for r in read_page(text).roles if r.name.startswith("cite")]


def test_roles_in_code_spans_are_not_roles():
    text = "see {cite:p}`a1,b2` and `{cite:t}` and `` {cite:p}`x` `` then {cite:t}`c3`\n"
    assert _cites(text) == [("a1,b2", 1), ("c3", 1)]


def test_role_lines_are_exact_inside_paragraphs_lists_and_tables():
    text = (
        "# T\n\n"
        "A paragraph that runs\nover three lines and cites {cite:p}`p3` on\nits second line.\n\n"
        "- item one\n- item {cite:t}`l8`\n\n"
        "| a | b |\n| --- | --- |\n| x | {cite:p}`t12` |\n"
    )
    assert _cites(text) == [("p3", 4), ("l8", 8), ("t12", 12)]


def test_literal_code_blocks_are_not_scanned_but_directive_bodies_are(tmp_path):
    docs = tmp_path / "docs" / "diseases"
    docs.mkdir(parents=True)
    (docs / "x.md").write_text(
        "---\nsummary: s\nlast-reviewed: 2026-01-02\n---\n# X\n\n"
        "```{admonition} Note\n:class: tip\n\nInside a directive {cite:p}`known1`.\n```\n\n"
        "```md\nAn example {cite:p}`example9` in a code block.\n```\n\n"
        "Prose {cite:p}`missing7`.\n",
        encoding="utf-8",
    )
    problems, cited = check_pages(tmp_path / "docs", {"known1"}, min_refs={"diseases": 1})
    assert cited == {"known1", "missing7"}
    assert [(p.line, p.kind.subtype) for p in problems] == [(17, "cite.unknown")]


def test_nested_directive_lines_and_pathway_keys():
    text = (
        "# T\n\n"
        "::::{note}\nOuter.\n\n:::{tip}\nInner {cite:p}`deep9`.\n:::\n::::\n\n"
        "```{pathway} P\n:name: p\n\nA -> B : x [k1]\nB -> C [k2]\n```\n"
    )
    page = read_page(text, ("colon_fence",))
    assert [(r.content, r.line) for r in page.roles] == [("deep9", 7)]
    pathway = next(d for d in page.directives if d.name == "pathway")
    assert pathway.options == {"name": "p"} and pathway.line == 11
    assert pathway.body == ((14, "A -> B : x [k1]"), (15, "B -> C [k2]"))


def test_front_matter_is_read_as_yaml(tmp_path):
    page = read_page("---\nsummary: >-\n  two\n  lines\nlast-reviewed: 2026-01-02\n---\n# T\n")
    assert page.front_matter["summary"] == "two lines" and str(page.front_matter["last-reviewed"]) == "2026-01-02"
    docs = tmp_path / "docs" / "diseases"
    docs.mkdir(parents=True)
    (docs / "bad.md").write_text("---\nsummary: [unclosed\n---\n# Bad\n", encoding="utf-8")
    problems, _ = check_pages(tmp_path / "docs", set(), min_refs={})
    assert [(p.line, p.kind.subtype) for p in problems] == [(1, "page.metadata")]
    assert "not valid YAML" in problems[0].message


def test_an_approved_claim_names_agency_and_year(tmp_path):
    from sphinxcontrib.atlas.check.integrity import approval_problems

    text = (
        "# T\n\n"
        "Siltuximab was approved by the US FDA in 2014 for iMCD {cite:p}`k1`. Tocilizumab is the\n"
        "approved treatment of this disease. It was approved in Japan.\n\n"
        "- No STAT3 inhibitor has been approved.\n"
        "- Sarilumab is FDA-approved for arthritis (2017).\n"
        "- It is approved in more than 100 countries.\n"
    )
    found = approval_problems("p.md", read_page(text))
    assert [(p.line, p.kind.subtype, p.message.split(":")[0]) for p in found] == [
        (3, "page.approval", "an 'approved' claim must name the agency or country and the year"),
        (4, "page.approval", "an 'approved' claim must name the year"),
        (8, "page.approval", "an 'approved' claim must name the agency or country and the year"),
    ]


def test_too_few_references_is_its_own_kind_and_a_draft_is_exempt(tmp_path):
    docs = tmp_path / "docs" / "diseases"
    docs.mkdir(parents=True)
    page = "---\nsummary: s\nlast-reviewed: 2026-01-02\n{status}---\n# X\n\nA claim {{cite:p}}`k1`.\n"
    (docs / "thin.md").write_text(page.format(status=""), encoding="utf-8")
    (docs / "growing.md").write_text(page.format(status="status: draft\n"), encoding="utf-8")
    problems, _ = check_pages(tmp_path / "docs", {"k1"})
    assert [(p.path.rsplit("/", 1)[1], p.line, p.kind.subtype) for p in problems] == [("thin.md", 1, "page.references")]
    assert "diseases pages need at least 8 (or 'status: draft' while the page grows)" in problems[0].message


def test_changelog_entries_are_checked_like_the_build_checks_them(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "mds.md").write_text("# MDS\n")
    (docs / "changes.md").write_text(
        "# What changed\n\n```{change} 2026-12-02\n:pages: mds\n\nFine.\n```\n\n"
        "```{change} 2 December\n\nNo ISO date.\n```\n\n```{change} 2026-12-03\n```\n\n"
        "```{change} 2026-12-04\n:pages: mds, msd-typo\n\nA page that does not exist.\n```\n")
    problems, _ = check_pages(docs, set(), min_refs={})
    assert [(p.line, p.kind.subtype, p.message) for p in problems] == [
        (9, "page.change", "change date '2 December' is not a YYYY-MM-DD date"),
        (14, "page.change", "the change of 2026-12-03 says nothing: write what changed"),
        (17, "page.change", "the change of 2026-12-04 names page 'msd-typo', which does not exist"),
    ]


def test_pathway_cells_and_genes_are_checked_at_the_directive_line(tmp_path):
    """make check reads :cells:, :cell: and NAME gene the way the build does (the build's
    side: test_pathways_build.test_cells_bad_input_warns_at_the_directive)."""
    from test_pathways_build import CELLS_SITE

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ents.md").write_text(CELLS_SITE["ents.md"], encoding="utf-8")
    good = CELLS_SITE["index.md"]
    bad = good.replace(":cells: stroma: NFK, stroma gene-less; \n:cell: tumour cells",
                       ":cells: stroma: NFK, ghost; IL6; stroma: TF; x: [y]\n:cell: STROMA")
    (docs / "index.md").write_text(good.replace(", stroma gene-less", ""), encoding="utf-8")
    problems, _ = check_pages(docs, {"good2020"}, min_refs={})
    pathway_kinds = [p for p in problems if p.kind.subtype.startswith(("pathway", "entity"))]
    assert pathway_kinds == []  # "TARG gene" is the gene of TARG, not an unknown entity
    (docs / "index.md").write_text(bad, encoding="utf-8")
    problems, _ = check_pages(docs, {"good2020"}, min_refs={})
    line = bad.splitlines().index("```{pathway} Niche") + 1
    found = sorted((p.line, p.message) for p in problems if p.kind.subtype == "pathway.syntax")
    assert [m for _, m in found] == sorted([
        ":cells: 'stroma' is named twice",
        ":cells: 'x: [y]' is not 'CELL: NODE, NODE' (or 'CELL' alone)",
        "pathway 'niche': :cells: names 'IL6', which is not a cell entity (kind: cell)",
        "pathway 'niche': :cells: names 'ghost', which is not a node of this diagram",
        "pathway 'niche': :cell: 'STROMA' is also one of the other cells (:cells:)",
    ])
    assert {n for n, _ in found} == {line}
