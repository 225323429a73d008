"""Citations: the BibTeX store, the ``cite`` roles, reference lists and downloads.

One module per job:

* :mod:`.records` — the immutable records (Person, Reference, Store);
* :mod:`.bibfile` — one .bib file read with bibtexparser (pure, located problems);
* :mod:`.fields` — one entry validated into a display-ready Reference;
* :mod:`.latex` — LaTeX to Unicode for displayed fields;
* :mod:`.store` — the files merged into one Store (crossref, duplicates, labels);
* :mod:`.cache` — the store loaded once per build and cached between builds;
* :mod:`.domain` — what each document cites (the ``cite`` domain) and its accessors;
* :mod:`.roles` — the roles and the ``bibliography`` directive (read time);
* :mod:`.index` — the citations' part of the site index (who cites what);
* :mod:`.values` — field values: ``#``, @string macros of all files, repeated fields;
* :mod:`.biblatex` — biblatex and classic BibTeX read as one vocabulary;
* :mod:`.identifiers` — DOI, PMID, PMCID, arXiv and ISBN, from fields and URLs;
* :mod:`.formatting` — NLM/Vancouver formatting as plain data;
* :mod:`.csljson` — references as CSL-JSON items;
* :mod:`.cslstyle` — any CSL style via citeproc-py (``atlas_csl_style``), cached per record;
* :mod:`.entry` — one reference-list entry, as nodes and as cached HTML;
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
from .cslstyle import load_style, save_style_cache
from .domain import CiteDomain, all_citations, cite_domain
from .downloads import write_citation_downloads
from .render import CitationRenderer
from .roles import BibliographyDirective, CiteRole, append_auto_bibliography, bibliography_list, cite_ref


def _outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Re-read the documents that cite an entry whose record or label changed."""
    keys = cache.changed_keys(env)
    if not keys:
        return []
    return sorted(doc for doc, cited in all_citations(env).items() if doc not in changed and keys.intersection(cited))


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        cache.preload(env)  # once, in the main process, before parallel workers fork
    cite_domain(env).data["token"] = cache.token(env)


def setup_citations(app: Sphinx) -> None:
    add_placeholder_nodes(app, cite_ref, bibliography_list)
    app.add_domain(CiteDomain)
    app.add_role_to_domain("cite", "p", CiteRole())
    app.add_role_to_domain("cite", "t", CiteRole())
    app.add_role("cite", CiteRole())
    app.add_directive("bibliography", BibliographyDirective)
    app.add_post_transform(CitationRenderer)
    app.connect("builder-inited", cache.load, priority=400)
    app.connect("builder-inited", load_style, priority=401)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _before_read)
    app.connect("doctree-read", append_auto_bibliography, priority=400)
    app.connect("build-finished", write_citation_downloads)
    app.connect("build-finished", save_style_cache)
