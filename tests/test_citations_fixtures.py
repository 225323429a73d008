"""Real-shape exports (tests/fixtures/bib/, see its README) build on the default settings.

For each fixture: a site whose store is that one file and whose page lists the whole store
is built; no traceback, every entry is in the list, sample entries render as NLM/Vancouver
expects, and the only warnings are for the entries that really are broken (named).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import bibtexparser
import pytest
from conftest import build_site
from sitegen import write_site
from sphinxcontrib.atlas.citations.domain import ref_anchor

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
PAGE = "# All references\n\n```{bibliography}\n:all:\n```\n"

CASES = {
    "biblatex-examples.bib": {
        "warnings": [],
        "samples": {
            "aksin": "Aksın Ö, Türkmen H, Artok L, Çetinkaya B, Ni C, Büyükgüngör O, et al. Effect of immobilization on "
                     "catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions. "
                     "J. Organomet. Chem. 2006;691(13):3027–36.",
            "sigfridsson": "Sigfridsson E, Ryde U. Comparison of methods for deriving atomic charges from the "
                           "electrostatic potential and moments. Journal of Computational Chemistry. "
                           "1998;19(4):377–95. doi:10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P",
            "westfahl:space": "Westfahl G. The True Frontier: Confronting and Avoiding the Realities of Space in "
                              "American Science Fiction Films. In: Westfahl G, editor. Space and Beyond: The Frontier "
                              "Theme in Science Fiction. Westport, Conn.: Greenwood; 2000. p. 55–65.",
            "nietzsche:historie": "München: Deutscher Taschenbuch-Verlag and Walter de Gruyter; 1988. p. 243–334.",
            "gaonkar": "Gaonkar DP, editor. Alternative Modernities. Durham: Duke University Press; 2001.",
            "kastenholz": "J. Chem. Phys. 2006;124:124106. doi:10.1063/1.2172593",
            "baez/online": "Baez JC, Lauda AD. Higher-Dimensional Algebra V: 2-Groups. Version 3. arXiv; 2004. "
                           "arXiv:math/0307200v3",
            "cms": "The Chicago Manual of Style: The Essential Guide for Writers, Editors, and Publishers. 15th ed. "
                   "Chicago, Ill.: University of Chicago Press; 2003.",
        },
        "links": {"baez/article": "https://arxiv.org/abs/math/0307200v3"},
    },
    "better-bibtex.bib": {
        "warnings": [],
        "samples": {
            "desw98": "de Swart H. Aspect Shift and Coercion. Natural Language & Linguistic Theory. "
                      "1998;16(2):347–85.",
            "devr10": "de Vries H. Evaluative Degree Modification of Adjectives and Nouns [Master's Thesis]. "
                      "Universiteit Utrecht; 2010.",
            "woodsonToutMounnSe1990": "[dissertation]. Chicago, IL: Department of Anthropology, The University "
                                      "of Chicago; 1990.",
            "hintonImprovingNeuralNetworks2012": "Hinton GE, Srivastava N, Krizhevsky A, Sutskever I, "
                                                 "Salakhutdinov RR. Improving Neural Networks",
            "wrightingInterleukin6InducesHepcidin2006": "Wrighting DM, Andrews NC. Interleukin-6 Induces Hepcidin "
                                                        "Expression through STAT3. Blood. 2006;108(9):3204–9.",
        },
        "links": {"wrightingInterleukin6InducesHepcidin2006": "https://pubmed.ncbi.nlm.nih.gov/16835372/",
                  "hintonImprovingNeuralNetworks2012": "https://arxiv.org/abs/1207.0580"},
    },
    "better-biblatex.bib": {
        "warnings": [],
        "samples": {
            "BachmannDybalskiNaaijkens14": "Bachmann S, Dybalski W, Naaijkens P. Lieb-Robinson Bounds, Arveson "
                                           "Spectrum and Haag-Ruelle Scattering Theory for Gapped Quantum Spin "
                                           "Systems. arXiv; 2014. arXiv:1412.2970",
            "nemethIL6MediatesHypoferremia2004": "Journal of Clinical Investigation. 2004;113(9):1271–6. "
                                                 "doi:10.1172/JCI20945 PMID 15124018 PMC398432",
            "moreauTeclistamabRelapsedRefractory2022": "Moreau P, Garfall AL, van de Donk NWCJ, Nahi H, "
                                                       "San-Miguel JF, Oriol A, et al.",
            "vonFintelRestrictions1994": "von Fintel K. Restrictions on Quantifier Domains [dissertation]. "
                                         "Amherst: University of Massachusetts; 1994.",
            "vandeVeldeSpectre1995": "van de Velde D. Le spectre nominal: Des noms de matières aux noms "
                                     "d'abstractions. Paris: Peeters; 1995.",
        },
        "links": {"nemethIL6MediatesHypoferremia2004": "https://pubmed.ncbi.nlm.nih.gov/15124018/"},
    },
    "jabref-biblatex.bib": {
        # JabRef in biblatex mode: date/journaltitle/location, @Online, @Thesis and @Report with
        # biblatex's type keys, biblatex-software types, @String, jabref-meta blocks; nothing is broken
        "warnings": [],
        "samples": {
            "Nemeth2004": "Nemeth E, Rivera S, Gabayan V, Keller C, Taudorf S, Pedersen BK, et al. IL-6 mediates "
                          "hypoferremia of inflammation by inducing the synthesis of the iron regulatory hormone "
                          "hepcidin. Journal of Clinical Investigation. 2004;113(9):1271–6. doi:10.1172/JCI20945 "
                          "PMID 15124018 PMC398432",
            "Wrighting2006": "Wrighting DM, Andrews NC. Interleukin-6 induces hepcidin expression through STAT3. "
                             "Blood. 2006;108(9):3204–9.",
            "Matthes2016": "Critical Reviews in Oncology/Hematology. 2016;105:1–4. "
                           "doi:10.1016/j.critrevonc.2016.07.006 PMID 27497026",
            "Hinton2012": "Salakhutdinov RR. Improving neural networks by preventing co-adaptation of feature "
                          "detectors. arXiv; 2012. arXiv:1207.0580",
            "Markey2005": "Markey N. Tame the BeaST: The B to X of BibTeX. Version 1.3. 2005.",
            "CTAN": "CTAN: The Comprehensive TeX Archive Network. 2006.",
            "Loh1992": "Loh NC. High-Resolution Micromachined Interferometric Accelerometer [master's thesis]. "
                       "Cambridge, Mass.: Massachusetts Institute of Technology; 1992.",
            "Geer1985": "de Geer I. Earl, Saint, Bishop, Skald – and Music [dissertation]. Uppsala: Uppsala "
                        "Universitet; 1985.",
            "Chiu1978": "IBM; 1978. Research report No.: RC-6947.",
            "Padhye1999": "Amherst, Mass.: University of Massachusetts; 1999. Technical report No.: 99-02.",
            "GustafssonWanhammar2013": "Gustafsson O, Wanhammar L. Arithmetic. In: Bhattacharyya SS, Deprettere EF, "
                                       "Leupers R, Takala J, editors. Handbook of Signal Processing Systems. "
                                       "Springer; 2013. p. 593–637. doi:10.1007/978-1-4614-6859-2_19",
            "Gaonkar2001": "Gaonkar DP. On Alternative Modernities. In: Gaonkar DP, editor. Alternative Modernities. "
                           "Durham: Duke University Press; 2001. p. 1–23.",
            "Jaffe1885": "Jaffé P, editor. Regesta Pontificum Romanorum ab condita ecclesia ad annum post Christum "
                         "natum mcxcviii. 2nd ed. Leipzig; 1885–1888.",
            "Kullback1959": "Kullback S. Information Theory and Statistics. New York: John Wiley & Sons; 1959.",
            "Parmap2020": "Di Cosmo R, Danelutto M. The Parmap library. Version 1.1.1. Inria and University of Paris "
                          "and University of Pisa; 2020.",
            "Scilab1994": "Nikoukhah R, Steer S, Chancelier JP. Scilab. Version 1.1. Inria; 1994.",
            "CGAL": "The CGAL Project. The Computational Geometry Algorithms Library.",
        },
        "links": {"Nemeth2004": "https://pubmed.ncbi.nlm.nih.gov/15124018/",
                  "Matthes2016": "https://pubmed.ncbi.nlm.nih.gov/27497026/",
                  "Wang2019": "https://pmc.ncbi.nlm.nih.gov/articles/PMC6590298/",
                  "GustafssonWanhammar2013": "https://doi.org/10.1007/978-1-4614-6859-2_19",
                  "Hinton2012": "https://arxiv.org/abs/1207.0580",
                  "CTAN": "http://www.ctan.org",
                  "Parmap2020": "https://rdicosmo.github.io/parmap/"},
    },
    "zotero.bib": {
        "warnings": [],
        "samples": {
            "nemeth_il-6_2004": "Nemeth E, Rivera S, Gabayan V, Keller C, Taudorf S, Pedersen BK, et al. IL-6 "
                                "mediates hypoferremia of inflammation by inducing the synthesis of the iron "
                                "regulatory hormone hepcidin. Journal of Clinical Investigation. 2004;113(9):1271–6.",
            "kantarjian_blinatumomab_2017": "Kantarjian H, Stein A, Gökbuget N, et al. Blinatumomab versus "
                                            "Chemotherapy for Advanced Acute Lymphoblastic Leukemia. New England "
                                            "Journal of Medicine. 2017;376:836–47.",
            "gaonkar_alternative_2001": "Gaonkar DP. On Alternative Modernities. In: Gaonkar DP, editor. "
                                        "Alternative Modernities. Durham: Duke University Press; 2001. p. 1–23.",
            "baez_higher-dimensional_2004": "doi:10.48550/arXiv.math/0307200 arXiv:math/0307200",
        },
        "links": {"wrighting_interleukin-6_2006": "https://pubmed.ncbi.nlm.nih.gov/16835372/"},
    },
    "jabref.bib": {
        # the one really broken entry: an @article without a title or a year
        "warnings": ["'broken': @article is missing title, year"],
        "samples": {
            "Sigfridsson1998": "Sigfridsson E, Ryde U. Comparison of methods for deriving atomic charges from the "
                               "electrostatic potential and moments. Journal of Computational Chemistry. "
                               "1998;19(4):377–95.",
            "Kennedy2007": "doi:10.1007/s10988-006-9008-0",
            "deVries2010": "de Vries H. Evaluative Degree Modification of Adjectives and Nouns [master's thesis]. "
                           "Universiteit Utrecht; 2010.",
            "Moraux1979": "Moraux P. Le De Anima dans la tradition grècque. In: Lloyd GER, Owen GEL, editors. "
                          "Aristotle on Mind and the Senses. Cambridge: Cambridge University Press; 1979. p. 281–324.",
        },
        "links": {"Hinton2012": "https://arxiv.org/abs/1207.0580"},
    },
}


def entry_keys(path: Path) -> list[str]:
    """Every citable entry of the file, read independently with bibtexparser (not our reader)."""
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    blocks = library.entries + [b.ignore_error_block for b in library.failed_blocks
                                if isinstance(b, bibtexparser.model.DuplicateFieldKeyBlock)]
    return sorted(e.key for e in blocks if e.entry_type.lower() not in ("set", "xdata"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_builds_lists_every_entry_and_renders_right(name, tmp_path):
    case = CASES[name]
    src = write_site(tmp_path / "src", {"index.md": PAGE})
    (src / "citations").mkdir()
    shutil.copy(FIXTURES / name, src / "citations" / name)
    result = build_site(src, tmp_path / "out")
    assert "Traceback" not in result.warnings + result.status and "Exception" not in result.warnings
    messages = [re.sub(r"^.*?WARNING: | \[atlas\.[a-z.]+\]$", "", line) for line in result.warning_lines()]
    assert messages == case["warnings"]
    items = {li.get("id"): li for li in result.soup().select("li.atlas-ref")}
    keys = entry_keys(src / "citations" / name)
    assert sorted(items) == sorted(ref_anchor(key) for key in keys)  # every entry is in the list, once
    texts = {key: " ".join(items[ref_anchor(key)].select_one(".atlas-ref-text").get_text(" ").split())
             for key in keys}
    for key, expected in case["samples"].items():
        assert expected in texts[key], (key, texts[key])
    for key, url in case["links"].items():
        assert url in [a["href"] for a in items[ref_anchor(key)].select("a.atlas-ref-link")]
    for text in texts.values():  # nothing raw: no TeX commands, braces, math or doubled punctuation
        assert not re.search(r"\\[A-Za-z]|[{}$]|\.\.|;\.|,\.|\.;", text), text

