"""Hỏi thủ tục: matters another agency decides (docs/guide.md, "Other agencies").

A citizen at the ward's door also asks about passports, driving licences, residence, pensions or
divorce. Those words are not in the catalogue, but some of them sit in a catalogue text as a side
word ("chưa đăng ký khai sinh bao giờ nhưng có hộ chiếu"), so lexical matching alone can answer
"làm hộ chiếu" with a birth registration. The agencies and their phrases are data
(``onestop/assets/guide_other_agencies.json``), with the reason each is not the ward's.

A question naming such a phrase is answered only when the catalogue explains it: the best
procedure's texts say the phrase, and the question without the phrase still finds that same
procedure with confidence ("chứng thực bản sao hộ chiếu" is a certification, "làm hộ chiếu" is
not). Pure: no I/O besides reading the bundled data once.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from dataclasses import dataclass

from .guide_terms import expand, tokens


@dataclass(frozen=True)
class Agency:
    name_vi: str
    name_en: str
    reason: str
    phrases: tuple[tuple[str, ...], ...]  # folded, after the synonym table


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    files = importlib.resources.files("onestop.assets")
    return json.loads(files.joinpath("guide_other_agencies.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def any_document_fields() -> frozenset[str]:
    """Fields whose procedures apply to a paper of any agency (certification)."""
    return frozenset(_data().get("any_document_fields", ()))


@functools.lru_cache(maxsize=1)
def _purpose_words() -> frozenset[str]:
    return frozenset(w for p in _data().get("purpose_words", ()) for w in tokens(p))


@functools.lru_cache(maxsize=1)
def agencies() -> tuple[Agency, ...]:
    data = _data()
    return tuple(Agency(a["agency_vi"], a["agency_en"], a["reason"],
                        tuple(tuple(expand(tokens(p))) for p in a["phrases"] if tokens(p)))
                 for a in data["agencies"])


@functools.lru_cache(maxsize=1)
def _by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    found: dict[str, list[tuple[str, ...]]] = {}
    for agency in agencies():
        for phrase in agency.phrases:
            found.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(sorted(p, key=len, reverse=True)) for w, p in found.items()}


def elsewhere_phrases(words: list[str]) -> list[tuple[int, int]]:
    """Where the question's words name another agency's matter: (start, end) spans. Words
    after a purpose word ("để": why, not what) are not looked at."""
    table = _by_first_word()
    purpose = _purpose_words()
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words) and words[i] not in purpose:
        for phrase in table.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                spans.append((i, i + len(phrase)))
                i += len(phrase)
                break
        else:
            i += 1
    return spans


def says(text_words: list[tuple[str, ...]], phrase: tuple[str, ...]) -> bool:
    """Whether one of a procedure's texts (folded words) contains the phrase."""
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase
               for words in text_words for i in range(len(words) - n + 1))


def names_matter(name_words: list[tuple[str, ...]], phrase: tuple[str, ...],
                 rest: list[str], idf: dict[str, float], least: float) -> bool:
    """Whether a procedure named after another agency's matter ("Ghi vào sổ hộ tịch việc ly
    hôn ... của nước ngoài") explains it: its name says the phrase, and the rest of the
    question shares `least` idf with the other words of that name ("ghi chú ly hôn tại Hàn
    Quốc": "ghi", "nước ngoài"). "ly hôn đơn phương" shares none: the court's."""
    if not says(name_words, phrase):
        return False
    name = {w for words in name_words for w in words} - set(phrase)
    return sum(idf.get(w, 0.0) for w in name & set(rest)) >= least
