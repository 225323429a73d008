"""Content integrity checks that need no build: pages are in our own words.

The seed articles and the team's reading-list notes live in the planning folder next to
the repository (``../shared``); these tests skip where it is absent (a contributor's fork).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ROLE_RE = re.compile(r"\{(?:cite(?::[pt])?|ent)\}`[^`]*`")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def shared_runs(page_words: list[str], source_grams: set[tuple[str, ...]], n: int) -> list[str]:
    runs, i = [], 0
    while i <= len(page_words) - n:
        if tuple(page_words[i:i + n]) in source_grams:
            j = i + n
            while j < len(page_words) and tuple(page_words[j - n + 1:j + 1]) in source_grams:
                j += 1
            runs.append(" ".join(page_words[i:j]))
            i = j
        else:
            i += 1
    return runs


def grams(path: Path, n: int) -> set[tuple[str, ...]]:
    ws = words(path.read_text(encoding="utf-8", errors="replace"))
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def pages() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md"))


def page_words(page: Path) -> list[str]:
    return words(ROLE_RE.sub(" ", page.read_text(encoding="utf-8")))


MAINTAINERS_ONLY = "maintainers only: {} not next to this checkout (contributors can ignore this)"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(),
                    reason=MAINTAINERS_ONLY.format("the source articles the site grew from are"))
def test_no_page_copies_from_the_seed_articles():
    n = 7
    seed_grams = set().union(*(grams(p, n) for p in sorted((SHARED / "seeds").glob("*.txt"))))
    copied = {str(p.relative_to(ROOT)): runs for p in pages() if (runs := shared_runs(page_words(p), seed_grams, n))}
    assert copied == {}


@pytest.mark.skipif(not (SHARED / "literature" / "FINDINGS.md").is_file(),
                    reason=MAINTAINERS_ONLY.format("the team's reading-list notes are"))
def test_no_page_reuses_long_prose_runs_from_the_reading_list_notes():
    """The notes paraphrase abstracts closely; runs of statistics and name lists may match."""
    n = 10
    notes = grams(SHARED / "literature" / "FINDINGS.md", n)
    prose = {}
    for page in pages():
        runs = [r for r in shared_runs(page_words(page), notes, n)
                if sum(w.isdigit() or len(w) <= 3 for w in r.split()) / len(r.split()) < 0.6]
        if runs:
            prose[str(page.relative_to(ROOT))] = runs
    assert prose == {}
