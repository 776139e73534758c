"""A mentee's channels: the kinds, their labels, and the link that opens one.

A channel is (kind, value). The kinds are fixed so that each can be checked and opened
(e-mail by ``mailto:``, a phone by ``tel:``, a video link in the browser, a chat handle by
its app's own URL scheme where it has one); anything else is "other". The first e-mail
channel is the mentee's address (``Mentee.email``). Their checks are in ``validation.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from mentordesk.domain.models import Channel

EMAIL = "email"
PHONE = "phone"
VIDEO = "video"
CHAT = "chat"
OTHER = "other"
KINDS: tuple[str, ...] = (EMAIL, PHONE, VIDEO, CHAT, OTHER)
LABELS: dict[str, str] = {
    EMAIL: "Email",
    PHONE: "Phone",
    VIDEO: "Video link",
    CHAT: "Chat",
    OTHER: "Other",
}
PLACEHOLDERS: dict[str, str] = {
    EMAIL: "name@example.com",
    PHONE: "+44 7700 900412",
    VIDEO: "https://meet.example.com/ravi",
    CHAT: "@ravi on Telegram, or a chat link",
    OTHER: "anything else: a profile link, a postal address",
}

# Digits with the usual separators; an extension after "x" or "ext".
_PHONE = re.compile(r"^\+?[\d\s().\-/]+((x|ext\.?)\s*\d+)?$", re.IGNORECASE)
_MIN_PHONE_DIGITS = 5
# Values that already are a link a chat app opens.
CHAT_SCHEMES = (
    "slack",
    "discord",
    "msteams",
    "skype",
    "tg",
    "whatsapp",
    "sgnl",
    "signal",
    "matrix",
    "xmpp",
    "element",
    "zoommtg",
)
_HANDLE = r"@?([A-Za-z0-9_.\-]+)"
_TELEGRAM = re.compile(rf"^{_HANDLE}\s+(on|@)\s+telegram\b", re.IGNORECASE)
_WHATSAPP = re.compile(r"^(\+?[\d\s().\-]+?)\s+(on\s+)?whatsapp\b", re.IGNORECASE)
_MATRIX_ID = re.compile(r"^@[A-Za-z0-9_.=\-/]+:[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
_FEDIVERSE = re.compile(r"^@([A-Za-z0-9_.]+)@([A-Za-z0-9.\-]+\.[A-Za-z]{2,})$")


def label(kind: str) -> str:
    return LABELS.get(kind, kind.capitalize())


def is_phone(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    return bool(_PHONE.match(value)) and digits >= _MIN_PHONE_DIGITS


def _is_web(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in value


def _chat_url(value: str) -> str | None:
    scheme = urlsplit(value).scheme.lower()
    if scheme in CHAT_SCHEMES and " " not in value:
        return value
    if _is_web(value):
        return value
    if match := _TELEGRAM.match(value):
        return f"tg://resolve?domain={match.group(1)}"
    if match := _WHATSAPP.match(value):
        digits = "".join(ch for ch in match.group(1) if ch.isdigit())
        return f"https://wa.me/{digits}" if len(digits) >= _MIN_PHONE_DIGITS else None
    if _MATRIX_ID.match(value):
        return f"https://matrix.to/#/{value}"
    if match := _FEDIVERSE.match(value):
        return f"https://{match.group(2)}/@{match.group(1)}"
    # A Slack or Discord handle names no workspace or user id: nothing can open it.
    return None


def channel_url(channel: Channel) -> str | None:
    """The link that opens ``channel`` in its app, or None (the value is copied instead)."""
    kind = channel.kind.strip().lower()
    value = channel.value.strip()
    if not value:
        return None
    if kind == EMAIL:
        return f"mailto:{quote(value, safe='@.+-_')}"
    if kind == PHONE:
        if not is_phone(value):
            return None
        digits = "".join(ch for ch in value if ch.isdigit())
        return f"tel:{'+' if value.startswith('+') else ''}{digits}"
    if kind == CHAT:
        return _chat_url(value)
    # Video links and "other" values open when they are web addresses.
    return value if _is_web(value) else None


def first_email(channels: Iterable[Channel]) -> str:
    return next((c.value for c in channels if c.kind == EMAIL), "")
