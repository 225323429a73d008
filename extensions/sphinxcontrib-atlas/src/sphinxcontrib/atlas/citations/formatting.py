"""Reference formatting in the style medicine cites (NLM/Vancouver, *Citing Medicine*), as plain data.

Functions here return text and (label, url) pairs, never markup: the callers turn them
into docutils nodes (:mod:`.entry`), BibTeX/RIS/CSL-JSON (:mod:`.downloads`) or JSON,
and every writer escapes text itself.  Only http(s) URLs built from validated
identifiers come out.  The shapes, by entry type:

* article: ``Authors. Title. Journal. 2019;234(8):13994–14006.``
* book: ``Authors (or Editors, editors). Title. 2nd ed. Place: Publisher; 2019.``
* chapter: ``Authors. Chapter. In: Editors, editors. Book. Place: Publisher; 2019. p. 1–9.``
* thesis: ``Author. Title [dissertation]. Place: School; 2019.``
* report: ``Authors. Title. Place: Institution; 2019. Report No.: 12.``
* anything else: ``Authors. Title. How published. Publisher; 2019.``
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from .records import Person, Reference

NLM_MAX_AUTHORS = 6
CHAPTER_TYPES = ("incollection", "inproceedings", "inbook")
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


@dataclass(frozen=True)
class Formatted:
    """One reference entry, in display order."""

    authors: str  # "Mei Y, Ren K, Liu Y, et al."
    title: str  # ends with punctuation
    container: str  # "J Clin Invest." / "In: Editors, editors. Book. Place: Publisher;" ("" when absent)
    details: str  # "2022;132(17):e152673." / "2019. p. 1–9."
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


def _names(people: tuple[Person, ...], truncated: bool) -> tuple[str, bool]:
    """"Mei Y, Ren K" and whether "et al." follows."""
    shown = [nlm_person(p) for p in people[:NLM_MAX_AUTHORS]]
    return ", ".join(shown), truncated or len(people) > NLM_MAX_AUTHORS


def nlm_authors(ref: Reference) -> str:
    if not ref.authors:
        return ""
    text, etal = _names(ref.authors, ref.authors_truncated)
    return f"{text}, et al." if etal else f"{text}."


def nlm_editors(ref: Reference) -> str:
    """"Smith J, Doe A, editors." ("editor" for one; biblatex ``editortype`` respected)."""
    if not ref.editors:
        return ""
    text, etal = _names(ref.editors, ref.editors_truncated)
    role = ref.editor_role if ref.editor_role.isalpha() else "editor"
    plural = etal or len(ref.editors) > 1
    return f"{text}{', et al.' if etal else ''}, {role}{'s' if plural else ''}."


def _end(text: str, mark: str = ".") -> str:
    """The text ending in one mark: never "X.." nor "X?."."""
    text = text.strip()
    if not text:
        return ""
    if text[-1] in ".?!":
        return text
    if text[-1] in ",;:":
        text = text[:-1].rstrip()
    return text + mark


def edition_text(edition: str) -> str:
    """"2" -> "2nd ed.", "Second edition" -> "Second ed.", "" -> ""."""
    text = edition.strip()
    if not text:
        return ""
    if text.isascii() and text.isdigit():
        n = int(text)
        suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL.get(n % 10, "th")
        return f"{n}{suffix} ed."
    text = re.sub(r"\s*\b(?:edition|edn\.?|ed\.?)$", "", text, flags=re.IGNORECASE)
    return f"{text} ed."


def _publication(ref: Reference, publisher: str) -> str:
    """"Place: Publisher;" (either part may be absent), ending so the year follows."""
    place, publisher = ref.address.strip(), publisher.strip().rstrip(".,;")
    if place and publisher:
        return f"{place}: {publisher};"
    return f"{place or publisher};" if place or publisher else ""


def identifier_links(ref: Reference) -> tuple[tuple[str, str], ...]:
    links: list[tuple[str, str]] = []
    if ref.doi:
        links.append((f"doi:{ref.doi}", "https://doi.org/" + quote(ref.doi, safe="/:;()._-")))
    if ref.pmid:
        links.append((f"PMID {ref.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"))
    if ref.pmcid:
        links.append((ref.pmcid, f"https://pmc.ncbi.nlm.nih.gov/articles/{ref.pmcid}/"))
    if ref.arxiv:
        links.append((f"arXiv:{ref.arxiv}", "https://arxiv.org/abs/" + quote(ref.arxiv, safe="/.")))
    if ref.url and not links:
        links.append(("link", ref.url))
    return tuple(links)


_PAGE_RANGE = re.compile(r"^([A-Za-z]?)(\d+)\u2013\1(\d+)$")


def nlm_pages(pages: str) -> str:
    """Citing Medicine's page ranges: the repeated leading digits dropped ("1271–1276" -> "1271–6")."""
    out = []
    for part in pages.split(", "):
        m = _PAGE_RANGE.match(part)
        if m and len(m.group(2)) == len(m.group(3)) and m.group(2) < m.group(3):
            prefix, first, last = m.groups()
            common = 0
            while common < len(last) - 1 and first[common] == last[common]:
                common += 1
            part = f"{prefix}{first}\u2013{last[common:]}"  # e67–e74 -> e67–74
        out.append(part)
    return ", ".join(out)


def _article_details(ref: Reference, year: str) -> str:
    detail = year
    if ref.volume:
        detail += f";{ref.volume}"
        if ref.number:
            detail += f"({ref.number})"
    elif ref.number:
        detail += f";({ref.number})"
    if ref.pages:
        detail += f":{nlm_pages(ref.pages)}"
    return detail


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def format_reference(ref: Reference) -> Formatted:
    year = ref.year or "n.d."
    authors = nlm_authors(ref)
    editors = nlm_editors(ref)
    title = ref.title or ref.booktitle or ref.key
    pages = f"p. {nlm_pages(ref.pages)}" if ref.pages else ""
    etype = ref.entry_type
    if etype == "thesis" and ref.genre:
        title = f"{title.rstrip('.')} [{ref.genre}]"
    if etype == "article" or (ref.journal and etype not in CHAPTER_TYPES):
        container = _end(ref.journal)
        details = _article_details(ref, year)
    elif etype in CHAPTER_TYPES and ref.booktitle and ref.booktitle != ref.title:
        book = _join(_end(ref.booktitle), edition_text(ref.edition))
        container = _join("In:", editors, book, _publication(ref, ref.publisher or ref.institution))
        details = _join(_end(year), pages)
        editors = ""
    else:
        publisher = ref.institution if etype in ("thesis", "report") else ref.publisher or ref.institution
        if etype in ("misc", "online", "software", "dataset", "unpublished") and not publisher and ref.arxiv:
            publisher = "arXiv"
        version = f"Version {ref.version.strip().rstrip('.')}." if ref.version.strip() else ""
        container = _join(_end(ref.howpublished), edition_text(ref.edition), version, _publication(ref, publisher))
        details = year
        if etype == "report" and ref.number:
            details = _join(_end(details), f"{ref.genre or 'Report'} No.: {ref.number}")
        elif etype not in CHAPTER_TYPES and ref.volume and ref.series:
            details = _join(_end(details), f"({ref.series}; vol. {ref.volume})")
        details = _join(_end(details), pages if etype in CHAPTER_TYPES else "")
    if not authors and editors:
        authors, editors = editors, ""
    elif editors and etype not in CHAPTER_TYPES:
        container = _join(editors, container)
    return Formatted(
        authors=authors,
        title=_end(title),
        container=container.strip(),
        details=_end(details),
        links=identifier_links(ref),
    )


def plain_text(ref: Reference) -> str:
    """The whole entry as one line of text (tooltips in SVG, text exports)."""
    f = format_reference(ref)
    parts = [f.authors, f.title, f.container, f.details]
    return " ".join(p for p in parts if p)
