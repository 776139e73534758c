"""New Roadmap from Template…: pick a template, choose the start date, see every goal and
milestone with its date worked out, then add them to the mentee's roadmap (one undoable
step, pushed by the page). The mentor's own templates can be deleted here (after asking).
"""

from __future__ import annotations

from datetime import date
from html import escape as _html

from PySide6.QtCore import QDate, QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.roadmap_template import RoadmapTemplate
from mentordesk.services.roadmap_templates import RoadmapTemplates
from mentordesk.ui.dialogs.confirm import confirm
from mentordesk.ui.models.roadmap import COL_PROGRESS, COL_REVISIT, COL_STATUS, RoadmapModel
from mentordesk.ui.models.roadmap_templates import TemplateListModel
from mentordesk.ui.theme import muted_color


def _escape(text: str) -> str:
    """Plain text in a rich-text label (a title may hold "<")."""
    return _html(text, quote=False)


class RoadmapTemplateDialog(QDialog):
    def __init__(
        self,
        templates: RoadmapTemplates,
        mentee_id: int,
        mentee_name: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.mentee_id, self.today = templates, mentee_id, today
        self.setWindowTitle(f"New Roadmap from Template — {mentee_name}")
        self.resize(920, 560)
        self.list_model = TemplateListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.list_model)
        self.list.setAccessibleName("Templates")
        self.list.setMinimumWidth(240)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.start = QDateEdit(QDate(today), self)
        self.start.setCalendarPopup(True)
        # The years every other date field accepts; a template reaches years past its start.
        self.start.setDateRange(QDate(1900, 1, 1), QDate(2199, 12, 31))
        self.start.setDisplayFormat("dd MMM yyyy")
        self.start.dateChanged.connect(self._show_preview)
        self.preview_model = RoadmapModel(self.palette(), self)
        self.preview = QTreeView(self)
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName("Preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setDragEnabled(False)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column in (COL_STATUS, COL_PROGRESS, COL_REVISIT):
            self.preview.setColumnHidden(column, True)
        self.preview.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.preview.header().setStretchLastSection(False)
        self.criteria = QLabel(self)
        self.criteria.setWordWrap(True)
        self.preview.selectionModel().currentChanged.connect(self._show_criteria)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        palette = self.problems.palette()
        palette.setColor(self.problems.foregroundRole(), muted_color(self.palette()))
        self.problems.setPalette(palette)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(f"Add to {mentee_name}'s Roadmap")
        self.delete_button = QPushButton("&Delete Template…", self)
        self.delete_button.setToolTip("Delete one of your own templates (not the shipped ones)")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.delete_button.clicked.connect(self.delete_template)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Start date", self.start)
        right = QVBoxLayout()
        right.addWidget(self.description)
        right.addLayout(form)
        right.addWidget(QLabel("Goals and milestones it adds, with their dates:", self))
        right.addWidget(self.preview, 1)
        right.addWidget(self.criteria)
        panes = QHBoxLayout()
        panes.addWidget(self.list)
        panes.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.list.selectionModel().currentChanged.connect(self._show_preview)
        self._load()

    def _load(self, select_row: int = 0) -> None:
        self.list_model.set_templates(self.service.available())
        skipped = [f"{path.name}: {why}" for path, why in self.service.problems]
        self.problems.setText("Left out: " + "; ".join(skipped) if skipped else "")
        self.problems.setVisible(bool(skipped))
        index = self.list_model.index(min(select_row, self.list_model.rowCount() - 1), 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.list.selectionModel().setCurrentIndex(index, flags)
        self._show_preview()

    def chosen(self) -> RoadmapTemplate | None:
        return self.list_model.template(self.list.currentIndex().row())

    def start_date(self) -> date:
        return self.start.date().toPython()  # type: ignore[no-any-return]

    def plan(self) -> list[GoalProgress]:
        template = self.chosen()
        if template is None:
            return []
        return self.service.preview(template, self.mentee_id, self.start_date())

    def _show_preview(self, *_args: object) -> None:
        template = self.chosen()
        self.preview_model.set_goals(self.plan(), self.today)
        self.preview.expandAll()
        self.preview.setCurrentIndex(self.preview_model.index(0, 0))
        self._show_criteria()
        if template is None:
            self.description.setText("No templates — save a roadmap as one from the Goals menu.")
        else:
            steps = sum(len(g.milestones) for g in template.goals)
            whose = "" if template.shipped else " One of yours."
            self.description.setText(
                f"<b>{_escape(template.title)}</b> — {len(template.goals)} goals,"
                f" {steps} milestones."
                f"{whose}<br>{_escape(template.description)}"
            )
        self.apply_button.setEnabled(template is not None)
        self.delete_button.setEnabled(template is not None and not template.shipped)

    def _show_criteria(self, *_args: object) -> None:
        """What "done" looks like for the goal of the row picked in the preview."""
        progress = self.preview_model.progress_at(self.preview.currentIndex())
        if progress is None:
            self.criteria.setText("")
            return
        criteria = progress.goal.success_criteria or "none written yet"
        self.criteria.setText(
            f"<b>{_escape(progress.goal.title)}</b> — done when: {_escape(criteria)}"
        )

    def delete_template(self) -> None:
        template = self.chosen()
        if template is None or template.shipped:
            return
        row = self.list.currentIndex().row()

        def delete() -> None:
            self.service.delete(template)
            self._load(row)

        self.delete_box = confirm(
            self,
            "Delete Template",
            f"Delete your template “{template.title}”? Roadmaps made from it keep their goals.",
            "Delete Template",
            delete,
        )
