"""QR codes for the screen: the `qrcode` package computes the module matrix, QPainter draws it.

Drawn here rather than through qrcode's PIL image factory so the stations need no Pillow, and
the image is pixel-exact: whole pixels per module, no smoothing, so a phone or a scanner reads
it even from a small window.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

QUIET_ZONE = 4  # modules of white around the code: the QR standard's minimum


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark/light modules of `text` (quiet zone included), error correction M: it survives
    a smudged screen or a glare spot, and a hub URL still fits a small version."""
    code = qrcode.QRCode(border=QUIET_ZONE, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def qr_image(text: str, size: int = 240, dark: str = "#000000",
             light: str = "#ffffff") -> QImage:
    """A square QImage of at most `size` pixels (at least one pixel per module)."""
    matrix = qr_matrix(text)
    modules = len(matrix)
    scale = max(1, size // modules)  # whole pixels per module keep the edges sharp
    side = modules * scale
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(light))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(dark))
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                painter.drawRect(QRect(x * scale, y * scale, scale, scale))
    painter.end()
    return image


def qr_pixmap(text: str, size: int = 240) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, size))
