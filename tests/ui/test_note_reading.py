"""The note reading pane: lines as the mentor wrote them, searched words marked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtGui import QTextCursor

from mentordesk.domain.models import Note
from mentordesk.ui.widgets.detail_note import NoteDetail

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

NOW = datetime(2027, 3, 8, 12, tzinfo=UTC)
BODY = (
    "# Call with Maya\n"
    "- [ ] Send the deck @them\n"
    "#feedback Great live critique\n"
    "#fb-me Calls feel rushed\n"
    "Ledger first, then the API.\n"
    "The ledger team agrees.\n"
    "\n"
    "```\n"
    "ledger --dry-run\n"
    "```\n"
)


def _shown(qtbot: QtBot, search: str = "") -> NoteDetail:
    detail = NoteDetail()
    qtbot.addWidget(detail)
    note = Note(1, BODY, "Call", id=1, created_at=NOW, updated_at=NOW)
    detail.show_note(note, "Maya", None, NOW, ZoneInfo("Europe/London"), search=search)
    return detail


def test_each_line_reads_as_written(qtbot: QtBot) -> None:
    document = _shown(qtbot).body.document()
    lines = document.toPlainText().split("\n")
    assert lines[:6] == [
        "Call with Maya",
        "Send the deck @them",
        "#feedback Great live critique",
        "#fb-me Calls feel rushed",
        "Ledger first, then the API.",
        "The ledger team agrees.",
    ]
    # Only the checklist line is a list item: the tagged lines under it are not.
    feedback = document.find("#feedback")
    assert not feedback.isNull() and feedback.block().textList() is None
    assert document.find("Send the deck").block().textList() is not None


def test_the_searched_words_are_marked_in_the_opened_note(qtbot: QtBot) -> None:
    detail = _shown(qtbot, "mentee:maya ledg")  # still being typed: a prefix
    assert [t.lower() for t in detail.marked_texts()] == ["ledg", "ledg", "ledg"]
    # A finished word is matched whole, as the index matches it: "ledg" finds no note.
    assert _shown(qtbot, "ledg mentee:maya").marked_texts() == []
    assert _shown(qtbot, "LEDGÉR ").marked_texts() == ["Ledger", "ledger", "ledger"]
    assert _shown(qtbot, '"live critique"').marked_texts() == ["live critique"]
    assert _shown(qtbot, "").marked_texts() == []
    # Scrolled to the first match, nothing selected by it.
    cursor: QTextCursor = detail.body.textCursor()
    assert not cursor.hasSelection()
    assert cursor.position() == detail.body.document().find("Ledger").selectionStart()


def test_a_long_title_keeps_the_full_width_above_the_buttons(qtbot: QtBot) -> None:
    detail = _shown(qtbot)
    detail.title_label.setText("Design doc review and the architecture forum dry run")
    detail.resize(520, 600)
    detail.show()
    qtbot.waitExposed(detail)
    assert detail.title_label.width() > detail.width() * 0.8
    assert detail.title_label.height() < detail.title_label.fontMetrics().height() * 3.5
