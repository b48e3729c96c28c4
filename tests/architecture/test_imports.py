"""The import graph: no cycles between packages or files, and each extractor family's modules private.

Read from the source with `ast` (every import statement, including those inside functions and
under `TYPE_CHECKING`), so a cycle cannot hide behind a lazy import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("schemas", "pipeline", "extractors", "evaluation", "analysis", "flows")
FAMILIES = ("priorities", "risks", "amounts", "legislation", "surveys")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The project modules `name` imports (a `from package import module` counts as the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + [base]
                ).strip(".")
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in MODULES and t != name}
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), i.e. import cycles."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
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

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _package_graph() -> dict[str, set[str]]:
    top = {p: set() for p in PACKAGES}
    for name, targets in GRAPH.items():
        top[name.split(".")[0]] |= {t.split(".")[0] for t in targets} - {name.split(".")[0]}
    return top


def test_the_graph_sees_the_code():
    assert len(MODULES) > 40
    assert "extractors.priorities.lists" in GRAPH["extractors.priorities"]


def test_no_import_cycle_between_files():
    # A package's __init__ importing its own modules is not a cycle unless a module imports it back.
    assert _cycles(GRAPH) == []


def test_no_import_cycle_between_packages():
    assert _cycles(_package_graph()) == []


def test_the_contract_depends_on_nothing_else_of_the_project():
    assert _package_graph()["schemas"] == set()


@pytest.mark.parametrize("family", FAMILIES)
def test_a_family_s_modules_are_imported_only_by_the_family(family):
    package = f"extractors.{family}"
    intruders = {
        (name, target)
        for name, targets in GRAPH.items()
        if not (name == package or name.startswith(package + "."))
        for target in targets
        if target.startswith(package + ".")
    }
    assert intruders == set()


def test_shared_extractor_helpers_do_not_reach_into_a_family():
    common = {n: t for n, t in GRAPH.items() if n.startswith("extractors.common")}
    assert all(not any(x.startswith(f"extractors.{f}") for f in FAMILIES for x in t) for t in common.values())
