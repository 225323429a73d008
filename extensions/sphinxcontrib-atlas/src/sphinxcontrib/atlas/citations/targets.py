"""What a citation role's text names: keys, each with optional pre- and post-notes.

The text is a comma-separated list of targets, each ``key`` or, as sphinxcontrib-bibtex
writes them, ``{pre}key``, ``key{post}`` or ``{pre}key{post}``::

    {cite:p}`{see}mei2022bone{Fig. 3}, kim2023`

Pure: :func:`parse_targets` returns the targets or the reason the text is malformed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: what a key may contain (BibTeX keys: no spaces, commas, braces, quotes or comment signs)
KEY_RE = re.compile(r"^[^\s,{}()\"'#%~\\]+$")

_TARGET_RE = re.compile(r"\s*(?:\{(?P<pre>[^{}]*)\})?\s*(?P<key>[^{}\s,]+)\s*(?:\{(?P<post>[^{}]*)\})?\s*")


class CitationTarget(NamedTuple):
    key: str
    pre: str = ""
    post: str = ""


def _segments(text: str) -> list[str]:
    """``text`` split at the commas that are not inside a note's braces."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += (char == "{") - (char == "}")
        if char == "," and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_targets(text: str) -> tuple[list[CitationTarget], str | None]:
    """The well-formed targets of ``text`` and, if any part is malformed, why (else None)."""
    targets: list[CitationTarget] = []
    malformed: list[str] = []
    empty = False
    for segment in _segments(text):
        match = _TARGET_RE.fullmatch(segment)
        if not segment.strip():
            empty = True
        elif match is None or not KEY_RE.match(match.group("key")):
            malformed.append(segment.strip())
        else:
            targets.append(CitationTarget(match.group("key"), (match.group("pre") or "").strip(),
                                          (match.group("post") or "").strip()))
    if malformed:
        return targets, f"malformed key {malformed[0]!r} in {text!r}"
    if empty:
        return targets, f"{'empty key' if targets else 'no keys'} in {text!r}"
    return targets, None
