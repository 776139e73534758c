"""The meeting dialog's Repeat and Ends rows: the choices a mentor means, as RRULE text.

A rule these rows cannot say (imported from another calendar, say) is shown read-only
and kept as it is until the mentor picks another repeat choice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.planner.recurrence import validate_rrule
from mentordesk.planner.rule_builder import (
    DEFAULT_COUNT,
    MAX_COUNT,
    MAX_INTERVAL,
    End,
    Repeat,
    RepeatFields,
    build_rule,
    describe,
    month_ordinals,
    ordinal_name,
    parse_rule,
)
from mentordesk.ui.dialogs.validating import with_error
from mentordesk.ui.widgets.field_error import FieldError

# Repeat choices (combo item data). MONTHLY_LAST appears only on a 4th weekday that is
# also the month's last, where "4th" and "last" mean different series.
NONE, WEEKLY, EVERY_2, EVERY_N, MONTHLY, MONTHLY_LAST, CUSTOM = (
    "none",
    "weekly",
    "every2",
    "everyN",
    "monthly",
    "monthly_last",
    "custom",
)
_END_LABELS = {End.NEVER: "Never", End.COUNT: "After", End.UNTIL: "On date"}
_DEFAULT_RUN = timedelta(weeks=12)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _fixed(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


class RecurrenceFields(QObject):
    """Two form rows, ``repeat_row`` and ``end_row``, with their own error lines.

    ``changed`` fires on any edit. The start date drives the weekday and "2nd Tuesday"
    wording, so the dialog calls ``set_start_date`` whenever its date changes.
    """

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._day = date.today()
        self._custom_rule = ""

        self.repeat_combo = QComboBox(parent)
        self.repeat_combo.setAccessibleName("Repeat")
        for key in (NONE, WEEKLY, EVERY_2, EVERY_N, MONTHLY):
            self.repeat_combo.addItem("", key)
        self.repeat_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.interval_spin = QSpinBox(parent)
        self.interval_spin.setRange(1, MAX_INTERVAL)
        self.interval_spin.setValue(3)
        self.interval_spin.setSuffix(" weeks")
        self.custom_edit = QLineEdit(parent)
        self.custom_edit.setReadOnly(True)
        self.custom_edit.setAccessibleName("Custom repeat rule")
        self.custom_edit.setToolTip(
            "A rule from another calendar that these choices cannot show; it is kept as it is"
            " unless you pick another repeat choice."
        )

        self.end_combo = QComboBox(parent)
        self.end_combo.setAccessibleName("Ends")
        for end, label in _END_LABELS.items():
            self.end_combo.addItem(label, end.value)
        self.count_spin = QSpinBox(parent)
        self.count_spin.setRange(1, MAX_COUNT)
        self.count_spin.setValue(DEFAULT_COUNT)
        self.count_spin.setSuffix(" meetings")
        self.until_edit = QDateEdit(parent)
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("ddd d MMM yyyy")

        self.rule_error = FieldError(parent)
        self.end_error = FieldError(parent)
        self.repeat_row = self._row(parent, self.rule_error, self.repeat_combo, self.interval_spin)
        # The kept rule gets a line of its own: it can be long.
        layout = self.repeat_row.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.custom_edit)
        self.end_row = self._row(
            parent, self.end_error, self.end_combo, self.count_spin, self.until_edit
        )
        self._update_labels()
        self._update_visibility()

        for signal in (
            self.repeat_combo.currentIndexChanged,
            self.interval_spin.valueChanged,
            self.end_combo.currentIndexChanged,
            self.count_spin.valueChanged,
            self.until_edit.dateChanged,
        ):
            signal.connect(self._edited)

    @staticmethod
    def _row(parent: QWidget, error: FieldError, *fields: QWidget) -> QWidget:
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        for field in fields:
            line.addWidget(_fixed(field))
        line.addStretch(1)
        return with_error(line, error, parent)

    # -- state ---------------------------------------------------------------------------

    def choice(self) -> str:
        return str(self.repeat_combo.currentData())

    def select(self, key: str) -> None:
        self.repeat_combo.setCurrentIndex(max(self.repeat_combo.findData(key), 0))

    def is_repeating(self) -> bool:
        return self.choice() != NONE

    def fields(self) -> RepeatFields | None:
        """What the rows say, or None while the kept custom rule is chosen."""
        key = self.choice()
        if key == CUSTOM:
            return None
        if key == NONE:
            return RepeatFields()
        end = End(self.end_combo.currentData())
        count = self.count_spin.value() if end is End.COUNT else DEFAULT_COUNT
        until = self.until_edit.date().toPython() if end is End.UNTIL else None
        if key in (MONTHLY, MONTHLY_LAST):
            ordinal = -1 if key == MONTHLY_LAST else month_ordinals(self._day)[0]
            return RepeatFields(Repeat.MONTHLY, 1, ordinal, end, count, until)
        interval = {WEEKLY: 1, EVERY_2: 2}.get(key, self.interval_spin.value())
        return RepeatFields(Repeat.WEEKLY, interval, 0, end, count, until)

    def rule(self, start: datetime) -> str | None:
        """The RRULE for a series from ``start``; ValidationError names 'rrule' or
        'repeat_end'."""
        fields = self.fields()
        rule = self._custom_rule if fields is None else build_rule(fields, start.date())
        return validate_rrule(rule, start) or None if rule else None

    def summary(self) -> str:
        """'Weekly on Mondays, 10 times'; '' for a single meeting or a custom rule."""
        fields = self.fields()
        return "" if fields is None else describe(fields, self._day)

    def load(self, rule: str | None, start: datetime) -> None:
        """Shows ``rule`` (a stored meeting's) from ``start``, without firing ``changed``."""
        self.blockSignals(True)
        try:
            self.set_start_date(start.date())
            fields = parse_rule(rule, start)
            if fields is None:
                self._custom_rule = (rule or "").strip().removeprefix("RRULE:")
                self.custom_edit.setText(self._custom_rule)
                self.repeat_combo.addItem("Custom rule (kept as it is)", CUSTOM)
                self.select(CUSTOM)
            else:
                self._show(fields)
        finally:
            self.blockSignals(False)
        self._update_visibility()

    def _show(self, fields: RepeatFields) -> None:
        if fields.repeat is Repeat.MONTHLY:
            # On a 5th weekday the plain monthly choice already says "last".
            has_last = self.repeat_combo.findData(MONTHLY_LAST) >= 0
            self.select(MONTHLY_LAST if fields.ordinal == -1 and has_last else MONTHLY)
        elif fields.repeat is Repeat.WEEKLY:
            self.select({1: WEEKLY, 2: EVERY_2}.get(fields.interval, EVERY_N))
            if fields.interval > 2:
                self.interval_spin.setValue(fields.interval)
        else:
            self.select(NONE)
        self.end_combo.setCurrentIndex(self.end_combo.findData(fields.end.value))
        self.count_spin.setValue(fields.count)
        if fields.until is not None:
            self.until_edit.setDate(_qdate(fields.until))

    def set_start_date(self, day: date) -> None:
        """Re-words the choices for ``day`` ("on Mondays", "the 2nd Tuesday")."""
        if self.end_combo.currentData() != End.UNTIL.value:
            # Not chosen yet: keep the suggestion a sensible run after the start.
            self.until_edit.blockSignals(True)
            self.until_edit.setDate(_qdate(day + _DEFAULT_RUN))
            self.until_edit.blockSignals(False)
        self._day = day
        self._update_labels()

    # -- updates -------------------------------------------------------------------------

    def _edited(self) -> None:
        self._update_visibility()
        self.changed.emit()

    def _update_labels(self) -> None:
        day = self._day
        ordinals = month_ordinals(day)
        texts = {
            NONE: "Does not repeat",
            WEEKLY: f"Weekly on {day:%A}s",
            EVERY_2: f"Every 2 weeks on {day:%A}s",
            EVERY_N: f"Every N weeks on {day:%A}s",
            MONTHLY: f"Monthly on the {ordinal_name(ordinals[0], day)}",
        }
        combo = self.repeat_combo
        combo.blockSignals(True)
        try:
            last_index = combo.findData(MONTHLY_LAST)
            if len(ordinals) == 2 and last_index < 0:
                combo.insertItem(combo.findData(MONTHLY) + 1, "", MONTHLY_LAST)
            elif len(ordinals) == 1 and last_index >= 0:
                was_chosen = combo.currentIndex() == last_index
                combo.removeItem(last_index)
                if was_chosen:
                    self.select(MONTHLY)
            texts[MONTHLY_LAST] = f"Monthly on the {ordinal_name(-1, day)}"
            for index in range(combo.count()):
                key = combo.itemData(index)
                if key in texts:
                    combo.setItemText(index, texts[key])
        finally:
            combo.blockSignals(False)

    def _update_visibility(self) -> None:
        key = self.choice()
        self.interval_spin.setVisible(key == EVERY_N)
        self.custom_edit.setVisible(key == CUSTOM)
        end = self.end_combo.currentData()
        self.count_spin.setVisible(end == End.COUNT.value)
        self.until_edit.setVisible(end == End.UNTIL.value)

    def shows_end(self) -> bool:
        """The Ends row matters only for a series the rows describe."""
        return self.choice() not in (NONE, CUSTOM)
