"""The citation role family: what each role name shows (pure data and text helpers).

The names and meanings are sphinxcontrib-bibtex's (the ones Jupyter Book 1 books use),
so pages written for it build unchanged:

* ``p`` parenthetical "(Mei et al., 2022)", ``t`` textual "Mei et al. (2022)";
* a ``c`` prefix capitalises the first letter ("De Boer"), an ``s`` suffix names every
  author instead of "et al." (``ps``, ``ts``, ``cts`` …), ``al`` drops the brackets
  (``alp``, ``alps``);
* ``author``, ``year`` and ``label`` show just that; a ``par`` suffix adds brackets;
* ``empty`` shows nothing but puts the entry in the page's reference list.

``footcite:*`` roles take the same forms: the atlas has one reference list per page, so a
footnote citation becomes an ordinary citation into it (see CONTRIBUTING).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .records import Person, Reference


class CiteForm(NamedTuple):
    show: str  # "cite" | "author" | "year" | "label" | "empty"
    textual: bool = False  # names outside the brackets ("Mei et al. (2022)")
    brackets: bool = True
    full: bool = False  # every author, not "et al."
    capital: bool = False


def _family() -> dict[str, CiteForm]:
    forms: dict[str, CiteForm] = {}
    for cap in ("", "c"):
        for full in ("", "s"):
            forms[f"{cap}p{full}"] = CiteForm("cite", full=bool(full), capital=bool(cap))
            forms[f"{cap}t{full}"] = CiteForm("cite", textual=True, full=bool(full), capital=bool(cap))
    forms["alp"] = CiteForm("cite", brackets=False)
    forms["alps"] = CiteForm("cite", brackets=False, full=True)
    for show in ("label", "year"):
        forms[show] = CiteForm(show, brackets=False)
        forms[f"{show}par"] = CiteForm(show)
    for cap in ("", "c"):
        for full in ("", "s"):
            forms[f"{cap}author{full}"] = CiteForm("author", brackets=False, full=bool(full), capital=bool(cap))
        forms[f"{cap}authorpar"] = CiteForm("author", capital=bool(cap))
        forms[f"{cap}authorpars"] = CiteForm("author", full=True, capital=bool(cap))
    forms["empty"] = CiteForm("empty", brackets=False)
    return forms


#: ``cite:<name>`` roles; the bare ``cite`` role is ``cite:p``
CITE_FORMS: dict[str, CiteForm] = _family()
#: ``footcite:<name>`` roles; the bare ``footcite`` role is ``footcite:p``
FOOTCITE_FORMS: dict[str, CiteForm] = {
    name: CITE_FORMS[name] for name in ("p", "t", "ps", "ts", "ct", "cts", "cp", "cps")
}

#: every role name a page may use, as written in MyST (``{cite:p}``) — for ``make check``
ROLE_NAMES: frozenset[str] = frozenset(
    ["cite", "footcite"] + [f"cite:{n}" for n in CITE_FORMS] + [f"footcite:{n}" for n in FOOTCITE_FORMS]
)


def form_of(role_name: str) -> CiteForm:
    """The form of a role as Sphinx names it (``cite:ps``, ``cite``, ``footcite:t`` …)."""
    domain, _, name = role_name.lower().partition(":")
    table = FOOTCITE_FORMS if domain == "footcite" else CITE_FORMS
    return table.get(name or "p", CITE_FORMS["p"])


def full_names(people: Sequence[Person], truncated: bool) -> str:
    """Every family name: "Mei", "Mei and Kim", "Mei, Kim and Lee" (+ " et al." if truncated)."""
    names = [p.family for p in people]
    if not names:
        return ""
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text + " et al." if truncated else text


def author_text(ref: Reference, short: str, full: bool) -> str:
    """The names a citation shows: the store's short label names, or every author."""
    if full and ref.authors:
        return full_names(ref.authors, ref.authors_truncated)
    return short


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
