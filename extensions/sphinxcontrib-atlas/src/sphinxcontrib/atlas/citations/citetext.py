"""One in-text citation as docutils nodes, in the form its role names (:mod:`.forms`).

Author-year: ``(see Mei et al., 2022, Fig. 3; Kim, 2023)``, ``Mei et al. (2022)``,
``2022``, ``(Mei, Kim and Lee)``; numeric: ``[see 3, Fig. 3]``, ``Mei et al. [3]``.
Pre- and post-notes stay outside the link; unknown keys show as ``?key``.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from .domain import ref_anchor
from .forms import CiteForm, author_text, capitalise, form_of
from .records import Store


def render_citation(node: nodes.Element, store: Store, label_of: Callable[[str], str], numeric: bool,
                    anchor_of: Callable[[str], str] = ref_anchor) -> nodes.Element | None:
    """The nodes replacing a :class:`~.roles.cite_ref` (None for ``cite:empty``)."""
    form = form_of(node.get("role") or f"cite:{node.get('style', 'p')}")
    if form.show == "empty":
        return None
    notes = node.get("notes") or [("", "")] * len(node["keys"])
    out = nodes.inline(classes=["atlas-citation"], ids=node["ids"])
    items: list[list[nodes.Node]] = []
    for i, (key, (pre, post)) in enumerate(zip(node["keys"], notes, strict=True)):
        ref = store.get(key)
        if ref is None:
            items.append([nodes.inline("", f"?{key}", classes=["atlas-cite-unknown"])])
            continue
        names, year = store.author_year(key)
        names = author_text(ref, names, form.full)
        if form.capital and i == 0:
            names = capitalise(names)
        link = nodes.reference("", "", refid=anchor_of(key), classes=["atlas-cite"])
        link["reftitle"] = f"{store.short_label(key)}: {ref.title}"
        items.append(_item(form, link, names, year, label_of(key), pre, post, numeric))
    plain_numbers = numeric and form.show == "cite" and not form.textual and not any(pre or post for pre, post in notes)
    sep = ", " if plain_numbers else "; "
    body: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            body.append(nodes.Text(sep))
        body.extend(item)
    if form.brackets and not form.textual:
        open_, close = ("[", "]") if numeric and form.show in ("cite", "label") else ("(", ")")
        out += nodes.Text(open_)
        out.extend(body)
        out += nodes.Text(close)
    else:
        out.extend(body)
    return out


def _item(form: CiteForm, link: nodes.reference, names: str, year: str, label: str,
          pre: str, post: str, numeric: bool) -> list[nodes.Node]:
    """One key's part: the link, with its notes around it."""
    if form.textual:
        inner = label if numeric else year
        open_, close = ("[", "]") if numeric else ("(", ")")
        if not pre and not post:
            link += nodes.Text(f"{names} {open_}{inner}{close}")
            return [link]
        link += nodes.Text(names)
        return [link, nodes.Text(f" {open_}{_noted(pre, inner, post)}{close}")]
    if form.show == "author":
        core = names
    elif form.show == "year":
        core = year
    elif form.show == "label" or numeric:
        core = label
    else:
        core = f"{names}, {year}"
    link += nodes.Text(core)
    parts: list[nodes.Node] = []
    if pre:
        parts.append(nodes.Text(f"{pre} "))
    parts.append(link)
    if post:
        parts.append(nodes.Text(f", {post}"))
    return parts


def _noted(pre: str, text: str, post: str) -> str:
    return f"{pre + ' ' if pre else ''}{text}{', ' + post if post else ''}"
