"""Hỏi thủ tục: which procedures of the catalogue a citizen's question is about (docs/guide.md).

Retrieval only: the answers are catalogue entries as the centre wrote them, never generated
text. Pure and deterministic: the same catalogue and question always give the same answer.

How a question is ranked:

1. folded (no diacritics), cut into syllables, abbreviations and everyday words replaced by the
   catalogue's own (guide_terms.expand: "dk gks" → "đăng ký giấy khai sinh");
2. a syllable the catalogue never uses is corrected to one it does within one or two edits
   (the SymSpell deletion index of queue/search.py), so "khai snh" still finds "khai sinh";
3. BM25 over each procedure's texts (name, citizens' phrasings, keywords, field, English
   name), with syllable bigrams as extra terms because Vietnamese words are two syllables
   ("khai sinh" must outrank "khai" + "sinh" in different places), plus a bonus for the one text
   that matches the question most completely (name or phrasing);
4. a sentence joining several requests ("khai sinh và kết hôn") is also ranked part by part;
   each confident part brings its own best answer to the front.

Confidence: the share of the question's content words (stop words removed, each weighted by its
rarity in the catalogue, a word the catalogue never uses weighing the most) that the best
answer's texts contain, and a minimum of specific evidence. "Đăng ký xe máy" shares only
"đăng ký", a word every procedure uses, so it is refused; so are questions made of words the
catalogue does not know ("thời tiết"). The thresholds are in guide_confidence.py; another
agency's matter ("làm hộ chiếu", "đăng ký thường trú") is refused by guide_scope.py unless the
catalogue explains it; a question naming no variant ("cấp lại", "xóa"…) prefers the base
procedure.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass

from .catalog import Catalog, Service
from .guide_card import MAX_QUESTION, answer_dict, invalid_question
from .guide_confidence import MIN_ANCHOR, MIN_EVIDENCE, NAMED_MATTER_ANCHOR, Ranking
from .guide_scope import any_document_fields, elsewhere_phrases, names_matter, says
from .guide_terms import (
    STOP_WORDS,
    content,
    expand,
    in_stop_phrases,
    is_english,
    parts,
    sound_alikes,
    tokens,
    variants_in,
)
from .search import deletions, edit_distance, max_typos

__all__ = ["MAX_ANSWERS", "MAX_QUESTION", "GuideIndex", "answer_dict", "ask", "index_for",
           "invalid_question"]

MAX_ANSWERS = 5
K1, B = 1.2, 0.4
BIGRAM = 1.5  # a bigram term counts this much more than its syllables alone
TYPO_WEIGHT = 0.7  # a corrected syllable is weaker evidence than one typed right
PAIRED_TYPO = 0.9  # ... unless it then makes a two-syllable word with a neighbour
BEST_TEXT_BONUS = 2.0  # times the share of the best-matching text explained
WHOLE_FIT = 0.85  # a text of the whole question's best answer this complete: not several asks
UNKNOWN_SHARE = 1.0
MIN_WHOLE_WEIGHT = 6.0  # idf of a text that counts as specific (guide_confidence.WHOLE_TEXT)
PLAIN_SHARE = 0.75  # of a text's syllables a question with no procedure word must say
VARIANT_PENALTY = 0.9  # a variant procedure (cấp lại, xóa…) when the question names none
RELATIVE_FLOOR = 0.35  # answers below this share of the best score are noise
# Where a word is found and how much it counts: the name is the centre's, phrasings citizens'.
WEIGHTS = {"name_vi": 1.0, "phrasing": 1.0, "keyword": 0.9, "name_en": 0.7, "field": 0.35,
           "group": 0.25}


@dataclass(frozen=True)
class _Text:
    service: int
    weight: float
    terms: frozenset[str]  # syllables and bigrams ("khai", "khai sinh")
    size: int  # content syllables
    anchor: bool = False  # the name or a keyword (not a phrasing, field or group)


def _terms(syllables: list[str]) -> set[str]:
    found = set(syllables)
    found.update(f"{a} {b}" for a, b in zip(syllables, syllables[1:], strict=False))
    return found


def _texts_of(service: Service, catalog: Catalog,
              fields: dict[str, str]) -> list[tuple[str, str, float]]:
    """(kind, text, weight) of every text a service is found by."""
    texts = [("name_vi", service.name_vi), ("name_en", service.name_en)]
    texts += [("phrasing", p) for p in service.phrasings_vi]
    texts += [("keyword", k) for k in service.keywords]
    if fields.get(service.field):
        texts.append(("field", fields[service.field]))
    group = next((g for g in catalog.groups if g.id == service.group), None)
    if group is not None:
        texts.append(("group", group.name_vi))
    return [(kind, text, WEIGHTS[kind]) for kind, text in texts]


class GuideIndex:
    """The catalogue's texts as BM25 terms, built once per catalogue."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.services = catalog.services
        fields = {f.id: f.name_vi for f in catalog.fields}
        self.texts: list[_Text] = []
        # Texts as written, stop words kept: for a question made only of such words
        # ("cho hỏi làm thủ tục cần giấy tờ gì") the procedure whose text says just that.
        self.raw_texts: list[tuple[int, frozenset[str]]] = []
        # Each service's texts word by word: does the catalogue say "hộ chiếu" (guide_scope)?
        self.said: list[list[tuple[str, ...]]] = [[] for _ in self.services]
        weighted: list[dict[str, float]] = []  # per service: term -> summed text weights
        for number, service in enumerate(self.services):
            bag: dict[str, float] = defaultdict(float)
            for kind, text, weight in _texts_of(service, catalog, fields):
                raw = tokens(text)
                self.said[number].append(tuple(expand(raw)))
                if kind not in ("field", "group") and len(raw) >= 2:
                    self.raw_texts.append((number, frozenset(_terms(raw))))
                syllables = content(expand(raw))
                terms = _terms(syllables)
                if not terms:
                    continue
                self.texts.append(_Text(number, weight, frozenset(terms), len(set(syllables)),
                                        kind in ("name_vi", "name_en", "keyword")))
                for term in terms:
                    bag[term] += weight
            weighted.append(bag)
        n = max(len(self.services), 1)
        frequency: dict[str, int] = defaultdict(int)
        for bag in weighted:
            for term in bag:
                frequency[term] += 1
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        # A word the catalogue never uses: maybe another matter ("thời tiết"), maybe the story
        # around the request ("sinh ở bệnh viện tháng trước"); it weighs as a word of one
        # procedure, times UNKNOWN_SHARE. Other agencies' matters are refused by name
        # (guide_scope), so the story need not drown the request.
        self.unknown_idf = UNKNOWN_SHARE * math.log(1 + (n - 0.5) / 1.5)
        lengths = [sum(bag.values()) for bag in weighted]
        average = sum(lengths) / n or 1.0
        # Saturated term weight per service (BM25's tf part), ready for the query.
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for number, bag in enumerate(weighted):
            norm = K1 * (1 - B + B * lengths[number] / average)
            for term, tf in bag.items():
                self.postings[term].append((number, tf * (K1 + 1) / (tf + norm)))
        self.frequency = frequency
        self.syllables = frozenset(t for t in frequency if " " not in t)
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in self.syllables:
            for variant in deletions(word, max_typos(word)):
                self.by_deletion[variant].add(word)
        self.by_code = {s.code.lower(): i for i, s in enumerate(self.services)}
        self.variant = [bool(variants_in(expand(tokens(s.name_vi)))) for s in self.services]

    def candidates(self, word: str) -> list[tuple[int, str]]:
        """Catalogue syllables within the typos allowed for a word: (typos, syllable). Short
        syllables get only the sound confusions of Vietnamese spelling (s/x, ch/tr, d/gi/r,
        l/n at the start; c/t, n/ng at the end): "bản xao" is "bản sao"."""
        depth = max_typos(word)
        if word in self.syllables or word in STOP_WORDS or word.isdigit():
            return []  # a stop word is not a misspelt procedure word
        found = {(1, v) for v in sound_alikes(word) if v in self.syllables}
        if not depth:
            return sorted(found)
        for variant in deletions(word, depth):
            for candidate in self.by_deletion.get(variant, ()):
                typos = edit_distance(word, candidate, depth)
                if typos <= min(depth, max_typos(candidate) or 1):
                    found.add((typos, candidate))
        return sorted(found)

    def paired(self, syllable: str, before: str | None, after: str | None) -> bool:
        """Whether a syllable makes a two-syllable word of the catalogue with a neighbour."""
        return (before is not None and f"{before} {syllable}" in self.idf) or (
            after is not None and f"{syllable} {after}" in self.idf)

    def correct(self, words: list[str]) -> list[tuple[str, float]]:
        """Each syllable and how sure it is: 1.0 typed as the catalogue writes it; a corrected
        one is surer when it then makes a two-syllable word of the catalogue with a neighbour
        ("khia sinh" → "khai sinh", not "chia sinh")."""
        out: list[tuple[str, float]] = []
        framed = in_stop_phrases(words)  # a word, not a typo ("mét vuông")
        for i, word in enumerate(words):
            options = [] if i in framed else self.candidates(word)
            if not options:
                out.append((word, 1.0))
                continue
            before = out[-1][0] if out else None
            after = words[i + 1] if i + 1 < len(words) else None

            typos, best = min(options, key=lambda o: (
                o[0], not self.paired(o[1], before, after), -self.frequency[o[1]], o[1]))
            sure = TYPO_WEIGHT if typos <= 1 else TYPO_WEIGHT * 0.8
            # A correction that completes a word of the catalogue is nearly as good as typed.
            out.append((best, PAIRED_TYPO if self.paired(best, before, after) else sure * 0.4))
        return out

    def plain(self, words: list[str]) -> Ranking:
        """A question with no procedure word: the service one of whose texts (stop words
        kept, two syllables at least) the question says most of — three quarters of its
        syllables and two of its word pairs at least ("em không biết làm thủ tục gì, nhờ chỉ
        giúp" says most of "tôi không biết phải làm thủ tục gì")."""
        asked = _terms(words)
        best: tuple[float, int] | None = None
        for number, terms in self.raw_texts:
            syllables = {t for t in terms if " " not in t}
            pairs = terms - syllables
            held = len(syllables & asked) / len(syllables)
            if held >= PLAIN_SHARE and (len(pairs & asked) >= 2 or pairs <= asked):
                share = held * len(terms & asked) / len(asked)
                if best is None or share > best[0]:
                    best = (share, number)
        if best is None:
            return Ranking((), 0.0, 0.0)
        return Ranking(((best[1], best[0]),), 1.0, MIN_EVIDENCE, 1.0, MIN_ANCHOR, 1.0)

    def rank(self, question: str, vet: bool = True) -> Ranking:
        """The services a question (or one part of it) is about, best first. `vet`: refuse a
        question about another agency's matter the catalogue does not explain (guide_scope)."""
        typed = expand(tokens(question), self.syllables)
        corrected = self.correct(typed)
        words = expand([w for w, _ in corrected], self.syllables)
        sure: dict[str, float] = {}
        for word, how in corrected:
            sure[word] = max(sure.get(word, 0.0), how)
        syllables = content(words)
        if not syllables:
            return self.plain(words)
        query = _terms(syllables)
        scores: dict[int, float] = defaultdict(float)
        for term in query:
            weight = self.idf.get(term, 0.0) * (BIGRAM if " " in term else 1.0)
            weight *= min(sure.get(part, 1.0) for part in term.split())
            for number, saturated in self.postings.get(term, ()):
                scores[number] += weight * saturated
        if not scores:
            return Ranking((), 0.0, 0.0)
        asked = set(syllables)
        best_text: dict[int, float] = defaultdict(float)
        for text in self.texts:
            if text.service in scores:
                shared = len(asked & text.terms)
                explained = shared / len(asked) * shared / max(text.size, 1)
                best_text[text.service] = max(best_text[text.service], text.weight * explained)
        top = max(scores.values())
        base = not variants_in(words)  # the question asks for no variant (guide_terms)
        for number in scores:
            scores[number] += BEST_TEXT_BONUS * top * best_text[number] / 4
            if base and self.variant[number]:
                scores[number] *= VARIANT_PENALTY
        order = tuple(sorted(scores.items(), key=lambda item: (-item[1], item[0])))
        have = self.terms_of[order[0][0]]
        total = sum(self.weights(syllables))
        found = sum(self.idf.get(w, 0.0) * sure.get(w, 1.0) for w in syllables if w in have)
        evidence = sum(self.idf.get(w, 0.0) for w in asked if w in have)
        ranking = Ranking(order, found / total if total else 0.0, evidence,
                          *self.focus(order[0][0], query), english=is_english(words))
        # Another agency's matter needs a sure answer, not a moderate one ("… khi ly hôn").
        if vet and ranking.confident and (not self.explains(order[0][0], typed) or (
                not ranking.sure and elsewhere_phrases(typed))):
            return Ranking(order, ranking.coverage, ranking.evidence, ranking.fit,
                           ranking.anchor, ranking.whole, ranking.english, elsewhere=True)
        return ranking

    def weights(self, syllables: list[str]) -> list[float]:
        """Each content syllable's weight in the question: its idf; two unknown syllables side
        by side are one unknown word ("bệnh viện"), weighed once."""
        out: list[float] = []
        for i, word in enumerate(syllables):
            unknown = word not in self.idf
            paired = unknown and i > 0 and syllables[i - 1] not in self.idf and out[-1] > 0
            out.append(0.0 if paired else self.idf.get(word, self.unknown_idf))
        return out

    def explains(self, number: int, words: list[str]) -> bool:
        """Whether the catalogue explains each other-agency phrase of a question: a text of
        the service says it (or it certifies papers of any agency), and the question without
        it still finds the service among its first three, or the service is named after it
        (guide_scope.names_matter)."""
        any_document = self.services[number].field in any_document_fields()
        name = [tuple(expand(tokens(self.services[number].name_vi)))]
        for start, end in elsewhere_phrases(words):
            phrase, rest_words = tuple(words[start:end]), words[:start] + words[end:]
            if not any_document and not says(self.said[number], phrase):
                return False
            rest = self.rank(" ".join(rest_words), vet=False)
            if (rest.confident and number in [n for n, _ in rest.order[:3]]) or names_matter(
                    name, phrase, content(rest_words), self.idf, NAMED_MATTER_ANCHOR):
                continue
            # "ghi chú ly hôn": the rest ("ghi chú") is too short to stand alone, but shares a
            # rare word with the name or keywords of the procedure that says the phrase.
            if not (number in [n for n, _ in rest.order[:3]] and rest.anchor >= MIN_ANCHOR):
                return False
        return True

    def focus(self, number: int, asked: set[str]) -> tuple[float, float, float]:
        """How well one text of the service fits the question, and how much the service's own
        name and keywords share with it (rarity-weighted).

        The fit of a text is the geometric mean of the share of its words the question holds
        and the share of the question's words it holds: "đăng ký xe máy" has "xe" of "xe lăn"
        and "máy" of "mua máy trợ thính", spread over two texts, so no text fits. The anchor
        is zero when only a phrasing's side word matches ("hộ chiếu" in "chưa đăng ký khai
        sinh bao giờ nhưng có hộ chiếu"): the question is not about that procedure."""
        # Bigrams count too ("xe lăn" is not "xe máy"); a bigram of the question the catalogue
        # never uses weighs nothing, an unknown syllable the most.
        question = sum(self.idf.get(t, 0.0 if " " in t else self.unknown_idf)
                       for t in asked) or 1.0
        fit = anchor = whole = 0.0
        for text in self.texts_of[number]:
            total = sum(self.idf[t] for t in text.terms)
            shared = sum(self.idf[t] for t in text.terms if t in asked)
            if total:
                fit = max(fit, math.sqrt(shared / total * shared / question))
                if text.size >= 2 and total >= MIN_WHOLE_WEIGHT:
                    whole = max(whole, shared / total)
            if text.anchor:
                anchor = max(anchor, sum(self.idf[t] for t in text.terms
                                         if t in asked and " " not in t))
        return fit, anchor, whole

    @functools.cached_property
    def texts_of(self) -> dict[int, list[_Text]]:
        found: dict[int, list[_Text]] = defaultdict(list)
        for text in self.texts:
            found[text.service].append(text)
        return found

    @functools.cached_property
    def terms_of(self) -> dict[int, set[str]]:
        """Every term of each service's texts."""
        found: dict[int, set[str]] = defaultdict(set)
        for text in self.texts:
            found[text.service] |= text.terms
        return found


_indexes: dict[tuple[int, str], tuple[Catalog, GuideIndex]] = {}


def index_for(catalog: Catalog) -> GuideIndex:
    """The index of a catalogue, built on first use; keyed on the catalogue object and its
    version (a Catalog never changes; a new version is a new object)."""
    key = (id(catalog), catalog.version)
    entry = _indexes.get(key)
    if entry is None or entry[0] is not catalog:
        if len(_indexes) > 8:
            _indexes.clear()
        entry = (catalog, GuideIndex(catalog))
        _indexes[key] = entry
    return entry[1]


def ask(catalog: Catalog, question: str, exclude: frozenset[str] = frozenset()) -> dict:
    """The answer object for a question: {"answers": [...], "confident", "question"}.
    `exclude`: codes not offered (services the centre switched off)."""
    question = question[:MAX_QUESTION]
    index = index_for(catalog)
    allowed = {i for i, s in enumerate(index.services) if s.code not in exclude}
    code = index.by_code.get(question.strip().lower())
    if code is not None and code in allowed:
        return {"answers": [answer_dict(index.services[code], 1.0)], "confident": True,
                "question": question}
    whole = index.rank(question)
    # A sentence naming several procedures ("kết hôn rồi làm khai sinh cho con"): each
    # confident part's best answer goes first, in the order asked, unless one text of the
    # whole question's best answer holds it nearly all (a long name with commas in it).
    from_parts: list[int] = []
    for part in parts(question):
        if len(content(tokens(part))) < 2:  # "toi khong dong y": too little to stand alone
            continue
        ranking = index.rank(part)
        first = next((n for n, _ in ranking.order if n in allowed), None)
        if ranking.confident and first is not None and first not in from_parts:
            from_parts.append(first)
    confident = whole.confident or bool(from_parts)
    whole_first = next((n for n, _ in whole.order if n in allowed), None) \
        if whole.confident else None
    # The whole question's answer being none of the parts' says it is one joint procedure
    # ("khai sinh, nhập khẩu và thẻ bảo hiểm y tế cho con": the linked procedure).
    if whole_first is not None and (len(from_parts) < 2 or whole.fit >= WHOLE_FIT
                                    or whole_first not in from_parts):
        picked = [whole_first] + [n for n in from_parts if n != whole_first]
    else:
        picked = from_parts + ([whole_first] if whole_first is not None else [])
    scores = dict(whole.order)
    if not confident:
        return {"answers": [], "confident": False, "question": question}
    floor = whole.order[0][1] * RELATIVE_FLOOR if whole.order else 0.0
    for number, score in whole.order:
        if score >= floor and number not in picked:
            picked.append(number)
    chosen = [n for n in dict.fromkeys(picked) if n in allowed][:MAX_ANSWERS]
    answers = [answer_dict(index.services[n], scores.get(n, 0.0)) for n in chosen]
    return {"answers": answers, "confident": bool(answers), "question": question}
