"""The layout is the design: each layer imports only the layers below it, nothing below the CLI
reads the clock, no two modules import each other (directly or round a cycle), and no module
grows past what a reader can hold."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "treatytrack"

# What each layer may import from treatytrack (besides itself). The top-level modules
# (`treatytrack/__init__.py`, `entry.py`, `__main__.py`) are the doors and may import anything.
ALLOWED = {
    "core": set(),
    "store": {"core"},
    "render": {"core"},
    "importers": {"core", "store"},
    "api": {"core", "store"},
    "cli": {"core", "store", "render", "importers", "api"},
}
# Third-party packages the pure core must never touch: terminals, the CLI framework, files' formats.
NOT_IN_CORE = {"rich", "typer", "click", "yaml", "ruamel", "jinja2", "matplotlib", "orjson", "icalendar"}
CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("time", "time")}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else None


def _imports(path: Path) -> set[str]:
    """Every module an import statement names, at any depth (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_every_module_sits_in_a_layer() -> None:
    loose = [
        m
        for m in MODULES
        if _layer(m) is None and m not in ("treatytrack", "treatytrack.entry", "treatytrack.__main__")
    ]
    assert loose == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) is not None))
def test_imports_go_one_way(module: str) -> None:
    layer = _layer(module)
    assert layer is not None
    wrong = set()
    for name in _imports(MODULES[module]):
        top = name.split(".")[0]
        if layer == "core" and top in NOT_IN_CORE:
            wrong.add(name)
        if top != "treatytrack" or name == "treatytrack":
            continue
        target = _layer(name)
        if target is not None and target != layer and target not in ALLOWED[layer]:
            wrong.add(name)
    assert not wrong, f"{module} ({layer}) imports {sorted(wrong)}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in ("core", "store", "render", "api")))
def test_nothing_below_the_cli_reads_the_clock(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    calls = {
        (node.func.value.id, node.func.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
    }
    assert not calls & CLOCK_CALLS, f"{module} reads the clock"


def _resolve(name: str) -> str:
    """The module an imported name lives in: itself when a module, else its parent (a name in it)."""
    if name in MODULES:
        return name
    parent = name.rsplit(".", 1)[0]
    return parent if parent in MODULES else ""


def test_no_import_cycle() -> None:
    """Between modules, counting every import (also those inside functions)."""
    graph = {
        module: {_resolve(name) for name in _imports(path)} - {module, "treatytrack", ""}
        for module, path in MODULES.items()
    }
    # Tarjan's strongly connected components: any component of two or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert cycles == []


def test_modules_stay_small() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in sizes.items() if n > MAX_LINES} == {}


def test_the_layer_test_sees_a_wrong_import(tmp_path: Path) -> None:
    """The check itself works: a core module importing Rich or the CLI would be reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from treatytrack.cli.common import app\n    import rich\n")
    assert {"treatytrack.cli.common", "rich"} <= _imports(bad)
