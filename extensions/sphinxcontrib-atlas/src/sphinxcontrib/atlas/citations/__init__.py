"""Citations: the BibTeX store, the ``cite`` roles, reference lists and downloads.

One module per job:

* :mod:`.records` — the immutable records (Person, Reference, Store);
* :mod:`.bibfile` — one .bib file read with bibtexparser (pure, located problems);
* :mod:`.fields` — one entry validated into a display-ready Reference;
* :mod:`.latex` — LaTeX to Unicode for displayed fields;
* :mod:`.store` — the files merged into one Store (crossref, duplicates, labels);
* :mod:`.cache` — the store loaded once per build and cached between builds;
* :mod:`.domain` — what each document cites (the ``cite`` domain) and its accessors;
* :mod:`.targets` — a role's text parsed into keys with pre- and post-notes;
* :mod:`.forms` — the role family (``cite:p``, ``cite:ts``, ``cite:year`` …) as data;
* :mod:`.filters` — the ``bibliography`` directive's ``:filter:`` expressions;
* :mod:`.roles` — the roles and the ``bibliography`` directives (read time);
* :mod:`.compat` — sphinxcontrib-bibtex's settings read as ours;
* :mod:`.index` — the citations' part of the site index (who cites what);
* :mod:`.values` — field values: ``#``, @string macros of all files, repeated fields;
* :mod:`.biblatex` — biblatex and classic BibTeX read as one vocabulary;
* :mod:`.identifiers` — DOI, PMID, PMCID, arXiv and ISBN, from fields and URLs;
* :mod:`.formatting` — NLM/Vancouver formatting as plain data;
* :mod:`.csljson` — references as CSL-JSON items;
* :mod:`.cslstyle` — any CSL style via citeproc-py (``atlas_csl_style``), cached per record;
* :mod:`.entry` — one reference-list entry, as nodes and as cached HTML;
* :mod:`.citetext` — one in-text citation as nodes;
* :mod:`.selection` — which entries a list shows, in which order;
* :mod:`.render` — the post-transform that fills in citations and lists;
* :mod:`.downloads` — BibTeX/RIS/CSL-JSON files and the JSON rows of the store.

Data flow: ``builder-inited`` loads the store (:mod:`.cache`) and reports its problems;
``env-get-outdated`` re-reads exactly the documents citing a changed entry; roles record
citations while reading; the site index is built after reading; the post-transform
renders; ``build-finished`` writes the downloads that changed.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..placeholders import add_placeholder_nodes
from . import cache
from .compat import setup_compat
from .cslstyle import load_style, save_style_cache
from .domain import CiteDomain, FootCiteDomain, all_citations, cite_domain
from .downloads import write_citation_downloads
from .forms import CITE_FORMS, FOOTCITE_FORMS
from .render import CitationRenderer
from .roles import (
    BibliographyDirective,
    CiteRole,
    FootBibliographyDirective,
    bibliography_list,
    cite_ref,
    collect_citations,
)


def _outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Re-read the documents that cite an entry whose record or label changed."""
    keys = cache.changed_keys(env)
    if not keys:
        return []
    docs = {doc for doc, cited in all_citations(env).items() if keys.intersection(cited)}
    docs |= {doc for doc, rec in cite_domain(env).data["bibliographies"].items() if keys.intersection(rec.keys)}
    return sorted(docs - set(changed))


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        cache.preload(env)  # once, in the main process, before parallel workers fork
    cite_domain(env).data["token"] = cache.token(env)


def setup_citations(app: Sphinx) -> None:
    add_placeholder_nodes(app, cite_ref, bibliography_list)
    app.add_domain(CiteDomain)
    app.add_domain(FootCiteDomain)
    for name in CITE_FORMS:
        app.add_role_to_domain("cite", name, CiteRole())
    for name in FOOTCITE_FORMS:
        app.add_role_to_domain("footcite", name, CiteRole())
    app.add_role("cite", CiteRole())
    app.add_role("footcite", CiteRole())
    app.add_directive("bibliography", BibliographyDirective)
    app.add_directive("footbibliography", FootBibliographyDirective)
    setup_compat(app)
    app.add_post_transform(CitationRenderer)
    app.connect("builder-inited", cache.load, priority=400)
    app.connect("builder-inited", load_style, priority=401)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _before_read)
    app.connect("doctree-read", collect_citations, priority=400)
    app.connect("build-finished", write_citation_downloads)
    app.connect("build-finished", save_style_cache)
