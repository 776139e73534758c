"""The History panel and the Template menu, on a real workspace and real widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextBlock
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mentordesk.appdata.templates import Template
from mentordesk.domain.models import Mentee, Settings, WorkingHours
from mentordesk.domain.note_items import Revision
from mentordesk.services import Workspace
from mentordesk.ui.models.revisions import RevisionsModel
from mentordesk.ui.widgets.history_panel import (
    EMPTY_TEXT,
    Change,
    HistoryPanel,
    apply_restore,
    diff_backgrounds,
    diff_lines,
)
from mentordesk.ui.widgets.template_menu import OPEN_FOLDER_TEXT, template_menu

FIRST = "# Check-in\n\n## Since last time\n- Shipped the migration plan\n- On-call was rough\n"
SECOND = FIRST + "\n## Next steps\n- [ ] @them Draft the RFC\n"
CURRENT = SECOND.replace("- On-call was rough\n", "- On-call was calmer this week\n")


@pytest.fixture
def start(workspace: Workspace) -> datetime:
    workspace.save_settings(Settings("Sam", "Europe/London", WorkingHours(time(9), time(17))))
    # Mid-morning, fixed: versions a few minutes later are still "Today" in London at any
    # hour the suite runs (a real clock near midnight made them "Yesterday").
    return datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def note_id(workspace: Workspace, start: datetime) -> int:
    """A note with two kept versions (FIRST, then SECOND), a minute or two apart."""
    mentee = workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata"))
    note = workspace.start_note(mentee.id or 0, title="Check-in")
    workspace.write_note_body(note.id or 0, FIRST, now=start + timedelta(minutes=1))
    assert workspace.take_revision(note.id or 0, "close", now=start + timedelta(minutes=2))
    workspace.write_note_body(note.id or 0, SECOND, now=start + timedelta(minutes=3))
    assert workspace.take_revision(note.id or 0, "call end", now=start + timedelta(minutes=4))
    return note.id or 0


@pytest.fixture
def editor(qtbot: QtBot) -> QPlainTextEdit:
    widget = QPlainTextEdit()
    qtbot.addWidget(widget)
    widget.setPlainText(CURRENT)
    return widget


def make_panel(
    qtbot: QtBot, workspace: Workspace, note_id: int, text: Callable[[], str], now: datetime
) -> HistoryPanel:
    panel = HistoryPanel(clock=lambda: now)
    qtbot.addWidget(panel)
    panel.set_note(workspace, note_id, text)
    panel.show()
    return panel


def rows(model: RevisionsModel) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def diff_text(panel: HistoryPanel) -> list[str]:
    return panel.diff.toPlainText().splitlines()


def test_the_list_shows_versions_newest_first_with_time_and_size(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime, editor: QPlainTextEdit
) -> None:
    panel = make_panel(qtbot, workspace, note_id, editor.toPlainText, start + timedelta(hours=1))

    london = ZoneInfo("Europe/London")
    newest = (start + timedelta(minutes=4)).astimezone(london)
    older = (start + timedelta(minutes=2)).astimezone(london)
    listed = rows(panel.model)
    assert [r[0] for r in listed] == [f"Today {newest:%H:%M}", f"Today {older:%H:%M}"]
    assert [r[1] for r in listed] == [f"{len(SECOND)} characters", f"{len(FIRST)} characters"]
    assert [r[2] for r in listed] == ["Call ended", "Note closed"]
    assert panel.stack.currentWidget() is panel.splitter


def test_days_before_today_read_as_weekday_and_date_and_sizes_group_thousands(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = RevisionsModel()
    now = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    model.load(
        [
            Revision(1, 7, datetime(2026, 11, 24, 9, 30, tzinfo=UTC), "a" * 1234, "editing", 1234),
            Revision(2, 7, datetime(2026, 11, 26, 14, 5, tzinfo=UTC), "b", "idle", 1),
            Revision(3, 7, datetime(2025, 11, 24, 9, 30, tzinfo=UTC), "", "close", 0),
        ],
        now,
        ZoneInfo("Europe/London"),
    )
    qtmodeltester.check(model, force_py=True)

    assert rows(model) == [
        ["Today 14:05", "1 character", "Before a pause"],
        ["Tue 24 Nov 09:30", "1,234 characters", "While editing"],
        ["Mon 24 Nov 2025 09:30", "0 characters", "Note closed"],
    ]


def test_without_versions_the_panel_says_when_they_are_kept(
    qtbot: QtBot, workspace: Workspace, start: datetime
) -> None:
    mentee = workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin"))
    note = workspace.start_note(mentee.id or 0, body="Fresh note")
    panel = make_panel(qtbot, workspace, note.id or 0, lambda: "Fresh note", start)

    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_TEXT
    assert not panel.restore_button.isEnabled()


def test_selecting_a_version_shows_what_changed_since_then(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime, editor: QPlainTextEdit
) -> None:
    panel = make_panel(qtbot, workspace, note_id, editor.toPlainText, start)

    # The newest is chosen to begin with: only the reworded line differs.
    assert "− - On-call was rough" in diff_text(panel)
    assert "+ - On-call was calmer this week" in diff_text(panel)
    assert "+ - [ ] @them Draft the RFC" not in diff_text(panel)

    panel.view.setCurrentIndex(panel.model.index(1, 0))  # the older version

    shown = diff_text(panel)
    assert "+ ## Next steps" in shown
    assert "+ - [ ] @them Draft the RFC" in shown
    assert "  - Shipped the migration plan" in shown
    assert panel.restore_button.isEnabled()


def test_changed_lines_are_tinted_unchanged_ones_are_not(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime, editor: QPlainTextEdit
) -> None:
    panel = make_panel(qtbot, workspace, note_id, editor.toPlainText, start)
    tints = diff_backgrounds(panel.diff.palette())

    seen: dict[str, QColor | None] = {}
    for block in _blocks(panel):
        brush = block.blockFormat().background()
        seen[block.text()[:1]] = brush.color() if brush.style() != Qt.BrushStyle.NoBrush else None

    assert seen == {" ": None, "−": tints[Change.REMOVED], "+": tints[Change.ADDED]}


LIGHT = ("#efefef", "#ffffff", "#000000")
DARK = ("#2b2b2b", "#1e1e1e", "#e6e6e6")


@pytest.mark.parametrize(("window", "base", "text"), [LIGHT, DARK], ids=["light", "dark"])
def test_the_tints_keep_the_themes_text_readable(window: str, base: str, text: str) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))

    for tint in diff_backgrounds(palette).values():
        assert tint != QColor(base)
        assert abs(tint.lightness() - QColor(text).lightness()) > 120


def test_a_theme_switch_retints_the_diff(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime, editor: QPlainTextEdit
) -> None:
    panel = make_panel(qtbot, workspace, note_id, editor.toPlainText, start)
    dark = QPalette(panel.diff.palette())
    for role, colour in zip(("Window", "Base", "Text"), DARK, strict=True):
        dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))

    panel.diff.setPalette(dark)

    removed = next(b for b in _blocks(panel) if b.text().startswith("−"))
    assert removed.blockFormat().background().color() == diff_backgrounds(dark)[Change.REMOVED]
    assert removed.blockFormat().background().color().lightness() < 128


def _blocks(panel: HistoryPanel) -> list[QTextBlock]:
    found, block = [], panel.diff.document().firstBlock()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def test_a_version_equal_to_the_current_text_cannot_be_restored(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime
) -> None:
    panel = make_panel(qtbot, workspace, note_id, lambda: SECOND, start)

    assert panel.selected_revision() is not None
    assert "same as the current text" in panel.caption.text()
    assert not panel.restore_button.isEnabled()


def test_restore_replaces_the_text_and_ctrl_z_brings_it_back(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime, editor: QPlainTextEdit
) -> None:
    panel = make_panel(qtbot, workspace, note_id, editor.toPlainText, start)
    panel.restore_requested.connect(lambda body: apply_restore(editor, body))
    panel.view.setCurrentIndex(panel.model.index(1, 0))

    with qtbot.waitSignal(panel.restore_requested) as restored:
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)

    assert restored.args == [FIRST]
    assert editor.toPlainText() == FIRST
    panel.refresh_diff()
    assert not panel.restore_button.isEnabled()  # nothing left to restore

    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == CURRENT


def test_refresh_lists_a_version_kept_while_the_panel_was_open(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime, editor: QPlainTextEdit
) -> None:
    panel = make_panel(qtbot, workspace, note_id, editor.toPlainText, start)
    panel.view.setCurrentIndex(panel.model.index(1, 0))
    chosen = panel.selected_revision()

    workspace.write_note_body(note_id, CURRENT, now=start + timedelta(minutes=5))
    workspace.take_revision(note_id, "close", now=start + timedelta(minutes=6))
    panel.refresh()

    assert panel.model.rowCount() == 3
    assert panel.selected_revision() == chosen


def test_a_note_deleted_elsewhere_leaves_an_empty_panel(
    qtbot: QtBot, workspace: Workspace, note_id: int, start: datetime, editor: QPlainTextEdit
) -> None:
    panel = make_panel(qtbot, workspace, note_id, editor.toPlainText, start)

    workspace.delete_note(note_id)
    panel.refresh()

    assert panel.stack.currentWidget() is panel.empty
    assert panel.model.rowCount() == 0
    assert not panel.restore_button.isEnabled()


def test_long_unchanged_stretches_fold_into_one_line() -> None:
    old = "\n".join(f"line {n}" for n in range(40))
    new = old.replace("line 20", "line twenty")

    lines = diff_lines(old, new)

    assert [(d.change, d.text) for d in lines if d.change is not Change.SAME] == [
        (Change.FOLDED, "17 unchanged lines"),
        (Change.REMOVED, "line 20"),
        (Change.ADDED, "line twenty"),
        (Change.FOLDED, "16 unchanged lines"),
    ]
    assert len(lines) == 1 + 3 + 2 + 3 + 1


def test_apply_restore_is_one_undo_step_after_typing(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "typed")

    apply_restore(editor, "older text")
    assert editor.toPlainText() == "older text"
    editor.undo()
    assert editor.toPlainText() == CURRENT + "typed"


# -- the Template menu ----------------------------------------------------------------------


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def test_the_template_menu_lists_the_four_templates(qtbot: QtBot, config_home: Path) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    chosen: list[Template] = []

    menu = template_menu(host, chosen.append)

    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Check-in",
        "Feedback session",
        "Goal review",
        "Introductory session",
        OPEN_FOLDER_TEXT,
    ]
    menu.actions()[3].trigger()
    assert [t.key for t in chosen] == ["intro-session"]
    assert chosen[0].body.startswith("# Introductory session\n")


def test_the_menu_rereads_the_folder_and_names_a_skipped_file(
    qtbot: QtBot, config_home: Path
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    menu: QMenu = template_menu(host, lambda _t: None)
    folder = config_home / "MentorDesk" / "templates"
    (folder / "1-on-1.md").write_text("# 1:1 & catch-up\n", encoding="utf-8")
    (folder / "old.md").write_bytes(b"# Caf\xe9\n")

    menu.aboutToShow.emit()

    actions = {a.text(): a for a in menu.actions()}
    assert "1:1 && catch-up" in actions
    skipped = actions["old.md (skipped)"]
    assert not skipped.isEnabled()
    assert "not UTF-8" in skipped.toolTip()
