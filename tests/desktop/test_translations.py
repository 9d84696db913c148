"""The compiled translations ship in git (a plain `pip install` has English too), so each
committed `.qm` must be exactly what pyside6-lrelease makes of its `.ts` today: a `.ts` edited
without recompiling, or a new `.ts` without its `.qm`, fails here. Fix: bash scripts/setup.sh
(it compiles the stale ones), then commit the `.qm`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require

I18N = Path(__file__).resolve().parents[2] / "onestop" / "assets" / "i18n"
SOURCES = sorted(I18N.glob("*.ts"))


def lrelease() -> str:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    require("pyside6-lrelease", found is not None, "pyside6-lrelease (PySide6) not found")
    return found


def test_there_are_translations():
    assert SOURCES, f"no .ts files in {I18N}"


@pytest.mark.parametrize("ts", SOURCES, ids=[p.stem for p in SOURCES])
def test_committed_qm_is_the_compiled_ts(ts: Path, tmp_path: Path):
    committed = ts.with_suffix(".qm")
    assert committed.exists(), f"{committed.name} missing: run bash scripts/setup.sh, commit it"
    fresh = tmp_path / committed.name
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(fresh)], check=True,
                   capture_output=True, timeout=60)
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is stale: run bash scripts/setup.sh and commit it")


def test_qm_files_are_not_ignored_by_git():
    root = I18N.parents[2]
    if not (root / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "-C", str(root), "check-ignore", "-q",
                              str(I18N / "common_en.qm")], timeout=30)
    assert ignored.returncode == 1, ".qm files must be committed, not ignored"


def test_every_window_text_has_its_translation():
    """A tr() text renamed in a window (to follow docs/glossary.md) is renamed in its .ts too:
    else the English window would fall back to Vietnamese."""
    import ast
    import xml.etree.ElementTree as ET

    sources = {m.findtext("source") for ts in SOURCES for m in ET.parse(ts).getroot().iter(
        "message")}
    missing = []
    for path in sorted((I18N.parents[1] / "desktop").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            at = {"tr": 0, "_tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}.get(name)
            if at is None or len(node.args) <= at:
                continue
            text = node.args[at]
            if isinstance(text, ast.Constant) and isinstance(text.value, str) \
                    and text.value not in sources:
                missing.append(f"{path.name}:{node.lineno}: {text.value!r}")
    assert not missing, "texts without a translation:\n" + "\n".join(missing)
