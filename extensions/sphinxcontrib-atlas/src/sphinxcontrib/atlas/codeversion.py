"""After the extension's own code changes, the next build re-reads every page.

Sphinx starts afresh when an extension's ``env_version`` changes, but not when its code
changes within one version (a new diagram layout, a fixed label, an upgrade that kept
the number): an incremental build would then keep every page, and every download, as
the old code wrote them, unlike a clean build.  So the digest of the package's own files
is kept in the environment; when it differs from the last build's, every page is
re-read, and so rewritten with its downloads.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .siteindex import SiteDomain

PACKAGE_DIR = Path(__file__).parent
#: the files whose content decides the output
CODE_SUFFIXES = (".py", ".js", ".css")


def code_digest(root: Path = PACKAGE_DIR) -> str:
    """The digest of the package's code files, names and contents (caches left out)."""
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def pages_to_reread(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                    removed: set[str]) -> list[str]:
    """env-get-outdated: every page, when the code is not the code of the last build."""
    data = env.domaindata[SiteDomain.name]
    digest = code_digest()
    if data.get("code") == digest:
        return []
    first = data.get("code") is None
    data["code"] = digest
    return [] if first else sorted(env.found_docs - added - changed)


def setup_codeversion(app: Sphinx) -> None:
    app.connect("env-get-outdated", pages_to_reread)
