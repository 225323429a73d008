"""The ``:filter:`` expressions of the ``bibliography`` directive (sphinxcontrib-bibtex's).

An expression is a small Python expression, parsed with :mod:`ast` and evaluated by a
visitor that knows only what a filter needs — never :func:`eval`::

    docname in docnames
    cited and year and (year <= "2003")
    {"diseases/mds", "diseases/cll"} & docnames
    type == "article" and title % "interleukin"

Names: ``type`` (lower case), ``key`` (lower case), ``cited`` (cited on any page),
``docname`` (the list's own page), ``docnames`` (the pages citing the entry), ``True``,
``False``, and any field name (its text, "" when absent; ``author`` and ``editor`` as
written).  Operators: ``and``, ``or``, ``not``, comparisons, ``in``/``not in``, ``&`` and
``|`` on sets, and ``%`` for a case-insensitive regular-expression search.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Mapping
from typing import Any

_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


class FilterError(ValueError):
    """The expression uses something a filter does not allow."""


def compile_filter(text: str) -> ast.expr:
    """Parse ``text`` and check every part is allowed (raises :class:`FilterError`)."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise FilterError(f"not a valid expression: {exc.msg}") from None
    for node in ast.walk(tree):
        allowed = (
            ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare, ast.BinOp, ast.Mod,
            ast.BitAnd, ast.BitOr, ast.Name, ast.Load, ast.Constant, ast.Set, *_COMPARE,
        )
        if not isinstance(node, allowed):
            raise FilterError(f"{type(node).__name__.lower()} is not allowed in a filter")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (str, bool)):
            raise FilterError(f"only strings, True and False are allowed, not {node.value!r}")
    return tree


def evaluate(tree: ast.expr, names: Mapping[str, Any]) -> Any:
    """Evaluate a compiled filter; an unknown name is a field the entry lacks ("")."""
    if isinstance(tree, ast.Constant):
        return tree.value
    if isinstance(tree, ast.Name):
        return {"True": True, "False": False}.get(tree.id, names.get(tree.id, ""))
    if isinstance(tree, ast.Set):
        return frozenset(evaluate(e, names) for e in tree.elts)
    if isinstance(tree, ast.BoolOp):
        values = (evaluate(v, names) for v in tree.values)
        return all(values) if isinstance(tree.op, ast.And) else any(values)
    if isinstance(tree, ast.UnaryOp):
        return not evaluate(tree.operand, names)
    if isinstance(tree, ast.BinOp):
        left, right = evaluate(tree.left, names), evaluate(tree.right, names)
        if isinstance(tree.op, ast.Mod):
            try:
                return re.search(str(right), str(left), re.IGNORECASE) is not None
            except re.error:
                return False
        left, right = _as_set(left), _as_set(right)
        return left & right if isinstance(tree.op, ast.BitAnd) else left | right
    if isinstance(tree, ast.Compare):
        left = evaluate(tree.left, names)
        for op, comparator in zip(tree.ops, tree.comparators, strict=True):
            right = evaluate(comparator, names)
            a, b = left, right
            if not isinstance(op, (ast.In, ast.NotIn)) and (isinstance(a, frozenset) or isinstance(b, frozenset)):
                a, b = _as_set(a), _as_set(b)
            try:
                ok = _COMPARE[type(op)](a, b)
            except TypeError:
                ok = False
            if not ok:
                return False
            left = right
        return True
    raise FilterError(f"{type(tree).__name__.lower()} is not allowed in a filter")


def _as_set(value: Any) -> frozenset:
    if isinstance(value, frozenset):
        return value
    return frozenset() if value in ("", None, False) else frozenset([value])


def entry_names(fields: Mapping[str, str], entry_type: str, key: str, docname: str,
                citing: tuple[str, ...]) -> dict[str, Any]:
    """The names a filter sees for one entry on the list of ``docname``."""
    names: dict[str, Any] = {k.lower(): v for k, v in fields.items()}
    names.update(type=entry_type.lower(), key=key.lower(), cited=bool(citing), docname=docname,
                 docnames=frozenset(citing))
    return names
