#!/usr/bin/env python3
"""Regenerate the lobby display's sounds: the chime (pure Python) and the Vietnamese voice clips
(espeak-ng, Northern voice), written as 16 kHz mono 16-bit WAV trimmed of leading and trailing
silence. The output is committed and ships: stations and tests never need espeak-ng.

    python scripts/make_voice_clips.py            # everything
    python scripts/make_voice_clips.py --chime    # only onestop/assets/sounds/chime.wav

sox, when present, converts, trims and normalises; without it the same is done here in Python
(a plain resampler is fine for a synthetic voice). A centre replaces clips with human
recordings by dropping WAVs of the same names into <data folder>/voice/ (see the README there).
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOICE = ROOT / "onestop" / "assets" / "voice"
SOUNDS = ROOT / "onestop" / "assets" / "sounds"
RATE = 16_000
ESPEAK_SPEED = 135  # words a minute: slower than espeak's 175, easier to follow in a hall
sys.path.insert(0, str(ROOT))

PHRASES = {
    "xin_moi": "Xin mời công dân có số thứ tự",
    "den_quay": "đến quầy số",
}
# The words are defined once, beside the code that plays them.
from onestop.desktop.display_voice import DIGIT_WORDS as DIGITS  # noqa: E402
from onestop.desktop.display_voice import LETTER_NAMES as LETTERS  # noqa: E402


def vi_number(n: int) -> str:
    """1..99 as Vietnamese words: 15 mười lăm, 21 hai mươi mốt, 24 hai mươi tư, 30 ba mươi."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    head = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
    if ones == 0:
        return head
    if ones == 5:
        tail = "lăm"
    elif ones == 1 and tens > 1:
        tail = "mốt"
    elif ones == 4 and tens > 1:
        tail = "tư"
    else:
        tail = DIGITS[ones]
    return f"{head} {tail}"


def all_clips() -> dict[str, str]:
    clips = dict(PHRASES)
    clips.update({f"digit_{d}": word for d, word in enumerate(DIGITS)})
    clips.update({f"letter_{k}": word for k, word in LETTERS.items()})
    clips.update({f"counter_{n}": vi_number(n) for n in range(1, 31)})
    return clips


# --- chime --------------------------------------------------------------------------------------
def chime_pcm() -> bytes:
    """A two-tone "ding-dong" (G5 then D5) with soft bell harmonics, ~0.8 s, peak about -6 dB:
    clear across a hall without being alarming."""
    total = int(0.8 * RATE)
    out = [0.0] * total
    for freq, start_s in ((784.0, 0.0), (587.33, 0.3)):
        start = int(start_s * RATE)
        for i in range(total - start):
            t = i / RATE
            attack = min(1.0, t / 0.006)  # 6 ms attack: no click
            env = attack * math.exp(-t * 5.0)
            tone = (math.sin(2 * math.pi * freq * t) + 0.35 * math.sin(4 * math.pi * freq * t)
                    + 0.12 * math.sin(6 * math.pi * freq * t))
            out[start + i] += env * tone
    fade = int(0.08 * RATE)  # end at silence so joined clips never pop
    for i in range(fade):
        out[total - fade + i] *= 1 - i / fade
    peak = max(abs(v) for v in out)
    scale = 0.5 * 32767 / peak
    return array("h", (int(v * scale) for v in out)).tobytes()


# --- voice --------------------------------------------------------------------------------------
def write_wav(path: Path, pcm: bytes) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)


def trim_in_python(raw_wav: bytes) -> bytes:
    """Fallback without sox: convert to 16 kHz mono, cut silence (< 1% of full scale) at both
    ends keeping 20 ms, normalise to -1 dB."""
    from onestop.desktop.display_voice import read_pcm

    samples = array("h")
    samples.frombytes(read_pcm(raw_wav))
    threshold = 328
    loud = [i for i, s in enumerate(samples) if abs(s) > threshold]
    if not loud:
        return samples.tobytes()
    keep = int(0.02 * RATE)
    cut = samples[max(0, loud[0] - keep):loud[-1] + keep]
    peak = max(abs(s) for s in cut) or 1
    gain = 0.89 * 32767 / peak
    return array("h", (int(s * gain) for s in cut)).tobytes()


def speak(text: str, out: Path, sox: str | None) -> None:
    raw = subprocess.run(["espeak-ng", "-v", "vi", "-s", str(ESPEAK_SPEED), "--stdout", text],
                         check=True, capture_output=True).stdout
    if sox is None:
        write_wav(out, trim_in_python(raw))
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.wav"
        src.write_bytes(raw)
        # silence … reverse silence … reverse: trim both ends; pad keeps the consonant tails.
        subprocess.run([sox, "-D", str(src), "-r", str(RATE), "-c", "1", "-b", "16", str(out),
                        "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%",
                        "reverse", "pad", "0.02", "0.02", "norm", "-1"], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chime", action="store_true", help="only regenerate the chime")
    args = parser.parse_args(argv)
    SOUNDS.mkdir(parents=True, exist_ok=True)
    write_wav(SOUNDS / "chime.wav", chime_pcm())
    if args.chime:
        return 0
    if shutil.which("espeak-ng") is None:
        print("make_voice_clips: espeak-ng is missing (apt-get install espeak-ng)", file=sys.stderr)
        return 1
    sox = shutil.which("sox")
    if sox is None:
        print("make_voice_clips: sox not found; trimming in Python", file=sys.stderr)
    VOICE.mkdir(parents=True, exist_ok=True)
    clips = all_clips()
    for name, text in clips.items():
        speak(text, VOICE / f"{name}.wav", sox)
    total = sum(p.stat().st_size for p in VOICE.glob("*.wav"))
    print(f"make_voice_clips: {len(clips)} clips in {VOICE} ({total / 1024:.0f} KiB) "
          f"and {SOUNDS / 'chime.wav'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
