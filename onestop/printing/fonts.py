"""The bundled DejaVu fonts registered with reportlab (its built-in fonts have no Vietnamese
glyphs: "Đăng ký" would print as boxes)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@lru_cache(maxsize=1)
def register() -> tuple[str, str]:
    folder = resources.files("onestop.assets") / "fonts"
    for name in (REGULAR, BOLD):
        with resources.as_file(folder / f"{name}.ttf") as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return REGULAR, BOLD
