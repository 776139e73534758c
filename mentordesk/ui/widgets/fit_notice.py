"""Says when a meeting time is at night or outside someone's working hours, and offers the
nearest time inside everyone's hours (or, when their working days never meet, when everyone
is at least awake; the rules are ``planner/fit.py``'s). Hidden when the time suits everyone.
``use_requested(start)`` when the mentor takes the suggestion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mentordesk.planner.fit import Attendee, suggested_start, unsuited
from mentordesk.ui.formatting import day_label
from mentordesk.ui.theme import error_color, warning_color


class FitNotice(QFrame):
    use_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.lines = QLabel(self)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setWordWrap(True)
        self.lines.setAccessibleName("Time warnings")
        # The offer is said in a label that wraps; the button stays short, so a narrow column
        # never clips it.
        self.offer = QLabel(self)
        self.offer.setWordWrap(True)
        self.use_button = QPushButton(self)
        self.use_button.clicked.connect(lambda: self.use_requested.emit(self._slot))
        row = QHBoxLayout()
        row.addWidget(self.use_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.lines)
        layout.addWidget(self.offer)
        layout.addLayout(row)
        self._slot: datetime | None = None
        self._plain: list[str] = []
        self._offer = ""
        self.hide()

    def show_fit(
        self,
        people: Sequence[Attendee],
        start: datetime,
        duration: timedelta,
        now: datetime,
        zone: ZoneInfo,
    ) -> None:
        """``zone``: the mentor's, in which the suggestion is given."""
        found = unsuited(people, start, duration)
        self._plain = [u.message for u in found]
        if not found:
            self._slot = None
            self.hide()
            return
        palette = self.palette()
        # Night is an error (someone asleep), out of hours a warning: the palette's two tones.
        tone = {"night": error_color(palette).name(), "off": warning_color(palette).name()}
        self.lines.setText(
            "<br>".join(
                f"<span style='color:{tone[u.level]}'>⚠ {escape(u.message)}</span>" for u in found
            )
        )
        self._slot, awake_only = suggested_start(people, start, duration, now)
        if self._slot is None:
            self._offer = ""
            self.offer.hide()
            self.use_button.hide()
        else:
            local = self._slot.astimezone(zone)
            when = f"{day_label(local.date(), now.astimezone(zone).date())} {local:%H:%M}"
            fits = "everyone is awake" if awake_only else "inside everyone's working hours"
            self._offer = f"Use {when} (your time) — {fits}"
            self.offer.setText(f"Nearest time that suits: {when} (your time) — {fits}.")
            self.use_button.setText(f"Use {when}")
            self.use_button.setAccessibleDescription(self._offer)
            self.offer.show()
            self.use_button.show()
        self.show()

    def text(self) -> str:
        """The warnings and the offer, as plain text (for tests and accessibility)."""
        offer = [self._offer] if self._slot is not None else []
        return "\n".join(self._plain + offer) if self._plain else ""

    def suggestion(self) -> datetime | None:
        return self._slot
