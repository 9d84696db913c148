"""The lobby's voice: a chime, then "Xin mời công dân có số thứ tự A023 đến quầy số 3", the
ticket spelled ("a, không, hai, ba"), said twice by default (setting `announce_twice`).

Announcements queue and play strictly one after another: calls that arrive together (two
counters pressing Next in the same second, or calls replayed after an outage) are said in
order, never over each other. Everything is offline: joined voice clips by default (shipped
espeak-ng clips, or the centre's recordings in `<data folder>/voice/`), or a local Qt speech
engine when the machine has a Vietnamese voice and the centre chose it.

Players are pluggable (`ClipPlayer`): `QtClipPlayer` plays through QMediaPlayer (unlike
QSoundEffect it needs no audio server), `RecordingPlayer` records for tests.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtTextToSpeech import QTextToSpeech

from .display_voice import (
    CHIME,
    ClipLibrary,
    call_text,
    clip_names,
    duration_ms,
    join_clips,
    spoken_text,
)
from .worker import run_in_background

log = logging.getLogger(__name__)
# Sound: a WAV file, WAV bytes, or clips to say one after another (joined into one WAV).
Sound = Path | bytes | Sequence[Path]
FALLBACK_SLACK_MS = 1500  # beyond a WAV's own length before giving up on "end of media"
SPEECH_MS_PER_CHAR = 110  # generous speaking time for the speech engine's fallback timer
SPEECH_SLACK_MS = 3000


class ClipPlayer(Protocol):
    def play(self, sound: Sound, on_finished: Callable[[], None]) -> None:
        """Play the sound and call on_finished exactly once when it is over (or failed)."""


def sound_names(sound: Sound) -> list[str]:
    """Clip names in a sound, for logs and tests ("wav" for raw bytes)."""
    if isinstance(sound, bytes):
        return ["wav"]
    if isinstance(sound, Path):
        return [sound.stem]
    return [p.stem for p in sound]


class RecordingPlayer:
    """Records what would be played. With auto_finish it finishes at once (on the next turn of
    the event loop, like a real player); otherwise a test calls finish() when it wants."""

    def __init__(self, auto_finish: bool = True) -> None:
        self.auto_finish = auto_finish
        self.played: list[list[str]] = []
        self.sounds: list[Sound] = []
        self.active = 0
        self.max_active = 0
        self._pending: deque[Callable[[], None]] = deque()

    def play(self, sound: Sound, on_finished: Callable[[], None]) -> None:
        self.played.append(sound_names(sound))
        self.sounds.append(sound)
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        self._pending.append(on_finished)
        if self.auto_finish:
            QTimer.singleShot(0, self.finish)

    def finish(self) -> bool:
        """Finish the oldest sound still playing; False when nothing is playing."""
        if not self._pending:
            return False
        self.active -= 1
        self._pending.popleft()()
        return True


class QtClipPlayer(QObject):
    """Joins clips into one WAV in memory (off the GUI thread) and plays it with QMediaPlayer.

    It finishes on EndOfMedia, on an error, or after the WAV's duration plus a margin, so a PC
    without a sound card (or a TV switched to another input) never stalls the queue."""

    def __init__(self, volume: float = 1.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._output = QAudioOutput(self)
        self._output.setVolume(volume)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._finish)
        self._buffer: QBuffer | None = None
        self._on_finished: Callable[[], None] | None = None

    def play(self, sound: Sound, on_finished: Callable[[], None]) -> None:
        # The callback is armed only once this sound starts (in _start): a late end-of-media
        # from the previous sound, after its fallback timer, must not end this one.
        def render() -> tuple[bytes, int]:
            if isinstance(sound, bytes):
                wav = sound
            elif isinstance(sound, Path):
                wav = sound.read_bytes()
            else:
                wav = join_clips(list(sound))
            return wav, duration_ms(wav)  # also proves it is a WAV before Qt sees it

        run_in_background(render, lambda rendered: self._start(rendered, on_finished),
                          lambda exc: self._failed(exc, on_finished))

    def _failed(self, exc: Exception, on_finished: Callable[[], None]) -> None:
        log.warning("could not prepare the announcement: %s", exc)
        on_finished()

    def _start(self, rendered: tuple[bytes, int], on_finished: Callable[[], None]) -> None:
        wav, length_ms = rendered
        self._on_finished = None
        self._player.stop()
        old, self._buffer = self._buffer, QBuffer(self)
        self._buffer.setData(QByteArray(wav))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._player.setSourceDevice(self._buffer, QUrl("announcement.wav"))
        if old is not None:
            old.deleteLater()
        self._on_finished = on_finished
        self._fallback.start(length_ms + FALLBACK_SLACK_MS)
        self._player.play()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._finish()

    def _on_error(self, _error, message: str) -> None:
        log.warning("announcement playback failed: %s", message)
        self._finish()

    def _finish(self) -> None:
        self._fallback.stop()
        callback, self._on_finished = self._on_finished, None
        if callback is not None:  # once, whichever of end/error/timeout comes first
            callback()


class SpeechVoice(QObject):
    """A local Qt speech engine speaking the sentence (no clips), with a fallback timer."""

    def __init__(self, engine: QTextToSpeech, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        engine.setParent(self)
        engine.stateChanged.connect(self._on_state)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._finish)
        self._on_finished: Callable[[], None] | None = None
        self._spoke = False

    @classmethod
    def find(cls, engine: str | None = None,
             language: QLocale.Language = QLocale.Language.Vietnamese) -> SpeechVoice | None:
        """The engine's voice for the language, or None when it has none (then clips)."""
        tts = QTextToSpeech(engine) if engine else QTextToSpeech()
        locales = [loc for loc in tts.availableLocales() if loc.language() == language]
        if tts.state() == QTextToSpeech.State.Error or not locales:
            tts.deleteLater()
            return None
        tts.setLocale(locales[0])
        return cls(tts)

    def say(self, text: str, on_finished: Callable[[], None]) -> None:
        self._on_finished = on_finished
        self._spoke = False
        self._timer.start(len(text) * SPEECH_MS_PER_CHAR + SPEECH_SLACK_MS)
        self.engine.say(text)

    def _on_state(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Speaking:
            self._spoke = True
        elif state == QTextToSpeech.State.Error or (
                state == QTextToSpeech.State.Ready and self._spoke):
            self._finish()

    def _finish(self) -> None:
        self._timer.stop()
        callback, self._on_finished = self._on_finished, None
        if callback is not None:
            callback()


class Announcer(QObject):
    """A queue of calls to announce; one plays at a time."""

    sig_started = Signal(str)
    """An announcement starts; the call as people read it ("… số thứ tự A023 đến quầy số 3")."""
    sig_finished = Signal(str)
    """An announcement is over (played, failed or timed out); the same text."""

    def __init__(self, player: ClipPlayer | None = None, *, library: ClipLibrary | None = None,
                 speech: SpeechVoice | None = None, twice: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.twice = twice  # each call said twice, as Vietnamese centres do
        self.player = player if player is not None else QtClipPlayer(parent=self)
        self.library = library or ClipLibrary()
        self.speech = speech
        if speech is not None:
            speech.setParent(self)
        self._queue: deque[tuple[str, int]] = deque()
        self._current: str | None = None
        self._serial = 0  # which announcement a player's callback belongs to

    @classmethod
    def for_data_folder(cls, data_dir: Path | None, voice: str = "clips", twice: bool = True,
                        parent: QObject | None = None) -> Announcer:
        """The station's announcer: the centre's clips in <data>/voice/ first; a speech engine
        only when asked for ("tts" or "tts:<engine>") and it has a Vietnamese voice."""
        library = ClipLibrary(data_dir / "voice" if data_dir is not None else None)
        speech = None
        if voice.startswith("tts"):
            engine = voice.partition(":")[2] or None
            speech = SpeechVoice.find(engine)
            if speech is None:
                log.warning("no Vietnamese voice in speech engine %s; using clips",
                            engine or "(default)")
        return cls(library=library, speech=speech, twice=twice, parent=parent)

    @property
    def busy(self) -> bool:
        return self._current is not None

    @property
    def pending(self) -> int:
        """Announcements waiting behind the one playing."""
        return len(self._queue)

    def announce(self, number: str, counter: int) -> None:
        self._queue.append((number, counter))
        if self._current is None:
            self._next()

    def clear(self) -> None:
        """Drop announcements not yet started (the one playing finishes)."""
        self._queue.clear()

    def _next(self) -> None:
        if self._current is not None or not self._queue:
            return  # one at a time: the one playing starts the next when it is over
        number, counter = self._queue.popleft()
        text = call_text(number, counter)
        self._serial += 1
        serial = self._serial
        self._current = text
        log.info("announcing: %s", text)
        self.sig_started.emit(text)
        names = clip_names(number, counter, self.twice)
        if self.speech is None:
            self.player.play(self.library.resolve(names), lambda: self._done(serial))
            return
        speech = self.speech
        chime = self.library.resolve([CHIME])
        said = spoken_text(number, counter, self.twice)
        self.player.play(chime, lambda: speech.say(said, lambda: self._done(serial)))

    def _done(self, serial: int) -> None:
        if serial != self._serial or self._current is None:
            return  # a late duplicate callback must not finish the next announcement
        text, self._current = self._current, None
        self.sig_finished.emit(text)
        # The next starts on a fresh turn of the event loop: no deep recursion in a long burst.
        QTimer.singleShot(0, self._next)
