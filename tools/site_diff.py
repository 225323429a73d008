#!/usr/bin/env python3
"""Build the real site at a git revision and from the working tree, and compare the outputs.

The guard for refactoring: ``python tools/site_diff.py HEAD`` builds ``HEAD`` (checked out
into a temporary git worktree) and the working tree with the same interpreter, settings
and ``SOURCE_DATE_EPOCH``, then compares every output file byte for byte.  It prints the
files that exist on one side only and a short diff of each file that differs, and exits
1 when anything differs.  A deliberate change is then named in its commit message.

Options: ``--builder`` (default ``html``), ``-j`` (parallel jobs, default 1),
``--keep DIR`` (leave both outputs in DIR for a closer look), ``--ignore GLOB``
(output paths to leave out of the comparison, repeatable).
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: files that record the build itself, not what it produced
ALWAYS_IGNORED = (".doctrees/*", ".buildinfo", ".buildinfo.bak")


def build(source_root: Path, out: Path, builder: str, jobs: int) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0"}
    # each tree builds with its own copy of the extension, not the one installed in .venv
    src = source_root / "extensions" / "sphinxcontrib-atlas" / "src"
    if src.is_dir():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH", "")]))
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-c", str(source_root), str(source_root / "docs"),
           str(out), "-j", str(jobs), "-E"]
    result = subprocess.run(cmd, cwd=source_root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"build of {source_root} failed (exit {result.returncode})")
    if result.stderr.strip():
        sys.stderr.write(f"-- warnings from {source_root}:\n{result.stderr}")


def files(out: Path, ignored: tuple[str, ...]) -> dict[str, Path]:
    found = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and not any(fnmatch.fnmatch(rel, pattern) for pattern in ignored):
            found[rel] = path
    return found


def compare(before: Path, after: Path, ignored: tuple[str, ...], context_lines: int = 40) -> int:
    old, new = files(before, ignored), files(after, ignored)
    differences = 0
    for rel in sorted(old.keys() - new.keys()):
        print(f"only before: {rel}")
        differences += 1
    for rel in sorted(new.keys() - old.keys()):
        print(f"only after:  {rel}")
        differences += 1
    for rel in sorted(old.keys() & new.keys()):
        a, b = old[rel].read_bytes(), new[rel].read_bytes()
        if a == b:
            continue
        differences += 1
        print(f"differs:     {rel}")
        try:
            a_lines = a.decode("utf-8").replace("><", ">\n<").splitlines()
            b_lines = b.decode("utf-8").replace("><", ">\n<").splitlines()
        except UnicodeDecodeError:
            continue
        diff = list(difflib.unified_diff(a_lines, b_lines, "before/" + rel, "after/" + rel, lineterm="", n=1))
        for line in diff[:context_lines]:
            print("    " + line)
        if len(diff) > context_lines:
            print(f"    ... {len(diff) - context_lines} more diff lines")
    total = len(old.keys() | new.keys())
    print(f"{total} files compared, {differences} differ")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the git revision to compare the working tree with, e.g. HEAD or main")
    parser.add_argument("--builder", default="html")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep both outputs in this folder")
    parser.add_argument("--ignore", action="append", default=[], help="output path glob to leave out")
    args = parser.parse_args(argv)
    ignored = ALWAYS_IGNORED + tuple(args.ignore)
    with tempfile.TemporaryDirectory(prefix="site-diff-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), args.rev], cwd=ROOT, check=True)
        try:
            build(tree, work / "before", args.builder, args.jobs)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        build(ROOT, work / "after", args.builder, args.jobs)
        return 1 if compare(work / "before", work / "after", ignored) else 0


if __name__ == "__main__":
    sys.exit(main())
