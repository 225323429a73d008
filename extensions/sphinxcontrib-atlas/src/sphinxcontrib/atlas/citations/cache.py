"""Loading the store once per build, and remembering it between builds.

The build's store handle (:class:`StoreState`) hangs off the ``cite`` domain object,
which Sphinx creates for every build and never pickles; forked parallel workers
inherit it with the rest of the process.

The parsed store is kept in ``<doctreedir>/atlas-store.pickle`` rather than in the
build environment: the environment is pickled back from every worker of a parallel
read, and a 4,000-entry store would ride along each time.  Workers are forked after
``builder-inited`` and inherit the in-memory copy.

Consistency: the environment records the *token* (a digest of the .bib files'
signatures) of the store its documents were read against.  If that differs from the
cached store's token, the cache and the environment disagree (an interrupted build,
a deleted doctree folder...) and every citing document is re-read: correct first,
then fast.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..problems import AtlasWarning, report, warn
from ..settings import settings
from .bibfile import signature_of
from .domain import cite_domain
from .records import FileSignature, Store
from .store import build_store
from .store import changed_keys as diff_keys

CACHE_NAME = "atlas-store.pickle"
META_NAME = "atlas-store-meta.pickle"
CACHE_VERSION = 5  # 3: biblatex fields, identifiers, raw values kept per file; 4: label_hint; 5: version


@dataclass
class StoreState:
    """The store as this build sees it: its token, the keys that changed since the
    environment was last read, and the store itself, unpickled on first use."""

    token: str
    cache_path: Path
    loaded: Store | None = None
    changed: set[str] = field(default_factory=set)
    reparsed: bool = False  # the .bib files differ from the cached store's: parsed this build

    @property
    def store(self) -> Store:
        """The store, unpickled on first use: a no-op rebuild never needs it."""
        if self.loaded is None:
            cached = _read_cache(self.cache_path)
            self.loaded = cached[0] if cached and cached[1] == self.token else Store()
        return self.loaded


def store_paths(confdir: str | os.PathLike[str], patterns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Files matching the glob patterns (relative to confdir), and patterns matching nothing."""
    paths: list[str] = []
    empty: list[str] = []
    for pattern in patterns:
        full = os.path.join(os.fspath(confdir), pattern)
        matches = sorted(glob.glob(full, recursive=True))
        if not matches:
            empty.append(pattern)
        for match in matches:
            if match not in paths:
                paths.append(match)
    return paths, empty


def _token(signatures: dict[str, FileSignature | None], policy: tuple = ()) -> str:
    # the identifier policy decides which problems the store reports: part of its identity
    digest = hashlib.sha1(f"{CACHE_VERSION}\0{policy!r}".encode())
    for path, sig in sorted(signatures.items()):
        digest.update(f"{path}\0{sig.mtime_ns if sig else -1}\0{sig.size if sig else -1}\n".encode())
    return digest.hexdigest()


def _read_meta(path: Path) -> tuple[str, list] | None:
    try:
        with path.open("rb") as fh:
            version, token, problems = pickle.load(fh)
    except Exception:
        return None
    return (token, problems) if version == CACHE_VERSION else None


def _read_cache(path: Path) -> tuple[Store, str] | None:
    try:
        with path.open("rb") as fh:
            version, store, token = pickle.load(fh)
    except Exception:  # missing, truncated or from another version: re-parse
        return None
    if version != CACHE_VERSION or not isinstance(store, Store):
        return None
    return store, token


def _dump(path: Path, data: tuple) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(data, fh, pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _write_cache(path: Path, store: Store, token: str) -> None:
    _dump(path, (CACHE_VERSION, store, token))
    # the small companion file lets an unchanged build skip unpickling the store
    _dump(path.with_name(META_NAME), (CACHE_VERSION, token, store.problems))


def load(app: Sphinx) -> None:
    """builder-inited: parse what changed, report problems, work out changed keys."""
    env = app.env
    config = settings(app.config)
    paths, empty = store_paths(app.confdir, config.bibtex_files)
    for pattern in empty:
        warn(AtlasWarning.BIB_MISSING, f"atlas_bibtex_files pattern {pattern!r} matches no file",
             location=os.path.join(os.fspath(app.confdir), "conf.py:0"))
    cache_path = Path(app.doctreedir) / CACHE_NAME
    token = _token({path: signature_of(path) for path in paths}, config.identifier_policy)
    env_token = env.domaindata["cite"]["token"]
    meta = _read_meta(cache_path.with_name(META_NAME))
    if meta is not None and meta[0] == token and env_token in (None, token) and cache_path.is_file():
        # Fast path (no-op and page-only rebuilds): the .bib files are as cached and the
        # environment was read against them; the store itself is loaded only if used.
        state = StoreState(token=token, cache_path=cache_path)
        problems = meta[1]
    else:
        cached = _read_cache(cache_path)
        previous, previous_token = cached if cached else (None, None)
        store = build_store(paths, previous, config.identifier_policy)
        if env_token is None or env_token == token:
            changed: set[str] = set()
        elif previous is not None and env_token == previous_token:
            changed = diff_keys(previous, store)
        else:  # the environment was read against a store we no longer have: re-read all citing pages
            changed = set(store.refs).union(*env.domaindata["cite"]["citations"].values())
        if token != previous_token:
            _write_cache(cache_path, store, token)
        state = StoreState(token=token, cache_path=cache_path, loaded=store, changed=changed,
                           reparsed=token != previous_token)
        problems = store.problems
    cite_domain(env).store_state = state
    for problem in problems:
        report(problem)


def preload(env: BuildEnvironment) -> None:
    """Load the store in the main process before parallel workers fork (so each need not)."""
    state = cite_domain(env).store_state
    if state is not None:
        state.store  # noqa: B018 - the property loads and keeps it


def token(env: BuildEnvironment) -> str | None:
    state = cite_domain(env).store_state
    return state.token if state else None


def changed_keys(env: BuildEnvironment) -> set[str]:
    state = cite_domain(env).store_state
    return state.changed if state else set()


def store_reparsed(env: BuildEnvironment) -> bool:
    state = cite_domain(env).store_state
    return bool(state and state.reparsed)
