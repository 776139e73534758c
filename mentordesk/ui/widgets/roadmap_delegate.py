"""Editors for the roadmap's cells: a status list, a date picker (with a way to clear the
date), a percentage box; the title is the default line edit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from mentordesk.domain.models import Goal, GoalStatus, MilestoneStatus
from mentordesk.ui.models.roadmap import (
    COL_PROGRESS,
    COL_STATUS,
    COL_TITLE,
    RoadmapModel,
    status_label,
)

Index = QModelIndex | QPersistentModelIndex
#: The date editor's "no date" (shown as its special text).
_NO_DATE = QDate(2000, 1, 1)


class RoadmapDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        assert isinstance(model, RoadmapModel)
        item = model.item(index)
        column = index.column()
        if column == COL_TITLE:
            return super().createEditor(parent, option, index)
        if column == COL_STATUS:
            combo = QComboBox(parent)
            statuses = GoalStatus if isinstance(item, Goal) else MilestoneStatus
            for status in statuses:
                combo.addItem(status_label(status), status.value)
            return combo
        if column == COL_PROGRESS:
            box = QSpinBox(parent)
            box.setRange(0, 100)
            box.setSuffix("%")
            box.setSingleStep(5)
            return box
        picker = QDateEdit(parent)
        picker.setCalendarPopup(True)
        picker.setDisplayFormat("dd MMM yyyy")
        picker.setMinimumDate(_NO_DATE)
        picker.setSpecialValueText("no date")  # shown at the minimum: clears the date
        return picker

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))  # type: ignore[call-overload]
        elif isinstance(editor, QDateEdit):
            editor.setDate(QDate(value) if isinstance(value, date) else QDate.currentDate())
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        elif isinstance(editor, QDateEdit):
            picked = editor.date()
            model.setData(index, None if picked == _NO_DATE else picked.toPython())
        else:
            super().setModelData(editor, model, index)
