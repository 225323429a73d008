"""Reading one .bib file with bibtexparser 2.x into raw entries and located problems.

No Sphinx here (``make check`` and the benchmarks use it directly), and no exceptions
for content errors: every problem becomes a :class:`~..problems.Problem` with its file
and line, and the rest of the file still loads.  The parse is bare (bibtexparser's own
LaTeX-decoding middleware is about 19x slower): every field is kept as written, repeats
included, with its line; :mod:`.values` evaluates macros and ``#`` across the store's
files, and :mod:`.fields` decodes only what is displayed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..problems import AtlasWarning, Problem
from .records import FileSignature, ParsedFile

# bibtexparser logs its own copy of every syntax error; we report them ourselves.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL + 1)


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
        return ParsedFile(path, sig, [], [], problems)
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
        # no middleware: values stay as written (macros and ``#`` are evaluated across
        # all files by :mod:`.values`), and repeated fields are all kept
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as exc:  # bibtexparser bug on pathological input: report, keep going
        problems.append(Problem.in_file(AtlasWarning.BIB_SYNTAX, f"the file could not be parsed: {exc}", path, 1))
        return [], [], problems
    first_line: dict[str, int] = {}
    entries = []
    strings = []
    for block in library.blocks:
        line = (getattr(block, "start_line", 0) or 0) + 1
        if isinstance(block, model.DuplicateFieldKeyBlock):
            block = block.ignore_error_block  # a repeated field: kept, folded by .values
        if isinstance(block, model.Entry):
            first_line.setdefault(block.key, line)
            fields = [(f.key.lower(), f.value if isinstance(f.value, str) else str(f.value),
                       (f.start_line or block.start_line or 0) + 1) for f in block.fields]
            entries.append((block.key, block.entry_type.lower(), fields, line))
        elif isinstance(block, model.String):
            strings.append((block.key, block.value if isinstance(block.value, str) else str(block.value), line))
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            key = block.key
            what = "duplicate key" if isinstance(block.ignore_error_block, model.Entry) else "duplicate @string"
            problems.append(
                Problem.in_file(
                    AtlasWarning.BIB_DUPLICATE,
                    f"{what} {key!r} (first defined at line {first_line.get(key, '?')}); "
                    "this definition is ignored",
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
    return entries, strings, problems
