"""Safe file names for reports: from a mentee's name and a period, on any file system."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Characters Windows, macOS or Linux refuse or treat specially, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
#: Most file systems allow 255 bytes per name; leave room for a "-2" and a temp suffix.
MAX_BYTES = 180


def _clip(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")[:max_bytes]
    return encoded.decode("utf-8", errors="ignore")


def safe_stem(text: str, fallback: str = "mentee") -> str:
    """``text`` as a file name part: no separators, reserved names, dots or blanks at the
    ends, ``..`` or control characters; NFC, at most ``MAX_BYTES`` bytes of UTF-8."""
    clean = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    clean = re.sub(r"\s+", " ", clean).strip(" .")
    clean = re.sub(r"\.{2,}", ".", clean)
    clean = _clip(clean, MAX_BYTES).strip(" .")
    if not clean or _RESERVED.match(clean):
        clean = f"{fallback} {clean}".strip() if clean else fallback
    return clean


def summary_file_name(mentee_name: str, start: date, end: date) -> str:
    """E.g. "Zoë Øster - progress 2026-11-01 to 2026-11-30.pdf"."""
    return f"{safe_stem(mentee_name)} - progress {start.isoformat()} to {end.isoformat()}.pdf"
