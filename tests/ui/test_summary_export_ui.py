"""File ▸ Export Progress Summary…: choose mentee, period and paper, see the pages, save."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee
from mentordesk.reports import batch
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.summary_choice import MenteeChoiceDialog
from mentordesk.ui.dialogs.summary_export import SummaryExportDialog
from tests.reports.pdf_text import pdf_text
from tests.summary_world import NOW, World
from tests.ui.conftest import shown_window


def _dialog(qtbot: QtBot, ws: Workspace, mentee_id: int, tmp_path: Path) -> SummaryExportDialog:
    dialog = SummaryExportDialog(
        ws, None, mentee_id, now=NOW, choose_file=lambda parent, path: tmp_path / path.name
    )
    qtbot.addWidget(dialog)
    return dialog


def _custom(dialog: SummaryExportDialog, start: date, end: date) -> None:
    dialog.period_box.setCurrentText("Custom")
    dialog.from_edit.setDate(QDate(start.year, start.month, start.day))
    dialog.to_edit.setDate(QDate(end.year, end.month, end.day))
    dialog.refresh_preview()


def test_the_preview_shows_the_pages_of_the_chosen_summary(
    qtbot: QtBot, summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, summary_ws, world.rich.id or 0, tmp_path)
    assert dialog.mentee_box.currentText() == "Zoë Øster"
    # Last month, read on 2 Dec: November.
    assert (dialog.from_edit.date().toPython(), dialog.to_edit.date().toPython()) == (
        date(2026, 11, 1), date(2026, 11, 30))  # fmt: skip
    assert not dialog.from_edit.isEnabled()
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findText("US Letter"))
    dialog.refresh_preview()
    assert dialog.page_count.text() == "2 pages · US Letter"
    dialog.mentee_box.setCurrentText("José Ñúñez")
    dialog.refresh_preview()
    assert dialog.page_count.text().startswith("1 page ·")


def test_a_period_that_ends_before_it_starts_is_refused_at_the_field(
    qtbot: QtBot, summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, summary_ws, world.rich.id or 0, tmp_path)
    _custom(dialog, date(2026, 11, 30), date(2026, 11, 1))
    assert "after it ends" in dialog.period_error.text()
    assert not dialog.save_button.isEnabled()
    _custom(dialog, date(2026, 11, 1), date(2026, 11, 30))
    assert dialog.period_error.text() == "" and dialog.save_button.isEnabled()


def test_save_writes_the_pdf_under_a_safe_name(
    qtbot: QtBot, summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, summary_ws, world.rich.id or 0, tmp_path)
    saved = dialog.save()
    assert saved == tmp_path / "Zoë Øster - progress 2026-11-01 to 2026-11-30.pdf"
    assert "Lead the design guild" in pdf_text(saved)
    assert dialog.status.text().startswith("Saved to")
    assert "5 records are left out" in dialog.status.text()
    # The paper chosen is remembered, for the next summary and the command line.
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findText("US Letter"))
    dialog.save()
    assert summary_ws.summaries.paper_preference() == "letter"
    again = _dialog(qtbot, summary_ws, world.rich.id or 0, tmp_path)
    assert again.paper_box.currentText() == "US Letter"


def test_the_file_menu_opens_it_with_ctrl_p(
    qtbot: QtBot, summary_ws: Workspace, world: World, settings_path: Path
) -> None:
    window = shown_window(qtbot, summary_ws, settings_path)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.export_summary_action in file_menu.actions()
    assert window.export_summary_action.shortcut().toString() == "Ctrl+P"
    window.export_summary_action.trigger()
    (dialog,) = window.findChildren(SummaryExportDialog)
    assert dialog.isVisible() and dialog.mentee_box.count() > 0
    assert dialog.mentee_box.count() == 3
    dialog.close()
    # From a mentee's dashboard: the dialog opens for that mentee.
    window.open_mentee(world.other.id or 0)
    detail = window.current_page().detail  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: detail.mentee_id() == world.other.id)
    detail.summary_button.click()
    shown = [d for d in window.findChildren(SummaryExportDialog) if d.isVisible()]
    assert [d.mentee_box.currentText() for d in shown] == ["张伟"]


def _as_offered(parent: QWidget, mentees: Sequence[Mentee]) -> list[int]:
    """The mentees the chooser ticks when it opens, accepted as they are."""
    return MenteeChoiceDialog(mentees, parent).chosen_ids()


def test_save_all_writes_every_active_mentee_off_the_gui_thread(
    qtbot: QtBot, summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dialog = SummaryExportDialog(summary_ws, None, world.rich.id, now=NOW,
                                 choose_folder=lambda parent, start: out,
                                 choose_mentees=_as_offered)  # fmt: skip
    qtbot.addWidget(dialog)
    run = dialog.save_all()
    assert run is not None and run.operation.running
    with qtbot.waitSignal(run.ended, timeout=20_000) as ended:
        pass
    assert ended.args == ["done"]
    names = sorted(p.name.split(" - ")[0] for p in out.glob("*.pdf"))
    assert names == sorted(["Zoë Øster", "张伟", "José Ñúñez"])
    assert "Lead the design guild" in pdf_text(next(out.glob("Zoë*.pdf")))


def test_a_batch_writes_only_the_mentees_ticked_and_cancel_writes_none(
    qtbot: QtBot, summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    picked: list[MenteeChoiceDialog] = []

    def tick_one(parent: QWidget, mentees: Sequence[Mentee]) -> list[int] | None:
        chooser = MenteeChoiceDialog(mentees, parent)
        qtbot.addWidget(chooser)
        picked.append(chooser)
        none = next(b for b in chooser.findChildren(QPushButton) if b.text() == "Select &None")
        none.click()
        assert not chooser.ok_button.isEnabled()  # nothing ticked: nothing to write
        rows = [chooser.list.item(r) for r in range(chooser.list.count())]
        next(i for i in rows if i.text() == "张伟").setCheckState(Qt.CheckState.Checked)
        assert chooser.ok_button.isEnabled() and "1 of" in chooser.count_label.text()
        return chooser.chosen_ids()

    dialog = SummaryExportDialog(summary_ws, None, world.rich.id, now=NOW,
                                 choose_folder=lambda parent, start: out,
                                 choose_mentees=tick_one)  # fmt: skip
    qtbot.addWidget(dialog)
    run = dialog.save_all()
    assert run is not None
    with qtbot.waitSignal(run.ended, timeout=20_000):
        pass
    assert [p.name.split(" - ")[0] for p in out.glob("*.pdf")] == ["张伟"]
    # Cancelled in the chooser: no folder asked for, nothing written.
    dialog.choose_mentees = lambda parent, mentees: None
    dialog.choose_folder = lambda parent, start: pytest.fail("no folder is asked for")
    assert dialog.save_all() is None


def test_cancel_stops_the_batch_and_leaves_no_half_file(
    qtbot: QtBot, summary_ws: Workspace, world: World, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    gate = threading.Event()
    real = batch.write_summary_pdf

    def held(*args: Any, **kwargs: Any) -> list[str]:  # the worker waits for the Cancel
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "write_summary_pdf", held)
    dialog = SummaryExportDialog(summary_ws, None, world.rich.id, now=NOW,
                                 choose_folder=lambda parent, start: out,
                                 choose_mentees=_as_offered)  # fmt: skip
    qtbot.addWidget(dialog)
    run = dialog.save_all()
    assert run is not None
    try:
        run.cancel()
        assert "Cancelling" in run.progress.labelText()
    finally:
        gate.set()
    with qtbot.waitSignal(run.ended, timeout=20_000) as ended:
        pass
    assert ended.args == ["cancelled"]
    assert list(out.iterdir()) == []  # the file being written was discarded, no temp left


def test_a_hand_over_pack_is_saved_from_the_dialog(
    qtbot: QtBot, summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dialog = SummaryExportDialog(summary_ws, None, world.rich.id, now=NOW,
                                 choose_folder=lambda parent, start: out)  # fmt: skip
    qtbot.addWidget(dialog)
    _custom(dialog, date(2026, 11, 1), date(2026, 11, 30))
    dialog.pack_button.click()
    [pack] = out.iterdir()
    assert sorted(p.suffix for p in pack.iterdir()) == [".ics", ".md", ".pdf"]
    assert f"Saved {pack}" in dialog.status.text()
    assert "Lead the design guild" in pdf_text(next(pack.glob("*.pdf")))
