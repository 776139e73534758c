"""The one operation helper (``ui/operations.py``): slow work off the GUI thread, before and
inside the qasync loop, with progress, Cancel, errors, and the registry that quit, move,
restore and encrypt consult. Real files in tmp_path; nothing here is mocked."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee, Note
from mentordesk.services import Workspace
from mentordesk.ui import operations
from mentordesk.ui.backup_scheduler import AutoBackup
from mentordesk.ui.dialogs.backups import BackupsDialog
from mentordesk.ui.dialogs.export_all import ExportAllRun
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.operations import Cancelled, Operation, OperationFailed, Progress
from tests.ui.conftest import shown_window


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MainWindow:
    return shown_window(qtbot, workspace, settings_path)


class _Answers:
    """What an operation delivered, and on which thread."""

    def __init__(self) -> None:
        self.done: list[Any] = []
        self.errors: list[str] = []
        self.cancelled = 0
        self.threads: list[threading.Thread] = []

    def kwargs(self) -> dict[str, Callable[..., object]]:
        return {"on_done": self._done, "on_error": self._error, "on_cancelled": self._cancel}

    def _done(self, value: Any) -> None:
        self.threads.append(threading.current_thread())
        self.done.append(value)

    def _error(self, message: str) -> None:
        self.threads.append(threading.current_thread())
        self.errors.append(message)

    def _cancel(self) -> None:
        self.threads.append(threading.current_thread())
        self.cancelled += 1


def _held(release: threading.Event, outcome: str) -> Callable[[Progress], str]:
    """A job that runs until released (looping on ``check``), then ends as asked."""

    def work(progress: Progress) -> str:
        while not release.wait(0.005):
            progress.check()
        progress.check()
        if outcome == "error":
            raise ValidationError("folder", "The folder was unplugged — choose another one.")
        return "written"

    return work


def _ended(qtbot: QtBot, op: Operation) -> None:
    if op.outcome is None:
        with qtbot.waitSignal(op.finished, timeout=10_000):
            pass


def test_before_the_loop_the_job_runs_on_the_pool_and_answers_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    answers = _Answers()
    workers: list[threading.Thread] = []
    seen: list[tuple[int, int]] = []

    def work(progress: Progress) -> int:
        workers.append(threading.current_thread())
        for done in range(1, 4):
            progress.report(done, 3)
        return 42

    op = Operation("sum", work, **answers.kwargs())
    op.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(op.finished, timeout=10_000):
        op.start()
        assert op.via == "pool" and op in operations.running()
    assert answers.done == [42] and op.outcome == "done"
    assert workers[0] is not threading.main_thread()
    assert answers.threads == [threading.main_thread()]
    assert seen[0] == (1, 3) and seen[-1] == (3, 3)  # throttled, first and last kept
    assert op not in operations.running()


@pytest.fixture
def qasync_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    loop = qasync.QEventLoop(qapp)
    try:
        yield loop
    finally:
        loop.close()


def test_inside_the_qasync_loop_it_is_a_task_awaiting_an_executor_and_can_be_awaited(
    qasync_loop: asyncio.AbstractEventLoop,
) -> None:
    answers = _Answers()
    delivered_in_task: list[object] = []
    release = threading.Event()

    def on_done(value: str) -> None:
        # Outside any coroutine step: a dialog could even be exec()'d here.
        delivered_in_task.append(asyncio.current_task())
        answers.done.append(value)

    async def main() -> tuple[str, str]:
        op = Operation("held", _held(release, "done"), on_done=on_done).start()
        assert op.via == "loop" and op._task is not None  # the task is kept
        assert operations.refusal(operations.MOVE)
        release.set()
        first = await op
        failing = Operation("failing", _held(release, "error")).start()
        with pytest.raises(OperationFailed, match="unplugged") as failed:
            await failing
        return first, failed.value.message

    first, message = qasync_loop.run_until_complete(main())
    assert first == "written" and answers.done == ["written"]
    assert delivered_in_task == [None]
    assert message == "The folder was unplugged — choose another one."
    assert not operations.running()


def test_an_awaited_operation_that_was_cancelled_raises_cancelled(
    qasync_loop: asyncio.AbstractEventLoop,
) -> None:
    release = threading.Event()

    async def main() -> None:
        op = Operation("held", _held(release, "done"), cancellable=True).start()
        op.cancel()
        with pytest.raises(Cancelled):
            await op

    qasync_loop.run_until_complete(main())
    assert not operations.running()


def test_errors_give_the_mentors_message_and_anything_else_is_logged_without_its_text(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    answers = _Answers()
    with Workspace.open(tmp_path / "held.db"):

        def in_use(_progress: Progress) -> None:  # a StoreError from the real store
            Workspace.open(tmp_path / "held.db").close()

        op = Operation("open", in_use, **answers.kwargs()).start()
        _ended(qtbot, op)
    assert "already open in another MentorDesk window" in answers.errors[0]

    def bug(_progress: Progress) -> None:
        raise KeyError("kanarek note text")

    with caplog.at_level(logging.ERROR, logger="mentordesk"):
        _ended(qtbot, Operation("sum", bug, **answers.kwargs()).start())
    assert answers.errors[1] == "'kanarek note text'"
    (record,) = [r for r in caplog.records if r.name == operations.__name__]
    assert "sum failed (KeyError)" in record.getMessage()
    assert "kanarek" not in record.getMessage()
    # The first job's error is the store's, known and explained: it is not logged.


@pytest.mark.parametrize("outcome", ["done", "error", "cancelled"])
def test_the_registry_refuses_quit_move_restore_and_encryption_until_the_work_ended(
    qtbot: QtBot, window: MainWindow, outcome: str
) -> None:
    release = threading.Event()
    answers = _Answers()
    op = Operation(
        "export of all data",
        _held(release, outcome),
        owner=window,
        blocks=operations.FILE_IN_USE | {operations.QUIT},
        busy_text="An export is still running",
        cancellable=True,
        **answers.kwargs(),
    ).start()
    try:
        assert [o.name for o in operations.running()] == ["export of all data"]
        assert window.move_refused() == "An export is still running — try again in a moment."
        assert window.rewrite_refused() == window.move_refused()
        dialog = BackupsDialog(window.workspace, window)
        qtbot.addWidget(dialog)
        window.workspace.backups.backup_now()
        dialog.reload()
        dialog.restore(dialog.model.row_at(0))
        qtbot.waitUntil(lambda: "Not restored" in dialog.status.text(), timeout=5000)
        assert "An export is still running" in dialog.status.text()

        window.close()  # asks; Keep Working is the default
        box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
        assert box.windowTitle() == "Quit MentorDesk?"
        assert box.text() == "An export is still running."
        box.defaultButton().click()
        assert window.isVisible() and op.running and not op.cancelled
    finally:
        if outcome == "cancelled":
            op.cancel()
        release.set()
    _ended(qtbot, op)
    assert op.outcome == outcome
    assert (answers.done, answers.errors, answers.cancelled) == {
        "done": (["written"], [], 0),
        "error": ([], ["The folder was unplugged — choose another one."], 0),
        "cancelled": ([], [], 1),
    }[outcome]
    assert operations.running() == []
    assert window.move_refused() == "" and window.rewrite_refused() == ""
    assert operations.refusal(operations.RESTORE) == ""
    window.close()
    assert not window.isVisible()


def test_an_operation_whose_owner_was_closed_delivers_nothing(qtbot: QtBot) -> None:
    release = threading.Event()
    answers = _Answers()
    owner = QDialog()
    owner.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    owner.show()
    op = Operation("held", _held(release, "done"), owner=owner, **answers.kwargs()).start()
    with qtbot.waitSignal(owner.destroyed, timeout=5000):
        owner.close()
    assert op.running  # the work goes on; only its answer has nowhere to go
    release.set()
    _ended(qtbot, op)
    assert op.outcome == "done" and answers.done == [] and answers.threads == []
    assert not operations.running()

    plain, again = QObject(), threading.Event()
    op = Operation("held", _held(again, "error"), owner=plain, **answers.kwargs()).start()
    with qtbot.waitSignal(plain.destroyed, timeout=5000):
        plain.deleteLater()
    again.set()
    _ended(qtbot, op)
    assert op.outcome == "error" and answers.errors == []


def _notes(workspace: Workspace, count: int) -> None:
    with workspace.db.transaction():
        mentee = workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata"))
        for number in range(count):
            workspace.save_note(Note(mentee.id or 0, f"Line {number}\n" * 20, f"Call {number}"))


def test_cancel_stops_a_real_export_of_thousands_of_notes_and_leaves_nothing_behind(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    _notes(workspace, 3000)
    target = tmp_path / "export"
    export = workspace.full_export.export_all
    answers = _Answers()
    seen: list[tuple[int, int]] = []
    pressed = threading.Event()

    def job(progress: Progress) -> object:
        def step(done: int, total: int) -> None:
            progress.report(done, total)
            pressed.wait(10)  # held at its first step until Cancel was pressed
            progress.check()

        return export(target, step)

    op = Operation("export", job, cancellable=True, **answers.kwargs())
    op.progressed.connect(lambda done, total: (seen.append((done, total)), op.cancel()))
    op.progressed.connect(pressed.set)
    with qtbot.waitSignal(op.finished, timeout=30_000):
        op.start()
    assert op.outcome == "cancelled" and answers.cancelled == 1 and answers.done == []
    done, total = seen[0]
    assert 0 < done < total and total > 3000
    assert not target.exists() and not list(tmp_path.glob(".*partial"))

    # Not cancelled, the same export completes.
    op = Operation("export", lambda progress: export(target, progress.step)).start()
    _ended(qtbot, op)
    assert op.outcome == "done" and len(list((target / "notes").rglob("*.md"))) == 3000


def test_quitting_during_an_export_offers_to_cancel_it_then_quits_with_its_backup(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    auto = window.enable_auto_backup()
    qtbot.waitUntil(lambda: not auto.busy, timeout=10_000)
    workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin"))  # a change to back up
    before = len(workspace.backups.list())
    chosen = tmp_path / "exports"
    chosen.mkdir()
    held = threading.Event()
    reached: list[int] = []

    def hold(done: int, total: int) -> None:  # on the worker, mid-export
        reached.append(done)
        held.wait(10)

    run = ExportAllRun(workspace, window)  # as File ▸ Export All Data… once a folder is chosen
    run.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    run.start(str(chosen))
    try:
        qtbot.waitUntil(lambda: bool(reached), timeout=10_000)
        window.close()
        box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
        assert box.text() == "An export is still running."
        quit_button = next(b for b in box.buttons() if b.text() == "Cancel It and &Quit")
        quit_button.click()
        assert run.operation is not None and run.operation.cancelled
        assert window.isVisible()  # until the export has stopped and cleaned up
        assert "quits once it is done" in window.statusBar().currentMessage()
    finally:
        held.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert list(chosen.iterdir()) == [] and not list(tmp_path.glob(".*partial"))
    assert len(workspace.backups.list()) == before + 1  # the backup on quit was written


def test_quitting_while_a_backup_is_written_waits_for_it_then_quits(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata"))
    release = threading.Event()

    def slow_write() -> Path:
        release.wait(10)
        return workspace.backups.backup_now()

    auto = AutoBackup(workspace, window, write=slow_write)
    window.auto_backup = auto
    auto.start()
    try:
        assert auto.busy
        assert window.move_refused() == "A backup is being written — try again in a moment."
        assert not auto.back_up_if_changed()  # never two backups at once
        window.close()
        assert window.isVisible() and not window.findChildren(QMessageBox)  # nothing to ask
        assert window.statusBar().currentMessage().startswith("A backup is being written")
        window.close()  # asked again: still waits, once
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert len(workspace.backups.list()) == 1  # written once; nothing changed since
