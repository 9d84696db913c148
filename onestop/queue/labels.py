"""The words for what a citizen came for, in the glossary's wording, for every surface: the
reception and counter windows, the citizen and display pages, the paper ticket and exports.

A new request kind is added to `model.Kind` and here; nothing else holds its name in words
(tests/queue/test_labels.py checks that no other module keeps a copy)."""

from __future__ import annotations

from .model import Kind

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
