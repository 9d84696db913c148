"""One term per concept (issue 15): the words people read follow docs/glossary.md.

BANNED is the glossary's "not" column as rules: each names the glossary term that replaces the
variant (and that term must be on the glossary page), a pattern, the language it applies to,
and whether it applies everywhere or only where citizens read ("tạm gác" is the officer's word
for parking, never the citizen's). SOURCES are the texts scanned, each yielding
(where, language, audience, text): the Qt translation sources (both languages), the Vietnamese
literals of the hub's pages and messages, the paper and central's dashboard, the pages' HTML
and scripts, the English tables of the pages and the dashboard, and the default catalogue. A
new surface is one more entry in SOURCES.
"""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "onestop"
GLOSSARY = ROOT / "docs" / "glossary.md"
VI_LETTERS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
                        re.IGNORECASE)
CITIZEN, STAFF = "citizen", "staff"


@dataclass(frozen=True)
class Banned:
    term: str  # the glossary's word to use instead (it appears in docs/glossary.md)
    pattern: str
    lang: str  # "vi" or "en"
    audience: str = "all"  # "all", or CITIZEN: only texts citizens read
    flags: int = 0
    # Where a word is the law's own name, e.g. "khiếu nại" in the catalogue's procedure under
    # Luật Khiếu nại: the ban is about the app's words, not a legal procedure's title.
    except_in: str | None = None

    def hits(self, lang: str, audience: str, text: str, where: str = "") -> bool:
        if lang != self.lang or self.audience not in ("all", audience):
            return False
        if self.except_in and where.startswith(self.except_in):
            return False
        return re.search(self.pattern, text, self.flags) is not None


BANNED = (
    Banned("phiếu số thứ tự", r"\bvé\b", "vi", flags=re.IGNORECASE),
    Banned("Ông/Bà", r"\bbạn\b", "vi", flags=re.IGNORECASE),
    Banned("Trung tâm Phục vụ hành chính công", r"Tiếp nhận và Trả kết quả", "vi",
           flags=re.IGNORECASE),
    Banned("khoảng 10 phút", r"~\s*[\d{%]", "vi"),
    Banned("about 10 min", r"~\s*[\d{%]", "en"),
    Banned("Mức độ: Đơn giản / Trung bình / Phức tạp",
           r"^(Nhanh|Thường)$|(Nhanh|Thường)\s*/|Mức độ:?\s*(Nhanh|Thường)|Độ phức tạp", "vi"),
    Banned("Complexity: Simple / Medium / Complex", r"^Quick$", "en"),
    Banned("lĩnh vực", r"\bnhóm\b|\bkỹ năng\b", "vi", flags=re.IGNORECASE),
    Banned("field", r"(?<!\{)\b(groups?|areas?|skills?)\b(?!\})", "en", flags=re.IGNORECASE),
    Banned("Hoàn thành", r"\bXong\b|\b[Đđ]ã xong\b|phục vụ xong|Kết thúc phục vụ", "vi"),
    Banned("Gọi số tạm gác", r"Gọi lại số tạm gác", "vi"),
    Banned("cán bộ dự phòng", r"dự bị", "vi", flags=re.IGNORECASE),
    Banned("Số lượng (trang)", r"Số trang|Số hợp đồng|trang/bản", "vi"),
    Banned("F1 / Phím cách", r"phím space|spacebar", "vi", flags=re.IGNORECASE),
    Banned("90% chờ không quá (phút)", r"\bp90\b", "vi", flags=re.IGNORECASE),
    Banned("90% waited at most (min)", r"\bp90\b", "en", flags=re.IGNORECASE),
    Banned("Tổng các phường", r"Toàn thành phố", "vi"),
    Banned("All wards", r"Whole city", "en"),
    Banned("Số phiếu đã cấp", r"Tickets today", "en"),
    Banned("Lượt của Ông/Bà đang được giữ", r"tạm gác", "vi", CITIZEN, re.IGNORECASE),
    Banned("Số này đã hết lượt do không có mặt khi được gọi", r"bỏ qua", "vi", CITIZEN,
           re.IGNORECASE),
    # Feedback and dialogue (issue 17, docs/feedback.md).
    Banned("phản ánh", r"khiếu nại", "vi", flags=re.IGNORECASE, except_in="catalog.json"),
    Banned("vụ việc", r"hồ sơ góp ý|phiếu góp ý", "vi", flags=re.IGNORECASE),
    Banned("kiến nghị", r"đề xuất lên thành phố|kiến nghị thành phố", "vi", flags=re.IGNORECASE),
    Banned("recommendation", r"\bproposals?\b", "en", flags=re.IGNORECASE),
    Banned("Trước hạn", r"Sớm hạn", "vi", flags=re.IGNORECASE),
    Banned("Mã hồ sơ", r"mã tra cứu", "vi", flags=re.IGNORECASE),
    # A state's label (capitalised); "hồ sơ đang giải quyết" (open dossiers) is another concept.
    Banned("Đang xử lý", r"Đang giải quyết|Chờ bổ sung hồ sơ|Đã rút hồ sơ", "vi"),
    Banned("giấy tiếp nhận hồ sơ và hẹn trả kết quả", r"biên nhận", "vi", flags=re.IGNORECASE),
    Banned("hạn trả kết quả", r"hạn chót", "vi", flags=re.IGNORECASE),
    Banned("due date", r"\bdeadline\b", "en", CITIZEN, re.IGNORECASE),
)

Text = tuple[str, str, str, str]  # (where, language, audience, text)


# --- the sources ----------------------------------------------------------------------------

def translations() -> Iterator[Text]:
    """Every Qt translation source (Vietnamese) and its English; the lobby display is read by
    citizens, the other windows by officers."""
    for ts in sorted((PKG / "assets" / "i18n").glob("*.ts")):
        audience = CITIZEN if ts.stem.startswith("display") else STAFF
        for context in ET.parse(ts).getroot().iter("context"):
            for message in context.iter("message"):
                where = f"{ts.name} [{context.findtext('name')}]"
                yield where, "vi", audience, message.findtext("source") or ""
                yield where, "en", audience, message.findtext("translation") or ""


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def vietnamese_literals(pattern: str, audience: str) -> Callable[[], Iterator[Text]]:
    """The Vietnamese string literals (not docstrings) of the modules matching `pattern`."""
    def texts() -> Iterator[Text]:
        for path in sorted(PKG.glob(pattern)):
            tree = ast.parse(path.read_text("utf-8"))
            skip = _docstrings(tree)
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and id(node) not in skip and VI_LETTERS.search(node.value)):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    yield where, "vi", audience, node.value
    return texts


def web_texts() -> Iterator[Text]:
    """The browser display's HTML text and the string literals of its script."""
    web = PKG / "hub" / "web"
    for path in sorted([*web.glob("*.html"), *web.glob("*.js")]):
        source = path.read_text("utf-8")
        if path.suffix == ".html":
            parts = re.split(r"<[^>]+>", source)
        else:
            parts = [m.group(1) for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', source)]
        for part in parts:
            if VI_LETTERS.search(part):
                yield str(path.relative_to(ROOT)), "vi", CITIZEN, part.strip()


def english_tables() -> Iterator[Text]:
    """The English halves of the tables the pages, the paper's words and the dashboard keep."""
    from onestop.hub.web.citizen import TEXT as CITIZEN_TEXT
    from onestop.hub.web.feedback_form import TEXT as FORM_TEXT
    from onestop.queue.labels import COMPLEXITY_LABELS, KIND_LABELS
    from onestop.queue.wait import WORDS
    from onestop.sync.central.dashboard_page import TEXT as DASHBOARD
    from onestop.sync.central.lookup_text import STATE_WORDS, TIMELINESS_WORDS
    from onestop.sync.central.lookup_text import WORDS as LOOKUP

    for key, (_vi, en) in CITIZEN_TEXT.items():
        yield f"hub/web/citizen.py TEXT[{key}]", "en", CITIZEN, en
    for key, (_vi, en) in FORM_TEXT.items():
        yield f"hub/web/feedback_form.py TEXT[{key}]", "en", CITIZEN, en
    for key, (_vi, en) in WORDS.items():
        yield f"queue/wait.py WORDS[{key}]", "en", CITIZEN, en
    from onestop.queue.guide_card import TEXT as GUIDE_TEXT

    for key, (_vi, en) in GUIDE_TEXT.items():
        yield f"queue/guide_card.py TEXT[{key}]", "en", CITIZEN, en
    for table in (KIND_LABELS, COMPLEXITY_LABELS):
        for code, words in table.items():
            yield f"queue/labels.py {code}", "en", CITIZEN, words["en"]
    for table in (LOOKUP, STATE_WORDS, TIMELINESS_WORDS):
        for key, (_vi, en) in table.items():
            yield f"sync/central/lookup_text.py [{key}]", "en", CITIZEN, en
    for key, value in DASHBOARD["en"].items():
        for text in (value if isinstance(value, tuple) else (value,)):
            yield f"sync/central/dashboard_page.py en[{key}]", "en", STAFF, text


def catalogue_texts() -> Iterator[Text]:
    """The default catalogue's words (names, units, documents, results), both languages."""
    data = json.loads((PKG / "assets" / "catalog.json").read_text("utf-8"))

    def walk(value, where: str) -> Iterator[Text]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, f"{where}[{i}]")
        elif isinstance(value, str):
            lang = "en" if where.endswith("_en") or "_en[" in where else "vi"
            if lang == "en" or VI_LETTERS.search(value):
                yield where, lang, CITIZEN, value
    yield from walk(data, "catalog.json")


SOURCES: dict[str, Callable[[], Iterator[Text]]] = {
    "translations": translations,
    "citizen page": vietnamese_literals("hub/web/*.py", CITIZEN),
    "hub pages": vietnamese_literals("hub/pages.py", CITIZEN),
    "lobby display page": web_texts,
    "ticket": vietnamese_literals("printing/ticket.py", CITIZEN),
    "appointment slip": vietnamese_literals("printing/slip.py", CITIZEN),
    "apology slip": vietnamese_literals("printing/apology.py", CITIZEN),
    "dossier lookup page": vietnamese_literals("hub/dossier_page.py", CITIZEN),
    "daily report and exports": vietnamese_literals("printing/[re]*.py", STAFF),
    "day plan": vietnamese_literals("printing/dayplan_paper.py", STAFF),
    "wait and request words": vietnamese_literals("queue/[lwo]*.py", CITIZEN),
    "hub messages": vietnamese_literals("hub/*.py", STAFF),
    "domain messages": vietnamese_literals("queue/*.py", STAFF),
    "central dashboard": vietnamese_literals("sync/central/dashboard*.py", STAFF),
    "central lookup page": vietnamese_literals("sync/central/lookup*.py", CITIZEN),
    "central dossier messages": vietnamese_literals("sync/central/dossier*.py", CITIZEN),
    "Hỏi thủ tục (guide card, hub and central pages)": vietnamese_literals(
        "queue/guide_card.py", CITIZEN),
    "central guide page": vietnamese_literals("sync/central/guide_page.py", CITIZEN),
    "english tables": english_tables,
    "catalogue": catalogue_texts,
}


# --- the checks -----------------------------------------------------------------------------

def test_every_rule_names_a_term_of_the_glossary():
    page = GLOSSARY.read_text("utf-8")
    missing = [rule.term for rule in BANNED if rule.term not in page]
    assert not missing, f"terms not in docs/glossary.md: {missing}"


@pytest.mark.parametrize("name", list(SOURCES))
def test_no_banned_variant(name):
    texts = list(SOURCES[name]())
    assert texts, f"{name}: nothing scanned (moved files?)"
    found = [f"{where}: {text!r} → use “{rule.term}”"
             for where, lang, audience, text in texts
             for rule in BANNED if rule.hits(lang, audience, text, where)]
    assert not found, "variants the glossary replaces:\n" + "\n".join(found)


@pytest.mark.parametrize(("lang", "audience", "text"), [
    ("vi", STAFF, "Vé hôm nay"), ("vi", CITIZEN, "Còn 3 người trước bạn"),
    ("vi", STAFF, "Bộ phận Tiếp nhận và Trả kết quả – Một cửa"), ("vi", STAFF, "~10 phút"),
    ("vi", STAFF, "Nhanh"), ("vi", STAFF, "Mức độ: Thường"), ("vi", STAFF, "mã nhóm"),
    ("en", STAFF, "Groups (in order)"), ("en", CITIZEN, "No counter serves this area"),
    ("vi", STAFF, "Xong F4"), ("vi", STAFF, "Gọi lại số tạm gác"), ("vi", STAFF, "Số trang/bản"),
    ("vi", STAFF, "Chờ p90 (phút)"), ("vi", STAFF, "Toàn thành phố"),
    ("vi", CITIZEN, "Hồ sơ đang tạm gác"), ("vi", CITIZEN, "Số này đã bị bỏ qua"),
])
def test_the_rules_catch_the_old_wording(lang, audience, text):
    assert any(rule.hits(lang, audience, text) for rule in BANNED), text


@pytest.mark.parametrize(("lang", "audience", "text"), [
    ("vi", STAFF, "Tạm gác"), ("vi", STAFF, "Làn nhanh (ưu tiên việc đơn giản)"),
    ("vi", CITIZEN, "Lượt của Ông/Bà đang được giữ"), ("vi", STAFF, "vừa xong"),
    ("vi", STAFF, "Đã thiết lập xong"), ("vi", CITIZEN, "khoảng 7–17 phút"),
    ("en", STAFF, "Tick with the space bar"), ("vi", STAFF, "Thường trú"),
])
def test_the_rules_leave_the_right_words_alone(lang, audience, text):
    assert not any(rule.hits(lang, audience, text) for rule in BANNED), text


def test_the_catalogue_source_reads_both_languages():
    texts = list(catalogue_texts())
    assert {lang for _w, lang, _a, _t in texts} == {"vi", "en"} and len(texts) > 50
