"""A catalogue of what contributors really send: malformed BibTeX, typos in keys and ids,
broken pathway lines.  Each case is a tiny generated site built once with ``-W``
(Sphinx >= 8.1 finishes the build and then sets the status code), and must:

* warn exactly the expected located warnings (``path:line: WARNING: ... [type]``), and
  nothing else;
* still render the rest of the page: a good citation and a good entity link on the same
  page, plus whatever the case names;
* never show a traceback, and fail the ``-W`` build (status 1) iff it warned.

Adding a case is one ``Case(...)`` entry.  ``files`` is merged over :data:`BASE`; the
key ``"body"`` is appended to ``index.md`` from line :data:`BODY_LINE` on.  A line in an
expectation is an int or a needle (the first line of that file containing it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import build_site
from sitegen import CONF, WARNING_RE, write_site

# -- the base site ------------------------------------------------------------------

INDEX_HEAD = """\
# Test page

```{toctree}
:glob:
:hidden:

*
```

Good {cite:p}`good2020` and {ent}`GOOD`.

"""
BODY_LINE = INDEX_HEAD.count("\n") + 1  # the body's first line in index.md

BASE: dict[str, str | bytes] = {
    "ent.md": "# Good entity\n\n```{entity} GOOD\n:kind: molecule\n:label: Good molecule\n:aliases: goodie\n```\n",
    "citations/good.bib": (
        "@article{good2020,\n  author = {Good, Gina},\n  title = {A good paper},\n  journal = {J Good},\n"
        "  year = {2020},\n  pmid = {1},\n}\n"
    ),
}


def bib(key: str, *, etype: str = "article", skip: tuple[str, ...] = (), **fields: str) -> str:
    """One well-formed entry (author, title, journal, year, pmid) with overrides."""
    values = {"author": "Okay, Olga", "title": f"Title of {key}", "journal": "J Ok", "year": "2021", "pmid": "2"}
    values.update(fields)
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in values.items() if name not in skip)
    return f"@{etype}{{{key},\n{body}}}\n"


OK = bib("ok2021")  # a good second entry, cited as "(Okay, 2021)"


@dataclass(frozen=True)
class Expect:
    file: str  # relative to the source folder
    line: int | str  # a line number, or a needle: the first line containing it
    type: str  # "atlas.bib.syntax", or Sphinx's own type ("myst.role_unknown")
    text: str  # a part of the message


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]
    expected_warnings: list[Expect] = field(default_factory=list)
    still_rendered: list[tuple[str, str]] = field(default_factory=list)  # (docname, text in main)
    absent: list[tuple[str, str]] = field(default_factory=list)  # (docname, text never shown)


def W(file: str, line: int | str, subtype: str, text: str) -> Expect:
    """An expected warning; ``subtype`` is ours ("bib.syntax") or Sphinx's own ("myst.role_unknown")."""
    own = subtype.startswith(("myst.", "docutils", "misc.", "toc.", "ref."))
    return Expect(file, line, subtype if own else f"atlas.{subtype}", text)


X = "citations/x.bib"
IDX = "index.md"


def cited(*keys: str) -> str:
    return " ".join(f"See {{cite:p}}`{k}`." for k in keys) + "\n"


def pathway(lines: str, *, title: str = "Test pathway", name: str = "", caption: str = "") -> str:
    opts = (f":name: {name}\n" if name else "") + (f":caption: {caption}\n" if caption else "")
    return f"```{{pathway}} {title}\n{opts}{lines}```\n"


def entity_page(title: str, directives: str) -> str:
    return f"# {title}\n\n{directives}"


def entity(eid: str, **options: str) -> str:
    opts = "".join(f":{k}: {v}\n" for k, v in options.items())
    return f"```{{entity}} {eid}\n{opts}```\n"


# a page of declared nodes for pathway cases
NODES = entity_page("Nodes", "".join(entity(n, kind="molecule", label=f"{n} protein") for n in ("AAA", "BBB", "CCC")))

# a generated 500-edge diagram over 100 declared nodes, in ten layers
BIG_NODES = [f"N{i:03d}" for i in range(100)]
BIG_EDGES = sorted({(BIG_NODES[i], BIG_NODES[(i // 10 + 1) * 10 + (i * 7 + k * 3) % 10])
                    for i in range(90) for k in range(6)})[:500]

# -- the catalogue ----------------------------------------------------------------------

CASES: list[Case] = [
    # ---- the store --------------------------------------------------------------------
    Case("bib-unbalanced-braces",
         {X: "@article{broken2020,\n  title = {Un{balanced},\n  year = {2020},\n}\n\n" + OK, "body": cited("ok2021")},
         [W(X, "@article{broken2020", "bib.syntax", "could not parse the block starting '@article{broken2020,'")],
         [("index", "(Okay, 2021)")]),
    Case("bib-truncated-file",
         {X: OK + "\n@article{cut2020,\n  author = {Cut, C},\n  title = {Cut off", "body": cited("ok2021")},
         [W(X, "@article{cut2020", "bib.syntax", "could not parse the block starting '@article{cut2020,'")],
         [("index", "(Okay, 2021)")]),
    Case("bib-missing-comma-between-fields",
         {X: "@article{nocomma,\n  author = {No, Comma}\n  title = {T},\n  journal = {J},\n  year = {2020},\n"
             "  pmid = {3},\n}\n" + OK, "body": cited("ok2021")},
         [W(X, "author", "bib.syntax", "field 'author' = '{No, Comma}\\n  title = {T}' is not a braced or quoted "
            "value (an undefined @string macro or a missing comma?)"),
          W(X, 1, "bib.field", "'nocomma': @article is missing title")],
         [("index", "(Okay, 2021)")]),
    Case("bib-duplicate-key-in-file",
         {X: bib("dupe2020", title="First title") + "\n" + bib("dupe2020", title="Second title"),
          "body": cited("dupe2020")},
         [W(X, 9, "bib.duplicate", "duplicate key 'dupe2020' (first defined at line 1); this definition is ignored")],
         [("index", "First title")], [("index", "Second title")]),
    Case("bib-duplicate-key-across-files",
         {X: bib("good2020", title="An impostor")},
         [W(X, 1, "bib.duplicate", "duplicate key 'good2020': already defined at ")],
         [("index", "A good paper")], [("index", "An impostor")]),
    Case("bib-duplicate-field",  # a repeat that changes what readers see: the first is kept, the repeat located
         {X: bib("twice2020") .replace("  year", "  title = {Again},\n  year") + OK, "body": cited("twice2020")},
         [W(X, "{Again}", "bib.field", "entry 'twice2020' repeats field 'title' with a different value ('Again')")],
         [("index", "Title of twice2020")], [("index", "Again")]),
    Case("bib-repeated-notes-merged",  # Zotero writes each note as its own annote: kept, merged, no warning
         {X: bib("notes2020").replace("  year", "  annote = {One},\n  annote = {Two},\n  year"),
          "body": cited("notes2020")},
         [], [("index", "Title of notes2020")]),
    Case("bib-missing-fields",
         {X: "@article{nofields2020,\n  pmid = {5},\n}\n", "body": cited("nofields2020")},
         [W(X, 1, "bib.field", "'nofields2020': @article is missing author, title, journal, year")],
         [("index", "(nofields2020, n.d.)"), ("index", "PMID 5")]),
    Case("bib-misc-missing-year",  # BibTeX requires no year for @misc: not a problem
         {X: "@misc{noyear,\n  title = {Undated},\n  doi = {10.1000/xyz},\n}\n", "body": cited("noyear")},
         [], [("index", "(Undated, n.d.)")]),
    Case("bib-book-missing-year",
         {X: "@book{noyearbook,\n  title = {Undated book},\n  publisher = {P},\n}\n", "body": cited("noyearbook")},
         [W(X, 1, "bib.field", "'noyearbook': @book is missing year")],
         [("index", "(Undated book, n.d.)")]),
    Case("bib-bad-doi",
         {X: bib("baddoi", doi="doi-is-not-this"), "body": cited("baddoi")},
         [W(X, 1, "bib.identifier", "'baddoi': malformed DOI 'doi-is-not-this' (expected 10.NNNN/...)")],
         [("index", "PMID 2")], [("index", "doi-is-not-this")]),
    Case("bib-doi-written-as-url",  # normalised, not an error
         {X: bib("doiurl", doi="https://doi.org/10.1000/abc.1", skip=("pmid",)), "body": cited("doiurl")},
         [], [("index", "doi:10.1000/abc.1")]),
    Case("bib-bad-pmid",
         {X: bib("badpmid", pmid="PMID: 12ab"), "body": cited("badpmid")},
         [W(X, 1, "bib.identifier", "'badpmid': malformed PMID 'PMID: 12ab' (expected digits)")],
         [("index", "(Okay, 2021)")], [("index", "12ab")]),
    Case("bib-bad-pmcid",
         {X: bib("badpmc", pmcid="12345"), "body": cited("badpmc")},
         [W(X, 1, "bib.identifier", "'badpmc': malformed PMCID '12345' (expected PMC followed by digits)")],
         [("index", "PMID 2")]),
    Case("bib-no-identifier",  # the default policy requires no identifier
         {X: bib("noid", skip=("pmid",)), "body": cited("noid")},
         [], [("index", "Title of noid")]),
    Case("bib-no-identifier-strict-policy",
         {"conf.py": CONF + 'atlas_identifier_policy = {"article": ["doi", "pmid"]}\n',
          X: bib("noid", skip=("pmid",)), "body": cited("noid")},
         [W(X, 1, "bib.identifier", "'noid': has neither doi nor pmid (atlas_identifier_policy for @article)")],
         [("index", "Title of noid")]),
    Case("bib-unknown-evidence",
         {X: bib("badev", evidence="mouse, anecdote"), "body": cited("badev")},
         [W(X, 1, "bib.evidence", "'badev': unknown evidence value(s) 'anecdote'")],
         [("index", "Evidence: mouse")], [("index", "anecdote")]),
    Case("bib-javascript-url",
         {X: bib("badurl", url="javascript:alert(1)", skip=("pmid",), doi="10.1000/u"), "body": cited("badurl")},
         [W(X, 1, "bib.url", "'badurl': url 'javascript:alert(1)' is not an http(s) URL; it is not linked")],
         [("index", "doi:10.1000/u")]),
    Case("bib-pasted-markup",
         {X: bib("markup", title="<i>IL-6</i> in <b>MDS</b>"), "body": cited("markup")},
         [W(X, 1, "bib.markup", "'markup': field 'title' contains markup; it is shown as plain text")],
         [("index", "<i>IL-6</i> in <b>MDS</b>")]),
    Case("bib-latin1-bytes",
         {X: ("@article{latin2020,\n  author = {M\u00fcller, Hans},\n  title = {Latin},\n  journal = {J},\n"
              "  year = {2020},\n  pmid = {7},\n}\n").encode("latin-1"), "body": cited("latin2020")},
         [W(X, 2, "bib.encoding", "file is not valid UTF-8 (byte 0xfc); undecodable bytes replaced")],
         [("index", "M\ufffdller H")]),
    Case("bib-empty-file", {X: ""}, []),
    Case("bib-comment-only-file", {X: "% nothing here yet\n@comment{to do: add the 2024 trials}\n\n"}, []),
    Case("bib-byte-order-mark",
         {X: "\ufeff" + bib("bom2020"), "body": cited("bom2020")}, [], [("index", "Title of bom2020")]),
    Case("bib-windows-line-endings",
         {X: (bib("crlf2020") + "\n@article{crlfbroken,\n  title = {x{,\n}\n").replace("\n", "\r\n"),
          "body": cited("crlf2020")},
         [W(X, 9, "bib.syntax", "could not parse the block starting '@article{crlfbroken,'")],
         [("index", "Title of crlf2020")]),
    Case("bib-entry-without-key",
         {X: "@article{\n  author = {No, Key},\n  title = {Keyless},\n  journal = {J},\n  year = {2020},\n}\n\n" + OK,
          "body": cited("ok2021")},
         [W(X, 1, "bib.syntax", "could not parse the block starting '@article{'")],
         [("index", "(Okay, 2021)")]),
    Case("bib-200kb-field",
         {X: bib("huge2020", abstract="IL-6 " * 40_000, note="long note " * 20_000), "body": cited("huge2020")},
         [], [("index", "Title of huge2020")]),
    Case("bib-string-macro-defined",
         {X: "@string{jci = {J Clin Invest}}\n\n" + bib("macro2020").replace("{J Ok}", "jci"),
          "body": cited("macro2020")},
         [], [("index", "J Clin Invest.")]),
    Case("bib-string-macro-undefined",
         {X: bib("nomacro2020").replace("{J Ok}", "jcii"), "body": cited("nomacro2020")},
         [W(X, "journal", "bib.syntax", "entry 'nomacro2020': field 'journal' = 'jcii' is not a braced or quoted")],
         [("index", "Title of nomacro2020")]),
    Case("bib-string-concatenation",
         {X: "@string{jci = {J Clin Invest}}\n" + bib("concat2020").replace("{J Ok}", "jci # { Suppl}"),
          "body": cited("concat2020")},
         [], [("index", "J Clin Invest Suppl.")]),
    Case("bib-string-in-another-file",  # @string in strings.bib, used in x.bib (as \\bibliography{strings,x} does)
         {"citations/a-strings.bib": "@string{jci = {J Clin Invest}}\n",
          X: bib("macro2021").replace("{J Ok}", "jci"), "body": cited("macro2021")},
         [], [("index", "J Clin Invest.")]),
    Case("bib-concatenation-with-undefined-macro",
         {X: bib("concat2021").replace("{J Ok}", "jcx # { Suppl}"), "body": cited("concat2021")},
         [W(X, "journal", "bib.syntax", "field 'journal' = 'jcx # { Suppl}' is not a braced or quoted value "
            "(an undefined @string macro 'jcx'")],
         [("index", "Title of concat2021")]),
    Case("bib-keys-differing-only-in-case",  # each citation links its own entry
         {X: bib("Smith2020", title="Upper") + bib("smith2020", title="Lower") + bib("smith_2020", title="Under"),
          "body": cited("Smith2020", "smith2020", "smith_2020")},
         [], [("index", "Upper"), ("index", "Lower"), ("index", "Under")]),
    Case("bib-month-macro-is-predefined",
         {X: bib("month2020").replace("  year", "  month = jan,\n  year"), "body": cited("month2020")}, []),
    Case("bib-crossref-loop",
         {X: bib("loopa", crossref="loopb") + bib("loopb", crossref="loopa"), "body": cited("loopa")},
         [W(X, "@article{loopa", "bib.crossref", "'loopa': crossref loop through 'loopa'; loop broken"),
          W(X, "@article{loopb", "bib.crossref", "'loopb': crossref loop through 'loopb'; loop broken")],
         [("index", "Title of loopa")]),
    Case("bib-crossref-missing-parent",
         {X: bib("orphan", etype="inproceedings", skip=("journal",), crossref="nothere"), "body": cited("orphan")},
         [W(X, 1, "bib.crossref", "'orphan': crossref to unknown key 'nothere'"),
          W(X, 1, "bib.field", "'orphan': @inproceedings is missing booktitle")],
         [("index", "Title of orphan")]),
    Case("bib-crossref-inherits",
         {X: bib("child", etype="inproceedings", skip=("journal", "year"), crossref="proc")
          + "@proceedings{proc,\n  title = {Proceedings of Haematology},\n  year = {2019},\n}\n",
          "body": cited("child")},
         [], [("index", "In: Proceedings of Haematology. 2019")]),
    Case("bib-crossref-child-keeps-own-identifiers",  # the parent's DOI is the book's, not the chapter's
         {X: bib("chap", etype="incollection", skip=("journal", "year", "pmid"), crossref="book")
          + "@book{book,\n  title = {The Book},\n  editor = {Ed, Ann},\n  publisher = {Springer},\n"
            "  year = {2019},\n  doi = {10.1000/book},\n}\n",
          "body": cited("chap")},
         [], [("index", "In: Ed A, editor. The Book. Springer; 2019.")], [("index", "10.1000/book")]),
    Case("bib-nested-braces-in-authors",
         {X: bib("nested", author="{World {Health} Organization} and Doe, {J{\\\"o}hn} and {\\'E}mile, Z"),
          "body": cited("nested")},
         [], [("index", "World Health Organization, Doe J, \u00c9mile Z.")]),
    Case("bib-latex-accents",
         {X: bib("accent", author="M{\\\"u}ller, J{\\\"u}rgen", title="{\\\"U}ber {IL-6} -- {\\'e}tude"),
          "body": cited("accent")},
         [], [("index", "M\u00fcller J. \u00dcber IL-6 \u2013 \u00e9tude.")]),
    # ---- roles ----------------------------------------------------------------------
    Case("role-unknown-key",
         {"body": "Typo {cite:p}`good2002`.\n"},
         [W(IDX, BODY_LINE, "cite.unknown", "unknown citation key 'good2002'")],
         [("index", "Typo (?good2002)")]),
    Case("role-key-in-wrong-case",
         {"body": "Case {cite:t}`Good2020`.\n"},
         [W(IDX, BODY_LINE, "cite.unknown", "unknown citation key 'Good2020'")],
         [("index", "Case ?Good2020")]),
    Case("role-empty",
         {"body": "Empty {cite:p}` `.\n"},
         [W(IDX, BODY_LINE, "cite.syntax", "cite:p role: no keys in ' '")],
         [("index", "Empty [ ]")]),
    Case("role-empty-key-between-commas",
         {X: OK, "body": "Two {cite:p}`good2020,,ok2021`.\n"},
         [W(IDX, BODY_LINE, "cite.syntax", "cite:p role: empty key in 'good2020,,ok2021'")],
         [("index", "Two (Good, 2020; Okay, 2021)")]),
    Case("role-trailing-comma",
         {"body": "Trailing {cite:t}`good2020,`.\n"},
         [W(IDX, BODY_LINE, "cite.syntax", "cite:t role: empty key in 'good2020,'")],
         [("index", "Trailing Good (2020)")]),
    Case("role-spaces-around-keys",  # spaces after commas are fine
         {X: OK, "body": "Spaced {cite:p}` good2020 ,  ok2021 `.\n"},
         [], [("index", "Spaced (Good, 2020; Okay, 2021)")]),
    Case("role-space-inside-key",
         {"body": "Space {cite:p}`good 2020`.\n"},
         [W(IDX, BODY_LINE, "cite.syntax", "cite:p role: malformed key 'good 2020' in 'good 2020'")],
         [("index", "Space [good 2020]")]),
    Case("role-key-with-quote",
         {"body": 'Quote {cite:p}`good"2020`.\n'},
         [W(IDX, BODY_LINE, "cite.syntax", "cite:p role: malformed key 'good\"2020'")],
         [("index", "Quote [good"), ("index", "2020]")]),
    Case("role-unknown-cite-flavour",
         {"body": "Flavour {cite:x}`good2020`.\n"},
         [W(IDX, BODY_LINE, "myst.role_unknown", "Unknown interpreted text role \"cite:x\"")]),
    Case("role-bibliography-twice",
         {"body": "```{bibliography}\n```\n\n```{bibliography}\n```\n"},
         [W(IDX, BODY_LINE + 3, "bibliography", f"a page has one reference list; this one repeats line {BODY_LINE}")]),
    # ---- entities -------------------------------------------------------------------
    Case("ent-unknown-id",
         {"body": "Link {ent}`GOOOD` and {ent}`text <nowhere>`.\n"},
         [W(IDX, BODY_LINE, "entity.unknown", "unknown entity 'GOOOD': no page declares this id or alias"),
          W(IDX, BODY_LINE, "entity.unknown", "unknown entity 'nowhere'")],
         [("index", "Link GOOOD and text.")]),
    Case("ent-alias-any-case",  # aliases ignore case; ids do not
         {"body": "Alias {ent}`GOODIE`, id {ent}`good`.\n"},
         [W(IDX, BODY_LINE, "entity.unknown", "unknown entity 'good'")],
         [("index", "Alias Good molecule, id good.")]),
    Case("ent-duplicate-id",
         {"z.md": entity_page("Zed", entity("GOOD", kind="cell", label="Impostor"))},
         [W("z.md", "{entity} GOOD", "entity.duplicate",
            "entity 'GOOD' is declared twice: at ent.md:3 and z.md:3; the first declaration is used")],
         [("ent", "Good molecule"), ("z", "GOOD is declared more than once")]),
    Case("ent-ambiguous-alias",
         {"z.md": entity_page("Zed", entity("OTHER", kind="molecule", aliases="Goodie; other one"))},
         [W("z.md", "{entity} OTHER", "entity.ambiguous",
            "'Goodie' names two entities: 'GOOD' (ent.md:3) and 'OTHER' (z.md:3); it resolves to 'GOOD'")],
         [("z", "other one")]),
    Case("ent-bad-kind",
         {"z.md": entity_page("Zed", entity("ZED", kind="protein"))},
         [W("z.md", "{entity} ZED", "entity.option", "entity 'ZED': unknown :kind: 'protein'")],
         [("z", "Kind: unspecified")]),
    Case("ent-missing-kind",
         {"z.md": entity_page("Zed", entity("ZED", label="Zed"))},
         [W("z.md", "{entity} ZED", "entity.option", "entity 'ZED': missing :kind:")]),
    Case("ent-bad-compartment",
         {"z.md": entity_page("Zed", entity("ZED", kind="molecule", compartment="golgi"))},
         [W("z.md", "{entity} ZED", "entity.option", "entity 'ZED': unknown :compartment: 'golgi'")],
         [("z", "Kind: molecule")]),
    Case("ent-bad-identifier-prefix",
         {"z.md": entity_page("Zed", entity("ZED", kind="molecule", xref="hgnc:6018 foo:1 uniprot:nope hgnc6018"))},
         [W("z.md", "{entity} ZED", "entity.option", "unknown identifier prefix 'foo' in 'foo:1'"),
          W("z.md", "{entity} ZED", "entity.option", "'uniprot:nope' is not a valid UniProt identifier"),
          W("z.md", "{entity} ZED", "entity.option", "identifier 'hgnc6018' is not prefix:value; ignored")],
         [("z", "HGNC:6018; foo:1; uniprot:nope")]),
    Case("ent-bad-id",
         {"z.md": entity_page("Zed", entity("bad id!", kind="molecule"))},
         [W("z.md", "{entity} bad id!", "entity.option", "'bad id!' is not a valid entity id")]),
    Case("ent-no-id",
         {"z.md": entity_page("Zed", "```{entity}\n:kind: molecule\n```\n")},
         [W("z.md", "{entity}", "entity.option", "an entity needs an id")]),
    Case("ent-script-in-label",
         {"z.md": entity_page("Zed", entity("ZED", kind="molecule", label="<script>alert(1)</script>")),
          "body": "See {ent}`ZED`.\n"},
         [W("z.md", ":label:", "safety.text", "entity option :label: '<script>alert(1)</script>' refused: it holds "
            "HTML markup; write plain text")],
         [("z", "<script>alert(1)</script>"), ("index", "See <script>alert(1)</script>.")]),  # refused, still text
    # ---- pathways -------------------------------------------------------------------
    Case("pw-malformed-line",
         {"n.md": NODES, "body": pathway("AAA -> BBB : ok [good2020]\nAAA -> CCC : half good2020]\n"
                                         "BBB -> CCC ] [good2020]\n")},
         [W(IDX, BODY_LINE + 2, "pathway.syntax", "unbalanced ']'"),
          W(IDX, BODY_LINE + 3, "pathway.syntax", "citations go in one [key, ...] group at the end of the line")],
         [("index", "Edges of “Test pathway”")]),
    Case("pw-missing-operator",
         {"n.md": NODES, "body": pathway("AAA -> BBB : ok [good2020]\nAAA CCC : no arrow [good2020]\n"
                                         "AAA->CCC : tight [good2020]\n")},
         [W(IDX, BODY_LINE + 2, "pathway.syntax", "no arrow (one of ->, -|, --, ..>, =>, -?) between two nodes"),
          W(IDX, BODY_LINE + 3, "pathway.syntax", "put spaces around the arrow")]),
    Case("pw-unknown-node",
         {"n.md": NODES, "body": pathway("AAA -> BBB : ok [good2020]\nBBB -> ZZZ : typo [good2020]\n")},
         [W(IDX, BODY_LINE + 2, "entity.unknown", "pathway 'test-pathway': unknown entity 'ZZZ' (drawn unlinked)")],
         [("index", "typo")]),
    Case("pw-self-loop",
         {"n.md": NODES, "body": pathway("AAA -> BBB : ok [good2020]\nAAA -> AAA : loop [good2020]\n")},
         [W(IDX, BODY_LINE + 2, "pathway.edge", "self-loop AAA -> AAA")]),
    Case("pw-duplicate-edge",
         {"n.md": NODES, "body": pathway("AAA -- BBB : ok [good2020]\nBBB -- AAA : again [good2020]\n")},
         [W(IDX, BODY_LINE + 2, "pathway.edge", f"duplicate edge BBB -- AAA (first on line {BODY_LINE + 1})")]),
    Case("pw-empty-diagram",
         {"body": pathway("# nothing yet\n")},
         [W(IDX, BODY_LINE, "pathway.empty", "pathway has no valid edges")]),
    Case("pw-uncited-edge",
         {"n.md": NODES, "body": pathway("AAA -> BBB : ok [good2020]\nBBB -> CCC : uncited\n")},
         [W(IDX, BODY_LINE + 2, "pathway.uncited", "edge BBB -> CCC has no citation; add [key, ...]")],
         [("index", "no citation")]),
    Case("pw-unknown-and-malformed-keys",
         {"n.md": NODES, "body": pathway("AAA -> BBB : ok [good2020, nokey]\nBBB -> CCC : bad [a b]\n")},
         [W(IDX, BODY_LINE + 1, "cite.unknown", "unknown citation key 'nokey'"),
          W(IDX, BODY_LINE + 2, "pathway.syntax", "malformed citation key 'a b'")]),
    Case("pw-duplicate-name",
         {"n.md": NODES, "body": pathway("AAA -> BBB [good2020]\n", name="same") + "\n"
          + pathway("BBB -> CCC [good2020]\n", name="same"),
          "z.md": "# Zed\n\n" + pathway("AAA -> CCC [good2020]\n", name="same")},
         [W(IDX, BODY_LINE + 5, "pathway.name", "duplicate pathway name 'same' (first on line"),
          W("z.md", 3, "pathway.name", "pathway name 'same' is already used in index.md:")]),
    Case("pw-bad-name",
         {"n.md": NODES, "body": pathway("AAA -> BBB [good2020]\n", name="Bad_Name")},
         [W(IDX, BODY_LINE, "pathway.name", "pathway name 'Bad_Name' is not lowercase-with-dashes; using 'bad-name'")]),
    Case("pw-500-edges",
         {"big.md": entity_page("Big", "".join(entity(n, kind="molecule") for n in BIG_NODES)),
          "body": pathway("".join(f"{a} -> {b} : e{i} [good2020]\n" for i, (a, b) in enumerate(BIG_EDGES)),
                          name="big")},
         [], [("index", "e499")]),
]


# -- the test ---------------------------------------------------------------------------


def _line_of(src: Path, expect: Expect) -> int:
    if isinstance(expect.line, int):
        return expect.line
    text = (src / expect.file).read_bytes().decode("utf-8", errors="replace")
    return next(i for i, line in enumerate(text.splitlines(), 1) if expect.line in line)


def _matches(line: str, src: Path, expect: Expect) -> bool:
    m = WARNING_RE.match(line)
    return bool(
        m
        and Path(m["path"]) == src / expect.file
        and int(m["line"]) == _line_of(src, expect)
        and expect.text in m["message"]
        and m["message"].endswith(f"[{expect.type}]")
    )


def _files(case: Case) -> dict[str, str | bytes]:
    files = {**BASE, **{k: v for k, v in case.files.items() if k != "body"}}
    files["index.md"] = INDEX_HEAD + case.files.get("body", "")
    return files


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path):
    src = write_site(tmp_path / "src", _files(case))
    result = build_site(src, tmp_path / "out", warningiserror=True)
    lines = result.warning_lines()

    assert "Traceback" not in result.warnings + result.status
    assert "Exception" not in result.warnings + result.status
    # every warning is located and expected; every expected warning is there
    unexpected = [x for x in lines if not any(_matches(x, src, e) for e in case.expected_warnings)]
    missing = [e for e in case.expected_warnings if not any(_matches(x, src, e) for x in lines)]
    assert unexpected == [] and missing == [], "\n".join(lines)
    # -W fails the build exactly when something was wrong
    assert result.statuscode == (1 if case.expected_warnings else 0)

    # the rest of the page still works: the good citation and the good entity link
    page = result.soup("index")
    cite = page.select_one('a.atlas-cite[href="#ref-good2020"]')
    assert cite is not None and cite.get_text() == "Good, 2020"
    assert page.select_one("#ref-good2020") is not None
    ent = page.select_one("a.atlas-ent")
    assert ent is not None and ent["href"] == "ent.html#entity-GOOD"
    # every citation link leads to the entry of its own key (anchors are unique)
    entries = {el["id"]: el for el in page.select("li.atlas-ref")}
    assert len(entries) == len(page.select("li.atlas-ref")), sorted(entries)
    entry_texts: dict[str, str] = {}  # one lookup per citation link, not one search of the page
    for a in page.select("a.atlas-cite"):
        anchor = a["href"][1:]
        assert anchor in entries, a
        if ": " in a.get("title", ""):  # in-text citations: "Label: title of the entry"
            if anchor not in entry_texts:
                entry_texts[anchor] = entries[anchor].get_text()
            assert a["title"].split(": ", 1)[1] in entry_texts[anchor], a
    for docname, text in case.still_rendered:
        assert text in result.main_text(docname), (docname, text, result.main_text(docname))
    for docname, text in case.absent:
        assert text not in result.main_text(docname), (docname, text)


def test_catalogue_is_large_and_names_are_unique():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    covered = {e.type for c in CASES for e in c.expected_warnings}
    from sphinxcontrib.atlas.problems import AtlasWarning

    content = {f"atlas.{w.subtype}" for w in AtlasWarning if w.name.split("_")[0] in ("BIB", "CITE", "ENTITY", "PATHWAY")}
    assert content - {"atlas.bib.missing"} <= covered, sorted(content - covered)


def test_W_build_stops_nothing_else(tmp_path):
    """Sanity check of the catalogue's premise: a ``-W`` build of a broken site still
    writes every page (so one build per case checks both the warnings and the HTML)."""
    case = next(c for c in CASES if c.name == "bib-unbalanced-braces")
    src = write_site(tmp_path / "src", _files(case))
    result = build_site(src, tmp_path / "out", warningiserror=True)
    assert result.statuscode == 1
    assert re.search(r"build finished with problems|warnings? \(with warnings treated as errors\)", result.status)
    assert (result.outdir / "ent.html").exists() and (result.outdir / "index.html").exists()
