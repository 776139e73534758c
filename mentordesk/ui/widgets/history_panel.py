"""The History panel: a note's kept versions, what changed since one, and restoring it.

The panel never writes the note: "Restore this version" emits ``restore_requested`` and the
editor applies it with ``apply_restore``, as one edit its own undo stack can take back.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QPalette,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.note_items import Revision
from mentordesk.services import Workspace
from mentordesk.ui.formatting import plural
from mentordesk.ui.models.revisions import RevisionsModel
from mentordesk.ui.theme import is_dark, muted_color
from mentordesk.ui.widgets.muted_label import MutedLabel

EMPTY_TEXT = (
    "No earlier versions yet — a version is kept every 10 minutes of editing and when a call ends."
)
RESTORE_TEXT = "Restore this version"
#: Unchanged lines shown around each change; longer unchanged runs fold into one line.
CONTEXT_LINES = 3

# Hues mixed into the palette's base colour (light tints on a light theme, deep ones on a dark
# theme), so the theme's own text colour stays readable on them either way.
_ADDED_HUE = QColor(46, 160, 67)
_REMOVED_HUE = QColor(207, 34, 46)


class Change(Enum):
    SAME = " "
    ADDED = "+"
    REMOVED = "−"
    FOLDED = "⋯"


@dataclass(frozen=True, slots=True)
class DiffLine:
    change: Change
    text: str


def diff_lines(old: str, new: str, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """Line changes from ``old`` to ``new``; long unchanged runs folded to ``context`` lines."""
    before, after = old.splitlines(), new.splitlines()
    # autojunk would treat frequent lines (blank ones) as noise and misplace changes.
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    lines: list[DiffLine] = []
    opcodes = matcher.get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = before[i1:i2]
            head = context if number > 0 else 0
            tail = context if number < len(opcodes) - 1 else 0
            if len(same) > head + tail + 1:
                lines += [DiffLine(Change.SAME, t) for t in same[:head]]
                hidden = len(same) - head - tail
                lines.append(DiffLine(Change.FOLDED, f"{plural(hidden, 'unchanged line')}"))
                lines += [DiffLine(Change.SAME, t) for t in same[len(same) - tail :]]
            else:
                lines += [DiffLine(Change.SAME, t) for t in same]
            continue
        lines += [DiffLine(Change.REMOVED, t) for t in before[i1:i2]]
        lines += [DiffLine(Change.ADDED, t) for t in after[j1:j2]]
    return lines


def apply_restore(editor: QPlainTextEdit, body: str) -> None:
    """Replaces the editor's whole text with ``body`` as one step that Ctrl+Z undoes."""
    if editor.toPlainText() == body:
        return  # an empty undo step would make Ctrl+Z look broken
    position = editor.textCursor().position()
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(body)
    cursor.endEditBlock()
    # Keep the caret near where the mentor was rather than at the end of the note.
    caret = editor.textCursor()
    caret.setPosition(min(position, len(body)))
    editor.setTextCursor(caret)
    editor.ensureCursorVisible()


def _tint(base: QColor, hue: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (hue.redF() - base.redF()) * amount,
        base.greenF() + (hue.greenF() - base.greenF()) * amount,
        base.blueF() + (hue.blueF() - base.blueF()) * amount,
    )


def diff_backgrounds(palette: QPalette) -> dict[Change, QColor]:
    """Backgrounds of added and removed lines, tinted from the palette's base colour."""
    base = palette.color(QPalette.ColorRole.Base)
    amount = 0.35 if is_dark(palette) else 0.22
    return {
        Change.ADDED: _tint(base, _ADDED_HUE, amount),
        Change.REMOVED: _tint(base, _REMOVED_HUE, amount),
    }


class DiffView(QPlainTextEdit):
    """Read-only lines marked "+", "−" (and tinted), unchanged ones muted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAccessibleName("Changes since this version")
        self._lines: list[DiffLine] = []

    def show_lines(self, lines: list[DiffLine]) -> None:
        self._lines = lines
        self._render()

    def lines(self) -> list[DiffLine]:
        return list(self._lines)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()  # the tints come from the palette: redo them for the new theme

    def _render(self) -> None:
        palette = self.palette()
        backgrounds = diff_backgrounds(palette)
        muted = QTextCharFormat()
        muted.setForeground(muted_color(palette))
        normal = QTextCharFormat()
        folded = QTextCharFormat(muted)
        folded.setFontItalic(True)
        self.clear()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for number, line in enumerate(self._lines):
            block = QTextBlockFormat()
            if line.change in backgrounds:
                block.setBackground(backgrounds[line.change])
            if number == 0:
                cursor.setBlockFormat(block)
            else:
                cursor.insertBlock(block)
            if line.change is Change.FOLDED:
                cursor.insertText(f"{line.change.value} {line.text}", folded)
            else:
                fmt = muted if line.change is Change.SAME else normal
                cursor.insertText(f"{line.change.value} {line.text}", fmt)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)


def _now() -> datetime:
    return datetime.now(UTC)


def _no_text() -> str:
    return ""


class HistoryPanel(QWidget):
    """Lists a note's versions; shows the selected one against the current text."""

    #: The body of the chosen version; the editor applies it with ``apply_restore``.
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], datetime] = _now) -> None:
        super().__init__(parent)
        self._clock = clock
        self._source: Workspace | None = None
        self._note_id: int | None = None
        self._zone = ZoneInfo("UTC")
        self._current: Callable[[], str] = _no_text
        self.model = RevisionsModel(self)

        self.empty = MutedLabel(EMPTY_TEXT, self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.view = QTreeView(self)
        self.view.setAccessibleName("Kept versions")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == self.model.stretch_column
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.caption = MutedLabel("", self)
        self.caption.setWordWrap(True)
        self.diff = DiffView(self)
        self.restore_button = QPushButton(RESTORE_TEXT, self)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.caption)
        lower_layout.addWidget(self.diff, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        lower_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("history_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(1, 2)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # -- API --------------------------------------------------------------------------

    def set_note(
        self,
        workspace: Workspace,
        note_id: int,
        current_text_source: Callable[[], str],
    ) -> None:
        """Shows ``note_id``'s versions against the text ``current_text_source`` returns."""
        self._source, self._note_id, self._current = workspace, note_id, current_text_source
        self._zone = workspace.mentor_zone()
        self.refresh()

    def clear(self) -> None:
        """No note: the panel forgets the workspace and shows its empty state."""
        self._source, self._note_id, self._current = None, None, _no_text
        self.refresh()

    def refresh(self) -> None:
        """Reloads the versions (a new one may have been kept), keeping the selected one."""
        selected = self.selected_revision()
        revisions: list[Revision] = []
        if self._source is not None and self._note_id is not None:
            try:
                revisions = self._source.note_revisions(self._note_id)
            except KeyError:  # the note was deleted elsewhere, and its versions with it
                revisions = []
        self.model.load(revisions, self._clock(), self._zone)
        self.stack.setCurrentWidget(self.splitter if revisions else self.empty)
        row = self.model.row_of(selected.id) if selected is not None else -1
        self.select_row(max(row, 0) if revisions else -1)

    def refresh_diff(self) -> None:
        """Re-compares the selected version with the current text (call after edits)."""
        revision = self.selected_revision()
        if revision is None:
            self.caption.setText("Choose a version to see what changed since.")
            self.diff.show_lines([])
            self.restore_button.setEnabled(False)
            return
        current = self._current()
        lines = diff_lines(revision.body, current)
        changed = any(line.change in (Change.ADDED, Change.REMOVED) for line in lines)
        if changed:
            self.caption.setText("Since this version:  − removed   + added")
        else:
            self.caption.setText("This version is the same as the current text.")
        self.diff.show_lines(lines)
        self.restore_button.setEnabled(changed)

    def select_row(self, row: int) -> None:
        before = self.selected_revision()
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
        else:
            index = self.model.index(row, 0)
            flags = selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
            selection.setCurrentIndex(index, flags)
        if self.selected_revision() is before:
            self.refresh_diff()  # same selection, but the current text may have changed

    def selected_revision(self) -> Revision | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.revision_at(rows[0].row()) if rows else None

    # -- inside -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._source is not None:
            self.refresh()  # versions kept while the panel was hidden

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.refresh_diff()

    def _restore(self) -> None:
        revision = self.selected_revision()
        if revision is not None:
            self.restore_requested.emit(revision.body)
