"""A time-zone field that completes IANA names as the mentor types ("kolk" -> Asia/Kolkata)
and shows the time there once the name is valid."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime
from functools import cache

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QVBoxLayout, QWidget

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.validation import validate_zone
from mentordesk.ui.formatting import safe_zone
from mentordesk.ui.widgets.muted_label import MutedLabel


@cache
def zone_names() -> list[str]:
    # "posix/…" and "right/…" are duplicates some systems ship; nobody means them.
    return sorted(
        name
        for name in zoneinfo.available_timezones()
        if not name.startswith(("posix/", "right/")) and name != "localtime"
    )


def zone_hint(name: str, now: datetime | None = None) -> str:
    """'Now 18:30 there (UTC+05:30)' for a valid zone name, else ''."""
    try:
        tz = safe_zone(validate_zone(name))
    except ValidationError:
        return ""
    if tz is None:
        return ""
    local = (now or datetime.now(UTC)).astimezone(tz)
    offset = local.strftime("%z")
    return f"Now {local:%H:%M} there (UTC{offset[:3]}:{offset[3:]})"


class ZoneEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("e.g. Europe/Berlin or Asia/Kolkata")
        self.setClearButtonEnabled(True)
        completer = QCompleter(QStringListModel(zone_names(), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)


class ZoneField(QWidget):
    """The zone edit with the local time there underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = ZoneEdit(self)
        self.hint = MutedLabel("", self)
        self.hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.edit.textChanged.connect(self._update_hint)

    def _update_hint(self, text: str) -> None:
        hint = zone_hint(text)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
