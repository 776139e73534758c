"""The detail half of the Notes page: one note rendered from Markdown, with where it belongs."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.models import Note, Occurrence
from mentordesk.ui.formatting import note_title, short_date
from mentordesk.ui.note_reading import match_spans_utf16, reading_markdown
from mentordesk.ui.theme import muted_color, scaled_font
from mentordesk.ui.widgets.detail_parts import muted, rich_label, text


def _when(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {short_date(local.date(), now.astimezone(zone).date())}, {local:%H:%M}"


def meta_html(
    note: Note,
    mentee_name: str,
    call: Occurrence | None,
    now: datetime,
    zone: ZoneInfo,
    palette: QPalette,
) -> str:
    rows = [("About", text(mentee_name))]
    if note.created_at is not None:
        written = _when(note.created_at, zone, now)
        if note.updated_at and note.updated_at - note.created_at > timedelta(minutes=1):
            written += f" · edited {_when(note.updated_at, zone, now)}"
        rows.append(("Written", written))
    if call is not None:
        when = muted(f"({_when(call.start, zone, now)})", palette)
        rows.append(("Meeting", f"{text(call.meeting.title)} {when}"))
    if note.shareable:
        rows.append(("Shareable", "may go into the progress summary you hand over"))
    else:
        rows.append(("Private", "stays with you, never in a summary"))
    cells = "".join(
        f"<tr><td style='padding-right:12px'><b>{label}</b></td><td>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


#: Enough to find every match in a long note, few enough to stay instant.
MAX_MARKS = 500


class NoteDetail(QWidget):
    open_mentee_requested = Signal(int)
    #: The shown note, to edit or to delete.
    edit_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note: Note | None = None

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setContentsMargins(24, 24, 24, 24)
        palette = self.placeholder.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_color(self.palette()))
        self.placeholder.setPalette(palette)

        content = QWidget(self)
        self.title_label = QLabel(content)
        self.title_label.setFont(scaled_font(self.font(), 1.5, QFont.Weight.Bold))
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open Mentee", content)
        self.open_button.setToolTip("Show this mentee's dashboard")
        self.open_button.clicked.connect(self._open_mentee)
        self.edit_button = QPushButton("Edit", content)
        self.edit_button.setToolTip("Open this note in the editor (Enter or double-click)")
        self.edit_button.clicked.connect(lambda: self._emit_note(self.edit_requested))
        self.delete_button = QPushButton("Delete…", content)
        self.delete_button.setToolTip(
            "Delete this note, its kept versions and the items its tagged lines made"
        )
        self.delete_button.clicked.connect(lambda: self._emit_note(self.delete_requested))
        self.meta_label = rich_label(content, "Note facts")
        self.body = QTextBrowser(content)
        self.body.setAccessibleName("Note")
        self.body.setOpenExternalLinks(True)
        self.body.setFrameShape(QFrame.Shape.StyledPanel)
        self.body.document().setDocumentMargin(10)

        # The title keeps the full width (beside three buttons it wrapped a word a line).
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addLayout(buttons)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.body, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.show_message("Select a note to read it here.")

    def show_message(self, message: str) -> None:
        self.note = None
        self.placeholder.setText(message)
        self.stack.setCurrentIndex(0)

    def show_note(
        self,
        note: Note,
        mentee_name: str,
        call: Occurrence | None,
        now: datetime,
        zone: ZoneInfo,
        search: str = "",
    ) -> None:
        """``search``: what the mentor searched for; its words are marked in the text."""
        self.note = note
        self.title_label.setText(note_title(note.title, note.body))
        self.meta_label.setText(meta_html(note, mentee_name, call, now, zone, self.palette()))
        if note.body.strip():
            self.body.setMarkdown(reading_markdown(note.body))
        else:
            self.body.setHtml(f"<p>{muted('This note is empty.', self.palette())}</p>")
        self._mark(search)
        self.stack.setCurrentIndex(1)

    def marked_texts(self) -> list[str]:
        """The words marked as matches, in order (what the mentor sees highlighted)."""
        return [s.cursor.selectedText() for s in self.body.extraSelections()]

    def _mark(self, search: str) -> None:
        palette = self.palette()
        look = QTextCharFormat()
        look.setBackground(palette.color(QPalette.ColorRole.Highlight))
        look.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        document = self.body.document()
        marks: list[QTextEdit.ExtraSelection] = []
        for start, end in match_spans_utf16(document.toPlainText(), search, MAX_MARKS):
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            mark = QTextEdit.ExtraSelection()
            mark.cursor, mark.format = cursor, look
            marks.append(mark)
        self.body.setExtraSelections(marks)
        if marks:
            first = QTextCursor(document)
            first.setPosition(marks[0].cursor.selectionStart())
            self.body.setTextCursor(first)  # the first match scrolled into view
            self.body.ensureCursorVisible()

    def _emit_note(self, signal: SignalInstance) -> None:
        if self.note is not None:
            signal.emit(self.note)

    def _open_mentee(self) -> None:
        if self.note is not None:
            self.open_mentee_requested.emit(self.note.mentee_id)
