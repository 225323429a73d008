"""Maintainers' integrity tests: facts in the store and pages that public records settled
against a tempting wrong version (the reading list's "traps"). Each assertion is a
confirmed bibliographic fact or a recorded trial outcome; a change that breaks one must
first re-check the public record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from sphinxcontrib.atlas.check.markdown import read_page
from sphinxcontrib.atlas.citations.cache import store_paths
from sphinxcontrib.atlas.citations.store import build_store
from sphinxcontrib.atlas.pathways.parse import parse_pathway


@pytest.fixture(scope="module")
def store():
    paths, _ = store_paths(ROOT, ("citations/*.bib",))
    return build_store(paths)


def test_venues_and_titles_that_secondary_sources_get_wrong(store):
    # Kurzrock 1993 (serum IL-6 in lymphoma) is Cancer Research, not J Clin Oncol
    assert store.refs["kurzrock1993serum"].journal == "Cancer Research"
    assert store.refs["kurzrock1993serum"].volume == "53"
    # the FDA tocilizumab summary is in The Oncologist, not Clin Cancer Res
    assert "Oncologist" in store.refs["le2018fda"].journal
    # Kawano 1988: "Autocrine generation and requirement of BSF-2/IL-6 ..." (no "essential")
    assert "essential" not in store.refs["kawano1988autocrine"].title.lower()
    # the seed CLL abstract is a J Cell Physiol paper
    assert store.refs["wang2019increased"].journal == "Journal of Cellular Physiology"
    # Mei 2022: volume and issue were never confirmed, so they are not in the store
    assert not store.refs["mei2022bone"].volume and not store.refs["mei2022bone"].number


def _edges(page: Path):
    for directive in read_page(page.read_text(encoding="utf-8"), ("colon_fence",)).directives:
        if directive.name == "pathway":
            lines = [text for _line, text in directive.body]
            yield from parse_pathway(lines, directive.body[0][0] if directive.body else 1, directive.line)[0]


def test_siltuximab_in_myeloma_is_drawn_as_the_negative_result_it_was():
    edges = [e for e in _edges(ROOT / "docs" / "diseases" / "multiple-myeloma.md")
             if e.source == "siltuximab" and e.target in ("MM", "SMM")]
    assert edges and all(e.direction == "against" for e in edges)


def test_no_page_calls_siltuximab_effective_in_myeloma():
    benefit = re.compile(r"\b(?:improved|prolonged|extended|increased) (?:overall |progression-free )?(?:survival|"
                         r"progression|response)", re.I)
    negation = re.compile(r"\b(?:no|not|without|nor|failed|did not)\b", re.I)
    hits = []
    for page in (ROOT / "docs").rglob("*.md"):
        for sentence in re.split(r"(?<=[.!?|])\s+", page.read_text(encoding="utf-8")):
            if ("siltuximab" in sentence.lower() and "myeloma" in sentence.lower() and "Castleman" not in sentence
                    and benefit.search(sentence) and not negation.search(sentence)):
                hits.append((page.name, sentence))
    assert hits == []


def test_paediatric_aml_follow_up_is_not_read_as_an_il6_result():
    """Stevens 2022 (COG AAML1031): TNFα and IL-10, not IL-6, went with inferior outcome."""
    for page in (ROOT / "docs").rglob("*.md"):
        for sentence in re.split(r"(?<=[.!?])\s+", page.read_text(encoding="utf-8")):
            if "stevens2022il10" in sentence and "stevens2017interleukin" not in sentence:
                assert not re.search(r"(?<!not )\bIL-6\b[^.,;]{0,40}\bpredict", sentence), (page, sentence)
