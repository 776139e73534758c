"""Progress summaries of every active mentee into one folder, off the GUI thread.

Runs as an ``Operation`` (``ui/operations.py``): the worker reads through a connection of
its own (``SummaryService.on_own_connection``), a progress dialog follows it, and Cancel
stops it between pages; each PDF is written whole or not at all, so a cancelled batch leaves
only complete files (the ones already finished) and never a half-written one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from mentordesk.reports.batch import BatchResult, PeriodRule, write_batch
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_pdf import ExportCancelled
from mentordesk.services.summary import SummaryService
from mentordesk.ui import operations


class SummaryBatchRun(QObject):
    """One batch; ``ended`` carries "done", "cancelled" or "failed" once the mentor is told."""

    ended = Signal(str)

    def __init__(
        self,
        summaries: SummaryService,
        mentee_ids: list[int],
        period: PeriodRule,
        folder: Path,
        paper: Paper,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.folder = folder
        self.result: BatchResult | None = None
        self.progress = QProgressDialog(
            f"Writing {len(mentee_ids)} progress summaries…", "Cancel", 0, len(mentee_ids), parent
        )
        self.progress.setWindowTitle("Export Progress Summaries")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.progress.show()

        def work(steps: operations.Progress) -> BatchResult:  # on the worker thread
            with summaries.on_own_connection() as own:
                mentees = [own.roster.get(i) for i in mentee_ids]
                try:
                    return write_batch(
                        own, mentees, period, folder, paper,
                        progress=lambda done, total, name: steps.report(done, total),
                        cancelled=lambda: steps.cancelled,
                    )  # fmt: skip
                except ExportCancelled:
                    steps.check()  # raises Cancelled: the operation reports a cancel
                    raise

        self.operation = operations.Operation(
            "export of progress summaries",
            work,
            on_done=self._done,
            on_error=self._failed,
            on_cancelled=self._cancelled,
            owner=self,
            blocks=operations.FILE_IN_USE | {operations.QUIT},
            busy_text="Progress summaries are being written",
            cancellable=True,
        )
        self.operation.progressed.connect(self._show_progress)
        self.operation.start()

    @Slot()
    def cancel(self) -> None:
        if self.operation.running:
            self.operation.cancel()
            self.progress.setLabelText("Cancelling — the summary being written is discarded…")
            self.progress.show()

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if not self.operation.cancelled:
            self.progress.setValue(done)

    def _finish(self, icon: QMessageBox.Icon, title: str, text: str, outcome: str) -> None:
        self.progress.close()
        self.progress.deleteLater()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.ended.emit(outcome)

    def _done(self, result: BatchResult) -> None:
        self.result = result
        count = len(result.written)
        text = f"{count} progress summar{'y' if count == 1 else 'ies'} written to {self.folder}."
        self._finish(QMessageBox.Icon.Information, "Summaries written",
                     " ".join([text, *result.warnings]), "done")  # fmt: skip

    def _failed(self, message: str) -> None:
        self._finish(QMessageBox.Icon.Warning, "Summaries not written", message, "failed")

    def _cancelled(self) -> None:
        self._finish(
            QMessageBox.Icon.Information,
            "Export cancelled",
            f"Cancelled. The summaries finished before it are in {self.folder}; none is"
            " half-written.",
            "cancelled",
        )
