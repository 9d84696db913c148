"""The reception window's look: large type for a touch screen read at arm's length, a clear
focus frame for keyboard-only use, one strong colour for the button that issues.

Sizes are written `@N` (pixels at 1366×768) and scaled with the window, so a 1920×1080 screen
gets proportionally larger type instead of empty space."""

from __future__ import annotations

import re

BASE_HEIGHT = 768
MAX_SCALE = 1.45

_TEMPLATE = """
QWidget { font-size: @16; }
QLabel#sectionTitle { font-size: @15; font-weight: bold; color: #3b4a5a; margin-top: @4; }
QLabel#listCaption { font-size: @14; color: #555; }
QLabel#serviceName { font-size: @20; color: #13233a; min-height: @54; }
QLabel#hint { font-size: @14; color: #555; padding-top: @4; }
QLineEdit#searchBox { font-size: @22; padding: @8; border: 2px solid #1f5fa8;
    border-radius: 6px; }
QLineEdit#searchBox:focus { border: 3px solid #f2b705; }
QListWidget#results { font-size: @17; border: 1px solid #b8c4d4; border-radius: 6px; }
QListWidget#results:focus { border: 3px solid #f2b705; }
QListWidget#results::item { padding: @6 @8; border-bottom: 1px solid #e3e8ef; }
QListWidget#results::item:selected { background: #1f5fa8; color: white; }
QPushButton { border: 1px solid #9db4d6; border-radius: 8px; background: #eef3fb;
    color: #13233a; padding: @4 @10; }
QPushButton:pressed { background: #c9d9f0; }
QPushButton:focus { border: 3px solid #f2b705; }
QPushButton#groupButton { font-size: @16; min-height: @46; }
QPushButton#kindButton { font-size: @18; min-height: @50; }
QPushButton#kindButton:checked { background: #1f5fa8; color: white; font-weight: bold; }
QPushButton#priorityButton { font-size: @16; min-height: @34; text-align: left;
    padding-left: @12; }
QPushButton#priorityButton:checked { background: #c77700; color: white; font-weight: bold; }
QSpinBox#countBox { font-size: @26; min-height: @44; padding: @2 @8; border: 1px solid #9db4d6;
    border-radius: 6px; background: white; }
QSpinBox#countBox:focus { border: 3px solid #f2b705; }
QSpinBox#countBox::up-button, QSpinBox#countBox::down-button { width: @40; }
QFrame#estimatePanel { background: #f5f7fa; border: 1px solid #c9d2de; border-radius: 8px; }
QLabel#estimateCaption { font-size: @16; color: #555; }
QLabel#estimateValue { font-size: @21; font-weight: bold; }
QLabel#estimateWait { font-size: @24; font-weight: bold; color: #1f5fa8; }
QLabel#complexityChip { font-size: @20; font-weight: bold; }
QLabel#estimateNote { font-size: @18; color: #4a5868; min-height: @72; }
QPushButton#issueButton { font-size: @34; font-weight: bold; min-height: @78;
    background: #1b7f3b; color: white; border: 2px solid #14622d; border-radius: 12px; }
QPushButton#issueButton:pressed { background: #14622d; }
QPushButton#issueButton:focus { border: 4px solid #f2b705; }
QPushButton#reprintButton { font-size: @17; min-height: @38; }
QLabel#message { font-size: @17; padding: @6; border-radius: 6px; background: #e8f5e9;
    color: #1b5e20; }
QLabel#message[error="true"] { background: #fdecea; color: #b3261e; border: 1px solid #b3261e; }
QFrame#ticketPanel { background: white; border: 2px dashed #8a94a3; border-radius: 8px; }
QLabel#ticketNumber { font-size: @68; font-weight: bold; color: #13233a; }
QLabel#ticketDetails { font-size: @17; }
QLabel#ticketUrl { font-size: @13; color: #555; }
"""


def scale_for(height: int) -> float:
    """1.0 up to 768 pixels high, growing with the window up to MAX_SCALE, in 5% steps (a
    stylesheet is re-applied only when the step changes)."""
    raw = min(max(height / BASE_HEIGHT, 1.0), MAX_SCALE)
    return round(raw * 20) / 20


def style(scale: float = 1.0) -> str:
    return re.sub(r"@(\d+)", lambda m: f"{round(int(m[1]) * scale)}px", _TEMPLATE)
