"""Reading what reference managers write, and rendering it the way NLM/Vancouver does.

Store-level tests (no Sphinx build): each writes a small .bib in a shape Zotero, Better
BibTeX, JabRef or biblatex write, builds the store and asserts the rendered text and the
problems, by entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinxcontrib.atlas.citations.csljson import csl_item
from sphinxcontrib.atlas.citations.formatting import identifier_links, plain_text
from sphinxcontrib.atlas.citations.identifiers import normalise_doi, normalise_isbn
from sphinxcontrib.atlas.citations.store import build_store

STRICT = (("article", ("doi", "pmid")), ("book", ("isbn", "doi")))


def store_of(tmp_path: Path, *texts: str, policy=()):
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"{i}.bib"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return build_store(paths, policy=policy)


def messages(store) -> list[str]:
    return [p.message for p in store.problems]


# -- 1. reading --------------------------------------------------------------------------


def test_biblatex_date_journaltitle_subtitle_location(tmp_path):
    s = store_of(tmp_path, """
@article{bl,
  author = {Doe, Jane},
  title = {Main title},
  subtitle = {And its subtitle},
  journaltitle = {Blood},
  date = {2019-03-12},
  volume = {133},
  number = {10},
  pages = {1031--1038},
}
@book{bk,
  author = {Roe, Rob},
  title = {A book},
  location = {Oxford},
  publisher = {Oxford University Press},
  date = {2001/2002},
  edition = {3},
}
""")
    assert messages(s) == []
    assert plain_text(s.refs["bl"]) == "Doe J. Main title: And its subtitle. Blood. 2019;133(10):1031–8."
    # a range is both years (Citing Medicine: a work published over several years)
    assert plain_text(s.refs["bk"]) == "Roe R. A book. 3rd ed. Oxford: Oxford University Press; 2001–2002."
    assert s.short_label("bl") == "Doe, 2019"  # no "n.d." and no invented a/b suffix


def test_concatenation_and_strings_across_files(tmp_path):
    s = store_of(
        tmp_path,
        '@string{dtv = {Deutscher Taschenbuch-Verlag}}\n@string{both = dtv # " and " # gruyter}\n'
        '@string{gruyter = {Walter de Gruyter}}\n',
        "@book{b, author = {A, B}, title = {T}, publisher = dtv # { and } # {Walter de Gruyter}, year = 1990}\n"
        "@book{c, author = {C, D}, title = {U}, publisher = dtv, year = 1991, month = mar}\n",
    )
    assert plain_text(s.refs["b"]) == "A B. T. Deutscher Taschenbuch-Verlag and Walter de Gruyter; 1990."
    assert plain_text(s.refs["c"]) == "C D. U. Deutscher Taschenbuch-Verlag; 1991."
    # 'gruyter' is used by 'both' before it is defined: located, named
    assert messages(s) == ["@string 'both' uses the undefined macro 'gruyter'"]


def test_repeated_fields_kept_notes_merged_and_only_a_meaningful_repeat_warned(tmp_path):
    s = store_of(tmp_path, """@article{z,
  author = {Doe, Jane},
  title = {Kept},
  journal = {Blood},
  year = {2020},
  annote = {First note},
  annote = {Second note},
  keywords = {a},
  keywords = {b},
  year = {2020},
}
@article{y,
  author = {Doe, Jane},
  title = {First},
  journal = {Blood},
  year = {2020},
  year = {2021},
}
""")
    assert "z" in s.refs and "y" in s.refs
    assert dict(s.refs["z"].raw)["annote"] == "First note Second note"
    assert dict(s.refs["z"].raw)["keywords"] == "a, b"
    assert messages(s) == ["entry 'y' repeats field 'year' with a different value ('2021'); the first is used"]
    assert s.problems[0].line == 17  # the repeat's own line
    assert s.refs["y"].year == "2020"


@pytest.mark.parametrize(("written", "doi"), [
    ("10.1002/(SICI)1097-0193(1999)8:4<272::AID-HBM10>3.0.CO;2-4",
     "10.1002/(SICI)1097-0193(1999)8:4<272::AID-HBM10>3.0.CO;2-4"),
    ("10/cn2h9c", "10/cn2h9c"),
    ("http://doi.acm.org/10.1145/1015330.1015332", "10.1145/1015330.1015332"),
    ("https://dx.doi.org/10.1038/nature12373", "10.1038/nature12373"),
    ("https://doi.org/10.1002/%28SICI%291097-0193", "10.1002/(SICI)1097-0193"),
    ("doi:10.1172/JCI20945", "10.1172/JCI20945"),
    ("DOI 10.1172/JCI20945", "10.1172/JCI20945"),
    (r"10.1016/S0140-6736\_20", "10.1016/S0140-6736_20"),
    ("not-a-doi", None),
    ('10.1000/"><script>', None),
])
def test_every_doi_form(written, doi):
    assert normalise_doi(written) == doi


def test_sici_doi_link_is_percent_encoded(tmp_path):
    s = store_of(tmp_path, "@article{w, author={A, B}, title={T}, journal={J}, year={1999},"
                           " doi={10.1002/(SICI)1097-0193(1999)8:4<272::AID-HBM10>3.0.CO;2-4}}\n")
    (label, url), = identifier_links(s.refs["w"])
    assert label == "doi:10.1002/(SICI)1097-0193(1999)8:4<272::AID-HBM10>3.0.CO;2-4"
    assert url == "https://doi.org/10.1002/(SICI)1097-0193(1999)8:4%3C272::AID-HBM10%3E3.0.CO;2-4"


def test_identifiers_found_in_urls_eprints_and_extra(tmp_path):
    s = store_of(tmp_path, """
@article{pm, author={A, B}, title={T}, journal={J}, year={2001}, url={https://www.ncbi.nlm.nih.gov/pubmed/10619420}}
@article{pmc, author={A, B}, title={T}, journal={J}, year={2002}, url={https://www.ncbi.nlm.nih.gov/pmc/articles/PMC398432/}}
@online{ax, author={A, B}, title={T}, date={2021}, eprint={2101.00001}, eprinttype={arxiv}}
@misc{ax2, author={A, B}, title={T}, year={2021}, eprint={1706.03762v5}, archivePrefix={arXiv}, primaryClass={cs.CL}}
@article{bpm, author={A, B}, title={T}, journaltitle={J}, date={2003}, eprint={15124018}, eprinttype={pubmed}}
@article{ex, author={A, B}, title={T}, journal={J}, year={2004}, extra={PMID: 15124018\\nPMCID: PMC398432}}
@article{du, author={A, B}, title={T}, journal={J}, year={2005}, url={https://doi.org/10.1172/JCI20945}}
@misc{gs, author={A, B}, title={T}, journal={arXiv preprint arXiv:1412.6980}, year={2014}}
""", policy=STRICT)
    r = s.refs
    assert r["pm"].pmid == "10619420" and r["pmc"].pmcid == "PMC398432"
    assert r["ax"].arxiv == "2101.00001" and r["ax2"].arxiv == "1706.03762v5"
    assert r["bpm"].pmid == "15124018"
    assert (r["ex"].pmid, r["ex"].pmcid) == ("15124018", "PMC398432")
    assert r["du"].doi == "10.1172/JCI20945"
    assert r["gs"].arxiv == "1412.6980"
    assert ("arXiv:2101.00001", "https://arxiv.org/abs/2101.00001") in identifier_links(r["ax"])
    # pmc has a PMCID only: the strict article policy (doi or pmid) names it, nothing else
    assert messages(s) == ["'pmc': has neither doi nor pmid (atlas_identifier_policy for @article)"]


def test_isbn(tmp_path):
    assert normalise_isbn("978-3-16-148410-0") == "9783161484100"
    assert normalise_isbn("0-19-853453-1 (pbk.), 978-0-19-853453-6") == "0198534531"
    assert normalise_isbn("978-3-16-148410-1") is None  # checksum
    s = store_of(tmp_path, "@book{b, author={A, B}, title={T}, year={2000}, isbn={978-3-16-148410-0}}\n"
                           "@book{c, author={A, B}, title={U}, year={2000}, isbn={12345}}\n", policy=STRICT)
    assert s.refs["b"].isbn == "9783161484100"
    assert messages(s) == ["'c': malformed ISBN '12345' (no valid ISBN-10 or ISBN-13 in it)",
                           "'c': has neither isbn nor doi (atlas_identifier_policy for @book)"]


# -- 2. the identifier policy and required fields ---------------------------------------------


def test_default_policy_warns_only_about_really_broken_entries(tmp_path):
    text = """
@book{nb, author={A, B}, title={A book without identifiers}, publisher={P}, year={2000}}
@phdthesis{th, author={A, B}, title={T}, school={MIT}, year={2000}}
@misc{mi, title={Undated software}}
@online{on, title={A web page}, url={https://example.org/}}
@unpublished{un, author={A, B}, title={Draft}, note={In preparation}}
@article{ar, author={A, B}, title={No identifier}, journal={J}, year={2000}}
@article{broken, author={A, B}, journal={J}}
"""
    s = store_of(tmp_path, text)
    assert messages(s) == ["'broken': @article is missing title, year"]
    strict = store_of(tmp_path, text, policy=STRICT + (("*", ("doi", "url")),))
    assert messages(strict) == [
        "'nb': has neither isbn nor doi (atlas_identifier_policy for @book)",
        "'th': has neither doi nor url (atlas_identifier_policy for @thesis)",
        "'mi': has neither doi nor url (atlas_identifier_policy for @misc)",
        "'un': has neither doi nor url (atlas_identifier_policy for @unpublished)",
        "'ar': has neither doi nor pmid (atlas_identifier_policy for @article)",
        "'broken': @article is missing title, year",
        "'broken': has neither doi nor pmid (atlas_identifier_policy for @article)",
    ]


# -- 3. NLM/Vancouver rendering ---------------------------------------------------------------


def test_initials_whole_and_braced_family_names(tmp_path):
    s = store_of(tmp_path, r"""@article{n,
  author = {Dale, AM and Zanotelli, Vito RT and {Fern{\'a}ndez-Torras}, Adri{\`a} and Wang, Hua-Qing
            and {World Health Organization} and van der Berg, J. K. and King, Martin Luther, Jr.},
  title = {Names}, journal = {J}, year = {2020}}
""")
    assert plain_text(s.refs["n"]).startswith(
        "Dale AM, Zanotelli VRT, Fernández-Torras A, Wang HQ, World Health Organization, van der Berg JK, et al.")


def test_editors_chapters_theses_reports_misc(tmp_path):
    s = store_of(tmp_path, r"""
@collection{ed, editor = {Smith, John and Doe, Anna}, title = {Edited volume}, publisher = {Springer},
  address = {Cham}, year = {2018}, doi = {10.1007/978-3-319-00000-0}}
@incollection{ch, author = {Roe, Rob}, title = {A chapter}, crossref = {ed}, pages = {277--303}}
@incollection{ny, author = {Roe, Rob}, title = {Undated chapter}, booktitle = {Book}, publisher = {Springer},
  pages = {277-303}}
@book{one, editor = {Solo, Sam}, editortype = {compiler}, title = {Compiled}, year = {2001}}
@book{bt, author = {Poe, E}, title = {Same}, booktitle = {Same}, year = {2003}}
@phdthesis{th, author = {Poe, Edgar A.}, title = {On things}, school = {MIT}, address = {Cambridge, MA}, year = {2010}}
@thesis{th2, author = {Poe, E}, title = {Master work}, type = {mathesis}, institution = {ETH}, date = {2011}}
@techreport{tr, author = {Ng, A}, title = {A report}, institution = {NIST}, number = {42}, year = {2011}}
@misc{hp, author = {Doe, J}, title = {Slides}, howpublished = {Talk at the ASH meeting}, year = {2019}}
""")
    t = {k: plain_text(r) for k, r in s.refs.items()}
    assert t["ed"] == "Smith J, Doe A, editors. Edited volume. Cham: Springer; 2018."
    assert t["ch"] == "Roe R. A chapter. In: Smith J, Doe A, editors. Edited volume. Cham: Springer; 2018. p. 277–303."
    assert identifier_links(s.refs["ch"]) == ()  # the book's DOI is not the chapter's
    assert t["ny"] == "Roe R. Undated chapter. In: Book. Springer; n.d. p. 277–303."
    assert t["one"] == "Solo S, compiler. Compiled. 2001."
    assert t["bt"] == "Poe E. Same. 2003."
    assert t["th"] == "Poe EA. On things [dissertation]. Cambridge, MA: MIT; 2010."
    assert t["th2"] == "Poe E. Master work [master's thesis]. ETH; 2011."
    assert t["tr"] == "Ng A. A report. NIST; 2011. Report No.: 42."
    assert t["hp"] == "Doe J. Slides. Talk at the ASH meeting. 2019."
    assert s.short_label("one") == "Solo, 2001"


def test_jabref_biblatex_mode_report_keys_date_ranges_and_software(tmp_path):
    """JabRef in biblatex mode writes biblatex's localisation keys, ranges and biblatex-software types."""
    s = store_of(tmp_path, r"""
@Report{rr, author = {Chiu, Willy W.}, title = {A model}, type = {resreport}, institution = {IBM},
  date = {1978}, number = {RC-6947}}
@Report{tr, author = {Ng, A}, title = {A report}, type = {TechReport}, institution = {NIST}, date = {2011},
  number = {42}}
@Report{own, author = {Ng, A}, title = {Another}, type = {Working paper}, institution = {NBER}, date = {2011},
  number = {7}}
@MvCollection{mv, editor = {Jaff{\'e}, Philipp}, title = {Regesta}, date = {1885/1888}, location = {Leipzig}}
@Book{span, author = {Roe, R}, title = {Winter}, date = {2019-12/2020-01}}
@Book{same, author = {Roe, R}, title = {Spring}, date = {2019-03/2019-05}}
@Book{open, author = {Roe, R}, title = {Open}, date = {1988/..}}
@SoftwareVersion{sv, author = {Delebecque, Fran{\c c}ois}, title = {Scilab}, date = {1994-01}, version = {1.1},
  institution = {Inria}, url = {https://www.scilab.org/}}
@Software{sw, author = {Di Cosmo, Roberto}, title = {Parmap}, date = {2020}, version = {1.1.1.}}
@SoftwareModule{sm, author = {Karavelas, Menelaos}, title = {CGAL}, subtitle = {{2D} Voronoi Diagram Adaptor},
  date = {2020}}
@Online{on, author = {Markey, Nicolas}, title = {Tame the {BeaST}}, date = {2005-10-16}, version = {1.3},
  url = {http://mirror.ctan.org/info/bibtex/tamethebeast/ttb_en.pdf}, urldate = {2006-10-01}}
""")
    assert messages(s) == []
    t = {k: plain_text(r) for k, r in s.refs.items()}
    assert t["rr"] == "Chiu WW. A model. IBM; 1978. Research report No.: RC-6947."  # not "resreport No.:"
    assert t["tr"] == "Ng A. A report. NIST; 2011. Technical report No.: 42."
    assert t["own"] == "Ng A. Another. NBER; 2011. Working paper No.: 7."  # free text stays as written
    assert t["mv"] == "Jaffé P, editor. Regesta. Leipzig; 1885–1888."
    assert t["span"] == "Roe R. Winter. 2019–2020."
    assert s.refs["span"].month == ""  # December is not the month of "2019–2020"
    assert t["same"] == "Roe R. Spring. 2019." and s.refs["same"].month == "3"
    assert t["open"] == "Roe R. Open. 1988."
    assert s.refs["sv"].entry_type == s.refs["sm"].entry_type == "software"
    assert t["sv"] == "Delebecque F. Scilab. Version 1.1. Inria; 1994."
    assert t["sw"] == "Di Cosmo R. Parmap. Version 1.1.1. 2020."
    assert t["sm"] == "Karavelas M. CGAL: 2D Voronoi Diagram Adaptor. 2020."
    assert t["on"] == "Markey N. Tame the BeaST. Version 1.3. 2005."
    assert csl_item(s.refs["mv"])["issued"] == {"date-parts": [[1885], [1888]]}
    assert csl_item(s.refs["sv"])["version"] == "1.1"
    assert s.short_label("mv") == "Jaffé, 1885–1888"


def test_text_macros_math_and_one_dash_style(tmp_path):
    s = store_of(tmp_path, r"""
@article{m, author = {A, B}, title = {CO$_2$ and H$_{2}$O at $^{13}$C: {\textless}5{\textgreater} {\textbar} x},
  journal = {J}, year = {2000}, pages = {12 - 19}}
@article{e, author = {A, B}, title = {Why?}, journal = {J.}, year = {2000}, pages = {e2021-7}}
""")
    assert plain_text(s.refs["m"]) == "A B. CO₂ and H₂O at ¹³C: <5> | x. J. 2000:12–9."
    assert plain_text(s.refs["e"]) == "A B. Why? J. 2000:e2021-7."  # an article id is not a range


def test_an_ampersand_after_a_line_break_is_the_character(tmp_path):
    r"""Jupyter Book's own docs write ``Science \\& Engineering``: LaTeX would refuse the
    bare ``&``; the reader means the character."""
    s = store_of(tmp_path, r"""
@article{cise, author = {Hunter, J. D.}, title = {Matplotlib: A 2D graphics environment},
  journal = {Computing in Science \\& Engineering}, year = {2007}}
@article{rd, author = {A, B}, title = {R\&D at $^{13}$C}, journal = {J}, year = {2000}}
""")
    assert plain_text(s.refs["cise"]) == ("Hunter JD. Matplotlib: A 2D graphics environment. "
                                          "Computing in Science & Engineering. 2007.")
    assert plain_text(s.refs["rd"]) == "A B. R&D at ¹³C. J. 2000."


def test_author_less_labels(tmp_path):
    s = store_of(tmp_path, """
@misc{who, title = {Guidelines for the management of something, revised, and extended edition}, year = {2019}}
@misc{org, title = {T}, organization = {National Cancer Institute}, year = {2020}}
@manual{cms, title = {The Chicago Manual of Style}, date = 2003, label = {CMS}}
""")
    assert s.short_label("cms") == "CMS, 2003"  # biblatex's label for author-less entries
    assert s.short_label("who") == "Guidelines for the management of\u2026, 2019"
    assert s.short_label("org") == "National Cancer Institute, 2020"
