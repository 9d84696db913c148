"""The announcer: which clips say a call, a queue that never overlaps, the joined WAV, the shipped
clips, a centre's own recordings, the real QMediaPlayer path and the optional speech engine."""

from __future__ import annotations

import io
import math
import wave
from array import array
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from onestop.desktop import display_voice as voice
from onestop.desktop.announcer import Announcer, QtClipPlayer, RecordingPlayer, SpeechVoice
from onestop.desktop.display_voice import (
    ClipLibrary,
    clip_names,
    join_clips,
    read_pcm,
    spoken_text,
)
from onestop.desktop.qtapp import application

pytestmark = pytest.mark.gui
ASSETS = Path(voice.__file__).resolve().parents[1] / "assets"


def wav_info(source: Path | bytes) -> tuple[int, int, int, int]:
    handle = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    with handle, wave.open(handle, "rb") as w:
        return w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()


def tone_wav(path: Path, seconds: float, rate: int, channels: int, width: int = 2) -> None:
    n = int(seconds * rate)
    samples = [int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(n)]
    frames = array("h", (s for s in samples for _ in range(channels)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(frames.tobytes())


def test_a023_to_counter_3_spelled_by_hand():
    """Never the raw number: an engine reads "A023" as "không trăm hai mươi ba"."""
    once = ["chime", "xin_moi", "letter_a", "digit_0", "digit_2", "digit_3", "den_quay",
            "counter_3"]
    assert clip_names("A023", 3) == once
    assert clip_names("A023", 3, twice=True) == [
        "chime",
        "xin_moi", "letter_a", "digit_0", "digit_2", "digit_3", "den_quay", "counter_3",
        "xin_moi", "letter_a", "digit_0", "digit_2", "digit_3", "den_quay", "counter_3"]
    assert spoken_text("A023", 3) == (
        "Xin mời công dân có số thứ tự a, không, hai, ba, đến quầy số 3.")
    assert spoken_text("A023", 3, twice=True) == (
        "Xin mời công dân có số thứ tự a, không, hai, ba, đến quầy số 3. "
        "Xin mời công dân có số thứ tự a, không, hai, ba, đến quầy số 3.")
    # The default prefixes are said by their Vietnamese letter names, which sound apart.
    assert spoken_text("L105", 4).startswith("Xin mời công dân có số thứ tự e lờ, một, không, năm,")
    assert "quy, không, không, chín" in spoken_text("Q009", 5)


def test_the_second_saying_follows_a_longer_pause():
    names = clip_names("B7", 2, twice=True)
    paths = ClipLibrary().resolve(names)
    frames = wav_info(join_clips(paths))[3]
    clip_frames = sum(wav_info(p)[3] for p in paths)
    # chime 350; intro 220 twice; digits: B→7 110 twice; before/after "đến quầy số" 220 x4;
    # 800 before the second intro.
    assert frames - clip_frames == (350 + 2 * 220 + 2 * 110 + 4 * 220 + 800) * 16


def test_clip_names_read_the_ticket_digit_by_digit():
    assert clip_names("A023", 3) == ["chime", "xin_moi", "letter_a", "digit_0", "digit_2",
                                     "digit_3", "den_quay", "counter_3"]
    assert clip_names("1023", 30) == ["chime", "xin_moi", "digit_1", "digit_0", "digit_2",
                                      "digit_3", "den_quay", "counter_30"]
    # A counter past 30 has no number word: its digits are read.
    assert clip_names("B7", 31)[-3:] == ["den_quay", "digit_3", "digit_1"]


def test_every_clip_ships_small_in_the_right_format():
    names = ["xin_moi", "den_quay", *(f"digit_{d}" for d in range(10)),
             *(f"letter_{chr(c)}" for c in range(ord("a"), ord("z") + 1)),
             *(f"counter_{n}" for n in range(1, 31))]
    library = ClipLibrary()
    total = 0
    for name in [*names, "chime"]:
        path = library.path(name)
        assert path is not None, name
        channels, width, rate, frames = wav_info(path)
        assert (channels, width, rate) == (1, 2, 16_000), name
        assert 0.15 < frames / rate < 3.5, name  # trimmed speech, not silence or a long tail
        total += path.stat().st_size
    assert total < 2_000_000
    chime = library.path("chime")
    assert chime == ASSETS / "sounds" / "chime.wav"
    assert 0.7 <= wav_info(chime)[3] / 16_000 <= 0.9
    assert (ASSETS / "voice" / "README.md").is_file()


def test_joined_wav_has_the_clips_and_the_pauses():
    names = clip_names("A023", 3)
    paths = ClipLibrary().resolve(names)
    assert [p.stem for p in paths] == names
    wav = join_clips(paths)
    channels, width, rate, frames = wav_info(wav)
    assert (channels, width, rate) == (1, 2, 16_000)
    clip_frames = sum(wav_info(p)[3] for p in paths)
    # chime → 350 ms; after the intro and before/after "đến quầy số" 220 ms; digits 110 ms.
    pauses_ms = 350 + 220 + 110 * 3 + 220 + 220
    assert frames == clip_frames + pauses_ms * 16
    assert voice.duration_ms(wav) == round(1000 * frames / 16_000)


def test_a_centre_recording_replaces_a_clip(tmp_path):
    (tmp_path / "voice").mkdir()
    own = tmp_path / "voice" / "digit_0.wav"
    tone_wav(own, 0.5, 44_100, 2)  # a phone recording: 44.1 kHz stereo
    library = ClipLibrary(tmp_path / "voice")
    assert library.path("digit_0") == own
    assert library.path("digit_1") == ASSETS / "voice" / "digit_1.wav"
    pcm = read_pcm(own)
    assert abs(len(pcm) // 2 - 8000) <= 1  # converted to 16 kHz mono: 0.5 s = 8000 samples
    wav = join_clips([own, library.path("digit_1")])
    assert wav_info(wav)[:3] == (1, 2, 16_000)


def test_queue_plays_one_announcement_at_a_time(qtbot):
    application()
    player = RecordingPlayer(auto_finish=False)
    announcer = Announcer(player)
    started: list[str] = []
    finished: list[str] = []
    announcer.sig_started.connect(started.append)
    announcer.sig_finished.connect(finished.append)
    announcer.announce("A001", 1)
    announcer.announce("B002", 2)
    announcer.announce("A001", 1)  # a recall right behind
    assert player.played == [clip_names("A001", 1, twice=True)] and player.active == 1
    assert announcer.pending == 2
    for n in (2, 3):
        assert player.finish()
        qtbot.waitUntil(lambda n=n: len(player.played) == n, timeout=5_000)
        assert player.active == 1  # the next one starts only after the previous is over
    assert player.finish()
    qtbot.waitUntil(lambda: not announcer.busy, timeout=5_000)
    assert not player.finish()
    assert player.max_active == 1
    assert player.played == [clip_names(n, c, twice=True)
                             for n, c in (("A001", 1), ("B002", 2), ("A001", 1))]
    texts = ["Xin mời công dân có số thứ tự A001 đến quầy số 1",
             "Xin mời công dân có số thứ tự B002 đến quầy số 2",
             "Xin mời công dân có số thứ tự A001 đến quầy số 1"]
    assert started == texts and finished == texts


def test_a_late_callback_does_not_end_the_next_announcement(qtbot):
    application()
    calls = []

    class Twice:
        def play(self, sound, on_finished):
            calls.append(on_finished)

    announcer = Announcer(Twice())
    announcer.announce("A001", 1)
    announcer.announce("A002", 1)
    calls[0]()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5_000)
    calls[0]()  # a player reporting the first sound twice
    assert announcer.busy and announcer.pending == 0


def test_real_player_finishes_with_or_without_a_sound_card(qtbot):
    """QMediaPlayer plays the joined WAV from memory; on a PC without audio the end-of-media
    or the duration fallback still ends it, so the queue never stalls."""
    application()
    announcer = Announcer(QtClipPlayer())
    with qtbot.waitSignal(announcer.sig_finished, timeout=15_000) as done:
        announcer.announce("A1", 1)
    assert done.args == ["Xin mời công dân có số thứ tự A1 đến quầy số 1"]
    player = QtClipPlayer()
    with qtbot.waitCallback(timeout=10_000) as finished:
        player.play(b"not a wav at all", finished)  # broken data: fails, still finishes


def test_speech_engine_only_with_a_vietnamese_voice(qtbot, tmp_path):
    application()
    # Qt's mock engine has no Vietnamese voice: the station keeps its clips.
    assert SpeechVoice.find("mock") is None
    assert Announcer.for_data_folder(tmp_path, "tts:mock").speech is None
    # With a voice (here the mock's English one) the sentence is spoken after the chime.
    speech = SpeechVoice.find("mock", QLocale.Language.English)
    assert speech is not None
    player = RecordingPlayer()
    said: list[str] = []
    original = speech.say
    speech.say = lambda text, done: (said.append(text), original(text, done))[-1]
    announcer = Announcer(player, speech=speech, twice=False)
    with qtbot.waitSignal(announcer.sig_finished, timeout=15_000):
        announcer.announce("U005", 4)
    assert player.played == [["chime"]]
    assert said == ["Xin mời công dân có số thứ tự u, không, không, năm, đến quầy số 4."]
