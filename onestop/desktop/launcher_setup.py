"""The launcher's first-run set-up: while GET /api/setup (asked with the local admin token)
says `needed` - no active officer, or no ward identity - the launcher opens the set-up dialog
over itself, sized like its own text, and says afterwards how the officer signs in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont

from .setup_dialog import SetupDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("LauncherWindow", text)


class FirstRunSetup:
    """Mixed into LauncherWindow (which provides admin, setup, say, sig_setup, _points)."""

    def _got_setup(self, answer: object) -> None:
        needed = isinstance(answer, dict) and bool(answer.get("needed"))
        if needed:
            self.open_setup()
        self.sig_setup_checked.emit(needed)

    def open_setup(self) -> SetupDialog | None:
        """The first-run set-up over this window (open(), not exec(): the feed keeps coming)."""
        if self.admin is None:
            return None
        if self.setup is None:
            self.setup = SetupDialog(self.admin, self)
            self.setup.sig_done.connect(self._setup_done)
            self.setup.rejected.connect(lambda: self.say(_tr(
                "Đã bỏ qua thiết lập ban đầu. Thêm cán bộ, sửa quầy và tên phường trong cửa sổ "
                "Quản trị.")))
            self.setup.finished.connect(self._setup_closed)
            self._size_setup()
        self.setup.open()
        self.sig_setup.emit(self.setup)
        return self.setup

    def _size_setup(self) -> None:
        font = QFont(self.font())
        font.setPointSize(max(11, self._points))
        self.setup.setFont(font)
        self.setup.resize(min(self.width() - 40, round(860 * self._points / 11) or 860),
                          min(self.height() - 40, round(600 * self._points / 11) or 600))

    def _setup_done(self, answer: dict) -> None:
        officer = (answer.get("officer") or {}).get("username") or self.setup.username.text()
        self.say(_tr("Đã thiết lập xong. Cán bộ đăng nhập cửa sổ quầy bằng tên đăng nhập "
                     "“%1” và mã PIN vừa đặt.").replace("%1", officer.strip().lower()))

    def _setup_closed(self) -> None:
        self.setup.deleteLater()
        self.setup = None
