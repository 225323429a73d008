"""Writing output files: only when their bytes change, with JSON that stays inert in HTML."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """Where the extension keeps files between builds and projects (XDG base directories):
    only pure functions of their inputs are kept there, so sharing them is safe."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sphinxcontrib-atlas"


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds exactly it; True if it was written."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def remove_stale(folder: Path, keep: Iterable[Path], suffixes: tuple[str, ...]) -> None:
    """Delete files with these suffixes under ``folder`` that are not in ``keep`` (the
    downloads of pages or pathways that no longer exist), so an incremental build leaves
    the same files as a clean one."""
    if not folder.is_dir():
        return
    wanted = set(keep)
    for path in sorted(folder.rglob("*")):
        if path.suffix in suffixes and path not in wanted:
            path.unlink()


def safe_json(obj: Any) -> str:
    """Deterministic JSON with ``<``, ``>`` and ``&`` escaped, safe even if inlined in HTML.

    Compact (no indent): only then does the json module use its C encoder, which matters
    for a store of thousands of references.
    """
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"
