"""Reading one .bib file with bibtexparser 2.x into raw entries and located problems.

No Sphinx here (``make check`` and the benchmarks use it directly), and no exceptions
for content errors: every problem becomes a :class:`~..problems.Problem` with its file
and line, and the rest of the file still loads.  The parse is bare (bibtexparser's own
LaTeX-decoding middleware is about 19x slower); fields are decoded later, only those
that are displayed (:mod:`.fields`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..problems import AtlasWarning, Problem
from .records import FileSignature, ParsedFile

# bibtexparser logs its own copy of every syntax error; we report them ourselves.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL + 1)
#: The macros BibTeX itself predefines (``month = jan``): never reported as undefined.
BIBTEX_MONTHS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())


def signature_of(path: str) -> FileSignature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileSignature(st.st_mtime_ns, st.st_size)


def parse_file(path: str) -> ParsedFile:
    """Parse one .bib file; never raises for content errors."""
    problems: list[Problem] = []
    sig = signature_of(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        problems.append(Problem.in_file(AtlasWarning.BIB_MISSING, f"cannot read {path}: {exc.strerror}", path, 0))
        return ParsedFile(path, sig, [], problems)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem.in_file(
                AtlasWarning.BIB_ENCODING,
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); undecodable bytes replaced",
                path,
                line,
            )
        )
        text = data.decode("utf-8", errors="replace")
    return ParsedFile(path, sig, *_parse_text(text, path, problems))


def _parse_text(text: str, path: str, problems: list[Problem]):
    # imported on first use: a build whose store is cached never needs the parser
    import bibtexparser
    from bibtexparser import model

    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:  # bibtexparser bug on pathological input: report, keep going
        problems.append(Problem.in_file(AtlasWarning.BIB_SYNTAX, f"the file could not be parsed: {exc}", path, 1))
        return [], problems
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = (getattr(block, "start_line", 0) or 0) + 1
        if isinstance(block, model.Entry):
            first_line.setdefault(block.key, line)
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            key = block.key
            problems.append(
                Problem.in_file(
                    AtlasWarning.BIB_DUPLICATE,
                    f"duplicate key {key!r} (first defined at line {first_line.get(key, '?')}); "
                    "this definition is ignored",
                    path,
                    line,
                )
            )
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            problems.append(
                Problem.in_file(
                    AtlasWarning.BIB_SYNTAX,
                    # the block itself has no key: it is on the entry it wraps (was shown as '?')
                    f"entry {getattr(block.ignore_error_block, 'key', '?')!r} repeats a field "
                    f"({', '.join(sorted(block.duplicate_keys))}); the entry is ignored",
                    path,
                    line,
                )
            )
        elif isinstance(block, model.ParsingFailedBlock):
            head = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
            problems.append(
                Problem.in_file(
                    AtlasWarning.BIB_SYNTAX,
                    f"could not parse the block starting {head!r} "
                    "(unbalanced braces or quotes, or a missing comma?); it is skipped",
                    path,
                    line,
                )
            )
    entries = []
    for entry in library.entries:
        fields = {}
        resolved = entry.parser_metadata.get("ResolveStringReferences", ())
        for f in entry.fields:
            value = f.value if isinstance(f.value, str) else str(f.value)
            fields[f.key.lower()] = value.strip()
            # A bare word that is neither a number nor a defined @string macro (or a ``#``
            # concatenation, which bibtexparser does not evaluate) used to be shown as
            # literal text without a warning: report it at the field's own line.
            if (getattr(f, "enclosing", None) == "no-enclosing" and f.key not in resolved
                    and value.strip().lower() not in BIBTEX_MONTHS):
                problems.append(
                    Problem.in_file(
                        AtlasWarning.BIB_SYNTAX,
                        f"entry {entry.key!r}: field {f.key.lower()!r} = {value[:60]!r} is not a braced or quoted "
                        "value (an undefined @string macro, a '#' concatenation or a missing comma?); "
                        "shown as written",
                        path,
                        (f.start_line or entry.start_line or 0) + 1,
                    )
                )
        entries.append((entry.key, entry.entry_type.lower(), fields, (entry.start_line or 0) + 1))
    return entries, problems


