"""The fonts a report is set in: a Latin family first, then a CJK one chosen for the script.

Without a CJK family named for the script, Qt falls back to whichever CJK font fontconfig
offers first, usually the Japanese one, and draws Chinese names with Japanese glyph shapes.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

LATIN = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial")


def _script_family(text: str) -> str:
    if any(0x3040 <= ord(c) <= 0x30FF for c in text):  # hiragana, katakana
        return "Noto Sans CJK JP"
    if any(0xAC00 <= ord(c) <= 0xD7AF or 0x1100 <= ord(c) <= 0x11FF for c in text):
        return "Noto Sans CJK KR"
    return "Noto Sans CJK SC"


def families(text: str) -> list[str]:
    """The installed families to set ``text`` in, in order of preference."""
    installed = set(QFontDatabase.families())
    wanted = [*LATIN, _script_family(text), "Noto Sans CJK SC", "Noto Sans CJK JP"]
    chosen = [f for f in dict.fromkeys(wanted) if f in installed]
    return chosen or [QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()]


def report_font(text: str, pixel_size: int) -> QFont:
    font = QFont()
    font.setFamilies(families(text))
    font.setPixelSize(pixel_size)
    return font


def uncovered(names: Iterable[str], family_list: list[str]) -> list[str]:
    """Warnings for the names with a character no family of ``family_list`` can draw."""
    metrics = [QFontMetricsF(QFont(f)) for f in family_list]
    warnings = []
    for name in dict.fromkeys(names):
        missing = sorted(
            {c for c in name if not c.isspace() and not any(m.inFontUcs4(ord(c)) for m in metrics)}
        )
        if missing:
            warnings.append(
                f"No installed font can draw {''.join(missing)!r} in {name!r}: it will print as"
                " empty boxes. Install a font for that script (e.g. fonts-noto-cjk)."
            )
    return warnings
