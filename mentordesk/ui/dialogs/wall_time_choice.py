"""Under the start time: the valid times for one that does not exist, or which of two.

Never guessed: a spring-forward gap offers the times on either side as buttons; a
fall-back fold offers both readings as radio buttons and stays unanswered until one
is clicked (unless the start came from an exact instant, which already says which).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.planner.series import WallTimeCheck
from mentordesk.ui.widgets.muted_label import MutedLabel


def utc_offset(moment: datetime) -> str:
    """'UTC−4', 'UTC+5:30', 'UTC+0' (a true minus sign, as people write it)."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "−" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def reading(moment: datetime) -> str:
    """'01:30 EDT, UTC−4' (the zone's abbreviation only when it is a word)."""
    name = moment.tzname() or ""
    label = f"{moment:%H:%M} {name}" if name.isalpha() else f"{moment:%H:%M}"
    return f"{label}, {utc_offset(moment)}"


class WallTimeChoice(QWidget):
    """Hidden while the start time exists once.

    ``picked`` carries a gap alternative (aware, anchor zone) for the dialog to put in its
    fields; ``fold_changed`` fires when a reading of a twice-happening time is chosen.
    """

    picked = Signal(object)
    fold_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check: WallTimeCheck | None = None
        self.hint = MutedLabel("", self)
        self.hint.setWordWrap(True)
        self.gap_buttons: list[QPushButton] = []
        self.first_radio = QRadioButton(self)
        self.second_radio = QRadioButton(self)
        self.fold_group = QButtonGroup(self)
        self.fold_group.addButton(self.first_radio, 0)
        self.fold_group.addButton(self.second_radio, 1)
        self.fold_group.idClicked.connect(lambda _: self.fold_changed.emit())

        self._buttons = QHBoxLayout()
        self._buttons.setContentsMargins(0, 0, 0, 0)
        radios = QVBoxLayout()
        radios.setContentsMargins(0, 0, 0, 0)
        radios.setSpacing(2)
        radios.addWidget(self.first_radio)
        radios.addWidget(self.second_radio)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.hint)
        layout.addLayout(self._buttons)
        layout.addLayout(radios)
        self.hide()

    def fold(self) -> int | None:
        """0 or 1 for a time that happens twice (None until chosen); 0 otherwise."""
        if self.check is None or self.check.status != "fold":
            return 0
        chosen = self.fold_group.checkedId()
        return chosen if chosen in (0, 1) else None

    def instant(self) -> datetime | None:
        """The checked time as an exact instant; None for a gap or an unanswered fold."""
        fold = self.fold()
        if self.check is None or self.check.status == "gap" or fold is None:
            return None
        return self.check.naive.replace(tzinfo=ZoneInfo(self.check.zone), fold=fold)

    def problem(self) -> str | None:
        """What is wrong with the checked time, for the error line under the field."""
        check = self.check
        if check is None or check.status == "ok":
            return None
        if check.status == "gap":
            return check.message
        if self.fold() is not None:
            return None
        assert check.before is not None and check.after is not None
        return (
            f"{check.naive:%H:%M} happens twice on {check.naive:%a} {check.naive.day}"
            f" {check.naive:%b %Y} in {check.zone}"
            f" (clocks go back from {check.before:%H:%M} to {check.after:%H:%M})"
            " — choose which one."
        )

    def set_check(self, check: WallTimeCheck, fold: int | None = None) -> None:
        """Shows what ``check`` needs; ``fold`` pre-answers a fold (from an exact instant)."""
        same = self.check is not None and (self.check.naive, self.check.zone) == (
            check.naive,
            check.zone,
        )
        self.check = check
        if fold is not None or not same:
            self._set_fold(fold)
        if same:
            return
        self._show_gap(check)
        if check.status == "fold":
            first, second = check.choices
            self.first_radio.setText(f"first ({reading(first)})")
            self.second_radio.setText(f"second ({reading(second)})")
        self.hint.setText("Times that exist:" if check.status == "gap" else "")
        self.hint.setVisible(check.status == "gap")
        self.first_radio.setVisible(check.status == "fold")
        self.second_radio.setVisible(check.status == "fold")
        self.setVisible(check.status != "ok")

    def _set_fold(self, fold: int | None) -> None:
        # An exclusive group never unchecks its last button; drop exclusivity to clear it.
        self.fold_group.setExclusive(False)
        self.first_radio.setChecked(fold == 0)
        self.second_radio.setChecked(fold == 1)
        self.fold_group.setExclusive(True)

    def _show_gap(self, check: WallTimeCheck) -> None:
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.gap_buttons = []
        if check.status != "gap":
            return
        for moment in check.choices:
            day = "" if moment.date() == check.naive.date() else f"{moment:%a %d %b} "
            button = QPushButton(f"Use {day}{reading(moment)}", self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, m=moment: self.picked.emit(m))
            self._buttons.addWidget(button)
            self.gap_buttons.append(button)
        self._buttons.addStretch(1)
