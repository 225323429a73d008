"""The read-time transform that keeps contributor markup out of the page.

For a MyST page it first reports :func:`.scan.scan_page`'s problems (the same ones, at
the same lines, as ``make check``). Then, for every page whatever its source, it walks the
doctree and takes out what the policy refuses — raw HTML nodes, links with a refused
scheme (their text stays), images with a refused address — so a page whose warnings were
silenced still cannot carry a script. When the doctree walk takes out more of a kind than
the scan reported (HTML from an ``eval-rst`` block, an included file or a substitution,
say), the nodes the scan did not cover are warned about at their own lines, so the build
fails under ``-W`` whenever something was taken out.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..problems import AtlasWarning, Problem, report, warn
from .policy import html_problems, url_problem
from .scan import scan_page


def _refused(node: nodes.Node) -> tuple[AtlasWarning, str] | None:
    """Why this node may not reach the output, if it may not."""
    if isinstance(node, nodes.raw) and "html" in node.get("format", "").split():
        reasons = html_problems(node.astext())
        if reasons:
            return AtlasWarning.SAFETY_HTML, f"raw HTML refused: {'; '.join(reasons)}; it is left out of the page"
    elif isinstance(node, nodes.reference) and node.get("refuri"):
        reason = url_problem(node["refuri"])
        if reason:
            return AtlasWarning.SAFETY_URL, f"link refused: {reason}; the text is shown without the link"
    elif isinstance(node, nodes.image):
        reason = url_problem(node.get("uri", ""), image=True)
        if reason:
            return AtlasWarning.SAFETY_URL, f"image refused: {reason}; the image is left out"
    return None


def neutralise(document: nodes.document) -> list[tuple[nodes.Node, AtlasWarning, str]]:
    """Take every refused node out of ``document``; return what was taken and why."""
    taken = []
    for node in list(document.findall(lambda n: isinstance(n, (nodes.raw, nodes.reference, nodes.image)))):
        why = _refused(node)
        if why is None or node.parent is None:
            continue
        taken.append((node, *why))
        if isinstance(node, nodes.reference) and node.children:
            node.replace_self(node.children[:])
        elif isinstance(node, nodes.image) and node.get("alt"):
            node.replace_self(nodes.Text(node["alt"]))
        else:
            node.parent.remove(node)
    return taken


class SafetyTransform(SphinxTransform):
    """Report unsafe source and take unsafe nodes out, before anything else reads the page."""

    default_priority = 100  # before Sphinx's and MyST's transforms read links and images

    def apply(self) -> None:
        docname = self.env.docname
        path = Path(self.env.doc2path(docname))
        problems: list[Problem] = []
        if path.suffix == ".md" and path.is_file():
            extensions = tuple(getattr(self.config, "myst_enable_extensions", ()) or ())
            problems = scan_page(path.read_text(encoding="utf-8"), extensions)
            for problem in problems:
                report(problem, docname)
        taken = neutralise(self.document)
        for kind in sorted({kind for _node, kind, _message in taken}, key=lambda k: k.subtype):
            # the scan saw the page's own Markdown; what it did not count came from elsewhere
            excess = sum(1 for t in taken if t[1] is kind) - sum(1 for p in problems if p.kind is kind)
            lines = {p.line for p in problems if p.kind is kind}
            for node, _kind, message in [t for t in taken if t[1] is kind and _lines(t[0])[0] not in lines][:excess]:
                warn(kind, message, node if node.line else (docname, _lines(node)[0]))


def _lines(node: nodes.Node) -> tuple[int, int]:
    """The first source line of ``node`` (or of its nearest located ancestor: MyST gives
    inline nodes their paragraph's line) and how many more lines that ancestor spans."""
    while node is not None and not node.line:
        node = node.parent
    if node is None:
        return 0, 0
    return node.line, node.astext().count("\n")


__all__ = ["SafetyTransform", "neutralise"]
