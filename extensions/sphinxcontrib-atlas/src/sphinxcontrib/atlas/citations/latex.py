"""LaTeX to Unicode for displayed BibTeX fields, fast.

Most fields are plain text with protective braces (``{IL-6}``) and ``--`` ranges; they
take a regex fast path.  Anything with a backslash or ``$`` goes to pylatexenc (the
library bibtexparser's own decoding middleware uses), memoised per distinct string.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SLOW = re.compile(r"[\\$]")


@lru_cache(maxsize=1)
def _converter():
    # built on first use: a build whose store is cached never needs pylatexenc
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def decode(value: str) -> str:
    """Decode one field value to display text (whitespace collapsed)."""
    if not value:
        return ""
    if _SLOW.search(value):
        return _decode_slow(value)
    return _fast(value)


def _fast(value: str) -> str:
    text = value.replace("{", "").replace("}", "")
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def _decode_slow(value: str) -> str:
    try:
        text = _converter().latex_to_text(value)
    except Exception:  # pylatexenc is lenient, but never let a field break a build
        text = _fast(value.replace("\\", ""))
    return " ".join(text.split())
