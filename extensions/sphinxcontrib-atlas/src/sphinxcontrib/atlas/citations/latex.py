"""LaTeX to Unicode for displayed BibTeX fields, fast.

Most fields are plain text with protective braces (``{IL-6}``) and ``--`` ranges; they
take a regex fast path.  Anything with a backslash or ``$`` goes to pylatexenc (the
library bibtexparser's own decoding middleware uses), memoised per distinct string,
with the text macros exporters write (``\\textless``, ``\\textbar``...) added and simple
sub/superscripts (``CO$_2$``, ``$^{13}$C``) turned into their Unicode characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SLOW = re.compile(r"[\\$]")


#: text macros pylatexenc drops but reference managers write (Better BibTeX: ``{\\textless}i{\\textgreater}``)
TEXT_MACROS = {"textless": "<", "textgreater": ">", "textbar": "|", "textbackslash": "\\",
               "textasciitilde": "~", "textunderscore": "_", "textasciicircum": "^", "textbraceleft": "{",
               "textbraceright": "}", "textdollar": "$", "textperiodcentered": "\u00b7", "textdegree": "\u00b0",
               "textmu": "\u00b5", "textpm": "\u00b1", "texttimes": "\u00d7", "textregistered": "\u00ae",
               "texttrademark": "\u2122", "textcopyright": "\u00a9", "textellipsis": "\u2026",
               "hyphen": "-", "slash": "/", "nbhy": "\u2011"}
_SUB = str.maketrans("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_SUP = str.maketrans("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ")
_SCRIPT = re.compile(r"([_^])(?:\{([^{}$]*)\}|([^\s{}$\\]))")
_MATH = re.compile(r"(?<!\\)\$([^$]*)(?<!\\)\$")
_TEXTSCRIPT = re.compile(r"\\text(sub|super)script\s*\{([^{}]*)\}")


def _scripts(value: str) -> str:
    """``$_2$``, ``$^{13}$``, ``\\textsubscript{2}`` -> Unicode sub/superscripts where they exist."""

    def one(mark: str, text: str) -> str:
        table = _SUB if mark == "_" else _SUP
        # every character must have a sub/superscript form, else keep it readable inline
        return text.translate(table) if text and all(ord(c) in table for c in text) else text

    def in_math(m: re.Match) -> str:
        body = _SCRIPT.sub(lambda s: one(s.group(1), s.group(2) if s.group(2) is not None else s.group(3)),
                           m.group(1))
        return f"${body}$" if "\\" in body else body

    value = _TEXTSCRIPT.sub(lambda m: one("_" if m.group(1) == "sub" else "^", m.group(2)), value)
    return _MATH.sub(in_math, value)


@lru_cache(maxsize=1)
def _converter():
    # built on first use: a build whose store is cached never needs pylatexenc
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, SpecialsTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db()
    # a bare "&" (an alignment tab in LaTeX, an error in a title) is meant as the
    # character: exports write "Science \\& Engineering", which LaTeX would refuse
    db.add_context_category("atlas-text-macros", prepend=True,
                            macros=[MacroTextSpec(name, text) for name, text in TEXT_MACROS.items()],
                            specials=[SpecialsTextSpec("&", "&")])
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=False)


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
        text = _converter().latex_to_text(_scripts(value))
    except Exception:  # pylatexenc is lenient, but never let a field break a build
        text = _fast(value.replace("\\", ""))
    return " ".join(text.split())
