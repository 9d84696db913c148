"""No module imports another module's private names (`from x import _helper`).

A leading underscore says "only this module uses it"; a name another module needs is made public
where it lives (queue/validation.py holds the JSON checks that catalog.py, centre.py and
scenario.py share). Checked from source with ast over every module of the onestop package.
"""

import ast
from pathlib import Path

PKG_ROOT = Path(__file__).resolve().parent.parent / "onestop"


def private_imports(source: str) -> list[tuple[int, str]]:
    """(line, "module.name") for each `from module import _name` (dunder names are public)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            prefix = "." * node.level + (f"{node.module}." if node.module else "")
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append((node.lineno, prefix + alias.name))
    return found


def test_no_module_imports_private_names_of_another():
    problems = [f"{path.relative_to(PKG_ROOT.parent)}:{line} imports {name}"
                for path in sorted(PKG_ROOT.rglob("*.py"))
                for line, name in private_imports(path.read_text(encoding="utf-8"))]
    assert problems == []


def test_the_check_sees_each_form():
    source = ("from .catalog import _text, Catalog\nfrom onestop.hub import _x\n"
              "from . import _helpers\nfrom a import __version__\n")
    assert private_imports(source) == [(1, ".catalog._text"), (2, "onestop.hub._x"),
                                       (3, "._helpers")]
