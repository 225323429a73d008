"""The rules ``make check`` applies to the pages, and the command itself."""

from __future__ import annotations

import argparse
import runpy
from datetime import date
from pathlib import Path

from ..citations.cache import store_paths
from ..citations.store import build_store
from ..citations.targets import parse_targets
from ..pathways.parse import parse_cell, parse_cells, parse_pathway, parse_places
from ..problems import AtlasWarning, Problem
from ..settings import identifier_policy
from ..site.changes import page_names
from ..suggest import did_you_mean
from .crossrefs import CITE_ROLES, Site, entity_index, link_problems, pathway_problems
from .integrity import approval_problems
from .markdown import Directive, read_page
from .rules import CONTENT_SECTIONS, DRAFT_STATUS, MIN_REFERENCES, REQUIRED_FRONT_MATTER
from .safety import safety_problems


def _split_keys(content: str) -> list[str]:
    """The well-formed keys of a role (the malformed ones are a cite.syntax problem)."""
    return [target.key for target in parse_targets(content)[0]]


def _pathway_problems(path: str, directive: Directive, store_keys: set[str], page_keys: set[str]) -> list[Problem]:
    lines = [text for _line, text in directive.body]
    first = directive.body[0][0] if directive.body else directive.line + 1
    edges, problems = parse_pathway(lines, first, directive.line)
    problems += parse_places(directive.options.get("compartments", ""), directive.line)[1]
    problems += parse_cells(directive.options.get("cells", ""), directive.line)[1]
    problems += parse_cell(directive.options.get("cell", ""), directive.line)[1]
    found = [Problem(p.kind, p.message, p.line, path) for p in problems]
    for edge in edges:
        for key in edge.keys:
            page_keys.add(key)
            if key not in store_keys:
                found.append(Problem(AtlasWarning.CITE_UNKNOWN, f"unknown citation key {key!r}"
                                     f"{did_you_mean(key, store_keys)}", edge.lineno, path))
    return found


def _change_problems(path: str, directive: Directive, docnames: set[str]) -> list[Problem]:
    """A ``change`` entry the build would refuse (date, text) or whose pages do not exist."""
    raw = directive.argument.strip()
    try:
        date.fromisoformat(raw)
    except ValueError:
        return [Problem(AtlasWarning.PAGE_CHANGE, f"change date {raw!r} is not a YYYY-MM-DD date", directive.line, path)]
    found = []
    if not any(text.strip() for _line, text in directive.body):
        found.append(Problem(AtlasWarning.PAGE_CHANGE, f"the change of {raw} says nothing: write what changed",
                             directive.line, path))
    for page in page_names(directive.options.get("pages", "")):
        if page not in docnames:
            found.append(Problem(AtlasWarning.PAGE_CHANGE, f"the change of {raw} names page {page!r}, which does "
                                 f"not exist{did_you_mean(page, docnames)}", directive.line, path))
    return found


def _metadata_problems(path: str, meta: dict, error: str) -> list[Problem]:
    if error:
        return [Problem(AtlasWarning.PAGE_METADATA, f"the front matter is not valid YAML: {error}", 1, path)]
    found = []
    for name in REQUIRED_FRONT_MATTER:
        if not str(meta.get(name) or "").strip():
            found.append(Problem(AtlasWarning.PAGE_METADATA, f"front matter lacks {name!r}", 1, path))
    reviewed = meta.get("last-reviewed")
    if reviewed and not isinstance(reviewed, date):
        try:
            date.fromisoformat(str(reviewed))
        except ValueError:
            found.append(Problem(AtlasWarning.PAGE_METADATA, f"last-reviewed {reviewed!r} is not a YYYY-MM-DD date",
                                 1, path))
    return found


def check_pages(docs: Path, store_keys: set[str], min_refs: dict[str, int] | None = None,
                extensions: tuple[str, ...] = ("colon_fence",)) -> tuple[list[Problem], set[str]]:
    """Every page rule; ``min_refs`` overrides :data:`~.rules.MIN_REFERENCES` (tests)."""
    minimum = MIN_REFERENCES if min_refs is None else min_refs
    problems: list[Problem] = []
    cited: set[str] = set()
    site = Site(docs)
    for file in sorted(docs.rglob("*.md")):
        rel = file.relative_to(docs)
        if not any(part.startswith(("_", ".")) for part in rel.parts):
            text = file.read_text(encoding="utf-8")
            site.pages[rel.as_posix()] = read_page(text, extensions)
            problems += safety_problems(site.path(rel.as_posix()), text, extensions)
    docnames = {name.removesuffix(".md") for name in site.pages}
    index, entity_problems = entity_index(site)
    problems += entity_problems + pathway_problems(site, index)
    for rel_name, page in site.pages.items():
        rel = Path(rel_name)
        path = site.path(rel_name)
        problems += link_problems(path, page, index)
        page_keys: set[str] = set()
        for role in page.roles:
            if role.name not in CITE_ROLES:
                continue
            for key in _split_keys(role.content):
                page_keys.add(key)
                if key not in store_keys:
                    problems.append(Problem(AtlasWarning.CITE_UNKNOWN, f"unknown citation key {key!r}"
                                            f"{did_you_mean(key, store_keys)}", role.line, path))
        for directive in page.directives:
            if directive.name == "pathway":
                problems.extend(_pathway_problems(path, directive, store_keys, page_keys))
            elif directive.name == "change":
                problems.extend(_change_problems(path, directive, docnames))
        cited |= page_keys
        section = rel.parts[0] if len(rel.parts) > 1 else ""
        if section in CONTENT_SECTIONS or rel.parts[0] == "index.md":
            problems.extend(approval_problems(path, page))
        if section in CONTENT_SECTIONS and rel.name != "index.md":
            problems.extend(_metadata_problems(path, page.front_matter, page.front_matter_error))
            needed = minimum.get(section, 0)
            draft = str(page.front_matter.get("status", "")).strip().lower() == DRAFT_STATUS
            if len(page_keys) < needed and not draft:
                problems.append(Problem(AtlasWarning.PAGE_REFERENCES, f"cites {len(page_keys)} distinct references; "
                                        f"{section} pages need at least {needed} (or 'status: {DRAFT_STATUS}' "
                                        "while the page grows)", 1, path))
    problems.sort(key=lambda p: (p.path, p.line, p.kind.subtype))
    return problems, cited


def _conf(root: Path) -> dict:
    conf = root / "conf.py"
    return runpy.run_path(str(conf)) if conf.is_file() else {"myst_enable_extensions": ("colon_fence",)}


def _myst_extensions(root: Path) -> tuple[str, ...]:
    """The site's ``myst_enable_extensions``, read from its conf.py (as the build does)."""
    return tuple(_conf(root).get("myst_enable_extensions", ()))


def _show(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}: [atlas.{problem.kind.subtype}] {problem.message}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description="Lint the BibTeX store and the pages.")
    parser.add_argument("--root", default=".", help="the project root (holds conf.py, docs/, citations/)")
    parser.add_argument("--bib", action="append", help="glob(s) of .bib files (default: citations/*.bib)")
    parser.add_argument("--quiet-uncited", action="store_true", help="do not list uncited store entries")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    paths, empty = store_paths(root, tuple(args.bib or ["citations/*.bib"]))
    problems = [Problem(AtlasWarning.BIB_MISSING, f"pattern {p!r} matches no file", 0, str(root)) for p in empty]
    store = build_store(paths, policy=identifier_policy(_conf(root).get("atlas_identifier_policy", ())))
    problems += store.problems
    docs = root / "docs"
    cited: set[str] = set()
    if docs.is_dir():
        page_problems, cited = check_pages(docs, set(store.refs), extensions=_myst_extensions(root))
        problems += page_problems
    for problem in problems:
        print(_show(problem))
    uncited = sorted(set(store.refs) - cited)
    if uncited and not args.quiet_uncited:
        print(f"info: {len(uncited)} store entr{'y' if len(uncited) == 1 else 'ies'} cited by no page:")
        for key in uncited:
            print(f"  {store.refs[key].location}: {key}")
    pages = len(list(docs.rglob("*.md"))) if docs.is_dir() else 0
    print(summary_line(problems, len(store), len(paths), pages))
    return 1 if problems else 0


#: the groups of the summary line, by the first part of the warning subtype
SUMMARY_GROUPS = (("safety", "safety"), ("references", "bib"), ("citations", "cite"), ("entities", "entity"),
                  ("pathways", "pathway"), ("pages", "page"))


def summary_line(problems: list[Problem], references: int, files: int, pages: int) -> str:
    """The last line of ``make check``, one a reviewer can paste into a pull request: the totals
    and the problems per group (safety, references, citations, entities, pathways, pages)."""
    counts = {label: sum(1 for p in problems if p.kind.subtype.split(".")[0] == prefix)
              for label, prefix in SUMMARY_GROUPS}
    groups = ", ".join(f"{label} {count}" for label, count in counts.items())
    return (f"make check: {references} references in {files} file(s), {pages} page(s); "
            f"{len(problems)} problem(s) ({groups})" + ("" if problems else " — all good"))
