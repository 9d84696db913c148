"""The kiosk's own language switch, its idle reset and its look.

* Language: the citizen's "English" button changes this window alone (the app's translators
  serve the other windows of a single-PC hub); the texts come from assets/i18n/kiosk_en.qm
  through a translator the kiosk keeps to itself. Vietnamese is the source and the default.
* Idle reset: after IDLE_SECONDS without a touch or a key the kiosk goes back to the start
  screen in Vietnamese, with every box emptied (the next person sees nothing of the last).
  A one-second QTimer compares an injectable clock with the last input, so tests move the
  clock and fire the timer instead of sleeping.
* Look: sizes in pixels, for a 1080x1920 (or 1920x1080) touch screen at arm's length: body
  text 28 px, never under 24 px.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import resources

from PySide6.QtCore import QEvent, QObject, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QWidget

IDLE_SECONDS = 60.0
DONE_SECONDS = 20.0  # the confirmation screen goes back to the start sooner
CONTEXT = "Kiosk"


class KioskWords:
    """The kiosk's language: `translate(CONTEXT, text)` in the chosen language."""

    def __init__(self) -> None:
        self.language = "vi"
        self._translator: QTranslator | None = None
        self._data: bytes | None = None  # QTranslator keeps a pointer to it: keep it alive

    def set_language(self, language: str) -> None:
        self.language = language
        if language == "vi" or self._translator is not None:
            return
        entry = resources.files("onestop.assets") / "i18n" / f"kiosk_{language}.qm"
        try:
            self._data = entry.read_bytes()
        except OSError:
            self.language = "vi"
            return
        self._translator = QTranslator()
        if not self._translator.load(self._data):
            self._translator, self.language = None, "vi"

    def translate(self, context: str, text: str) -> str:
        if self.language == "vi" or self._translator is None:
            return text
        return self._translator.translate(context, text) or text


class IdleReset(QObject):
    """Calls for a reset once `limit` seconds pass without input in `window`."""

    sig_idle = Signal()
    """Nobody has touched the kiosk for the limit: back to the start screen."""

    def __init__(self, window: QWidget, clock: Callable[[], float] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock or time.monotonic
        self.limit = IDLE_SECONDS
        self.last_input = self.clock()
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    INPUT = (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
             QEvent.Type.Wheel)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in self.INPUT and isinstance(watched, QWidget) \
                and watched.window() is self.window:
            self.touched()
        return False

    def touched(self, limit: float = IDLE_SECONDS) -> None:
        """Input now; the next reset is `limit` seconds away (shorter after a ticket)."""
        self.last_input = self.clock()
        self.limit = limit

    def check(self) -> None:
        if self.clock() - self.last_input >= self.limit:
            self.last_input = self.clock()
            self.limit = IDLE_SECONDS
            self.sig_idle.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


STYLE = """
QWidget#kiosk { background: #f4f6f9; color: #14213d; font-size: 28px; }
QLabel { font-size: 28px; }
QLabel#kioskOffice { font-size: 26px; font-weight: bold; color: #0b3d91; }
QLabel#kioskTitle { font-size: 44px; font-weight: bold; color: #0b3d91; }
QLabel#kioskSection { font-size: 32px; font-weight: bold; }
QLabel#kioskSub { font-size: 28px; color: #3c4a63; }
QLabel#kioskBody { font-size: 28px; }
QLabel#kioskNote { font-size: 30px; background: #fff4d6; color: #6b4500; padding: 16px;
                   border-radius: 10px; }
QLabel#kioskNumber { font-size: 200px; font-weight: bold; color: #b00020; }
QLabel#kioskWait { font-size: 36px; }
QLabel#kioskNotice { font-size: 30px; background: #fde7ea; color: #8c0017; padding: 16px; }
QLabel#kioskCardTitle { font-size: 30px; font-weight: bold; color: #14213d; }
QLabel#kioskCardSub { font-size: 24px; color: #3c4a63; }
QLineEdit { font-size: 32px; padding: 8px 16px; border: 3px solid #0b3d91;
            border-radius: 12px; background: white; }
QPushButton { font-size: 30px; border-radius: 14px; padding: 12px 20px;
              background: white; border: 2px solid #9aa8bf; color: #14213d; }
QPushButton:focus { border: 5px solid #f0a500; }
QPushButton:pressed { background: #dbe4f3; }
QLabel#kioskFieldTitle { font-size: 32px; font-weight: bold; color: #14213d; }
QLabel#kioskFieldSub { font-size: 26px; color: #3c4a63; }
QPushButton#kioskCard { text-align: left; }
QPushButton#kioskTake, QPushButton#kioskAsk, QPushButton#kioskCheckIn, QPushButton#kioskFinish {
    background: #1b7f3b; color: white; font-weight: bold; border: none; }
QPushButton#kioskTake { font-size: 40px; }
QPushButton#kioskTake:disabled { background: #8aa894; }
QScrollBar:vertical { width: 28px; background: #e3e8f0; border-radius: 12px; margin: 0; }
QScrollBar::handle:vertical { background: #9aa8bf; border-radius: 12px; min-height: 96px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QPushButton#kioskHeader { font-size: 26px; min-height: 64px; padding: 6px 18px; }
"""
