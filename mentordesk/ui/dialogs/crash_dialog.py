"""What the mentor sees when something fails: a clear message for known store errors (locked,
disk full, read-only, damaged), and for anything else a crash dialog with a report to copy.

``install_crash_handler(app)`` sets ``sys.excepthook`` (exceptions in slots and event handlers
arrive there) and ``threading.excepthook`` (worker threads; shown on the GUI thread). What the
report leaves out, and why, is in ``mentordesk/crash_report.py``.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.crash_report import (
    KnownProblem,
    build_report,
    exception_from,
    known_problem,
    safe_traceback,
)
from mentordesk.logs import current_log_file
from mentordesk.ui.dialogs.parts import heading, wrapped

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]

#: While a dialog is up, later failures are only logged, and only this many.
_MAX_LOGGED_WHILE_SHOWING = 20


class CrashDialog(QDialog):
    """The report (read-only, selectable), "Copy report", and where the log file is."""

    def __init__(self, report: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("MentorDesk ran into a problem")
        title = heading("Something went wrong", self)
        text = wrapped(
            "MentorDesk hit a problem it did not expect. What was saved is safe: notes are"
            " saved as you type. You can carry on; if something looks wrong, restart"
            " MentorDesk.<br><br>"
            "To report it, copy the report below and say what you were doing. It holds no"
            " notes: messages that could quote your data are left out.",
            self,
        )
        self.report_view = QPlainTextEdit(report, self)
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        where = str(log_file) if log_file is not None else "no log file (logging is off)"
        self.log_label = QLabel(f"Log file: {where}", self)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button: QPushButton = buttons.addButton(
            "Copy report", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 30)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText("Copied")


def known_problem_box(problem: KnownProblem, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(problem.title)
    box.setText(problem.what)
    box.setInformativeText(problem.do)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


class CrashHandler(QObject):
    """Call it like ``sys.excepthook``. ``dialog`` is the one on screen, if any."""

    _from_thread = Signal(object)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.dialog: QDialog | None = None
        self._handling = False
        self._logged_while_showing = 0
        self._previous_hook: ExceptHook | None = None
        self._previous_thread_hook: ThreadHook | None = None
        self._from_thread.connect(self.handle, Qt.ConnectionType.QueuedConnection)

    # -- hooks -------------------------------------------------------------------------------

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if sys.excepthook is self and self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_hook and self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook

    def __call__(
        self,
        exc_type: type[BaseException],
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: the usual exit
            (self._previous_hook or sys.__excepthook__)(exc_type, value or exc_type(), tb)
            return
        try:
            exc = exception_from(exc_type, value, tb)
        except BaseException:  # an exception class that cannot be built without arguments
            self._last_resort(exc_type.__name__)
            return
        if threading.current_thread() is not threading.main_thread():
            self._from_thread.emit(exc)
            return
        self.handle(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        exc = args.exc_value or args.exc_type()
        # Widgets belong to the GUI thread: the signal queues the exception there.
        self._from_thread.emit(exc)

    # -- showing ------------------------------------------------------------------------------

    def handle(self, exc: BaseException) -> None:
        """Logs ``exc`` and shows a dialog; never raises, never re-enters."""
        if self._handling or (self.dialog is not None and self.dialog.isVisible()):
            # A failure while one is being handled (possibly in the handler itself, or the
            # dialog's own painting): logging it is all that is safe, and only a few times.
            self._log_only(exc)
            return
        self._handling = True
        try:
            self._show(exc)
        except BaseException as inner:
            self._last_resort(type(inner).__name__)
        finally:
            self._handling = False

    def _show(self, exc: BaseException) -> None:
        self._logged_while_showing = 0
        problem = known_problem(exc)
        parent = QApplication.activeWindow()
        if problem is not None:
            log.warning("%s (%s)", problem.title, type(exc).__name__)
            dialog: QDialog = known_problem_box(problem, parent)
        else:
            log.error("unexpected error:\n%s", safe_traceback(exc).rstrip("\n"))
            dialog = CrashDialog(
                build_report(exc, log_file=current_log_file()), current_log_file(), parent
            )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _log_only(self, exc: BaseException) -> None:
        if self._logged_while_showing >= _MAX_LOGGED_WHILE_SHOWING:
            return
        self._logged_while_showing += 1
        try:
            log.error("another error while one is shown:\n%s", safe_traceback(exc).rstrip("\n"))
        except BaseException:
            self._last_resort(type(exc).__name__)

    @staticmethod
    def _last_resort(name: str) -> None:
        try:
            stream = sys.__stderr__
            if stream is not None:
                stream.write(f"mentordesk: unexpected {name} while reporting an error\n")
        except BaseException:
            pass


def install_crash_handler(app: QApplication) -> CrashHandler:
    """Installs the handler once (a second call returns the first); keep the result to
    ``uninstall()`` it."""
    if isinstance(sys.excepthook, CrashHandler):
        return sys.excepthook
    handler = CrashHandler(app)
    handler.install()
    return handler
