"""Opening a mentee's channel: its link in the app that handles it, else its value copied."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from mentordesk.domain.channels import channel_url, label
from mentordesk.domain.models import Channel

#: Opens a URL in the desktop's handler; True when one took it (tests install a handler
#: with ``QDesktopServices.setUrlHandler`` rather than launching a browser).
Opener = Callable[[QUrl], bool]


def open_channel(channel: Channel, opener: Opener = QDesktopServices.openUrl) -> str:
    """Opens ``channel`` (mailto:, tel:, a web or chat link) or copies its value; returns
    the sentence to show the mentor about what happened."""
    url = channel_url(channel)
    if url is not None and opener(QUrl(url)):
        return f"Opening {label(channel.kind).lower()} {channel.value}…"
    QGuiApplication.clipboard().setText(channel.value)
    reason = "nothing on this computer opens it" if url is not None else "no app link for it"
    return f"Copied “{channel.value}” to the clipboard ({reason})."
