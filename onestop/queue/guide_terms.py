"""The words of "Hỏi thủ tục" (docs/guide.md): folding, stop words, the synonym table and
splitting a question that names several procedures.

Everything here is compared folded (``search.fold``: lower case, no diacritics, đ → d) and
syllable by syllable with i/y merged, so "Đăng ký", "dang ki" and "DANG KY" are the same three
keys. The synonym table is data (``onestop/assets/guide_synonyms.json``) so a centre can add a
word people use without touching code.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import unicodedata

from .search import fold, syllable_key

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")

# Words that carry no procedure: how people frame a question, pronouns, particles, chat
# fillers ("ad", "giùm"), spelled numbers the catalogue never uses (like digits: "tám mươi").
# Folded. A question made only of these (or of words the catalogue never uses) is not
# answered.
_STOP_TEXT = """
    toi minh em anh chi ong ba co chu bac con chau nguoi ta
    muon can phai nen duoc bi da se vua moi sap
    lam the nao gi dau nao bao nhieu lau khi luc nhu nay kia ay
    thi la ma va voi hay hoac cung roi luon nua nhe a ah oi nhi u vay day ha
    o tai trong tren den ra vao len xuong ve cho cua boi vi neu
    mot nhung cac tat ca
    xin hoi giup biet mang be
    gio phuong xong ai de nham
    khong chua
    kia ti chut gium dum ad ak di
    hai bon chin muoi tram nghin trieu
    how do i to a an the my for of in on get what is can where need want
    please and with or me we you at would like our your his her from about this that it
    make ward should could they there which who when why if has have am are was
    little girl boy son daughter wife husband neighbour neighbor
"""
STOP_WORDS = frozenset(syllable_key(w) for w in _STOP_TEXT.split())

# Separators between two requests in one sentence ("khai sinh và kết hôn", "..., rồi ...").
# "với" is left out: "kết hôn với người nước ngoài" is one request.
# "với cả" / "cùng với" join two requests ("khai sinh với cả chứng thực") where "với" alone
# does not.
_SPLIT = re.compile(r"\s*(?:[,;+&/]|\bva\b|\broi\b|\bluon\b|\bsau do\b|\bvoi ca\b|"
                    r"\bcung voi\b|\bdong thoi\b|\bkem theo\b|\bcung nhu\b|\band\b|"
                    r"\bthen\b)\s*")


# Two-syllable words that carry no procedure although each syllable might ("hồ sơ": hộ).
STOP_PHRASES = frozenset(tuple(syllable_key(w) for w in p.split()) for p in (
    "ho so", "thu tuc", "giay to", "huong dan", "tu van", "thong tin", "the nao",
    "bao nhieu", "o dau", "cai gi", "nhu the", "can gi", "giay gi", "mat bao", "bao lau",
    "chi phi", "le phi", "thoi gian", "mat phi", "phai lam", "the nao",
    # kin named around a request ("cho cháu nội", "bà ngoại"): who it is for, not what
    "chau noi", "chau ngoai", "ong noi", "ba noi", "ong ngoai", "ba ngoai", "con gai",
    "con trai", "gia dinh", "anh em", "chi em", "vo chong", "bo me", "cha me", "vua moi",
    "em gai", "em trai", "anh trai", "chi gai", "con dau", "con re", "em ho", "anh ho",
    "chi ho", "ong nha", "ba nha", "sinh vien", "thang ut", "con ut", "em ut", "thang cu",
    "ong xa", "ba xa",
    # everyday words holding a catalogue syllable ("nhà vệ sinh" is no birth), units
    "ve sinh", "sinh song", "sinh nhat", "met vuong",
    # when it happened, not what is asked
    "hom nay", "hom qua", "hom kia", "sang nay", "chieu nay", "toi nay", "tuan nay", "tuan truoc",
    "thang nay", "thang truoc", "nam nay", "nam ngoai", "mot tuan", "bao gio", "khi nao",
    "ngay mai", "tuan sau", "thang sau", "nam truoc", "bua truoc", "bua nay", "bua qua",
    "hom truoc", "may gio",
    # how long, how much, how: asked about a procedure, not naming one ("mất mấy ngày")
    "mat may", "may ngay", "bao ngay", "may tien", "bao tien", "het bao", "ton bao",
    "lam sao", "ra sao", "nhu nao", "duoc khong", "co duoc", "cho xong", "mot the", "mien la",
    "mot lan"))

# Words that make a procedure a variant of a base one: "cấp lại", "đổi", "xóa", "thoát", "gia
# hạn", "lưu động"... A question that says none of them asks for the base procedure
# ("đăng ký cận nghèo" is not "thoát cận nghèo", "thế chấp sổ đỏ" is not "xóa thế chấp").
VARIANT_PHRASES = tuple(tuple(syllable_key(w) for w in p.split()) for p in (
    "lai", "doi", "xoa", "thoat", "thay doi", "dieu chinh", "gia han", "luu dong", "huy",
    "cham dut", "tam ngung", "sua", "dinh chinh", "giam sat", "thoi", "bo sung", "cap nhat",
    "hieu dinh", "di doi", "mat"))


# "lại" after these words is no variant: "đất ông bà để lại" (left by), "con lai" (a child of
# a foreign parent), "ở lại" (stay).
_NOT_AGAIN = frozenset(("de", "con", "o"))


def variants_in(words: list[str]) -> set[tuple[str, ...]]:
    """The variant phrases a list of words contains."""
    return {p for p in VARIANT_PHRASES for i in range(len(words) - len(p) + 1)
            if tuple(words[i:i + len(p)]) == p
            and not (p == ("lai",) and i > 0 and words[i - 1] in _NOT_AGAIN)}


# Two-syllable words made of stop words that still name a procedure: kin words are stop words
# ("cho con", "bố mẹ"), but recognising a parent or adopting a child is about them.
KEEP_PHRASES = frozenset(tuple(syllable_key(w) for w in p.split()) for p in (
    "nhan cha", "nhan me", "nhan con", "cha me", "me con", "cha con", "con nuoi", "con lai",
    "nhan nuoi"))


# A folded Vietnamese syllable: onset, one to three vowels, coda. Anything else is taken for
# an English word and cut to its first five letters after a plural ending, so "register",
# "registration" and "registering" meet ("regis"), as do "certify" and "certified".
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                       r"(ng|nh|ch|[cmnpt])?")


def _stem(word: str) -> str:
    if not word.isascii() or not word.isalpha() or _SYLLABLE.fullmatch(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:5]


# Telex typed without the keyboard switched on: "ddawng kys" is "đăng ký". Marks written as
# letters (aw, aa, dd, ee, oo, ow, uw) and a tone letter at the end (s f r x j).
_TELEX_MARKS = (("dd", "d"), ("aw", "a"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("ow", "o"),
                ("uw", "u"))
_TONE_LETTER = re.compile(r"(?<=[a-z])[sfrxj]$")


def untelex(word: str) -> str:
    """A folded word typed in Telex as the syllable it means, or the word unchanged. A mark
    pair (dd, aa, ee, oo, aw, ow, uw) is read even inside a syllable-shaped word ("hoon" is
    "hôn"); a tone letter alone only when the word is no syllable ("kys", not "bus")."""
    if not word.isalpha():
        return word
    plain = word
    for marks, letter in _TELEX_MARKS:
        plain = plain.replace(marks, letter)
    if _SYLLABLE.fullmatch(word) and plain == word:
        return word
    for candidate in (plain, _TONE_LETTER.sub("", plain)):
        if candidate != word and _SYLLABLE.fullmatch(candidate):
            return candidate
    return word


# English words that Telex would read as a Vietnamese syllable ("how" → "hô", "is" → "í") or
# that are one already ("get"), but never appear in a Vietnamese question: they still count
# as English when deciding whether a question is English.
_ENGLISH_MARKERS = frozenset((
    "how", "what", "where", "when", "which", "who", "why", "need", "want", "please", "with",
    "for", "of", "is", "are", "you", "your", "get", "does", "did"))


def is_english(words: list[str], typed: list[str] | None = None) -> bool:
    """Whether most words of a question are not Vietnamese syllables (an English question).
    `typed`: the words as typed, before Telex was read, to spot English function words."""
    typed = typed if typed is not None else words
    foreign = sum(1 for w, t in zip(words, typed, strict=True)
                  if t in _ENGLISH_MARKERS or (w.isalpha() and not _SYLLABLE.fullmatch(w)))
    return foreign * 2 >= len(words) > 0


def tokens(text: str, marked_words: bool = True) -> list[str]:
    """The folded syllable keys of a text, in order. A word that folds onto a stop word but
    means something when written with its marks ("muộn", late; "muốn", want, is a stop word)
    is first replaced by the catalogue's word for it (guide_synonyms.json, "marked"), unless
    `marked_words` is false (the synonym table's own keys: "hàn quốc" stays two words)."""
    marked = marked_table() if marked_words else {}
    if marked:
        text = _WORD_NFC.sub(lambda m: marked.get(m.group(0).lower(), m.group(0)),
                             unicodedata.normalize("NFC", text))
    found = _TOKEN.findall(fold(text))
    decoded = [untelex(t) for t in found]
    if not is_english(decoded, found):  # Telex read back; English words keep their letters
        found = decoded
    return [syllable_key(_stem(t)) for t in found]


_WORD_NFC = re.compile(r"\w+")


@functools.lru_cache(maxsize=1)
def marked_table() -> dict[str, str]:
    """Words told apart only by their marks: exact (lower-case, NFC) word → replacement."""
    return {unicodedata.normalize("NFC", k.lower()): v
            for k, v in _synonym_data().get("marked", {}).items()}


@functools.lru_cache(maxsize=1)
def _synonym_data() -> dict:
    files = importlib.resources.files("onestop.assets")
    return json.loads(files.joinpath("guide_synonyms.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def synonym_table() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(folded phrase, folded replacement) pairs, longest phrase first."""
    data = _synonym_data()
    pairs = {}
    for section in ("abbreviations", "phrases"):
        for said, meant in data.get(section, {}).items():
            value = tuple(tokens(meant))
            # Typed with its marks ("Hàn Quốc": "hàn" is a marked word) or without ("han quoc").
            for key in (tuple(tokens(said)), tuple(tokens(said, marked_words=False))):
                if key and value and key != value:
                    pairs[key] = value
    return tuple(sorted(pairs.items(), key=lambda item: (-len(item[0]), item[0])))


@functools.lru_cache(maxsize=1)
def _by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """The synonym table by its phrases' first word, longest phrase first."""
    found: dict[str, list] = {}
    for said, meant in synonym_table():
        found.setdefault(said[0], []).append((said, meant))
    return {word: tuple(pairs) for word, pairs in found.items()}


# Words ending in "nhận" that are not "nhận" (take, recognise): no synonym or keep phrase starts
# inside them ("xác nhận con liệt sĩ" is not "nhận con").
_BOUND = frozenset(tuple(p.split()) for p in (
    "xac nhan", "cong nhan", "tiep nhan", "ghi nhan", "khai nhan", "thua nhan"))


def _bound(words: list[str], i: int) -> bool:
    return i > 0 and (words[i - 1], words[i]) in _BOUND


# Counting words people put inside a phrase ("mở một quán", "làm cái sổ"): skipped when a
# synonym phrase is looked for.
_FILLERS = frozenset(("mot", "cai", "chiec", "nhung", "cac"))


def _match(words: list[str], i: int, said: tuple[str, ...]) -> int:
    """How many words from i spell the phrase, one filler allowed inside; 0 when they do not."""
    if tuple(words[i:i + len(said)]) == said:
        return len(said)
    if len(said) > 1 and words[i] == said[0] and i + 1 < len(words) \
            and words[i + 1] in _FILLERS and tuple(words[i + 2:i + 1 + len(said)]) == said[1:]:
        return len(said) + 1
    return 0


def expand(words: list[str], vocabulary: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The words with each synonym phrase replaced by the catalogue's words, longest first.
    A one-syllable abbreviation the catalogue itself uses ("ks"?) is left alone."""
    table = _by_first_word()
    out: list[str] = []
    i = 0
    while i < len(words):
        for said, meant in table.get(words[i], ()):
            n = _match(words, i, said)
            if n and not (n == 1 and said[0] in vocabulary and len(said[0]) > 3) \
                    and not _bound(words, i):
                out.extend(meant)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def parts(question: str) -> list[str]:
    """The question cut at the words that join two requests; [] when there is nothing to cut."""
    pieces = [p for p in _SPLIT.split(fold(question)) if p and p.strip()]
    return pieces if len(pieces) > 1 else []


def in_stop_phrases(words: list[str]) -> set[int]:
    """The positions of the words that make a stop phrase with a neighbour ("mét vuông"):
    words, not typos, so never corrected into a catalogue word."""
    return {j for i in range(len(words) - 1) if tuple(words[i:i + 2]) in STOP_PHRASES
            for j in (i, i + 1)}


def content(words: list[str]) -> list[str]:
    """The words that may name a procedure (no stop words, numbers or single letters). Stop
    phrases may overlap ("mất mấy ngày": "mất mấy", "mấy ngày"); a keep phrase wins."""
    keep: set[int] = set()
    drop: set[int] = set()
    for i in range(len(words) - 1):
        pair = tuple(words[i:i + 2])
        if pair in KEEP_PHRASES and not _bound(words, i):
            keep.update((i, i + 1))
        elif pair in STOP_PHRASES:
            drop.update((i, i + 1))
    return [w for i, w in enumerate(words)
            if i in keep or (i not in drop and w not in STOP_WORDS and not w.isdigit()
                             and len(w) > 1)]


# Spellings that sound alike in one region or another (folded): the start and the end of a
# syllable. A typed syllable the catalogue lacks is tried with each swap.
_ONSETS = (("s", "x"), ("ch", "tr"), ("d", "gi"), ("d", "r"), ("gi", "r"), ("l", "n"))
_CODAS = (("c", "t"), ("n", "ng"))


def sound_alikes(word: str) -> set[str]:
    """The word with one confusable onset or coda swapped."""
    found = set()
    for a, b in _ONSETS:
        for x, y in ((a, b), (b, a)):
            if word.startswith(x) and not (x == "d" and word.startswith("gi")):
                found.add(y + word[len(x):])
    for a, b in _CODAS:
        for x, y in ((a, b), (b, a)):
            if word.endswith(x) and not (x == "n" and word.endswith(("ng", "nh"))):
                found.add(word[:-len(x)] + y)
    found.discard(word)
    return found
