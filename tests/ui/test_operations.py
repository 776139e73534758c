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
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee, Note
from mentordesk.services import Workspace
from mentordesk.ui import operations
from mentordesk.ui.operations import Cancelled, Operation, OperationFailed, Progress


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
