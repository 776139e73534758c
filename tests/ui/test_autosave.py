"""Autosave timing: no keystroke waits more than 0.5 s to be written, bursts coalesce, a failed
write keeps the text and retries, and flush writes at once."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from mentordesk.ui.autosave import MAX_WAIT_MS, Autosaver, SaveState

PROMISE_S = 0.5


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Typist:
    """The editor's side: a text that grows, and what was written when."""

    def __init__(self, fail_first: int = 0) -> None:
        self.text = ""
        self.writes: list[str] = []
        self.write_times: list[float] = []
        self.fail_first = fail_first

    def write(self, body: str) -> None:
        if self.fail_first:
            self.fail_first -= 1
            raise OSError("disk I/O error")
        self.writes.append(body)
        self.write_times.append(time.monotonic())

    def current(self) -> str:
        return self.text


def test_continuous_typing_is_written_by_the_clock_without_the_event_loop(qtbot: QtBot) -> None:
    """Even with timers starved (no event processing), a keystroke checks how long the oldest
    unsaved one waited."""
    clock = FakeClock()
    typist = Typist()
    saver = Autosaver(typist.write, typist.current, clock=clock)
    for i, char in enumerate("abcdefghij"):
        typist.text += char
        saver.changed()
        clock.now += 0.1
        if i < 4:
            assert typist.writes == []
    # The first unsaved key came at t=0: the key at t=0.4 writes everything up to itself,
    # and the key at t=0.9 (0.4 s after the next unsaved one) the rest.
    assert typist.writes == ["abcde", "abcdefghij"]
    assert not saver.pending


def test_a_key_is_written_within_half_a_second_while_typing_never_pauses(qtbot: QtBot) -> None:
    typist = Typist()
    saver = Autosaver(typist.write, typist.current)
    typed: list[tuple[float, int]] = []
    end = time.monotonic() + 1.2
    while time.monotonic() < end:
        typist.text += "x"
        typed.append((time.monotonic(), len(typist.text)))
        saver.changed()
        qtbot.wait(30)  # faster than the debounce: only the max wait can write
    qtbot.waitUntil(lambda: not saver.pending, timeout=2000)

    assert len(typist.writes) >= 3
    for at, length in typed:
        written = next(
            t
            for t, body in zip(typist.write_times, typist.writes, strict=True)
            if len(body) >= length
        )
        assert written - at <= PROMISE_S, f"key {length} waited {written - at:.3f} s"


def test_a_burst_of_keys_is_one_write_after_the_pause(qtbot: QtBot) -> None:
    clock = FakeClock()
    typist = Typist()
    saver = Autosaver(typist.write, typist.current, clock=clock)
    for char in "hello":
        typist.text += char
        saver.changed()
    assert saver.state is SaveState.PENDING
    qtbot.waitUntil(lambda: bool(typist.writes), timeout=1000)
    qtbot.wait(MAX_WAIT_MS + 100)
    assert typist.writes == ["hello"]
    assert saver.state is SaveState.SAVED


def test_flush_writes_at_once_and_leaves_nothing_scheduled(qtbot: QtBot) -> None:
    typist = Typist()
    saver = Autosaver(typist.write, typist.current)
    typist.text = "said just before closing"
    saver.changed()
    assert saver.flush()
    assert typist.writes == ["said just before closing"]
    qtbot.wait(MAX_WAIT_MS + 100)
    assert typist.writes == ["said just before closing"]
    assert saver.flush()  # nothing unsaved: no write
    assert len(typist.writes) == 1


def test_a_failed_write_keeps_the_text_says_why_and_retries(qtbot: QtBot) -> None:
    typist = Typist(fail_first=2)
    saver = Autosaver(typist.write, typist.current, retry_ms=50)
    states: list[tuple[str, str]] = []
    saver.state_changed.connect(lambda state, message: states.append((state, message)))
    typist.text = "first words"
    saver.changed()
    with qtbot.waitSignal(saver.failed, timeout=1000) as failed:
        pass
    assert failed.args == ["disk I/O error"]
    assert saver.state is SaveState.FAILED and saver.pending
    typist.text += ", and more while the disk was full"
    saver.changed()

    qtbot.waitUntil(lambda: saver.state is SaveState.SAVED, timeout=2000)
    assert typist.writes == ["first words, and more while the disk was full"]
    assert ("failed", "disk I/O error") in states
    assert states[-1] == ("saved", "")


def test_flush_reports_failure_so_a_window_can_refuse_to_close(qtbot: QtBot) -> None:
    typist = Typist(fail_first=1)
    saver = Autosaver(typist.write, typist.current, retry_ms=10_000)
    typist.text = "must not be lost"
    saver.changed()
    assert saver.flush() is False
    assert saver.error == "disk I/O error"
    assert saver.flush() is True
    assert typist.writes == ["must not be lost"]


def test_quitting_the_application_flushes(qtbot: QtBot, qapp: QGuiApplication) -> None:
    typist = Typist()
    saver = Autosaver(typist.write, typist.current)
    saver.attach_to_application()
    try:
        typist.text = "last sentence"
        saver.changed()
        qapp.aboutToQuit.emit()
        assert typist.writes == ["last sentence"]
    finally:
        saver.detach_from_application()


@pytest.mark.parametrize("failures", [0, 3])
def test_writes_stay_ordered_and_end_with_the_latest_text(qtbot: QtBot, failures: int) -> None:
    typist = Typist(fail_first=failures)
    saver = Autosaver(typist.write, typist.current, retry_ms=20)
    for word in ("one ", "two ", "three"):
        typist.text += word
        saver.changed()
        qtbot.wait(60)
    qtbot.waitUntil(lambda: not saver.pending, timeout=3000)
    assert typist.writes[-1] == "one two three"
    assert all(b.startswith(a) for a, b in zip(typist.writes, typist.writes[1:], strict=False))
