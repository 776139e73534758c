"""File ▸ Export All Data…, driven as a mentor uses it: choose a folder, watch the progress,
read what was written (or cancel, and find nothing left behind)."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace, full_export
from mentordesk.ui.dialogs.export_all import ExportAllRun, export_folder_name
from mentordesk.ui.main_window import MainWindow
from tests.ui.conftest import shown_window


@pytest.fixture
def window(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], settings_path: Path
) -> MainWindow:
    return shown_window(qtbot, workspace, settings_path)


@pytest.fixture
def chosen(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


class _Opened(QObject):
    """Receives the URLs QDesktopServices would hand to the file manager."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def _choose(qtbot: QtBot, window: MainWindow, folder: Path) -> ExportAllRun:
    """File ▸ Export All Data…, then the folder accepted in the (Qt, non-native) chooser."""
    window.export_all_action.trigger()
    (chooser,) = [d for d in window.findChildren(QFileDialog) if d.isVisible()]
    (run,) = window.findChildren(ExportAllRun)
    assert run.chooser is chooser
    chooser.setDirectory(str(folder.parent))
    chooser.selectFile(str(folder))
    chooser.accept()
    return run


def _message(window: MainWindow) -> QMessageBox:
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    return box


def test_export_all_data_is_in_the_file_menu_with_a_shortcut(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.export_all_action in file_menu.actions()
    assert window.export_all_action.text() == "&Export All Data…"
    assert window.export_all_action.shortcut().toString() == "Ctrl+Shift+E"


def test_exporting_into_an_empty_folder_writes_json_csv_and_markdown_and_says_so(
    qtbot: QtBot, window: MainWindow, chosen: Path
) -> None:
    run = _choose(qtbot, window, chosen)
    with qtbot.waitSignal(run.ended, timeout=20_000) as ended:
        pass
    assert ended.args == ["exported"]

    document = json.loads((chosen / "mentordesk-export.json").read_text(encoding="utf-8"))
    names = sorted(m["name"] for m in document["tables"]["mentees"])
    assert names == ["Aroha Ngata", "Diego Alvarez", "Lena Fischer", "Priya Natarajan"]
    assert (chosen / "csv" / "mentees.csv").read_text(encoding="utf-8").count("\n") == 5
    (note,) = (chosen / "notes" / "priya-natarajan").glob("*.md")
    assert "Wants to lead the payments migration." in note.read_text(encoding="utf-8")
    assert chosen.stat().st_mode & 0o777 == 0o700

    box = _message(window)
    assert box.windowTitle() == "Export complete"
    assert str(chosen) in box.text()
    assert "4 mentees" in box.text() and "2 notes as Markdown files" in box.text()
    assert "private notes" in box.informativeText()

    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        (button,) = [b for b in box.buttons() if b.text() == "&Open Folder"]
        button.click()
        qtbot.waitUntil(lambda: bool(opened.urls), timeout=5000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in opened.urls] == [chosen]


def test_a_folder_holding_other_files_gets_a_new_dated_export_folder_inside(
    qtbot: QtBot, window: MainWindow, chosen: Path
) -> None:
    (chosen / "taxes.pdf").write_bytes(b"%PDF mine")
    (chosen / export_folder_name(date.today())).mkdir()  # an earlier export of today

    run = _choose(qtbot, window, chosen)
    with qtbot.waitSignal(run.ended, timeout=20_000):
        pass
    made = chosen / f"{export_folder_name(date.today())} (2)"
    assert (made / "mentordesk-export.json").is_file()
    assert (chosen / "taxes.pdf").read_bytes() == b"%PDF mine"
    assert sorted(p.name for p in chosen.iterdir()) == sorted(
        ["taxes.pdf", export_folder_name(date.today()), made.name]
    )
    assert str(made) in _message(window).text()


def test_the_export_runs_off_the_gui_thread_and_the_window_stays_responsive(
    qtbot: QtBot, window: MainWindow, chosen: Path
) -> None:
    threads: list[threading.Thread] = []
    release = threading.Event()

    def on_worker(done: int, total: int) -> None:  # runs where the engine reports progress
        threads.append(threading.current_thread())
        release.wait(5)

    window.export_all_action.trigger()
    (run,) = window.findChildren(ExportAllRun)
    run.progressed.connect(on_worker, Qt.ConnectionType.DirectConnection)
    assert run.chooser is not None
    run.chooser.fileSelected.emit(str(chosen))
    try:
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert run.running and isinstance(run.progress, QProgressDialog)
        assert run.progress.isVisible()
        qtbot.wait(20)  # events are processed meanwhile
    finally:
        release.set()
    with qtbot.waitSignal(run.ended, timeout=20_000):
        pass
    assert threads[0] is not threading.main_thread()
    assert (chosen / "mentordesk-export.json").is_file()


def test_cancel_stops_the_export_and_leaves_nothing_behind(
    qtbot: QtBot, window: MainWindow, chosen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(full_export, "_PROGRESS_EVERY", 1)  # a step per row: cancel mid-way
    reported: list[tuple[int, int]] = []
    cancelled = threading.Event()

    def on_worker(done: int, total: int) -> None:
        reported.append((done, total))
        cancelled.wait(5)  # the engine is held mid-export until Cancel was pressed

    run = _choose(qtbot, window, chosen)
    run.progressed.connect(on_worker, Qt.ConnectionType.DirectConnection)
    try:
        qtbot.waitUntil(lambda: bool(reported), timeout=10_000)
        assert run.progress is not None
        (cancel,) = run.progress.findChildren(QPushButton)
        cancel.click()
        assert "Cancelling" in run.progress.labelText() and run.progress.isVisible()
    finally:
        cancelled.set()
    with qtbot.waitSignal(run.ended, timeout=20_000) as ended:
        pass
    assert ended.args == ["cancelled"]
    done, total = reported[0]
    assert done < total and len(reported) == 1  # stopped at the step after Cancel
    assert list(chosen.iterdir()) == []  # no export, no hidden partial folder
    assert list(chosen.parent.glob(".*partial")) == []
    box = _message(window)
    assert box.windowTitle() == "Export cancelled" and "Nothing was written" in box.text()


def test_a_folder_that_is_gone_gives_a_clear_message_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, chosen: Path
) -> None:
    window.export_all_action.trigger()
    (run,) = window.findChildren(ExportAllRun)
    chosen.rmdir()  # e.g. the drive was unplugged after choosing
    assert run.chooser is not None
    with qtbot.waitSignal(run.ended, timeout=5000) as ended:
        run.chooser.fileSelected.emit(str(chosen))
    assert ended.args == ["failed"]
    box = _message(window)
    assert box.windowTitle() == "Export failed"
    assert str(chosen) in box.text() and "choose another folder" in box.text()
    assert not chosen.exists() and run.target is None
