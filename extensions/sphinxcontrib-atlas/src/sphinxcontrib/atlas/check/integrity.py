"""Integrity gates of ``make check`` that can be mechanical.

* An "approved" claim names the agency or country that approved and the year: a
  sentence saying something *was approved* (not a negation such as "has not been
  approved") must name, in the same sentence, a regulator or country (US FDA, EMA,
  European Commission, Japan's MHLW…) and a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problems import AtlasWarning, Problem
from .markdown import Page

APPROVED_RE = re.compile(r"\bapproved\b", re.IGNORECASE)
NEGATION_RE = re.compile(r"\b(?:not|no|never|none|nor|neither|without|yet to be)\b", re.IGNORECASE)
AGENCY_RE = re.compile(
    r"\b(?:FDA|EMA|European (?:Commission|Medicines Agency|Union)|EU|Japan(?:ese)?|MHLW|PMDA|Health Canada|"
    r"NMPA|China|Chinese|MHRA|UK|United Kingdom|TGA|Australia|Swissmedic|US|United States|USA)\b"
)
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
ROLE_RE = re.compile(r"\{[\w:-]+\}`[^`]*`")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“*])")


def sentences(content: str, first_line: int) -> Iterator[tuple[str, int]]:
    """(sentence, line where it starts) of one inline run; roles count as text."""
    start = 0
    for match in SENTENCE_END_RE.finditer(content):
        yield content[start:match.start()], first_line + content.count("\n", 0, start)
        start = match.end()
    if content[start:].strip():
        yield content[start:], first_line + content.count("\n", 0, start)


def approval_problems(path: str, page: Page) -> list[Problem]:
    found = []
    for text in page.texts:
        for sentence, line in sentences(text.content, text.line):
            plain = " ".join(ROLE_RE.sub("", sentence).split())
            if not APPROVED_RE.search(plain) or NEGATION_RE.search(plain):
                continue
            missing = [what for what, pattern in (("the agency or country", AGENCY_RE), ("the year", YEAR_RE))
                       if not pattern.search(plain)]
            if missing:
                found.append(Problem(AtlasWarning.PAGE_APPROVAL,
                                     f"an 'approved' claim must name {' and '.join(missing)}: {plain[:90]!r}", line, path))
    return found
