"""The import-linter contracts of pyproject.toml, checked again from source with ast.

lint-imports checks them (scripts/test.sh runs it); this test reads the same contracts from
pyproject.toml and checks every direct import against them inside plain pytest, as a second net
that also sees relative imports and importlib calls by a literal string. It checks direct
imports only: a chain through a third module is lint-imports' part. Each contract type used in
pyproject.toml must be one this test knows ("forbidden", "layers"), so no contract goes
unchecked here. The layering itself is described in docs/architecture.md.
"""

import ast
import functools
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG_ROOT = ROOT / "onestop"


def contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG_ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module name an import in `source` may load, as (line, dotted name).

    `from a import b` yields both a and a.b, since b may be a submodule (`from onestop import
    hub`). Relative imports are resolved against `module`. importlib.import_module("x") and
    __import__("x") with a literal string count too.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            arg = node.args[0]
            is_literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            if name in ("import_module", "__import__") and is_literal:
                found.append((node.lineno, arg.value))
    return found


Imports = list[tuple[str, str, list[tuple[int, str]]]]  # (module, file, [(line, imported)])


@functools.cache
def package_imports() -> Imports:
    found = []
    for path in sorted(PKG_ROOT.rglob("*.py")):
        module = module_name(path)
        names = imported_names(path.read_text(encoding="utf-8"), module,
                               path.name == "__init__.py")
        found.append((module, str(path.relative_to(ROOT)), names))
    return found


def within(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def internal(name: str) -> str:
    """import-linter's "*.x" means onestop.x, the only root package."""
    return "onestop" + name[1:] if name.startswith("*.") else name


def forbidden_problems(contract: dict, imports: Imports) -> list[str]:
    sources = [internal(s) for s in contract["source_modules"]]
    forbidden = [internal(f) for f in contract["forbidden_modules"]]
    problems = set()
    for module, file, names in imports:
        if not any(within(module, s) for s in sources):
            continue
        for line, name in names:
            for bad in forbidden:
                if within(name, bad):
                    problems.add(f"{file}:{line} imports {name} (forbidden: {bad})")
    return sorted(problems)


def parse_layers(contract: dict) -> list[tuple[tuple[str, ...], bool]]:
    """Top to bottom: (module names, independent) per layer; "a | b" are independent
    siblings, "a : b" siblings that may import each other."""
    (container,) = contract["containers"]
    layers = []
    for text in contract["layers"]:
        independent = ":" not in text
        parts = text.replace(":", "|").split("|")
        layers.append((tuple(f"{container}.{p.strip()}" for p in parts), independent))
    return layers


def layer_of(name: str, layers) -> tuple[int, str] | None:
    for index, (members, _) in enumerate(layers):
        for member in members:
            if within(name, member):
                return index, member
    return None


def layer_problems(contract: dict, imports: Imports) -> list[str]:
    layers = parse_layers(contract)
    problems = set()
    for module, file, names in imports:
        home = layer_of(module, layers)
        if home is None:
            continue
        for line, name in names:
            there = layer_of(name, layers)
            if there is None or there[1] == home[1]:
                continue
            if there[0] < home[0]:
                problems.add(f"{file}:{line} imports {name}, a layer above {home[1]}")
            elif there[0] == home[0] and layers[home[0]][1]:
                problems.add(f"{file}:{line} imports {name}, independent of {home[1]}")
    return sorted(problems)


CHECKS = {"forbidden": forbidden_problems, "layers": layer_problems}


def test_every_contract_type_is_checked_here():
    assert {c["type"] for c in contracts()} <= set(CHECKS)


@pytest.mark.parametrize("contract", contracts(), ids=lambda c: c["name"])
def test_contract_holds_for_direct_imports(contract):
    assert package_imports(), "no Python files found under onestop/"
    for source in contract.get("source_modules", []):
        assert any(within(m, internal(source)) for m, _, _ in package_imports()), source
    assert CHECKS[contract["type"]](contract, package_imports()) == []


# The checks themselves must catch each way of breaking a contract, or the tests above prove
# nothing.
LAYERS = {"name": "t", "type": "layers", "containers": ["onestop"],
          "layers": ["compose", "desktop | sync", "hub", "queue"]}


@pytest.mark.parametrize(("module", "imported", "broken"), [
    ("onestop.hub.store", "onestop.compose", True),            # up two layers
    ("onestop.queue.model", "onestop.hub.store.HubStore", True),
    ("onestop.desktop.client", "onestop.sync.pusher", True),   # independent sibling
    ("onestop.sync.pusher", "onestop.hub.outbox", False),      # down
    ("onestop.compose", "onestop.queue.rules", False),
    ("onestop.hub.api", "onestop.hub.store", False),           # within one room
    ("onestop.settings", "onestop.compose", False),            # outside the layers
])
def test_layer_check_catches(module, imported, broken):
    problems = layer_problems(LAYERS, [(module, "f.py", [(1, imported)])])
    assert bool(problems) is broken, problems


def test_forbidden_check_catches_internal_and_external_names():
    contract = {"source_modules": ["*.desktop"], "forbidden_modules": ["*.hub", "sqlite3"]}
    imports = [("onestop.desktop.a", "a.py", [(1, "onestop.hub.store"), (2, "sqlite3")]),
               ("onestop.desktop.b", "b.py", [(1, "onestop.hubris"), (2, "json")]),
               ("onestop.hub.c", "c.py", [(1, "sqlite3")])]
    assert forbidden_problems(contract, imports) == [
        "a.py:1 imports onestop.hub.store (forbidden: onestop.hub)",
        "a.py:2 imports sqlite3 (forbidden: sqlite3)"]


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("import sqlite3", "onestop.queue.model", False, "sqlite3"),
        ("import PySide6.QtCore as qc", "onestop.queue.model", False, "PySide6.QtCore"),
        ("from fastapi import FastAPI", "onestop.queue.model", False, "fastapi"),
        ("from onestop import hub", "onestop.queue.model", False, "onestop.hub"),
        ("from ..hub import x", "onestop.queue.model", False, "onestop.hub"),
        ("from .. import desktop", "onestop.queue.model", False, "onestop.desktop"),
        ("from ... import sync", "onestop.queue.sub.deep", False, "onestop.sync"),
        ("from ..printing import ticket", "onestop.queue", True, "onestop.printing"),
        ("def f():\n    import sqlite_utils", "onestop.queue.model", False, "sqlite_utils"),
        ("import importlib\nimportlib.import_module('httpx')", "onestop.queue.m", False, "httpx"),
        ("__import__('uvicorn')", "onestop.queue.m", False, "uvicorn"),
    ],
)
def test_scanner_catches(source, module, is_package, expected):
    names = [name for _, name in imported_names(source, module, is_package)]
    assert any(within(n, expected) for n in names), names


def test_scanner_resolves_sibling_and_stdlib_imports():
    source = "import json\nimport queue\nfrom . import model\nfrom .events import Event\n"
    names = [name for _, name in imported_names(source, "onestop.queue.engine", False)]
    assert "queue" in names and "json" in names
    assert "onestop.queue.model" in names and "onestop.queue.events.Event" in names
