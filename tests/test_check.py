"""Unit tests of `make check`'s Markdown scanning (the whole command is tested in test_site)."""

from __future__ import annotations

from sphinxcontrib.atlas.check import check_pages, cite_roles


def test_cite_roles_skip_inline_code():
    line = "see {cite:p}`a1,b2` and `{cite:t}` and `` {cite:p}`x` `` then {cite:t}`c3`"
    assert cite_roles(line) == ["a1,b2", "c3"]


def test_literal_code_blocks_are_not_scanned_but_directive_bodies_are(tmp_path):
    docs = tmp_path / "docs" / "diseases"
    docs.mkdir(parents=True)
    (docs / "x.md").write_text(
        "---\nsummary: s\nlast-reviewed: 2026-01-02\n---\n# X\n\n"
        "```{admonition} Note\nInside a directive {cite:p}`known1`.\n```\n\n"
        "```md\nAn example {cite:p}`example9` in a code block.\n```\n\n"
        "Prose {cite:p}`missing7`.\n",
        encoding="utf-8",
    )
    findings, cited = check_pages(tmp_path / "docs", {"known1"}, min_refs=1)
    assert cited == {"known1", "missing7"}
    assert [(f.line, f.subtype) for f in findings] == [(15, "cite.unknown")]
