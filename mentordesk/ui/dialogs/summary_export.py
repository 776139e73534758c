"""File ▸ Export Progress Summary… (Ctrl+P): one mentee's shared progress as a PDF to hand over.

Mentee, period and paper on the left, the pages as they will print on the right (painted
from the same layout as the PDF), Save writes the file atomically under a safe name. Only
what the mentor shares goes in (``services/summary.py``); the dialog says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mentordesk.appdata.paths import default_export_dir
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee, MenteeStatus
from mentordesk.reports.batch import PeriodRule
from mentordesk.reports.filenames import summary_file_name
from mentordesk.reports.handover import HandoverPack, write_handover_pack
from mentordesk.reports.paper import Paper, preferred_paper
from mentordesk.reports.summary_pdf import preview_images, write_summary_pdf
from mentordesk.services import Workspace
from mentordesk.services.summary_content import ProgressSummary, SummaryPeriod
from mentordesk.ui.dialogs.parts import wrapped
from mentordesk.ui.dialogs.summary_batch import SummaryBatchRun
from mentordesk.ui.dialogs.summary_choice import ask_for_mentees
from mentordesk.ui.widgets.field_error import FieldError

PERIODS = ("Last month", "Last quarter", "Since start", "Custom")
PREVIEW_WIDTH = 460
SHARING = (
    "Goals, milestones and meetings held go in, with the wins, feedback and action items"
    " you marked as shared. Private notes and “Private” sections never do."
)
ChooseFile = Callable[[QWidget, Path], Path | None]
ChooseFolder = Callable[[QWidget, Path], Path | None]
ChooseMentees = Callable[[QWidget, Sequence[Mentee]], list[int] | None]


def _ask_for_folder(parent: QWidget, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Save Summaries Into", str(start))
    return Path(chosen) if chosen else None


def _ask_for_file(parent: QWidget, suggested: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save Progress Summary", str(suggested), "PDF files (*.pdf)"
    )
    return Path(chosen) if chosen else None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class SummaryExportDialog(QDialog):
    """``saved`` is the last file written; ``choose_file`` asks where (a file dialog)."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        mentee_id: int | None = None,
        *,
        now: datetime | None = None,
        choose_file: ChooseFile = _ask_for_file,
        choose_folder: ChooseFolder = _ask_for_folder,
        choose_mentees: ChooseMentees = ask_for_mentees,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.now = now
        self.choose_file = choose_file
        self.choose_folder = choose_folder
        self.choose_mentees = choose_mentees
        self.batch: SummaryBatchRun | None = None
        self.saved: Path | None = None
        self.warnings: list[str] = []
        self.setWindowTitle("Export Progress Summary")
        # Active mentees first: they are the ones summaries are usually for.
        self.mentees = mentees = sorted(
            workspace.list_mentees(),
            key=lambda m: (m.status is not MenteeStatus.ACTIVE, m.name.lower()),
        )
        self.mentee_box = QComboBox(self)
        for m in mentees:
            self.mentee_box.addItem(m.name, m.id)
        if mentee_id is not None and self.mentee_box.findData(mentee_id) >= 0:
            self.mentee_box.setCurrentIndex(self.mentee_box.findData(mentee_id))
        self.period_box = QComboBox(self)
        self.period_box.addItems(PERIODS)
        today = workspace.summaries.today(now)
        self.from_edit, self.to_edit = QDateEdit(self), QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(_qdate(today))
        self.period_error = FieldError(self)
        self.paper_box = QComboBox(self)
        for paper in Paper:
            self.paper_box.addItem(paper.label, paper)
        chosen = preferred_paper(workspace.summaries.paper_preference())
        self.paper_box.setCurrentIndex(self.paper_box.findData(chosen))

        form = QFormLayout()
        form.addRow("&Mentee:", self.mentee_box)
        form.addRow("&Period:", self.period_box)
        form.addRow("&From:", self.from_edit)
        form.addRow("&To:", self.to_edit)
        form.addRow("", self.period_error)
        form.addRow("P&aper:", self.paper_box)
        self.status = wrapped("", self)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(wrapped(SHARING, self))
        left.addStretch(1)
        left.addWidget(self.status)

        self.pages = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(12)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setMinimumWidth(PREVIEW_WIDTH + 40)
        self.scroll.setMinimumHeight(560)
        self.page_count = QLabel(self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton("&Save…", self)
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_all_button = QPushButton("Save &Several…", self)
        self.save_all_button.setToolTip(
            "A summary of each mentee you tick (the active ones to start with) for this"
            " period, into a folder you choose"
        )
        buttons.addButton(self.save_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_all_button.clicked.connect(self.save_all)
        self.pack_button = QPushButton("Hand-over &Pack…", self)
        self.pack_button.setToolTip(
            "A folder with this summary, the next sessions as a calendar file and the"
            " resources shared"
        )
        buttons.addButton(self.pack_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pack_button.clicked.connect(self.save_pack)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        right = QVBoxLayout()
        right.addWidget(self.page_count)
        right.addWidget(self.scroll, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(buttons)

        # Typing a date redraws the preview once the mentor pauses, not on every key.
        self._redraw = QTimer(self, singleShot=True, interval=150)
        self._redraw.timeout.connect(self.refresh_preview)
        for signal in (self.mentee_box.currentIndexChanged, self.paper_box.currentIndexChanged,
                       self.from_edit.dateChanged, self.to_edit.dateChanged):  # fmt: skip
            signal.connect(self._redraw.start)
        self.period_box.currentIndexChanged.connect(self._period_chosen)
        self._period_chosen()
        self.refresh_preview()

    # -- choices ---------------------------------------------------------------------

    def mentee_id(self) -> int | None:
        data = self.mentee_box.currentData()
        return int(data) if data is not None else None

    def paper(self) -> Paper:
        return Paper(self.paper_box.currentData())

    def _period_chosen(self) -> None:
        custom = self.period_box.currentText() == "Custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom and self.mentee_id() is not None:
            period = self.period()
            for edit, day in ((self.from_edit, period.start), (self.to_edit, period.end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self._redraw.start()

    def period(self) -> SummaryPeriod:
        """The chosen period; ValidationError for a custom one that ends before it starts."""
        summaries = self.workspace.summaries
        today = summaries.today(self.now)
        choice = self.period_box.currentText()
        if choice == "Last month":
            return SummaryPeriod.last_month(today)
        if choice == "Last quarter":
            return SummaryPeriod.last_quarter(today)
        if choice == "Since start":
            return summaries.since_start(self.workspace.mentee(self.mentee_id() or 0), self.now)
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        return SummaryPeriod(start, end)  # type: ignore[arg-type]

    # -- preview and save ------------------------------------------------------------

    def _summary(self) -> ProgressSummary | None:
        """The summary chosen, or None with the reason shown."""
        mentee_id = self.mentee_id()
        if mentee_id is None:
            self.status.setText("Add a mentee first (File ▸ New Mentee…).")
            return None
        try:
            period = self.period()
        except ValidationError as exc:
            self.period_error.set_message(exc.message)
            return None
        self.period_error.set_message(None)
        return self.workspace.summaries.build(mentee_id, period, self.now)

    def refresh_preview(self) -> None:
        self._redraw.stop()  # this redraw is the one that was pending
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        summary = self._summary()
        self.save_button.setEnabled(summary is not None)
        if summary is None:
            self.page_count.setText("")
            return
        images = preview_images(summary, self.paper(), PREVIEW_WIDTH)
        for number, image in enumerate(images, 1):
            label = QLabel(self.pages)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {number} of {len(images)}")
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.pages_layout.addWidget(label)
        self.pages_layout.addStretch(1)
        self.page_count.setText(f"{len(images)} page{'s' if len(images) != 1 else ''}"
                                f" · {self.paper().label}")  # fmt: skip
        self.status.setText(summary.left_out_text)

    def _rule(self) -> PeriodRule:
        """Each mentee's period: "since start" is each one's own, the others are shared."""
        if self.period_box.currentText() == "Since start":
            now = self.now
            return lambda summaries, mentee: summaries.since_start(mentee, now)
        fixed = self.period()
        return lambda summaries, mentee: fixed

    def save_all(self) -> SummaryBatchRun | None:
        """The summaries of the mentees the mentor ticks into a folder, off the GUI thread."""
        try:
            rule = self._rule()
        except ValidationError as exc:
            self.period_error.set_message(exc.message)
            return None
        if not self.mentees:
            self.status.setText("No mentee to write a summary for yet.")
            return None
        ids = self.choose_mentees(self, self.mentees)
        if not ids:
            return None
        folder = self.choose_folder(self, default_export_dir())
        if folder is None:
            return None
        self.workspace.summaries.set_paper_preference(self.paper().value)
        self.batch = SummaryBatchRun(
            self.workspace.summaries, ids, rule, folder, self.paper(), self
        )
        return self.batch

    def save(self) -> Path | None:
        summary = self._summary()
        if summary is None:
            return None
        period = summary.header.period
        name = summary_file_name(summary.header.mentee_name, period.start, period.end)
        path = self.choose_file(self, default_export_dir() / name)
        if path is None:
            return None
        try:
            self.warnings = write_summary_pdf(summary, path, self.paper())
        except OSError as exc:
            self.status.setText(f"Could not save {path.name}: {exc}")
            return None
        self.saved = path
        self.workspace.summaries.set_paper_preference(self.paper().value)
        self.status.setText(
            " ".join([f"Saved to {path}.", *self.warnings, summary.left_out_text]).strip()
        )
        return path

    def save_pack(self) -> HandoverPack | None:
        """The hand-over pack of the mentee and period shown, in a folder the mentor picks."""
        summary = self._summary()
        mentee_id = self.mentee_id()
        if summary is None or mentee_id is None:
            return None
        parent = self.choose_folder(self, default_export_dir())
        if parent is None:
            return None
        calendar = self.workspace.calendar
        try:
            pack = write_handover_pack(
                summary,
                parent,
                self.paper(),
                lambda path: calendar.export_ics(mentee_id, path, self.now, upcoming_only=True),
            )
        except OSError as exc:
            self.status.setText(f"Could not write the hand-over pack into {parent}: {exc}")
            return None
        self.workspace.summaries.set_paper_preference(self.paper().value)
        what = ", ".join(path.name for path in pack.files)
        self.status.setText(" ".join([f"Saved {pack.folder} ({what}).", *pack.notes]))
        return pack
