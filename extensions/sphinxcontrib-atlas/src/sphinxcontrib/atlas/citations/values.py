"""BibTeX field values as written -> text: ``#`` concatenation, @string macros, repeats.

:mod:`.bibfile` keeps every field's expression exactly as written (``jci # { Suppl}``,
``"A" # b``, ``jan``, ``{T}``) and every ``@string`` of its file; :func:`evaluate_entry`
evaluates them against the macros of *all* the store's files (so a macro defined in
``strings.bib`` is visible in ``papers.bib``, as with ``\\bibliography{strings,papers}``),
and folds repeated fields: Zotero writes each note as its own ``annote``, so notes,
keywords and attached files are merged; an identical repeat is harmless; only a repeat
with a *different* value of a field shown to readers is reported (the first is used).
No Sphinx here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..problems import AtlasWarning, Problem

#: The macros BibTeX itself predefines.
MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}
#: Fields whose repeats are merged (joined with the separator), not reported.
MERGED_FIELDS = {"note": " ", "annote": " ", "annotation": " ", "comment": " ", "keywords": ", ",
                 "file": ";", "mendeley-tags": ", ", "groups": ", ", "extra": "\n"}
#: Fields never shown or exported as data: a differing repeat changes nothing a reader sees.
SILENT_FIELDS = frozenset({"abstract", "urldate", "timestamp", "owner", "date-added", "date-modified",
                           "language", "langid", "shorttitle", "copyright", "issn", "bdsk-url-1"})
_NAME = re.compile(r"^[^\s\d\"{}#%',=()][^\s\"{}#%',=()]*$")


def split_concat(expr: str) -> list[str]:
    """The ``#``-separated parts of a value, split only outside braces and quotes."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for i, ch in enumerate(expr):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0 and (i == 0 or expr[i - 1] != "\\"):
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(expr[start:i].strip())
            start = i + 1
    parts.append(expr[start:].strip())
    return parts


def one_brace_group(text: str) -> bool:
    """Whether the whole text is one brace group (``{WHO}``, not ``{Fern{\\'a}ndez}, A``)."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and i < len(text) - 1:
            return False
    return True


def _enclosed(part: str) -> bool:
    """Whether the part is one braced group or one quoted string, closed at its very end."""
    if len(part) < 2:
        return False
    if part[0] == '"':
        return part[-1] == '"' and '"' not in part[1:-1].replace('\\"', "")
    return one_brace_group(part)


def evaluate(expr: str, macros: Mapping[str, str]) -> tuple[str, list[str], bool]:
    """(text, undefined macro names, whether it was a well-formed value)."""
    out: list[str] = []
    undefined: list[str] = []
    well_formed = True
    for part in split_concat(expr.strip()):
        if _enclosed(part):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif _NAME.match(part):
            name = part.lower()
            if name in macros:
                out.append(macros[name])
            elif name in MONTH_MACROS:
                out.append(MONTH_MACROS[name])
            else:
                undefined.append(part)
                out.append(part)
        else:  # e.g. a missing comma swallowed the next field: keep the text as written
            well_formed = False
            out.append(part)
    return "".join(out), undefined, well_formed


def collect_macros(files: Iterable[tuple[str, list[tuple[str, str, int]]]],
                   problems: list[Problem]) -> dict[str, str]:
    """Every file's ``@string`` definitions, evaluated in order (a macro may use earlier ones)."""
    macros: dict[str, str] = {}
    for path, strings in files:
        for name, expr, line in strings:
            text, undefined, _ok = evaluate(expr, macros)
            for bad in undefined:
                problems.append(Problem.in_file(
                    AtlasWarning.BIB_SYNTAX, f"@string {name!r} uses the undefined macro {bad!r}", path, line))
            macros.setdefault(name.lower(), text)
    return macros


def evaluate_entry(key: str, fields: Iterable[tuple[str, str, int]], macros: Mapping[str, str],
                   path: str, problems: list[Problem]) -> dict[str, str]:
    """One entry's fields as text; repeats merged or reported at the repeat's line."""
    out: dict[str, str] = {}
    for name, expr, line in fields:
        text, undefined, well_formed = evaluate(expr, macros)
        text = text.strip()
        if undefined or not well_formed:
            problems.append(Problem.in_file(
                AtlasWarning.BIB_SYNTAX,
                f"entry {key!r}: field {name!r} = {expr[:60]!r} is not a braced or quoted value "
                f"(an undefined @string macro{' ' + repr(undefined[0]) if undefined else ''} or a missing comma?); "
                "shown as written",
                path, line))
        if name not in out:
            out[name] = text
        elif name in MERGED_FIELDS:
            if text and text not in out[name]:
                out[name] = f"{out[name]}{MERGED_FIELDS[name]}{text}" if out[name] else text
        elif text != out[name] and text and name not in SILENT_FIELDS:
            if not out[name]:
                out[name] = text
                continue
            problems.append(Problem.in_file(
                AtlasWarning.BIB_FIELD,
                f"entry {key!r} repeats field {name!r} with a different value ({text[:40]!r}); the first is used",
                path, line))
    return out
