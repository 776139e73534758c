"""The roadmap's detail pane: the selected goal's success criteria, description, whether it
goes into summaries, its revisit history; or the selected milestone's facts.

Text is saved when the mentor leaves the box (or picks another row), as one undoable edit;
``flush()`` saves what is typed before the page reloads.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.models import Goal, GoalRevisit, Milestone
from mentordesk.domain.progress import GoalProgress
from mentordesk.ui.models.roadmap import status_label


class GoalDetail(QWidget):
    #: (before, after, undo text): a goal field the mentor changed here.
    goal_edited = Signal(object, object, str)
    revisit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress: GoalProgress | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.criteria = QPlainTextEdit(self)
        self.criteria.setPlaceholderText("What “done” looks like, as agreed with the mentee")
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText("Why this goal, context, how you will work on it")
        self.shared = QCheckBox("&Include in summaries", self)
        self.shared.setToolTip(
            "Goals, their milestones and the wins they make go into the progress summary you"
            " hand over; untick for a goal you keep to yourself."
        )
        self.revisit_button = QPushButton("Mark &Revisited…", self)
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.empty = QLabel("Select a goal to see what “done” looks like and its history.", self)
        self.empty.setWordWrap(True)

        self.goal_box = QWidget(self)
        form = QFormLayout(self.goal_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Success &criteria", self.criteria)
        form.addRow("&Description", self.description)
        form.addRow("", self.shared)
        form.addRow("Revisits", self.history)
        form.addRow("", self.revisit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.goal_box)
        layout.addWidget(self.empty)
        layout.addStretch(1)

        for box in (self.criteria, self.description):
            box.installEventFilter(self)
        self.shared.toggled.connect(self._shared_toggled)
        self.revisit_button.clicked.connect(self.revisit_requested)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.progress = None
        self.heading.setText("")
        self.facts.setText("")
        self.goal_box.hide()
        self.empty.show()

    def show_goal(
        self, progress: GoalProgress, revisits: list[GoalRevisit], reason: str | None = None
    ) -> None:
        self.progress = progress
        goal = progress.goal
        self.empty.hide()
        self.goal_box.show()
        self.heading.setText(f"<h3>{escape(goal.title)}</h3>")
        done, counted = progress.counted
        steps = f" · {done}/{counted} milestones" if counted else " · progress set by hand"
        facts = f"{status_label(goal.status)} · {progress.percent}%{steps}"
        if reason:
            facts += f"<br><b>To revisit: {escape(reason)}</b>"
        self.facts.setText(facts)
        for box, text in (
            (self.criteria, goal.success_criteria),
            (self.description, goal.description),
        ):
            if box.toPlainText() != text:
                box.setPlainText(text)
        self.shared.blockSignals(True)
        self.shared.setChecked(goal.shareable)
        self.shared.blockSignals(False)
        rows = [
            f"{r.revisited_on:%d %b %Y}" + (f" — {escape(r.note)}" if r.note else "")
            for r in revisits
        ]
        self.history.setText("<br>".join(rows) if rows else "Not revisited yet.")

    def show_milestone(self, milestone: Milestone, goal: Goal, late: bool) -> None:
        self.progress = None
        self.goal_box.hide()
        self.empty.hide()
        self.heading.setText(f"<h3>{escape(milestone.title)}</h3>")
        bits = [status_label(milestone.status), f"of “{escape(goal.title)}”"]
        if milestone.due_date:
            bits.append(f"due {milestone.due_date:%d %b %Y}")
        if milestone.done_on:
            bits.append(f"done {milestone.done_on:%d %b %Y}")
        if late:
            bits.append("<b>due after the goal's target</b>")
        self.facts.setText(" · ".join(bits))

    def flush(self) -> None:
        """Saves typed text not saved yet (before a reload or another row)."""
        if self.progress is None:
            return
        goal = self.progress.goal
        after = replace(
            goal,
            success_criteria=self.criteria.toPlainText().strip(),
            description=self.description.toPlainText().strip(),
        )
        if (after.success_criteria, after.description) != (goal.success_criteria, goal.description):
            what = "criteria" if after.success_criteria != goal.success_criteria else "description"
            self.goal_edited.emit(goal, after, f"Edit {what}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _shared_toggled(self, on: bool) -> None:
        if self.progress is not None:
            goal = self.progress.goal
            text = "Include in summaries" if on else "Keep goal private"
            self.goal_edited.emit(goal, replace(goal, shareable=on), text)
