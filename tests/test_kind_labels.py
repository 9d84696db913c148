"""One source for the request kinds and their words (issue 14, item 5): the API takes the
domain's `Kind`, and every surface (windows, pages, paper) takes its words from
onestop/queue/labels.py - no other module keeps a copy of a kind's label or of its codes."""

from __future__ import annotations

import ast
from pathlib import Path

from onestop.queue.labels import KIND_LABELS, KINDS, kind_label
from onestop.queue.model import Kind

ROOT = Path(__file__).resolve().parents[1] / "onestop"
LABELS = ROOT / "queue" / "labels.py"
GLOSSARY = {  # the agreed words (issue 14)
    "guidance": ("Hướng dẫn", "Guidance"),
    "submit": ("Nộp hồ sơ", "Submit a dossier"),
    "supplement": ("Bổ sung hồ sơ", "Supplement a dossier"),
    "collect": ("Nhận kết quả", "Collect a result"),
}
# Earlier wordings that must not come back anywhere.
OLD = ("Hướng dẫn, tư vấn", "Submit dossier", "Collect result", "Supplement")


def test_every_kind_has_the_glossary_words():
    assert set(KIND_LABELS) == set(Kind) and list(KINDS) == list(Kind)
    for code, (vi, en) in GLOSSARY.items():
        assert kind_label(code) == kind_label(code, "vi") == vi
        assert kind_label(Kind(code), "en") == en
    assert kind_label("teleport", "en") == "teleport"  # an unknown code stays readable


def _sources():
    for path in sorted(ROOT.rglob("*")):
        if path.suffix in (".py", ".ts", ".js", ".html") and path != LABELS:
            yield path


def _literals(path: Path) -> list[str]:
    """The string constants of a Python file; the element texts of a .ts/.js/.html file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return [part.split("<", 1)[0] for part in text.split(">")] + [
            part for i, part in enumerate(text.split('"')) if i % 2]
    return [node.value for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_other_module_keeps_a_kind_label():
    words = {w for pair in GLOSSARY.values() for w in pair} | set(OLD)
    copies = [(str(path.relative_to(ROOT)), literal) for path in _sources()
              for literal in _literals(path)
              if literal.strip() in words or literal.split(",")[0].strip() in words]
    assert copies == []


def test_no_module_keeps_its_own_list_of_kind_codes():
    """A Literal["guidance", "submit", ...] or a dict keyed by every code is a copy of Kind."""
    codes = {k.value for k in Kind}
    copies = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            items = (node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set)
                     else node.keys if isinstance(node, ast.Dict) else [])
            found = {n.value for n in items if isinstance(n, ast.Constant)}
            if codes <= found:
                copies.append((str(path.relative_to(ROOT)), node.lineno))
    assert copies == []


def test_the_api_schema_enum_is_the_domain_enum(live_hub):
    import httpx

    schema = httpx.get(f"{live_hub.url}/openapi.json", timeout=30).json()
    assert schema["components"]["schemas"]["Kind"]["enum"] == [k.value for k in Kind]
    body = schema["components"]["schemas"]["IssueBody"]["properties"]["kind"]
    assert body.get("$ref", "").endswith("/Kind") or any(
        one.get("$ref", "").endswith("/Kind") for one in body.get("allOf", []))
    estimate = schema["paths"]["/api/estimate"]["get"]["parameters"]
    kind = next(p for p in estimate if p["name"] == "kind")["schema"]
    assert kind.get("$ref", "").endswith("/Kind") or kind.get("enum") == [k.value for k in Kind]
