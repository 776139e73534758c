"""Running a slow call off the GUI thread (QThreadPool) and getting its answer back on it.

The call must open its own connection if it needs one: SQLite connections never cross
threads. The answer is delivered through a queued signal of an object that lives in the
GUI thread, so ``on_done``/``on_error`` run there and may touch widgets. This works in the
dialogs shown before the qasync loop starts as well as after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

#: Tasks still running; a task whose Python object were collected would never answer.
_RUNNING: set[BackgroundTask] = set()


class BackgroundTask(QObject):
    """One call on the global thread pool. ``finished`` fires on the GUI thread when done."""

    _answer = Signal(object)
    finished = Signal()

    def __init__(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
        owner: QObject | None = None,
    ) -> None:
        super().__init__()
        self._work, self._on_done, self._on_error = work, on_done, on_error
        self._answer.connect(self._deliver)
        self.running = True
        self._orphaned = False
        if owner is not None:
            # The answer of a dialog or window closed meanwhile goes nowhere.
            owner.destroyed.connect(self._orphan)
        _RUNNING.add(self)
        QThreadPool.globalInstance().start(_Runnable(self))

    def _run(self) -> None:  # on the worker thread
        try:
            # Wrapped: Qt handing a bare None back to Python is a known trap (DESIGN.md).
            self._answer.emit(("ok", self._work()))
        except Exception as exc:  # a failed backup is reported, never a crash of the pool
            self._answer.emit(("error", str(getattr(exc, "message", "") or exc)))

    @Slot()
    def _orphan(self) -> None:
        self._orphaned = True

    @Slot(object)
    def _deliver(self, answer: tuple[str, Any]) -> None:  # on the GUI thread
        self.running = False
        _RUNNING.discard(self)
        kind, value = answer
        if self._orphaned:
            self.finished.emit()
            return
        try:
            if kind == "ok":
                self._on_done(value)
            else:
                self._on_error(value)
        finally:
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    owner: QObject | None = None,
) -> BackgroundTask:
    """Runs ``work()`` on the thread pool; ``on_done(result)`` or ``on_error(message)`` on
    the GUI thread, unless ``owner`` was destroyed first."""
    return BackgroundTask(work, on_done, on_error, owner)
