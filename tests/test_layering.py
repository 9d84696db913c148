"""The package layering of DESIGN.md §2, checked from source with ast.

lint-imports checks the same contracts from pyproject.toml; this test is the second net that
also runs inside plain pytest, and it sees relative imports and importlib calls by string.
"""

import ast
from pathlib import Path

import pytest

PKG_ROOT = Path(__file__).resolve().parent.parent / "onestop"

QUEUE_FORBIDDEN = (
    "PySide6",
    "shiboken6",
    "sqlite3",
    "sqlite_utils",
    "fastapi",
    "httpx",
    "uvicorn",
    "starlette",
    "onestop.hub",
    "onestop.desktop",
    "onestop.printing",
    "onestop.sync",
)
HUB_FORBIDDEN = ("PySide6", "shiboken6", "onestop.desktop")


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


def violations(package_dir: Path, forbidden: tuple[str, ...]) -> list[str]:
    problems = []
    for path in sorted(package_dir.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        module = module_name(path)
        for line, name in imported_names(source, module, path.name == "__init__.py"):
            for bad in forbidden:
                if name == bad or name.startswith(bad + "."):
                    rel = path.relative_to(PKG_ROOT.parent)
                    problems.append(f"{rel}:{line} imports {name} (forbidden: {bad})")
    return sorted(set(problems))


def test_queue_is_pure_domain():
    queue_dir = PKG_ROOT / "queue"
    assert queue_dir.is_dir(), "onestop/queue is the domain package of DESIGN.md §2"
    assert list(queue_dir.rglob("*.py")), "no Python files found under onestop/queue"
    assert violations(queue_dir, QUEUE_FORBIDDEN) == []


def test_hub_never_imports_qt_or_desktop():
    hub_dir = PKG_ROOT / "hub"
    if not hub_dir.is_dir():
        pytest.skip("onestop/hub not written yet")
    assert violations(hub_dir, HUB_FORBIDDEN) == []


# The scanner itself must catch each way of importing, or the tests above prove nothing.
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
    assert any(n == expected or n.startswith(expected + ".") for n in names), names


def test_scanner_allows_sibling_and_stdlib_imports():
    source = "import json\nimport queue\nfrom . import model\nfrom .events import Event\n"
    names = [name for _, name in imported_names(source, "onestop.queue.engine", False)]
    assert all(
        not (n == bad or n.startswith(bad + ".")) for n in names for bad in QUEUE_FORBIDDEN
    ), names
    assert "onestop.queue.model" in names and "onestop.queue.events.Event" in names
