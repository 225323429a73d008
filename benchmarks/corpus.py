"""Deterministic benchmark corpus: the same MyST pages as three Sphinx projects.

``generate(out, pages=N, entries=M, seed=S)`` writes::

    out/plain/    Sphinx + MyST only; citations and reference lists written as plain text
                  (the floor: what the pages cost with no citation machinery at all)
    out/bibtex/   sphinxcontrib-bibtex: the same roles, a filtered ``bibliography`` per page
    out/atlas/    our extension: the same roles, automatic per-page reference lists
    out/manifest.json   which pages cite which key, and the edit targets the harness uses

Everything is drawn from one ``random.Random(seed)``, and files are written in a fixed
order with fixed bytes: the same arguments give byte-identical trees (the test suite
checks this).  The pages are identical across variants except for how a citation is
written and how the reference list gets there.

Run ``python benchmarks/corpus.py --pages 60 --entries 400 --out /tmp/corpus`` to look at one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
VARIANTS = ("plain", "bibtex", "atlas")
PAGES_PER_SECTION = 50
ENTRIES_PER_FILE = 500

# -- vocabulary ----------------------------------------------------------------------
# Surnames as written in BibTeX, with their Unicode rendering (for the plain floor).
SURNAMES: tuple[tuple[str, str], ...] = (
    ("M{\\\"u}ller", "Müller"), ("Garc{\\'\\i}a", "García"), ("Sch{\\\"o}nberg", "Schönberg"),
    ("Gon{\\c{c}}alves", "Gonçalves"), ("Nu{\\~n}ez", "Nuñez"), ("Dvo{\\v{r}}{\\'a}k", "Dvořák"),
    ("{\\O}stergaard", "Østergaard"), ("Ram{\\'\\i}rez", "Ramírez"), ("Lef{\\`e}vre", "Lefèvre"),
    ("Sch{\\\"a}fer", "Schäfer"), ("Jim{\\'e}nez", "Jiménez"), ("Br{\\aa}ten", "Bråten"),
    ("Smith", "Smith"), ("Chen", "Chen"), ("Wang", "Wang"), ("Kim", "Kim"), ("Tanaka", "Tanaka"),
    ("Rossi", "Rossi"), ("Nguyen", "Nguyen"), ("Patel", "Patel"), ("Johnson", "Johnson"),
    ("Kishimoto", "Kishimoto"), ("Heinrich", "Heinrich"), ("Rose-John", "Rose-John"),
    ("Li", "Li"), ("Zhang", "Zhang"), ("Liu", "Liu"), ("Yamamoto", "Yamamoto"), ("Costa", "Costa"),
    ("Andersson", "Andersson"), ("Kowalski", "Kowalski"), ("Novak", "Novak"), ("Okafor", "Okafor"),
    ("Haddad", "Haddad"), ("Fischer", "Fischer"), ("Murphy", "Murphy"), ("Silva", "Silva"),
    ("Becker", "Becker"), ("Moreau", "Moreau"), ("Ivanova", "Ivanova"), ("Sato", "Sato"),
)
VON_SURNAMES: tuple[tuple[str, str], ...] = (("van der Berg", "van der Berg"), ("de Vries", "de Vries"))
GIVEN = ("Anna", "J{\\\"o}rg", "Mar{\\'\\i}a", "Hua-Qing", "Kenji", "Olga", "Pierre", "S{\\o}ren",
         "Wei", "Priya", "Tom{\\'a}{\\v{s}}", "Chidi", "Elena", "Ren{\\'e}", "Yuki", "Lars", "Fatima")
TOPIC_TERMS = ("{IL-6}", "{IL-6R}", "{gp130}", "{STAT3}", "{JAK1}", "{JAK2}", "{SOCS3}", "{NF-$\\kappa$B}",
               "{TNF-$\\alpha$}", "{APRIL}", "{BCMA}", "{CRP}", "{CAR-T}", "{sIL-6R}", "{ADAM17}")
DISEASES = ("myelodysplastic syndromes", "acute myeloid leukaemia", "multiple myeloma",
            "chronic lymphocytic leukaemia", "{Castleman} disease", "cytokine release syndrome",
            "smouldering myeloma", "diffuse large {B}-cell lymphoma")
DISEASE_IDS = ("MDS", "AML", "MM", "CLL", "iMCD", "CRS", "SMM", "DLBCL")
TITLE_PATTERNS = (
    "{t} signalling in {d}: a {adj} analysis",
    "{t} and {t2} drive {noun} in {d}",
    "Targeting {t} in {d}: results of a phase {phase} trial",
    "The role of {t} trans-signalling in the bone marrow niche of {d}",
    "{adj} {t} levels predict outcome in {d}",
    "Inhibition of {t} restores {noun} in models of {d}",
    "A {adj} review of {t} in {d}",
)
ADJ = ("systematic", "prospective", "retrospective", "multicentre", "single-cell", "longitudinal", "comparative")
NOUN = ("haematopoiesis", "chemoresistance", "inflammaging", "clonal expansion", "immune evasion",
        "osteolysis", "feedback inhibition", "myeloid skewing")
JOURNALS = ("Blood", "Leukemia", "J Clin Invest", "Nat Med", "Haematologica", "Blood Adv", "Cancer Cell",
            "Br J Haematol", "Lancet Haematol", "J Immunol", "Cytokine", "Front Immunol", "N Engl J Med")
DOI_PREFIX = ("10.1182", "10.1038", "10.1172", "10.3324", "10.1016", "10.1111", "10.1056", "10.4049", "10.3389")
EVIDENCE = ("review", "cell-lines", "primary-cells", "mouse", "patient-cohort", "clinical-trial",
            "meta-analysis", "guideline")
PUBLISHERS = ("Springer", "Elsevier", "Wiley", "Cold Spring Harbor Laboratory Press")
WORDS = (
    "interleukin", "signalling", "receptor", "marrow", "stromal", "cells", "progenitor", "clone", "cytokine",
    "expression", "patients", "cohort", "inhibition", "pathway", "activation", "survival", "response",
    "treatment", "levels", "serum", "niche", "myeloid", "lymphoid", "plasma", "transcription", "factor",
    "phosphorylation", "feedback", "inflammation", "ageing", "disease", "progression", "risk", "model",
    "mouse", "trial", "dose", "antibody", "blockade", "resistance", "the", "of", "in", "and", "with",
    "that", "was", "were", "a", "to", "by", "from", "is", "higher", "lower", "associated", "reported",
)
HEADINGS = ("Background", "Signalling", "Clinical evidence", "Models", "Open questions", "Therapeutic targeting",
            "Biomarkers", "Mechanism", "Epidemiology", "Outcomes")


# -- records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    key: str
    file: str
    text: str  # the BibTeX source of the entry
    label_names: str  # "Müller et al." (Unicode, for the plain floor)
    year: str
    plain: str  # the whole entry as one line of plain Markdown (for the floor's lists)
    title_field: str  # the title exactly as written in the .bib (the entry-edit target)


def _latex_to_plain(text: str) -> str:
    """Just enough LaTeX decoding for the floor's hand-written reference lists."""
    table = {
        "{\\\"u}": "ü", "{\\'\\i}": "í", "{\\\"o}": "ö", "{\\c{c}}": "ç", "{\\~n}": "ñ", "{\\v{r}}": "ř",
        "{\\'a}": "á", "{\\O}": "Ø", "{\\`e}": "è", "{\\\"a}": "ä", "{\\'e}": "é", "{\\aa}": "å",
        "{\\o}": "ø", "{\\v{s}}": "š", "$\\kappa$": "κ", "$\\alpha$": "α", "--": "–",
    }
    for src, dst in table.items():
        text = text.replace(src, dst)
    return text.replace("{", "").replace("}", "")


def _key_word(title: str) -> str:
    for word in _latex_to_plain(title).lower().split():
        word = "".join(ch for ch in word if ch.isascii() and ch.isalpha())
        if len(word) > 3 and word not in ("with", "from", "that", "role", "targeting", "results"):
            return word
    return "study"


def _ascii(name: str) -> str:
    plain = _latex_to_plain(name)
    table = str.maketrans("üíöçñřáØèäéåøš", "uiocnraOeaeaos")
    return "".join(ch for ch in plain.translate(table).lower() if ch.isascii() and ch.isalpha())


def make_store(rng: random.Random, entries: int) -> list[Entry]:
    n_files = max(4, min(40, math.ceil(entries / ENTRIES_PER_FILE)))
    used: set[str] = set()
    out: list[Entry] = []
    for i in range(entries):
        n_auth = rng.choices((1, 2, 3, 4, 5, 6, 8, 12), weights=(10, 15, 15, 15, 15, 10, 10, 10))[0]
        people_bib: list[str] = []
        people_plain: list[str] = []
        for a in range(n_auth):
            if rng.random() < 0.04:
                bib, plain = rng.choice(VON_SURNAMES)
            else:
                bib, plain = rng.choice(SURNAMES)
            given = rng.choice(GIVEN)
            people_bib.append(f"{bib}, {given}" if a or rng.random() < 0.7 else f"{given} {bib}")
            people_plain.append(plain)
        others = n_auth >= 3 and rng.random() < 0.1
        author = " and ".join(people_bib) + (" and others" if others else "")
        if n_auth == 1 and not others:
            names = people_plain[0]
        elif n_auth == 2 and not others:
            names = f"{people_plain[0]} and {people_plain[1]}"
        else:
            names = f"{people_plain[0]} et al."
        year = str(rng.randint(1985, 2025))
        t, t2 = rng.sample(TOPIC_TERMS, 2)
        title = rng.choice(TITLE_PATTERNS).format(
            t=t, t2=t2, d=rng.choice(DISEASES), adj=rng.choice(ADJ), noun=rng.choice(NOUN),
            phase=rng.choice(("{I}", "{II}", "{III}")),
        )
        title = title[0].upper() + title[1:]
        base = f"{_ascii(people_plain[0].split()[-1]) or 'anon'}{year}{_key_word(title)}"
        key, n = base, 1
        while key in used:
            n += 1
            key = f"{base}{n}"
        used.add(key)
        etype = rng.choices(("article", "book", "incollection"), weights=(90, 4, 6))[0]
        fields: list[tuple[str, str]] = [("author", author), ("title", title), ("year", year)]
        first = rng.randint(1, 4000)
        pages = f"{first}--{first + rng.randint(2, 25)}"
        container = ""
        if etype == "article":
            journal = rng.choice(JOURNALS)
            container = journal
            fields += [("journal", journal), ("volume", str(rng.randint(1, 140))),
                       ("number", str(rng.randint(1, 24))), ("pages", pages)]
        elif etype == "book":
            container = rng.choice(PUBLISHERS)
            fields += [("publisher", container)]
        else:
            booktitle = f"Cytokines in {rng.choice(DISEASES)}"
            container = f"In: {_latex_to_plain(booktitle)}"
            fields += [("booktitle", booktitle), ("publisher", rng.choice(PUBLISHERS)), ("pages", pages)]
        ids = rng.choices(("doi", "pmid", "both"), weights=(20, 10, 70))[0]
        doi = f"{rng.choice(DOI_PREFIX)}/bench.{year}.{i:06d}"
        pmid = str(rng.randint(1_000_000, 39_999_999))
        if ids in ("doi", "both"):
            fields.append(("doi", doi))
        if ids in ("pmid", "both"):
            fields.append(("pmid", pmid))
        if rng.random() < 0.3:
            fields.append(("pmcid", f"PMC{rng.randint(100000, 9999999)}"))
        fields.append(("evidence", ", ".join(rng.sample(EVIDENCE, rng.choice((1, 1, 2))))))
        if rng.random() < 0.4:
            fields.append(("diseases", ", ".join(rng.sample(DISEASE_IDS, rng.choice((1, 2))))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        text = f"@{etype}{{{key},\n{body}\n}}\n"
        link = f"[doi:{doi}](https://doi.org/{doi})" if ids != "pmid" else f"[PMID {pmid}](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)"
        authors_plain = ", ".join(people_plain[:6])
        plain = f"{authors_plain}{', et al' if others or n_auth > 6 else ''}. {_latex_to_plain(title)}. {container}. {year}. {link}"
        out.append(Entry(key, f"store-{i % n_files + 1:02d}.bib", text, names, year, plain, title))
    return out


# -- pages ---------------------------------------------------------------------------


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:])


def make_pages(rng: random.Random, pages: int, store: list[Entry], cites_per_page: int) -> list[dict]:
    """Each page: title and a list of blocks; a block is a heading or a paragraph of
    ("text", str) / ("cite", style, [keys]) parts."""
    n = len(store)
    # popularity: a few classics are cited everywhere, most entries a handful of times
    cum: list[float] = []
    total = 0.0
    for r in range(n):
        total += 1.0 / (r + 20) ** 0.7
        cum.append(total)
    population = range(n)
    order = list(range(n))
    rng.shuffle(order)
    out = []
    for p in range(pages):
        cites = cites_per_page + rng.randint(-2, 2)
        n_sections = rng.randint(3, 5)
        paras_per_section = 3
        slots = n_sections * paras_per_section
        per_slot = [0] * slots
        for c in range(cites):
            per_slot[c % slots] += 1
        blocks: list = []
        title = f"Page {p + 1:04d}: {rng.choice(TOPIC_TERMS).strip('{}')} in {_latex_to_plain(rng.choice(DISEASES))}"
        window = rng.randrange(n)
        slot = 0
        for s in range(n_sections):
            blocks.append(("h2", f"{rng.choice(HEADINGS)} {s + 1}"))
            for _ in range(paras_per_section):
                parts: list = []
                for i in range(per_slot[slot]):
                    parts.append(("text", (" " if i else "") + _sentence(rng, rng.randint(8, 18)) + " "))
                    k = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
                    keys: list[str] = []
                    while len(keys) < k:
                        if rng.random() < 0.6:  # the page's own neighbourhood of the store
                            idx = (window + rng.randrange(120)) % n
                        else:
                            idx = order[rng.choices(population, cum_weights=cum)[0]]
                        key = store[idx].key
                        if key not in keys:
                            keys.append(key)
                    style = "t" if rng.random() < 0.25 else "p"
                    parts.append(("cite", style, keys))
                    parts.append(("text", "."))
                parts.append(("text", " " + _sentence(rng, rng.randint(10, 20)) + "."))
                blocks.append(("para", parts))
                slot += 1
        out.append({"name": f"page{p + 1:04d}", "section": f"s{p // PAGES_PER_SECTION + 1:02d}",
                    "title": title, "blocks": blocks})
    return out


def _render_cite(variant: str, style: str, keys: list[str], by_key: dict[str, Entry]) -> str:
    if variant == "plain":
        if style == "p":
            return "(" + "; ".join(f"{by_key[k].label_names}, {by_key[k].year}" for k in keys) + ")"
        return "; ".join(f"{by_key[k].label_names} ({by_key[k].year})" for k in keys)
    return f"{{cite:{style}}}`{','.join(keys)}`"


def render_page(variant: str, page: dict, by_key: dict[str, Entry]) -> str:
    lines = [f"# {page['title']}", ""]
    cited: list[str] = []
    for block in page["blocks"]:
        if block[0] == "h2":
            lines += [f"## {block[1]}", ""]
            continue
        text = []
        for part in block[1]:
            if part[0] == "text":
                text.append(part[1])
            else:
                text.append(_render_cite(variant, part[1], part[2], by_key))
                cited += [k for k in part[2] if k not in cited]
        lines += ["".join(text), ""]
    if variant == "plain":  # the floor writes its list by hand, sorted like the others
        lines += ["## References", ""]
        for key in sorted(cited, key=lambda k: (by_key[k].label_names.lower(), by_key[k].year, k)):
            lines.append(f"- {by_key[key].plain}")
        lines.append("")
    elif variant == "bibtex":
        lines += ["## References", "", "```{bibliography}", ":filter: docname in docnames", "```", ""]
    # atlas: the reference list is appended automatically
    return "\n".join(lines)


# -- pathways (optional, atlas only) -------------------------------------------------

COMPARTMENTS = ("extracellular", "membrane", "cytoplasm", "nucleus")
PATHWAY_SIZES = (10, 50, 200)


def pathway_pages(rng: random.Random, store: list[Entry]) -> dict[str, str]:
    n_entities = 120
    ents = [f"BENCH{i:03d}" for i in range(n_entities)]
    decl = ["# Benchmark entities", ""]
    for i, eid in enumerate(ents):
        decl += [f"```{{entity}} {eid}", ":kind: molecule", f":label: Benchmark molecule {i}",
                 f":aliases: bm{i:03d}", f":compartment: {COMPARTMENTS[i % 4]}", "```", ""]
    files = {"pathways/entities.md": "\n".join(decl)}
    ops = ("->", "-|", "--", "..>")
    for size in PATHWAY_SIZES:
        body = [f"# Pathway with {size} edges", "", f"```{{pathway}} Benchmark pathway {size}", f":name: bench-{size}", ""]
        seen: set[tuple[str, str]] = set()
        while len(seen) < size:
            a, b = rng.sample(ents[: max(12, size // 2 + 8)], 2)
            if (a, b) in seen or (b, a) in seen:
                continue
            seen.add((a, b))
            keys = ", ".join(e.key for e in rng.sample(store, rng.choice((1, 2))))
            body.append(f"{a} {rng.choice(ops)} {b} : {rng.choice(('binds', 'activates', 'induces', 'blocks'))} [{keys}]")
        body += ["```", ""]
        files[f"pathways/pathway-{size}.md"] = "\n".join(body)
    index = ["# Pathways", "", "```{toctree}", ":maxdepth: 1", "", "entities"]
    index += [f"pathway-{s}" for s in PATHWAY_SIZES] + ["```", ""]
    files["pathways/index.md"] = "\n".join(index)
    return files


# -- projects ------------------------------------------------------------------------

CONF_COMMON = '''\
project = "Atlas benchmark ({variant})"
author = "benchmark"
copyright = "2026, benchmark"
source_suffix = {{".md": "markdown"}}
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
html_theme = "furo"  # the harness overrides it with -D html_theme=...
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
'''


def conf_py(variant: str, bib_files: list[str]) -> str:
    head = f'"""Generated by benchmarks/corpus.py ({variant} variant). Do not edit."""\n\n'
    if variant == "plain":
        return head + 'extensions = ["myst_parser"]\n' + CONF_COMMON.format(variant=variant)
    if variant == "bibtex":
        return (head + 'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\n'
                + CONF_COMMON.format(variant=variant)
                + f"bibtex_bibfiles = {json.dumps(['citations/' + f for f in bib_files])}\n"
                + 'bibtex_reference_style = "author_year"\n'
                + 'bibtex_default_style = "plain"\n')
    # atlas: the installed package (``make`` installs it from extensions/sphinxcontrib-atlas)
    return (head + 'extensions = ["myst_parser", "sphinxcontrib.atlas"]\n' + CONF_COMMON.format(variant=variant)
            + 'atlas_bibtex_files = ["citations/*.bib"]\n')


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def generate(out: Path, pages: int, entries: int, seed: int = 2026, cites_per_page: int = 30,
             variants: tuple[str, ...] = VARIANTS, pathways: bool = False) -> dict:
    """Write the corpus into ``out`` (replacing it) and return the manifest."""
    rng = random.Random(seed)
    store = make_store(rng, entries)
    by_key = {e.key: e for e in store}
    page_list = make_pages(rng, pages, store, cites_per_page)
    path_files = pathway_pages(random.Random(seed + 1), store) if pathways else {}
    bib_files = sorted({e.file for e in store})
    citing: dict[str, list[str]] = {}
    for page in page_list:
        doc = f"sections/{page['section']}/{page['name']}"
        for block in page["blocks"]:
            if block[0] == "para":
                for part in block[1]:
                    if part[0] == "cite":
                        for key in part[2]:
                            lst = citing.setdefault(key, [])
                            if doc not in lst:
                                lst.append(doc)
    # edit targets: the middle page, and an entry cited by a few pages (not a classic)
    edit_page = page_list[len(page_list) // 2]
    cited_counts = sorted((len(docs), key) for key, docs in citing.items())
    mid = [c for c in cited_counts if 2 <= c[0] <= 8] or cited_counts
    edit_key = mid[len(mid) // 2][1]
    for rel, text in sorted(path_files.items()):  # pathway edges cite too: "[key1, key2]"
        doc = rel[: -len(".md")]
        for group in re.findall(r"\[([^\]]+)\]\s*$", text, flags=re.MULTILINE):
            for key in (k.strip() for k in group.split(",")):
                lst = citing.setdefault(key, [])
                if doc not in lst:
                    lst.append(doc)
    sections = sorted({p["section"] for p in page_list})
    if out.exists():
        shutil.rmtree(out)
    for variant in variants:
        root = out / variant
        _write(root / "conf.py", conf_py(variant, bib_files))
        toc = ["# Benchmark corpus", "", "```{toctree}", ":maxdepth: 2", ""]
        toc += [f"sections/{s}/index" for s in sections]
        if variant == "atlas" and path_files:
            toc.append("pathways/index")
        _write(root / "index.md", "\n".join(toc + ["```", ""]))
        for s in sections:
            names = [p["name"] for p in page_list if p["section"] == s]
            _write(root / "sections" / s / "index.md",
                   "\n".join([f"# Section {s}", "", "```{toctree}", ":maxdepth: 1", ""] + names + ["```", ""]))
        for page in page_list:
            _write(root / "sections" / page["section"] / f"{page['name']}.md", render_page(variant, page, by_key))
        if variant != "plain":
            for name in bib_files:
                _write(root / "citations" / name, "\n".join(e.text for e in store if e.file == name))
        if variant == "atlas":
            for rel, text in path_files.items():
                _write(root / rel, text)
    manifest = {
        "seed": seed, "pages": pages, "entries": entries, "cites_per_page": cites_per_page,
        "bib_files": bib_files, "pathways": bool(path_files),
        "citations": sum(1 for p in page_list for b in p["blocks"] if b[0] == "para" for x in b[1] if x[0] == "cite"),
        "edit_page": f"sections/{edit_page['section']}/{edit_page['name']}",
        "edit_key": edit_key, "edit_key_file": by_key[edit_key].file,
        "edit_key_title": by_key[edit_key].title_field,
        "edit_key_citing": sorted(citing[edit_key]),
        "cited_keys": len(citing),
    }
    _write(out / "manifest.json", json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--entries", type=int, default=400)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--cites", type=int, default=30, help="citations per page (±2)")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--pathways", action="store_true", help="add pathway pages to the atlas variant")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    m = generate(args.out, args.pages, args.entries, args.seed, args.cites,
                 tuple(v for v in args.variants.split(",") if v), args.pathways)
    print(json.dumps({k: v for k, v in m.items() if k != "edit_key_citing"}, indent=1))


if __name__ == "__main__":
    main()
