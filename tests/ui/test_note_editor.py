"""The note editor: call-time stamps, the rendered preview, the save indicator, the banner,
and highlighting that follows the palette (light and dark)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from pytestqt.qtbot import QtBot

from mentordesk.ui.autosave import Autosaver
from mentordesk.ui.theme import error_color, muted_color
from mentordesk.ui.widgets.note_editor import (
    RECOVERED_TEXT,
    SAVED_TEXT,
    SAVING_TEXT,
    NoteEditor,
    format_elapsed,
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00"),
        (59, "00:59"),
        (754, "12:34"),
        (3599, "59:59"),
        (3723, "1:02:03"),
        (-5, "00:00"),
    ],
)
def test_elapsed_time_reads_as_minutes_then_hours(seconds: int, text: str) -> None:
    assert format_elapsed(timedelta(seconds=seconds)) == text


@pytest.fixture
def editor(qtbot: QtBot) -> NoteEditor:
    widget = NoteEditor(elapsed=lambda: timedelta(minutes=12, seconds=34))
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def test_ctrl_t_stamps_the_call_time_at_the_cursor(qtbot: QtBot, editor: NoteEditor) -> None:
    qtbot.keyClick(editor.edit, Qt.Key.Key_T, CTRL)
    qtbot.keyClicks(editor.edit, "Talked about on-call")
    qtbot.keyClick(editor.edit, Qt.Key.Key_T, CTRL)
    assert editor.text() == "[12:34] Talked about on-call [12:34] "


def test_preview_renders_markdown_and_returns_to_editing(qtbot: QtBot, editor: NoteEditor) -> None:
    editor.set_text("## Goals\n- [ ] Send CV @them\n\n**Bold** move")
    qtbot.keyClick(editor.edit, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert editor.is_previewing()
    rendered = editor.preview.toPlainText()
    assert "Goals" in rendered and "##" not in rendered and "**" not in rendered
    editor.preview_action.trigger()
    assert not editor.is_previewing()
    assert editor.edit.hasFocus()


def test_loading_text_is_not_an_edit_but_typing_is(qtbot: QtBot, editor: NoteEditor) -> None:
    edits: list[bool] = []
    editor.text_changed.connect(lambda: edits.append(True))
    editor.set_text("as stored")
    assert edits == []
    qtbot.keyClicks(editor.edit, "!")
    assert edits == [True]
    assert editor.text() == "as stored!"


def test_the_indicator_follows_the_autosaver(qtbot: QtBot, editor: NoteEditor) -> None:
    written: list[str] = []
    failing = [True]

    def write(body: str) -> None:
        if failing[0]:
            raise OSError("database or disk is full")
        written.append(body)

    saver = Autosaver(write, editor.text, retry_ms=20_000, parent=editor)
    editor.attach_autosaver(saver)
    assert editor.status_label.text() == SAVED_TEXT
    qtbot.keyClicks(editor.edit, "a")
    assert editor.status_label.text() == SAVING_TEXT
    saver.flush()
    assert "database or disk is full" in editor.status_label.text()
    assert "kept" in editor.status_label.text()
    shown = editor.status_label.palette().color(QPalette.ColorRole.WindowText)
    assert shown == error_color(editor.palette())
    failing[0] = False
    assert saver.flush()
    assert editor.status_label.text() == SAVED_TEXT
    assert written == ["a"]


def test_the_banner_shows_and_can_be_dismissed(qtbot: QtBot, editor: NoteEditor) -> None:
    assert not editor.banner.isVisible()
    editor.show_banner(RECOVERED_TEXT)
    assert editor.banner.isVisible() and editor.banner_label.text() == RECOVERED_TEXT
    qtbot.mouseClick(editor.banner_close, Qt.MouseButton.LeftButton)
    assert not editor.banner.isVisible()


def test_read_only_after_the_call_refuses_stamps(qtbot: QtBot, editor: NoteEditor) -> None:
    editor.set_text("final")
    editor.set_read_only(True)
    qtbot.keyClick(editor.edit, Qt.Key.Key_T, CTRL)
    qtbot.keyClicks(editor.edit, "x")
    assert editor.text() == "final"


# -- highlighting ------------------------------------------------------------------------


def _formats(editor: NoteEditor, line: int) -> list[tuple[str, QTextCharFormat]]:
    """(text, format) of each highlighted range; Qt's positions count UTF-16 units."""
    block = editor.edit.document().findBlockByNumber(line)
    units = block.text().encode("utf-16-le")
    found = []
    for r in block.layout().formats():
        part = units[2 * r.start : 2 * (r.start + r.length)].decode("utf-16-le")
        found.append((part, QTextCharFormat(r.format)))
    return found


def _format_of(editor: NoteEditor, line: int, part: str) -> QTextCharFormat:
    found = [fmt for text, fmt in _formats(editor, line) if text == part]
    assert found, f"{part!r} is not highlighted: {[t for t, _ in _formats(editor, line)]}"
    return found[0]


NOTE = (
    "## Agenda\n"
    "- [ ] Send CV @them due:2027-01-15\n"
    "- [x] Booked the room\n"
    "[03:12] Shipped it #win and #winter is no tag\n"
    "1. first #fb-me"
)


def test_marks_headings_boxes_tags_owners_dates_and_stamps(
    qtbot: QtBot, editor: NoteEditor
) -> None:
    editor.set_text(NOTE)
    link = editor.palette().color(QPalette.ColorRole.Link)
    assert _format_of(editor, 0, "## Agenda").fontWeight() == 700
    assert _format_of(editor, 1, "[ ]").foreground().color() == link
    assert _format_of(editor, 1, "@them").fontWeight() == 700
    assert _format_of(editor, 1, "due:2027-01-15").fontUnderline()
    assert _format_of(editor, 2, " Booked the room").fontStrikeOut()
    assert _format_of(editor, 3, "#win").foreground().color() == link
    assert _format_of(editor, 3, "[03:12]").foreground().color() == muted_color(editor.palette())
    assert "#winter" not in [t for t, _ in _formats(editor, 3)]
    assert _format_of(editor, 4, "1.").foreground().color() == muted_color(editor.palette())
    assert _format_of(editor, 4, "#fb-me").fontWeight() == 700


def test_positions_stay_right_after_wide_characters(qtbot: QtBot, editor: NoteEditor) -> None:
    """Qt counts UTF-16 units: an emoji before a tag must not shift its colour."""
    editor.set_text("🎉🎉 launched #win")
    assert _format_of(editor, 0, "#win").fontWeight() == 700


def test_colours_follow_a_switch_to_a_dark_palette(qtbot: QtBot, editor: NoteEditor) -> None:
    editor.set_text(NOTE)
    dark = QPalette(editor.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    dark.setColor(QPalette.ColorRole.Base, QColor(20, 20, 20))
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    dark.setColor(QPalette.ColorRole.Link, QColor(120, 170, 255))
    dark.setColor(QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150))
    editor.setPalette(dark)
    assert _format_of(editor, 3, "#win").foreground().color() == QColor(120, 170, 255)
    assert _format_of(editor, 3, "[03:12]").foreground().color() == QColor(150, 150, 150)
