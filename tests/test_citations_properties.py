"""Property test: any entry bibtexparser accepts renders without a traceback and without raw LaTeX.

Entries are generated from the pieces reference managers write: accented letters in every
TeX form, protective and nested braces, text macros, ``$`` math with sub/superscripts,
dashes, ties, escaped specials, unknown macros, biblatex and BibTeX field names, names in
every BibTeX form.  Whatever bibtexparser parses as one entry must come out of the store
as reader text (NLM line, entry HTML, CSL-JSON) with no TeX command, brace or ``$`` left.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinxcontrib.atlas.citations.csljson import csl_item
from sphinxcontrib.atlas.citations.entry import entry_html, entry_parts
from sphinxcontrib.atlas.citations.formatting import plain_text
from sphinxcontrib.atlas.citations.store import build_store

PIECES = [
    "IL-6", "STAT3", "Blood", "the", "of", " ", " ", "--", "---", "~", "\\'e", "\\'{e}", '{\\"o}', '\\"{u}',
    "{\\ss}", "{\\o}", "\\c{c}", "{\\i}", "\\`a", "\\^o", "\\~n", "{\\textless}", "{\\textgreater}", "{\\textbar}",
    "\\textless{}", "\\&", "\\%", "\\_", "\\#", "$_2$", "$^{13}$", "$\\alpha$", "$\\beta_2$", "$x_{ab}$", "\\emph{x}",
    "\\textit{y}", "\\textbf{z}", "\\mkbibquote{q}", "\\textsuperscript{2}", "\\textsubscript{3}", "\\hyphen",
    "\\foo", "\\unknownmacro{w}", "{{B}}", "{a {b} c}", "CO$_2$", "\\url{https://example.org/x}", "''", "``",
]
NAMES = ["Dale, AM", "Zanotelli, Vito RT", "{Fern{\\'a}ndez-Torras}, Adri{\\`a}", "{World Health Organization}",
         "van der Berg, J. K.", "King, Jr., M. L.", "Erich Hoffmann", "M{\\\"u}ller, Hans", "{de Swart}, H.",
         "others", "Ni, C", "{\\relax Ch}ristoph, A"]
FIELDS = ["title", "subtitle", "journal", "journaltitle", "booktitle", "publisher", "location", "address",
          "school", "institution", "howpublished", "edition", "note", "series", "volume", "number", "pages",
          "type", "organization", "month"]
TYPES = ["article", "book", "incollection", "inproceedings", "inbook", "phdthesis", "mastersthesis", "thesis",
         "techreport", "report", "misc", "online", "unpublished", "collection", "manual", "software", "dataset"]
RAW = re.compile(r"\\[A-Za-z]|[{}$]")

text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
names = st.lists(st.sampled_from(NAMES), min_size=1, max_size=8).map(" and ".join)


@st.composite
def entries(draw) -> str:
    etype = draw(st.sampled_from(TYPES))
    fields = draw(st.dictionaries(st.sampled_from(FIELDS), text, min_size=1, max_size=8))
    people = {role: draw(names) for role in draw(st.sets(st.sampled_from(["author", "editor"]), max_size=2))}
    extra = draw(st.dictionaries(st.sampled_from(["year", "date", "doi", "eprint", "url", "isbn"]), st.sampled_from(
        ["2020", "2019-03-12", "10.1002/(SICI)1097-0193(1999)8:4<272::AID-HBM10>3.0.CO;2-4", "10/cn2h9c",
         "2101.00001", "https://pubmed.ncbi.nlm.nih.gov/123/", "978-3-16-148410-0", "n.d.", "circa 1900"]), max_size=4))
    body = "".join(f"  {k} = {{{v}}},\n" for k, v in {**fields, **people, **extra}.items())
    return f"@{etype}{{key1,\n{body}}}\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries())
def test_any_accepted_entry_renders_without_traceback_or_raw_latex(text):
    library = bibtexparser.parse_string(text)
    if len(library.entries) != 1 or library.failed_blocks:
        return  # not an entry bibtexparser accepts
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.bib"
        path.write_text(text, encoding="utf-8")
        store = build_store([str(path)])
    ref = store.refs["key1"]
    shown = [plain_text(ref), store.short_label("key1")]
    shown += [part.text for part in entry_parts(ref).text if not part.url]
    shown += [v for v in csl_item(ref).values() if isinstance(v, str) and v != ref.url]
    for value in shown:
        assert not RAW.search(value), (value, text)
    assert "<script" not in entry_html(ref)
