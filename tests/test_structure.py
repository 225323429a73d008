"""The shape of the extension's code: an acyclic import graph, small modules, no
imports hidden inside functions (the usual way to dodge a cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "extensions" / "sphinxcontrib-atlas" / "src" / "sphinxcontrib" / "atlas"
ROOT_NAME = "sphinxcontrib.atlas"
MAX_LINES = 350


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        out[".".join([ROOT_NAME, *parts])] = path
    return out


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, int, bool]]:
    """(imported package-internal module, line, at module level) for one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = _absolute(name, path.name == "__init__.py", node)
            candidates = [f"{target}.{alias.name}" for alias in node.names] + [target]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            if candidate in known and candidate != name:
                found.append((candidate, node.lineno, id(node) in top))
                break
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: {t for t, _line, _top in imports(name, path, known)} for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_has_no_cycle():
    edges = graph()
    assert len(edges) > 30 and sum(map(len, edges.values())) > 60  # the graph was really read
    assert cycles(edges) == []


def test_no_package_import_inside_a_function():
    mods = modules()
    hidden = [f"{path.relative_to(PACKAGE)}:{line} imports {target}"
              for name, path in mods.items() for target, line, top in imports(name, path, set(mods)) if not top]
    assert hidden == []


def test_no_module_is_over_350_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_module_map_in_contributing_is_true():
    """CONTRIBUTING's module map lists every module of the package, and nothing else."""
    import re

    text = (PACKAGE.parents[3].parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### Module map", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([\w/]+\.py)` \|", section, re.M))
    actual = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")}
    actual -= {f for f in actual if f.endswith("__init__.py") and f != "__init__.py"} | {"check/__main__.py"}
    assert listed == actual, (sorted(actual - listed), sorted(listed - actual))
