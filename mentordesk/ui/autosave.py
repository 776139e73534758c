"""Writing a note while the mentor types, so no typed word waits long to be durable.

Two timers: a short debounce after the last keystroke coalesces a burst of typing into one
write, and a max-wait timer, started by the first unsaved keystroke, writes during typing that
never pauses. The max wait is under the 0.5 s promise to leave room for a late timer and the
write itself; each keystroke also checks the clock, so a busy event loop that delays the timer
still saves on the next keystroke. A failed write keeps the text (it lives in the editor) and
is retried; nothing is marked saved until a write returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

#: Quiet time after the last keystroke before writing.
DEBOUNCE_MS = 250
#: Longest an unsaved keystroke waits while typing continues (the promise is 0.5 s).
MAX_WAIT_MS = 400
#: Wait before retrying a failed write, doubled on each failure up to ``RETRY_MAX_MS``.
RETRY_MS = 1000
RETRY_MAX_MS = 8000


class SaveState(StrEnum):
    SAVED = "saved"
    #: Unsaved changes are waiting for the next write.
    PENDING = "pending"
    #: The last write failed; the text is kept and the write retried.
    FAILED = "failed"


class Autosaver(QObject):
    """Calls ``write(text())`` after edits; ``changed()`` is to be called on every edit.

    ``clock`` returns seconds (monotonic); tests pass a fake one.
    """

    #: The state and, when it failed, the error's message ("" otherwise).
    state_changed = Signal(str, str)
    #: A write failed; the message is for the mentor (the text is kept and retried).
    failed = Signal(str)
    #: A write succeeded.
    saved = Signal()

    def __init__(
        self,
        write: Callable[[str], object],
        text: Callable[[], str],
        *,
        clock: Callable[[], float] = time.monotonic,
        debounce_ms: int = DEBOUNCE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        retry_ms: int = RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._write = write
        self._text = text
        self._clock = clock
        self._max_wait = max_wait_ms / 1000
        self._retry_ms = retry_ms
        self._next_retry_ms = retry_ms
        #: Clock reading of the oldest unsaved edit; None when everything is saved.
        self._dirty_since: float | None = None
        self._writing = False
        self.state = SaveState.SAVED
        self.error = ""
        self.writes = 0
        self.last_saved_at: float | None = None
        #: How long the last successful write blocked the event loop.
        self.last_write_seconds = 0.0

        self._debounce = self._timer(debounce_ms)
        self._max_wait_timer = self._timer(max_wait_ms)
        self._retry = self._timer(retry_ms)

    def _timer(self, interval_ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        # Coarse timers may fire up to 5% late; the promise is counted in milliseconds.
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(interval_ms)
        timer.timeout.connect(self._timeout)
        return timer

    @property
    def pending(self) -> bool:
        """True while some edit is not yet written."""
        return self._dirty_since is not None

    def changed(self) -> None:
        """An edit happened: schedule a write (or write now if the oldest edit waited long)."""
        now = self._clock()
        if self._retry.isActive():  # the store is failing: the retry writes this edit too
            return
        if self._dirty_since is None:
            self._dirty_since = now
            self._max_wait_timer.start()
            self._set_state(SaveState.PENDING)
        elif now - self._dirty_since >= self._max_wait:
            self.flush()
            return
        self._debounce.start()

    def flush(self) -> bool:
        """Writes now if anything is unsaved; True when everything is saved afterwards."""
        if self._dirty_since is None:
            return True
        if self._writing:  # a re-entrant call (a signal during the write): that write covers it
            return False
        self._debounce.stop()
        self._max_wait_timer.stop()
        self._retry.stop()
        edited_at = self._dirty_since
        self._writing = True
        began = time.perf_counter()
        try:
            self._write(self._text())
        except Exception as exc:  # whatever failed, the text must survive: it is kept, retried
            self._failed(str(exc) or type(exc).__name__)
            return False
        finally:
            self._writing = False
        self.writes += 1
        self.last_write_seconds = time.perf_counter() - began
        self.last_saved_at = self._clock()
        self._next_retry_ms = self._retry_ms
        if self._dirty_since == edited_at:
            self._dirty_since = None
        self.error = ""
        self._set_state(SaveState.SAVED if self._dirty_since is None else SaveState.PENDING)
        self.saved.emit()
        return self._dirty_since is None

    def attach_to_application(self) -> None:
        """Flush when the app quits or the session ends (logout, shutdown)."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.aboutToQuit.connect(self.flush)
            app.commitDataRequest.connect(self._commit_data)

    def detach_from_application(self) -> None:
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.aboutToQuit.disconnect(self.flush)
            app.commitDataRequest.disconnect(self._commit_data)

    def stop(self) -> None:
        """No more writes (after the owner closed the note); unsaved state is kept as is."""
        for timer in (self._debounce, self._max_wait_timer, self._retry):
            timer.stop()

    # -- behaviour -------------------------------------------------------------------

    def _commit_data(self, _manager: object) -> None:
        self.flush()

    def _timeout(self) -> None:
        self.flush()

    def _failed(self, message: str) -> None:
        self.error = message
        self._retry.start(self._next_retry_ms)
        self._next_retry_ms = min(self._next_retry_ms * 2, RETRY_MAX_MS)
        self._set_state(SaveState.FAILED, message)
        self.failed.emit(message)

    def _set_state(self, state: SaveState, message: str = "") -> None:
        if state is self.state and state is not SaveState.FAILED:
            return
        self.state = state
        self.state_changed.emit(state.value, message)
