"""The words for what a citizen came for and how complex it is, in the glossary's wording
(docs/glossary.md), for every surface: the reception and counter windows, the citizen and
display pages, the paper ticket and exports.

A new request kind is added to `model.Kind` and here; nothing else holds its name in words
(tests/test_kind_labels.py checks that no other module keeps a copy). The complexity levels are
"Mức độ: Đơn giản / Trung bình / Phức tạp" everywhere ("Nhanh" is a speed, not a level)."""

from __future__ import annotations

from .model import Complexity, Kind

KIND_LABELS: dict[Kind, dict[str, str]] = {
    Kind.GUIDANCE: {"vi": "Hướng dẫn", "en": "Guidance"},
    Kind.SUBMIT: {"vi": "Nộp hồ sơ", "en": "Submit a dossier"},
    Kind.SUPPLEMENT: {"vi": "Bổ sung hồ sơ", "en": "Supplement a dossier"},
    Kind.COLLECT: {"vi": "Nhận kết quả", "en": "Collect a result"},
}
KINDS: tuple[Kind, ...] = tuple(Kind)  # the order reception offers them (Alt+1…4)


def kind_label(kind: str, language: str = "vi") -> str:
    """'Nộp hồ sơ' for "submit" (English for `language` "en"); an unknown code as it is."""
    try:
        words = KIND_LABELS[Kind(kind)]
    except ValueError:
        return str(kind)
    return words.get(language, words["vi"])


COMPLEXITY_LABELS: dict[Complexity, dict[str, str]] = {
    Complexity.QUICK: {"vi": "Đơn giản", "en": "Simple"},
    Complexity.STANDARD: {"vi": "Trung bình", "en": "Medium"},
    Complexity.COMPLEX: {"vi": "Phức tạp", "en": "Complex"},
}
COMPLEXITY_CAPTION = {"vi": "Mức độ", "en": "Complexity"}


def complexity_label(level: str, language: str = "vi") -> str:
    """'Đơn giản' for "quick" (English for `language` "en"); an unknown code as it is."""
    try:
        words = COMPLEXITY_LABELS[Complexity(level)]
    except ValueError:
        return str(level)
    return words.get(language, words["vi"])
