""""Did you mean …?": the closest known name to a mistyped key or id."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or "" when none is close."""
    candidates = sorted(known)
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    if not close:
        folded = {c.casefold(): c for c in candidates}
        close = [folded[c] for c in difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.75)]
    return f" (did you mean {close[0]!r}?)" if close else ""
