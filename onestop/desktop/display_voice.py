"""What a call sounds like, without Qt: which clips say "A023 to counter 3", the sentence a
speech engine is given, where each clip comes from, and joining them into one WAV in memory.

A ticket is always spelled: "A023" is said "a, không, hai, ba", never "không trăm hai mươi ba"
(what an engine makes of the raw number). The group prefixes of the default catalogue are
letters whose Vietnamese names sound apart (docs/domain.md, "Numbers and letters").

Every clip is 16 kHz mono 16-bit PCM. The shipped ones are generated with espeak-ng by
scripts/make_voice_clips.py; a centre may drop human recordings with the same names into
`<data folder>/voice/`, and those are converted to the same format when read (any rate,
channel count or sample width the `wave` module reads), so a recording straight from a phone
app works without a sound editor.
"""

from __future__ import annotations

import io
import logging
import wave
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

RATE = 16_000
CHIME = "chime"
INTRO = "xin_moi"  # "Xin mời công dân có số thứ tự"
TO_COUNTER = "den_quay"  # "đến quầy số"
MAX_COUNTER_WORD = 30  # counters 1..30 have a number word; larger ones are read digit by digit
DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Letters as Vietnamese people say them when they spell a code. J is "gi" /zi/, written "di"
# because espeak-ng reads a bare "gi" as the consonant alone (in the Northern accent "di"
# sounds the same). The clips letter_<x>.wav say these names (scripts/make_voice_clips.py).
LETTER_NAMES = {
    "a": "a", "b": "bê", "c": "xê", "d": "đê", "e": "e", "f": "ép", "g": "giê", "h": "hát",
    "i": "i", "j": "di", "k": "ca", "l": "e lờ", "m": "em mờ", "n": "en nờ", "o": "o",
    "p": "pê", "q": "quy", "r": "e rờ", "s": "ét xì", "t": "tê", "u": "u", "v": "vê",
    "w": "vê kép", "x": "ích xì", "y": "i dài", "z": "dét",
}
# Pauses (ms) inserted after a clip: a breath after the chime and around the phrases; a short
# gap between digits so "không, hai, ba" is heard as three digits, not one word.
GAP_AFTER_CHIME_MS = 350
GAP_PHRASE_MS = 220
GAP_WORD_MS = 110
GAP_REPEAT_MS = 800  # before the call is said the second time


def call_text(number: str, counter: int) -> str:
    """The call as people read it ("… số thứ tự A023 đến quầy số 3"): logs and signals."""
    return f"Xin mời công dân có số thứ tự {number} đến quầy số {counter}"


def _symbols(number: str) -> list[str]:
    """The letters and digits of a ticket number, lower case; "-" and spaces are not read."""
    return [ch for ch in number.strip().lower() if ch.isdigit() or "a" <= ch <= "z"]


def spelled(number: str) -> str:
    """The ticket spelled for a speech engine: "A023" -> "a, không, hai, ba"."""
    return ", ".join(DIGIT_WORDS[int(ch)] if ch.isdigit() else LETTER_NAMES[ch]
                     for ch in _symbols(number))


def spoken_text(number: str, counter: int, twice: bool = False) -> str:
    """What a speech engine is given: the ticket spelled, never the raw number; the sentence
    said twice when the centre announces each call twice."""
    sentence = f"Xin mời công dân có số thứ tự {spelled(number)}, đến quầy số {counter}."
    return f"{sentence} {sentence}" if twice else sentence


def clip_names(number: str, counter: int, twice: bool = False) -> list[str]:
    """The clips that say one call: chime, intro, the ticket letter by letter and digit by
    digit ("A023" -> letter_a, digit_0, digit_2, digit_3), "đến quầy số", the counter; with
    `twice`, the sentence again after a pause (no second chime)."""
    sentence = [INTRO]
    sentence += [f"digit_{ch}" if ch.isdigit() else f"letter_{ch}" for ch in _symbols(number)]
    sentence.append(TO_COUNTER)
    if 1 <= counter <= MAX_COUNTER_WORD:
        sentence.append(f"counter_{counter}")
    else:
        sentence.extend(f"digit_{d}" for d in str(abs(counter)))
    return [CHIME, *sentence, *(sentence if twice else [])]


def gap_after(name: str, following: str | None) -> int:
    """Silence (ms) after a clip, given the next one (None at the end)."""
    if following is None:
        return 0
    if name == CHIME:
        return GAP_AFTER_CHIME_MS
    if following == INTRO:
        return GAP_REPEAT_MS
    if name in (INTRO, TO_COUNTER) or following == TO_COUNTER:
        return GAP_PHRASE_MS
    return GAP_WORD_MS


def bundled_dir(kind: str) -> Path:
    """onestop/assets/<kind> (voice or sounds) as a real folder."""
    return Path(str(resources.files("onestop.assets") / kind))


@dataclass(frozen=True)
class ClipLibrary:
    """Finds clips: the centre's own folder first, then the shipped ones."""

    override_dir: Path | None = None

    def path(self, name: str) -> Path | None:
        candidates = []
        if self.override_dir is not None:
            candidates.append(self.override_dir / f"{name}.wav")
        candidates.append(bundled_dir("sounds" if name == CHIME else "voice") / f"{name}.wav")
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        return None

    def resolve(self, names: Iterable[str]) -> list[Path]:
        """Paths of the named clips; a missing clip is left out (and logged) rather than
        silencing the whole call."""
        paths = []
        for name in names:
            found = self.path(name)
            if found is None:
                log.warning("voice clip %s.wav not found; skipped", name)
            else:
                paths.append(found)
        return paths


# --- WAV reading, converting and joining ----------------------------------------------------
def _to_int16(raw: bytes, width: int) -> array:
    if width == 2:
        out = array("h")
        out.frombytes(raw)
        return out
    if width == 1:  # 8-bit WAV is unsigned
        return array("h", ((b - 128) << 8 for b in raw))
    if width in (3, 4):
        return array("h", (int.from_bytes(raw[i:i + width], "little", signed=True)
                           >> (8 * (width - 2)) for i in range(0, len(raw), width)))
    raise ValueError(f"unsupported WAV sample width: {width} bytes")


def _mono(samples: array, channels: int) -> array:
    if channels == 1:
        return samples
    return array("h", (sum(samples[i:i + channels]) // channels
                       for i in range(0, len(samples) - channels + 1, channels)))


def _resample(samples: array, rate: int) -> array:
    """Linear interpolation to RATE: plenty for speech recorded at 22.05–48 kHz."""
    if rate == RATE or not samples:
        return samples
    n_out = max(1, int(len(samples) * RATE / rate))
    step = rate / RATE
    last = len(samples) - 1
    out = array("h", bytes(2 * n_out))
    for i in range(n_out):
        pos = i * step
        j = int(pos)
        if j >= last:
            out[i] = samples[last]
        else:
            frac = pos - j
            out[i] = int(samples[j] + (samples[j + 1] - samples[j]) * frac)
    return out


def read_pcm(source: Path | bytes) -> bytes:
    """The clip's samples as 16 kHz mono 16-bit little-endian PCM."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    with handle, wave.open(handle, "rb") as w:
        channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(w.getnframes())
    if (channels, width, rate) == (1, 2, RATE):
        return raw
    return _resample(_mono(_to_int16(raw, width), channels), rate).tobytes()


def wav_bytes(pcm: bytes) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)
    return buf.getvalue()


def silence(ms: int) -> bytes:
    return bytes(2 * (RATE * ms // 1000))


def join_clips(paths: Sequence[Path]) -> bytes:
    """One WAV (in memory) saying the clips one after another with the pauses of
    `gap_after`, named by each file's stem (so a centre's recordings get the same pauses)."""
    parts = []
    for i, path in enumerate(paths):
        parts.append(read_pcm(path))
        following = paths[i + 1].stem if i + 1 < len(paths) else None
        parts.append(silence(gap_after(path.stem, following)))
    return wav_bytes(b"".join(parts))


def duration_ms(wav: Path | bytes) -> int:
    handle = io.BytesIO(wav) if isinstance(wav, bytes) else open(wav, "rb")  # noqa: SIM115
    with handle, wave.open(handle, "rb") as w:
        return round(1000 * w.getnframes() / w.getframerate())
