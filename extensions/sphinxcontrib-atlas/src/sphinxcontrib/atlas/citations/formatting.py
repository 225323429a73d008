"""Reference formatting in the style medicine cites (NLM/Vancouver), as plain data.

Functions here return text and (label, url) pairs, never markup: the callers turn them
into docutils nodes (citations.py), BibTeX/RIS (export.py) or JSON, and every writer
escapes text itself.  Only http(s) URLs built from validated identifiers come out.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .records import Person, Reference

NLM_MAX_AUTHORS = 6


@dataclass(frozen=True)
class Formatted:
    """One reference entry, in display order."""

    authors: str  # "Mei Y, Ren K, Liu Y, et al."
    title: str  # ends with punctuation
    container: str  # "J Clin Invest." / "In: Book. Publisher;" ("" when absent)
    details: str  # "2022;132(17):e152673."
    links: tuple[tuple[str, str], ...]  # ("doi:10.1172/…", "https://doi.org/…"), ("PubMed", …), ("PMC", …)


def nlm_person(person: Person) -> str:
    if person.literal:
        return person.last
    name = person.family
    if person.initials:
        name = f"{name} {person.initials}"
    if person.jr:
        name = f"{name} {person.jr}"
    return name


def nlm_authors(ref: Reference) -> str:
    people = [nlm_person(p) for p in ref.authors]
    if not people:
        return ""
    truncated = ref.authors_truncated or len(people) > NLM_MAX_AUTHORS
    shown = people[:NLM_MAX_AUTHORS]
    text = ", ".join(shown)
    return f"{text}, et al." if truncated else f"{text}."


def _end(text: str, mark: str = ".") -> str:
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".?!" else text + mark


def identifier_links(ref: Reference) -> tuple[tuple[str, str], ...]:
    links: list[tuple[str, str]] = []
    if ref.doi:
        links.append((f"doi:{ref.doi}", "https://doi.org/" + quote(ref.doi, safe="/:;()._-")))
    if ref.pmid:
        links.append((f"PMID {ref.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"))
    if ref.pmcid:
        links.append((ref.pmcid, f"https://pmc.ncbi.nlm.nih.gov/articles/{ref.pmcid}/"))
    if ref.url and not links:
        links.append(("link", ref.url))
    return tuple(links)


def format_reference(ref: Reference) -> Formatted:
    year = ref.year or "n.d."
    detail = year
    if ref.entry_type == "article" or ref.journal:
        container = _end(ref.journal)
        if ref.volume:
            detail += f";{ref.volume}"
            if ref.number:
                detail += f"({ref.number})"
        elif ref.number:
            detail += f";({ref.number})"
        if ref.pages:
            detail += f":{ref.pages}"
    elif ref.booktitle:
        container = f"In: {_end(ref.booktitle)}"
        if ref.publisher:
            container += f" {ref.publisher};"
        if ref.pages:
            detail += f". p. {ref.pages}"
    else:
        container = f"{ref.publisher};" if ref.publisher else ""
    return Formatted(
        authors=nlm_authors(ref),
        title=_end(ref.title),
        container=container,
        details=_end(detail),
        links=identifier_links(ref),
    )


def plain_text(ref: Reference) -> str:
    """The whole entry as one line of text (tooltips in SVG, text exports)."""
    f = format_reference(ref)
    parts = [f.authors, f.title, f.container, f.details]
    return " ".join(p for p in parts if p)
