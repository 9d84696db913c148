"""Finding a procedure fast at reception: diacritic-insensitive, typo-forgiving search.

Receptionists type without tone marks ("dang ky khai sinh"), in any word order, with typos
("khia sinh"), in Vietnamese or English, or type the national code. Every text is folded
(lower case, no diacritics, đ → d) and split into words; each query word is matched against
the catalogue's vocabulary exactly, as a prefix (partial typing) or within a small edit
distance, found through a deletion index (SymSpell) so a query costs well under a millisecond
instead of comparing every word pair.

A service scores by how much of the query its words explain (name, keywords, English name),
plus a bonus for one field that holds the whole query and little else (so "dang ky khai
sinh" prefers "Đăng ký khai sinh" to "Đăng ký khai tử"), plus a bonus for the code.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from .catalog import Catalog, Service

# Weights of the places a word can be found; the Vietnamese name is what people ask for.
NAME_VI, KEYWORD, NAME_EN = 1.0, 0.95, 0.85
EXACT, PREFIX, TYPO1, TYPO2 = 1.0, 0.85, 0.75, 0.55
KNOWN_WORD = 0.6
RELATIVE_CUTOFF = 0.5  # results far below the best one are noise
MIN_COVERAGE = 0.55  # of a query of several words, more than half must be found
MAX_QUERY = 200  # characters; a pasted page is not a query
MAX_WORDS = 12
MAX_FUZZY_LEN = 24  # longer words get no typo matching (deletions grow quadratically)

_WORD = re.compile(r"\w+(?:\.\w+)*")  # keeps codes such as 1.001193 or local.contract whole
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case without diacritics, đ → d, single spaces: how texts are compared."""
    result = text
    # Twice at most in practice: lower-casing some letters yields a base plus a combining
    # mark (İ → i̇), which the next round removes; the loop makes fold idempotent.
    for _ in range(4):
        previous = result
        decomposed = unicodedata.normalize("NFD", result.lower())
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        result = stripped.replace("đ", "d").replace("Đ", "d").lower()
        result = _SPACES.sub(" ", result).strip()
        if result == previous:
            break
    return result


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return _WORD.findall(fold(text))


def syllable_key(word: str) -> str:
    # Vietnamese writes i and y interchangeably in many syllables (kí/ký, lí/lý).
    return word.replace("y", "i")


def max_typos(word: str) -> int:
    n = len(word)
    if n <= 3 or n > MAX_FUZZY_LEN:  # most 3-letter syllables are one typo from another
        return 0
    return 1 if n <= 6 else 2


def deletions(word: str, depth: int) -> set[str]:
    found = {word}
    for k in range(1, depth + 1):
        for drop in combinations(range(len(word)), k):
            found.add("".join(c for i, c in enumerate(word) if i not in drop))
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (khia ↔ khai is one typo); > limit early."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if (before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2]
                    and a[i - 2] == b[j - 1]):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


@dataclass(frozen=True)
class _Field:
    service: int  # index in the catalogue
    weight: float
    size: int  # distinct words


class SearchIndex:
    """The catalogue's words, built once per catalogue."""

    def __init__(self, catalog: Catalog) -> None:
        self.services: tuple[Service, ...] = catalog.services
        self.codes = [s.code.lower() for s in self.services]
        self.fields: list[_Field] = []
        self.postings: dict[str, list[int]] = defaultdict(list)  # word key -> field ids
        for number, service in enumerate(self.services):
            texts = [(service.name_vi, NAME_VI), (service.name_en, NAME_EN)]
            texts += [(keyword, KEYWORD) for keyword in service.keywords]
            for text, weight in texts:
                keys = {syllable_key(w) for w in words(text)}
                field_id = len(self.fields)
                self.fields.append(_Field(number, weight, len(keys)))
                for key in keys:
                    self.postings[key].append(field_id)
        self.vocabulary = sorted(self.postings)
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        for key in self.vocabulary:
            for variant in deletions(key, max_typos(key)):
                self.by_deletion[variant].add(key)
        self._matches: dict[tuple[str, bool], dict[str, float]] = {}

    def matches(self, word: str, typing: bool = False) -> dict[str, float]:
        """Vocabulary words a query word may mean, with how sure: exact > prefix > typo.
        `typing`: the word is the one still being typed, so it may be any word's start."""
        cached = self._matches.get((word, typing))
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = EXACT
        # A word the catalogue has as typed is rarely a typo for another, or the start of a
        # longer one unless it is still being typed ("thu" → "thuc").
        known = word in self.postings
        if len(word) >= 2:
            for key in self._with_prefix(word):
                found.setdefault(key, PREFIX * (KNOWN_WORD if known and not typing else 1.0))
        depth = 0 if known else max_typos(word)
        if depth:
            candidates: set[str] = set()
            for variant in deletions(word, depth):
                candidates |= self.by_deletion.get(variant, set())
            for key in candidates - found.keys():
                typos = edit_distance(word, key, depth)
                if typos <= min(depth, max_typos(key) or 1):
                    found[key] = TYPO1 if typos <= 1 else TYPO2
        if len(self._matches) > 2000:  # live typing makes many one-off words
            self._matches.clear()
        self._matches[(word, typing)] = found
        return found

    def _with_prefix(self, word: str) -> list[str]:
        from bisect import bisect_left

        start = bisect_left(self.vocabulary, word)
        out = []
        for key in self.vocabulary[start:]:
            if not key.startswith(word):
                break
            if key != word:
                out.append(key)
        return out

    def search(self, query: str, limit: int = 8) -> list[Service]:
        query = query[:MAX_QUERY]
        folded = fold(query)
        keys = [syllable_key(w) for w in _WORD.findall(folded)][:MAX_WORDS]
        if not keys or limit <= 0:
            return []
        # best[field][query word] = (score, the field word it matched best)
        best: dict[int, dict[int, tuple[float, str]]] = defaultdict(dict)
        typing = len(keys) - 1 if query[-1:].isalnum() else -1
        for position, word in enumerate(keys):
            for key, score in self.matches(word, position == typing).items():
                for field_id in self.postings[key]:
                    scores = best[field_id]
                    if score > scores.get(position, (0.0, ""))[0]:
                        scores[position] = (score, key)
        ranked: dict[int, float] = defaultdict(float)
        cover: dict[int, list[float]] = {}
        whole: dict[int, float] = defaultdict(float)
        for field_id, scores in best.items():
            field = self.fields[field_id]
            per_word = cover.setdefault(field.service, [0.0] * len(keys))
            for position, (score, _) in scores.items():
                per_word[position] = max(per_word[position], score * field.weight)
            explains = sum(score for score, _ in scores.values()) / len(keys)
            complete = len({key for _, key in scores.values()}) / max(field.size, 1)
            whole[field.service] = max(whole[field.service],
                                       field.weight * explains * (0.5 + 0.5 * complete))
        for number, per_word in cover.items():
            coverage = sum(per_word) / len(keys)
            if coverage >= MIN_COVERAGE or len(keys) == 1:
                ranked[number] = coverage + 0.5 * whole[number]
        compact = folded.replace(" ", "")
        looks_like_code = len(compact) >= 2 and any(c.isdigit() for c in compact)
        if looks_like_code or compact.startswith("local."):
            for number, code in enumerate(self.codes):
                if code == compact:
                    ranked[number] += 3.0
                elif code.startswith(compact):
                    ranked[number] += 1.5
        order = sorted(ranked, key=lambda n: (-ranked[n], n))
        floor = ranked[order[0]] * RELATIVE_CUTOFF if order else 0.0
        return [self.services[n] for n in order[:limit] if ranked[n] >= floor]


_indexes: dict[int, tuple[Catalog, SearchIndex]] = {}


def index_for(catalog: Catalog) -> SearchIndex:
    """The index of a catalogue, built on first use (a catalogue object never changes)."""
    entry = _indexes.get(id(catalog))
    if entry is None or entry[0] is not catalog:
        if len(_indexes) > 8:
            _indexes.clear()
        entry = (catalog, SearchIndex(catalog))
        _indexes[id(catalog)] = entry
    return entry[1]


def search(catalog: Catalog, query: str, limit: int = 8) -> list[Service]:
    """Services best matching what was typed, best first; [] for an empty query."""
    return index_for(catalog).search(query, limit)
