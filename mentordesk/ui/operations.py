"""The one way to run slow work off the GUI thread: an ``Operation``.

An operation is a named job ``work(progress) -> result`` run on a worker thread. The job
opens its own connection: SQLite connections never cross threads, so it calls a service
entry point that reads the file through a connection of its own (``Backups.backup_now``,
``FullExport.export_all``, ``recovery.quick_check``, ``database_move.copy_for_move``…),
never the window's ``Workspace`` connection. (Opening a second ``Workspace`` on the worker
would not do either: its header check reads the file through a plain descriptor, and
closing that drops the POSIX locks SQLite holds on the file in this process.)

How it runs:
- inside the qasync loop (``asyncio.get_running_loop()`` is a ``qasync.QEventLoop``), as a
  task that awaits ``loop.run_in_executor``; the task is kept until it is done;
- before the loop starts (the recovery dialog runs from ``exec()`` before any window), on
  Qt's global thread pool.
Both deliver the same way: through a queued signal, on the GUI thread, outside any
coroutine step — so ``on_done`` may open dialogs (with ``open()``).

What is delivered: ``on_done(result)``; ``on_error(message)`` — the ``message`` of a
``ValidationError``, a ``StoreError`` or any error carrying one (``MoveRefused``), else
``str(exc)``, and then the failure is logged (its type and a traceback whose messages the
log's filter withholds, never the mentor's words); ``on_cancelled()`` when the job stopped
at ``progress.check()`` after ``cancel()`` — without ``on_cancelled`` a cancelled operation
delivers nothing. A job that finishes despite a late Cancel delivers its result. If the
``owner`` was destroyed meanwhile, nothing is delivered. ``finished`` is emitted in every
case, after the delivery. Coroutine code may ``await op`` instead: the result, or
``Cancelled`` / ``OperationFailed``.

The registry: every operation is in ``running()`` from ``start()`` until its answer is
delivered (success, error or cancel). It declares what it ``blocks`` (``QUIT``, ``MOVE``,
``RESTORE``, ``REWRITE``, ``BACKUP``); ``refusal(kind)`` is the one answer to "may I do
that now?", naming what runs.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
from collections.abc import Callable, Collection, Generator
from typing import Any, Literal

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from mentordesk.domain.errors import ValidationError
from mentordesk.services.errors import StoreError

log = logging.getLogger(__name__)

Kind = Literal["quit", "move", "restore", "rewrite", "backup"]
QUIT: Kind = "quit"
MOVE: Kind = "move"
RESTORE: Kind = "restore"
#: Encrypting or decrypting: the file is rewritten in place.
REWRITE: Kind = "rewrite"
#: Another backup.
BACKUP: Kind = "backup"
#: What a job that holds the file open blocks: nothing may replace, move or rewrite it.
FILE_IN_USE: frozenset[Kind] = frozenset({MOVE, RESTORE, REWRITE})

#: Progress reaches the GUI at most this often (the last step always does).
_REPORT_EVERY_S = 0.04

#: The live operations, oldest first; an operation whose Python object were collected
#: would never answer.
_RUNNING: list[Operation] = []


class Cancelled(Exception):
    """Raised by ``Progress.check()`` once Cancel was asked for: the job's own clean-up
    (``finally``, ``except BaseException``) runs as it propagates."""


class OperationFailed(Exception):
    """What ``await op`` raises for a failed operation; ``message`` is for the mentor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Progress:
    """Handed to the job, used on the worker thread."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._emit = report
        self._cancel = threading.Event()
        self._last = 0.0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> None:
        """Thread-safe; throttled, but the first and the last step always go through."""
        now = time.monotonic()
        if self._last and now - self._last < _REPORT_EVERY_S and done < total:
            return
        self._last = now
        self._emit(done, total)

    def check(self) -> None:
        """Raises ``Cancelled`` once ``cancel()`` was called."""
        if self._cancel.is_set():
            raise Cancelled

    def step(self, done: int, total: int) -> None:
        """``report`` then ``check``: the progress callback the services' engines take."""
        self.report(done, total)
        self.check()


def user_message(exc: BaseException) -> tuple[str, bool]:
    """What the mentor is told of a failed job, and whether it is a bug worth logging."""
    message = getattr(exc, "message", None)
    if isinstance(exc, ValidationError | StoreError) or isinstance(message, str):
        return str(message or exc), False
    return str(exc) or type(exc).__name__, True


class Operation(QObject):
    """One named job off the GUI thread; see the module doc. Call ``start()`` once."""

    #: Done, total: emitted on the GUI thread (throttled).
    progressed = Signal(int, int)
    #: After the delivery (or its absence), whatever the outcome.
    finished = Signal()
    _reported = Signal(int, int)
    _answer = Signal(object)

    def __init__(
        self,
        name: str,
        work: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[str], object] | None = None,
        on_cancelled: Callable[[], object] | None = None,
        owner: QObject | None = None,
        blocks: Collection[Kind] = FILE_IN_USE,
        busy_text: str = "",
        cancellable: bool = False,
    ) -> None:
        super().__init__()
        self.name = name
        #: The sentence that names it in a refusal: "A backup is being written".
        self.busy_text = busy_text or f"{name[:1].upper()}{name[1:]} is running"
        self.blocks = frozenset(blocks)
        #: Whether the job stops at ``progress.check()`` (quitting offers to cancel it).
        self.cancellable = cancellable
        self.progress = Progress(self._reported.emit)
        #: "loop" (a qasync task) or "pool" (Qt's thread pool), once started.
        self.via: Literal["loop", "pool"] | None = None
        self._work: Callable[[Progress], Any] | None = work
        self._on_done, self._on_error, self._on_cancelled = on_done, on_error, on_cancelled
        self._owner = owner
        self._orphaned = False
        self._task: asyncio.Task[None] | None = None
        self._outcome: tuple[str, Any] | None = None
        self._waiters: list[asyncio.Future[None]] = []
        self._reported.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        # Queued even when emitted on the GUI thread (the loop's task): the answer is
        # delivered from the event loop, never inside a coroutine step.
        self._answer.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        if owner is not None:
            owner.destroyed.connect(self._orphan)

    # -- state ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self in _RUNNING

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    @property
    def outcome(self) -> str | None:
        """ "done", "error" or "cancelled" once delivered; None before."""
        return None if self._outcome is None else self._outcome[0]

    # -- running --------------------------------------------------------------------------

    def start(self) -> Operation:
        """Registers and starts it; returns it (``op = Operation(...).start()``)."""
        if self.via is not None:
            raise RuntimeError(f"the operation {self.name!r} was already started")
        _RUNNING.append(self)
        loop = _qasync_loop()
        if loop is not None:
            self.via = "loop"
            self._task = loop.create_task(self._run_in_loop(loop))
        else:
            self.via = "pool"
            QThreadPool.globalInstance().start(_Runnable(self))
        return self

    def cancel(self) -> None:
        """Asks the job to stop at its next ``progress.check()``."""
        if self.running:
            self.progress._cancel.set()

    def _call(self) -> tuple[str, Any]:  # on the worker thread
        # Wrapped in a tuple: Qt handing a bare None back to Python is a known trap.
        assert self._work is not None
        try:
            return "done", self._work(self.progress)
        except Cancelled:
            return "cancelled", None
        except Exception as exc:  # reported to the mentor, never a crash of the worker
            message, unexpected = user_message(exc)
            if unexpected:
                log.error("%s failed (%s)", self.name, type(exc).__name__, exc_info=exc)
            return "error", message

    async def _run_in_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            answer = await loop.run_in_executor(None, self._call)
        except asyncio.CancelledError:  # the loop is closing: nobody is left to tell
            self._answer.emit(("cancelled", None))
            raise
        self._answer.emit(answer)

    @Slot()
    def _orphan(self) -> None:
        self._orphaned = True

    def _owner_gone(self) -> bool:
        return self._orphaned or (self._owner is not None and not shiboken6.isValid(self._owner))

    @Slot(object)
    def _deliver(self, answer: tuple[str, Any]) -> None:  # on the GUI thread
        if self._outcome is not None:
            return
        self._outcome = answer
        if self in _RUNNING:
            _RUNNING.remove(self)  # released first: a callback may start the next one
        self._task = None
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()
        kind, value = answer
        try:
            if not self._owner_gone():
                if kind == "done" and self._on_done is not None:
                    self._on_done(value)
                elif kind == "error" and self._on_error is not None:
                    self._on_error(value)
                elif kind == "cancelled" and self._on_cancelled is not None:
                    self._on_cancelled()
        finally:
            # Let go of the job, the owner and its callbacks: the answer is given (a closed
            # window must not be kept alive by the operation that served it).
            self._work = self._on_done = self._on_error = self._on_cancelled = None
            self._owner = None
            self.finished.emit()

    # -- awaiting -------------------------------------------------------------------------

    async def result(self) -> Any:
        """The job's result once delivered; raises ``Cancelled`` or ``OperationFailed``.
        Awaiters get the answer even when the owner is gone (they asked for it)."""
        if self._outcome is None:
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            await waiter
        assert self._outcome is not None
        kind, value = self._outcome
        if kind == "cancelled":
            raise Cancelled
        if kind == "error":
            raise OperationFailed(value)
        return value

    def __await__(self) -> Generator[Any, None, Any]:
        return self.result().__await__()


class _Runnable(QRunnable):
    def __init__(self, operation: Operation) -> None:
        super().__init__()
        self._operation = operation

    def run(self) -> None:  # on a thread of the pool
        self._operation._answer.emit(self._operation._call())


def _qasync_loop() -> asyncio.AbstractEventLoop | None:
    """The running qasync loop of this thread, or None (before it starts, or in tests)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    qasync = sys.modules.get("qasync")  # a running qasync loop has imported it
    return loop if qasync is not None and isinstance(loop, qasync.QEventLoop) else None


# -- the registry -------------------------------------------------------------------------


def running(kind: Kind | None = None) -> list[Operation]:
    """The live operations (those that block ``kind``, when given), oldest first."""
    return [op for op in _RUNNING if kind is None or kind in op.blocks]


def refusal(kind: Kind) -> str:
    """Why ``kind`` (quit, move, restore, rewrite, another backup) cannot start now, or ""."""
    busy = running(kind)
    return f"{busy[0].busy_text} — try again in a moment." if busy else ""
