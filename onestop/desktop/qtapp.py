"""The shared QApplication: bundled Vietnamese-capable font, translations, a readable style.

Fonts ship in onestop/assets/fonts (DejaVu Sans): a PC without fonts would otherwise show
empty boxes for ă, ơ, ư, đ and tone marks without any warning.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib import resources

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
FONT_FAMILY = "DejaVu Sans"
_translators: list[QTranslator] = []
# QTranslator.load(data) keeps a pointer to the bytes without copying them: they must live as
# long as the translator, or translations turn into garbage once Python reuses the memory.
_translator_data: list[bytes] = []
_language = ["vi"]  # the language installed last (tr() follows it; so do the domain's words)


def load_fonts() -> str:
    """Register the bundled fonts; return the family to use."""
    folder = resources.files("onestop.assets") / "fonts"
    family = FONT_FAMILY
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        data = (folder / name).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0:
            log.warning("could not load bundled font %s", name)
        else:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def install_language(app: QApplication, language: str) -> bool:
    """Vietnamese is the source language of every tr() string; other languages come from
    assets/i18n/<window>_<language>.qm, compiled from the .ts files by scripts/setup.sh."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    _translator_data.clear()
    _language[0] = language
    if language == "vi":
        return True
    folder = resources.files("onestop.assets") / "i18n"
    found = False
    for entry in sorted(folder.iterdir(), key=lambda e: e.name) if folder.is_dir() else ():
        if entry.name.endswith(f"_{language}.qm"):
            translator = QTranslator(app)
            data = entry.read_bytes()
            if translator.load(data):
                app.installTranslator(translator)
                _translators.append(translator)
                _translator_data.append(data)
                found = True
    if not found:
        log.warning("no translation for %s; staying in Vietnamese", language)
    return found


def current_language() -> str:
    """The windows' language ("vi", "en"): the one `install_language` was last asked for."""
    return _language[0]


def has_display() -> bool:
    """False on a Linux machine with no X11/Wayland screen (and no offscreen request)."""
    if not sys.platform.startswith("linux"):
        return True
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
                or env.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"))


def application(language: str = "vi") -> QApplication:
    """The one QApplication of the process (created on first use)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("onestop")
        app.setOrganizationName("onestop")
    family = load_fonts()
    font = QFont(family, 11)
    app.setFont(font)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi"
                               else QLocale.Language.English))
    install_language(app, language)
    return app
