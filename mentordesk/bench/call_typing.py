"""Typing in call mode: how long a keystroke waits to be durable, and how long the event loop
stalls while the note is written as the mentor types.

Everything runs through the real call window (editor, highlighter, autosaver) on the benchmark
database, so each write pays the full-text index of 200,000 notes. Keys are clicked by a timer
inside the event loop, as the keyboard would deliver them; a 1 ms timer beside it records the
gaps between its ticks. A keystroke counts as durable when the autosave write that carried it
returned (its transaction committed with ``synchronous=FULL``).

The note is a typical one (about 3 KB) written for the benchmark and deleted afterwards.
(Not named ``typing.py``: scripts in this folder, run by path, would import it as the standard
library's ``typing``.)
"""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING

from mentordesk.bench.context import BenchError, Context
from mentordesk.bench.data import mentee_ids
from mentordesk.bench.registry import Row, group

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from mentordesk.ui.call_mode import CallWindow

#: A fast typist (about 200 words a minute): keys come faster than the autosave's debounce,
#: so only its max-wait writes, which is the worst case for the half-second promise.
KEY_INTERVAL_MS = 60
RUN_SECONDS = 2.0
#: The promise: no typed character waits more than 0.5 s to be durable.
DURABLE_TARGET_MS = 500.0
#: One frame at 60 Hz.
STALL_TARGET_MS = 16.7
_TYPED = (
    "Talked through the migration plan and who owns the rollback. "
    "- [ ] Draft the runbook @them due:2027-03-01 "
    "Shipped the retry queue without a page #win "
    "Could delegate the review load #feedback "
)
_NOTE_BYTES = 3000


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p99 of 30 values is the largest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


class TypingRun:
    """One burst of continuous typing; collects key-to-durable latencies and tick gaps."""

    def __init__(self, app: QApplication, window: CallWindow, offset: int) -> None:
        from PySide6.QtCore import QEventLoop, Qt, QTimer

        self.app = app
        self.window = window
        self.offset = offset
        self.latencies: list[float] = []
        self.gaps: list[float] = []
        self.writes = 0
        #: How long each autosave write blocked the event loop (ms).
        self.write_ms: list[float] = []
        self._unsaved: list[float] = []
        self._last_tick = 0.0
        self._ends_at = 0.0
        self._loop = QEventLoop()
        self._keys = QTimer()
        self._keys.setTimerType(Qt.TimerType.PreciseTimer)
        self._keys.setInterval(KEY_INTERVAL_MS)
        self._keys.timeout.connect(self._key)
        self._ticks = QTimer()
        self._ticks.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticks.setInterval(1)
        self._ticks.timeout.connect(self._tick)
        self._guard = QTimer()
        self._guard.setSingleShot(True)
        self._guard.timeout.connect(self._loop.quit)

    def run(self) -> None:
        saver = self.window.autosaver
        saver.saved.connect(self._saved)
        try:
            now = time.perf_counter()
            self._last_tick = now
            self._ends_at = now + RUN_SECONDS
            self._keys.start()
            self._ticks.start()
            self._guard.start(int(RUN_SECONDS * 1000) + 5000)
            self._loop.exec()
        finally:
            saver.saved.disconnect(self._saved)
            for timer in (self._keys, self._ticks, self._guard):
                timer.stop()
        if self._unsaved:
            raise BenchError(f"{len(self._unsaved)} keys were never saved: {saver.error}")

    def _key(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        now = time.perf_counter()
        if now >= self._ends_at:
            self._keys.stop()
            self._finish_when_saved()
            return
        char = _TYPED[self.offset % len(_TYPED)]
        self.offset += 1
        self._unsaved.append(now)
        editor = self.window.editor.edit
        if char == "\n":
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(editor, char)

    def _saved(self) -> None:
        now = time.perf_counter()
        self.writes += 1
        self.write_ms.append(self.window.autosaver.last_write_seconds * 1000)
        self.latencies.extend((now - key) * 1000 for key in self._unsaved)
        self._unsaved.clear()
        self._finish_when_saved()

    def _finish_when_saved(self) -> None:
        if not self._keys.isActive() and not self._unsaved:
            self._loop.quit()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._keys.isActive():
            self.gaps.append((now - self._last_tick) * 1000)
        self._last_tick = now


@group("typing", "Call mode: keystroke-to-durable latency and event-loop stalls while typing")
def typing(ctx: Context) -> list[Row]:
    from mentordesk.ui.call_mode import CallWindow
    from mentordesk.ui.change_hub import ChangeHub
    from mentordesk.ui.pages.notes import NotesPage

    app = ctx.qt_app()
    workspace = ctx.workspace()
    # As in the window: the Notes page (200,000 notes) is visible and hears every autosave.
    hub = ChangeHub(workspace)
    notes_page = NotesPage(workspace)
    hub.changed.connect(notes_page.on_changes)
    notes_page.show()
    mentee_id = ctx.rng.choice(mentee_ids(workspace))
    body = (_TYPED * (_NOTE_BYTES // len(_TYPED) + 1))[:_NOTE_BYTES] + "\n"
    note = workspace.start_note(mentee_id, title="Benchmark: typing in call mode", body=body)
    note_id = note.id or 0
    window = CallWindow(workspace, mentee_id, note_id=note_id)
    p50: list[float] = []
    p99: list[float] = []
    stalls: list[float] = []
    keys = 0
    write_ms: list[float] = []
    try:
        window.show()
        app.processEvents()
        offset = 0
        for _ in range(ctx.runs_or(5)):
            run = TypingRun(app, window, offset)
            run.run()
            offset = run.offset
            if not run.latencies or not run.gaps:
                raise BenchError("no keystroke was typed and saved")
            p50.append(percentile(run.latencies, 0.50))
            p99.append(percentile(run.latencies, 0.99))
            stalls.append(max(run.gaps))
            keys += len(run.latencies)
            write_ms += run.write_ms
    finally:
        window.close()
        window.deleteLater()
        workspace.delete_note(note_id)
        notes_page.close()
        notes_page.deleteLater()
        hub.close()
        hub.deleteLater()
        app.processEvents()
    detail = (
        f"{keys} keys at one per {KEY_INTERVAL_MS} ms in {len(write_ms)} writes to a"
        f" {_NOTE_BYTES / 1000:.0f} KB note, the Notes page visible; median of the runs'"
        " percentiles"
    )
    writes = (
        f"autosave writes (synchronous=FULL, on the GUI thread): median"
        f" {statistics.median(write_ms):.1f} ms, p99 {percentile(write_ms, 0.99):.1f} ms,"
        f" longest {max(write_ms):.1f} ms"
    )
    return [
        Row(
            "typing_durable_p50_ms",
            "Typing in call mode: keystroke to durable, p50",
            "ms",
            p50,
            None,
            detail,
        ),
        Row(
            "typing_durable_p99_ms",
            "Typing in call mode: keystroke to durable, p99",
            "ms",
            p99,
            DURABLE_TARGET_MS,
            detail,
        ),
        Row(
            "typing_stall_ms",
            "Typing in call mode: longest event-loop stall (1 ms timer gap)",
            "ms",
            stalls,
            STALL_TARGET_MS,
            writes,
        ),
    ]
