"""The shape the project promises: a core that does not import MkDocs and has no import
cycle, thin hooks, no module over ~300 lines and no function over ~40."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

HOOKS = ROOT / "hooks"
CORE = HOOKS / "acsdocs"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found |= {node.module.split(".")[0]} if node.level == 1 and node.module else {a.name for a in node.names} if node.level == 1 else {f"!{node.module}"}
        elif isinstance(node, ast.Import):
            found |= {f"!{a.name}" for a in node.names}
    return found


def test_the_core_does_not_import_mkdocs():
    for path in CORE.glob("*.py"):
        assert not any(name.lstrip("!").split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n") for name in _imports(path)), path.name


def test_the_core_has_no_import_cycle():
    graph = {p.stem: {n for n in _imports(p) if not n.startswith("!")} for p in CORE.glob("*.py")}
    state: dict = {}

    def visit(module, trail):
        if state.get(module) == "open":
            raise AssertionError("import cycle: " + " -> ".join(trail + [module]))
        if state.get(module) is None:
            state[module] = "open"
            for dep in graph.get(module, ()):
                visit(dep, trail + [module])
            state[module] = "done"

    for module in graph:
        visit(module, [])


def test_hooks_are_thin_and_modules_small():
    assert len((HOOKS / "site_hooks.py").read_text(encoding="utf-8").splitlines()) <= 150
    sizes = {p.relative_to(HOOKS).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in HOOKS.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 320} == {}


def test_functions_are_short():
    long = []
    for path in HOOKS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 45:
                long.append(f"{path.name}:{node.name}")
    assert long == []
