"""Labels that show text as text. A QLabel guesses (Qt.AutoText) and renders anything that
looks like HTML, so a counter label `<font size=7 color=red>QUẦY GIẢ</font>` set by a
supervisor, an admin or central's catalogue became a big red heading, and `<img src=x>` an
image. Every label fed from hub data is one of these (issue 13); a label that really needs
markup sets Qt.RichText itself and escapes what it inserts."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class Label(QLabel):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)


def tooltip(text: str) -> str:
    """A tooltip showing `text` as text (Qt renders a tooltip that looks like HTML as HTML)."""
    return f"<qt>{escape(text)}</qt>"
