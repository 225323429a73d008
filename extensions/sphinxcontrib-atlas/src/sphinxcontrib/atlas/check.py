"""``make check``: lint the BibTeX store and the pages in seconds, without a Sphinx build.

Run as ``python -m sphinxcontrib.atlas.check --root .``.  It
reports, as ``file:line: [atlas.<subtype>] message``:

* every store problem the build would warn about (same code: :mod:`.store`);
* citation keys used in pages that are not in the store;
* content pages without ``summary`` or ``last-reviewed`` front matter;
* disease and mechanism pages citing fewer than ``--min-refs`` distinct references;
* pathway edges without a citation (the pathway parser's own warnings);

and lists store entries that no page cites (information, not an error).  Exit status 1
when anything but the information was reported.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .citations.cache import store_paths
from .citations.store import build_store
from .pathways.parse import parse_pathway
from .problems import AtlasWarning

ROLE_OR_CODE_RE = re.compile(r"\{cite(?::[pt])?\}`(?P<keys>[^`]*)`|(?P<ticks>`+)")


def cite_roles(line: str) -> list[str]:
    """The key lists of the cite roles on a Markdown line, skipping inline code spans
    (so that ``{cite:p}`` written as an example in backticks is not taken for a role)."""
    found: list[str] = []
    pos = 0
    while (match := ROLE_OR_CODE_RE.search(line, pos)) is not None:
        if match.group("ticks") is None:
            found.append(match.group("keys"))
            pos = match.end()
            continue
        ticks = match.group("ticks")  # a code span runs to the next run of as many backticks
        close = re.compile(rf"(?<!`){ticks}(?!`)").search(line, match.end())
        pos = close.end() if close else len(line)
    return found
FENCE_RE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
CONTENT_SECTIONS = ("diseases", "mechanisms", "molecules", "cells", "therapies", "models", "about")
GRADED_SECTIONS = ("diseases", "mechanisms")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    subtype: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [atlas.{self.subtype}] {self.message}"


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """Top-level ``key: value`` pairs of a YAML front matter block, and its last line."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, 0
    data: dict[str, str] = {}
    current = None
    for i, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return data, i
        match = re.match(r"^([A-Za-z][\w-]*):\s*(.*)$", line)
        if match:
            current = match.group(1)
            data[current] = match.group(2).strip()
        elif current and line.startswith((" ", "\t")):
            data[current] = (data[current] + " " + line.strip()).strip()
    return {}, 0


def fenced_blocks(text: str, name: str) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """``(line, argument, [(line, body line), ...])`` for each ```{name} block."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = FENCE_RE.match(lines[i].strip())
        if match and match.group("name") == name:
            fence, start, arg = match.group("fence"), i + 1, match.group("arg")
            body: list[tuple[int, str]] = []
            i += 1
            while i < len(lines) and lines[i].strip() != fence:
                body.append((i + 1, lines[i]))
                i += 1
            yield start, arg, body
        i += 1


def check_pages(docs: Path, store_keys: set[str], min_refs: int) -> tuple[list[Finding], set[str]]:
    findings: list[Finding] = []
    cited: set[str] = set()
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        text = page.read_text(encoding="utf-8")
        shown = str(page)
        page_keys: set[str] = set()
        fences: list[tuple[str, bool]] = []  # open fences: (marker, is a literal code block)
        for lineno, line in enumerate(text.splitlines(), start=1):
            fence = re.match(r"^\s*(`{3,}|~{3,}|:{3,})(.*)$", line)
            if fences and fences[-1][1]:  # inside a literal code block: not parsed by MyST
                if line.strip() == fences[-1][0]:
                    fences.pop()
                continue
            if fence:
                marker, rest = fence.group(1), fence.group(2).strip()
                if not rest and fences and fences[-1][0] == marker:
                    fences.pop()  # closes a directive
                else:
                    fences.append((marker, not rest.startswith("{")))
                continue
            for keys in cite_roles(line):
                for key in (k.strip() for k in keys.split(",")):
                    if not key:
                        continue
                    page_keys.add(key)
                    if key not in store_keys:
                        findings.append(Finding(shown, lineno, AtlasWarning.CITE_UNKNOWN.subtype,
                                                f"unknown citation key {key!r}"))
        for start, _arg, body in fenced_blocks(text, "pathway"):
            findings.extend(_check_pathway(shown, start, body, store_keys, page_keys))
        cited |= page_keys
        section = rel.parts[0] if len(rel.parts) > 1 else ""
        if section in CONTENT_SECTIONS and rel.name != "index.md":
            meta, _ = front_matter(text)
            for field in ("summary", "last-reviewed"):
                if not meta.get(field):
                    findings.append(Finding(shown, 1, AtlasWarning.PAGE_METADATA.subtype,
                                            f"front matter lacks {field!r}"))
            reviewed = meta.get("last-reviewed", "")
            if reviewed:
                try:
                    date.fromisoformat(reviewed)
                except ValueError:
                    findings.append(Finding(shown, 1, AtlasWarning.PAGE_METADATA.subtype,
                                            f"last-reviewed {reviewed!r} is not a YYYY-MM-DD date"))
            if section in GRADED_SECTIONS and len(page_keys) < min_refs:
                findings.append(Finding(shown, 1, AtlasWarning.PAGE_METADATA.subtype,
                                        f"cites {len(page_keys)} distinct references; "
                                        f"{section} pages need at least {min_refs}"))
    return findings, cited


def _check_pathway(path: str, start: int, body: list[tuple[int, str]], store_keys: set[str],
                   page_keys: set[str]) -> list[Finding]:
    options_end = 0
    for idx, (_lineno, line) in enumerate(body):
        if line.strip().startswith(":"):
            options_end = idx + 1
        else:
            break
    lines = [line for _lineno, line in body[options_end:]]
    first = body[options_end][0] if options_end < len(body) else start + 1
    edges, problems = parse_pathway(lines, first, start)
    findings = [Finding(path, p.line, p.kind.subtype, p.message) for p in problems]
    for edge in edges:
        for key in edge.keys:
            page_keys.add(key)
            if key not in store_keys:
                findings.append(Finding(path, edge.lineno, AtlasWarning.CITE_UNKNOWN.subtype,
                                        f"unknown citation key {key!r}"))
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="the project root (holds conf.py, docs/, citations/)")
    parser.add_argument("--bib", action="append", help="glob(s) of .bib files (default: citations/*.bib)")
    parser.add_argument("--min-refs", type=int, default=4,
                        help="distinct references a disease or mechanism page must cite (default 4)")
    parser.add_argument("--quiet-uncited", action="store_true", help="do not list uncited store entries")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    paths, empty = store_paths(root, tuple(args.bib or ["citations/*.bib"]))
    findings: list[Finding] = [Finding(str(root), 0, AtlasWarning.BIB_MISSING.subtype,
                                       f"pattern {p!r} matches no file") for p in empty]
    store = build_store(paths)
    findings += [Finding(p.path, p.line, p.kind.subtype, p.message) for p in store.problems]
    docs = root / "docs"
    cited: set[str] = set()
    if docs.is_dir():
        page_findings, cited = check_pages(docs, set(store.refs), args.min_refs)
        findings += page_findings
    for finding in findings:
        print(finding)
    uncited = sorted(set(store.refs) - cited)
    if uncited and not args.quiet_uncited:
        print(f"info: {len(uncited)} store entr{'y' if len(uncited) == 1 else 'ies'} cited by no page:")
        for key in uncited:
            ref = store.refs[key]
            print(f"  {ref.location}: {key}")
    print(f"make check: {len(store)} references in {len(paths)} file(s); "
          f"{len(findings)} problem(s)" + ("" if findings else " — all good"))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
