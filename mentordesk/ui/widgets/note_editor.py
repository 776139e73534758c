"""The note editor: plain-text Markdown with light highlighting, a rendered preview, the
call-time stamp, a save indicator and a banner for things the mentor must know (a recovery).

The editor holds the text; saving is the ``Autosaver``'s job (``attach_autosaver``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.autosave import Autosaver, SaveState
from mentordesk.ui.theme import error_color, muted_color
from mentordesk.ui.widgets.markdown_highlighter import MarkdownHighlighter

SAVED_TEXT = "Saved"
SAVING_TEXT = "Saving…"
RECOVERED_TEXT = "Recovered after an unexpected exit — your text is as it was last saved."

TIMESTAMP_KEYS = QKeySequence("Ctrl+T")
PREVIEW_KEYS = QKeySequence("Ctrl+Shift+P")


def format_elapsed(elapsed: timedelta) -> str:
    """'12:34' (mm:ss), or '1:02:03' past an hour; negative time counts as zero."""
    seconds = max(int(elapsed.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class NoteEditor(QWidget):
    """``text_changed`` after every edit made by the mentor (not by ``set_text``)."""

    text_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        elapsed: Callable[[], timedelta] | None = None,
    ) -> None:
        super().__init__(parent)
        self._elapsed = elapsed
        self._loading = False
        self._autosaver: Autosaver | None = None
        self._state = SaveState.SAVED.value

        self.banner = QFrame(self)
        self.banner.setObjectName("banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAutoFillBackground(True)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.banner_close = QToolButton(self.banner)
        self.banner_close.setText("✕")
        self.banner_close.setAutoRaise(True)
        self.banner_close.setToolTip("Dismiss")
        self.banner_close.setAccessibleName("Dismiss")
        self.banner_close.clicked.connect(self.hide_banner)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 4, 4)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.banner_close, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()

        self.edit = QPlainTextEdit(self)
        self.edit.setAccessibleName("Note")
        self.edit.setPlaceholderText(
            "Type as you talk. “- [ ] Send CV @them due:2027-01-15” makes an action item;"
            " #win, #feedback and #fb-me tag a line. Ctrl+T stamps the call time."
        )
        self.edit.setTabChangesFocus(False)
        self.highlighter = MarkdownHighlighter(self.edit.document(), self.palette(), self.font())
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Preview")
        self.preview.setOpenExternalLinks(True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.edit)
        self.pages.addWidget(self.preview)

        self.preview_button = QToolButton(self)
        self.preview_button.setCheckable(True)
        self.preview_button.setAutoRaise(True)
        self.status_label = QLabel(SAVED_TEXT, self)
        self.status_label.setObjectName("saveStatus")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setWordWrap(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.preview_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bar)

        self.timestamp_action = QAction("Insert Call &Time", self)
        self.timestamp_action.setShortcut(TIMESTAMP_KEYS)
        self.timestamp_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.timestamp_action.setEnabled(elapsed is not None)
        self.timestamp_action.triggered.connect(self._stamp)
        self.preview_action = QAction("&Preview", self)
        self.preview_action.setCheckable(True)
        self.preview_action.setShortcut(PREVIEW_KEYS)
        self.preview_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.preview_action.toggled.connect(self.set_preview)
        self.preview_button.setDefaultAction(self.preview_action)
        self.addActions([self.timestamp_action, self.preview_action])

        self.edit.textChanged.connect(self._edited)
        self._apply_theme()

    # -- text --------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Loads text without counting it as an edit (nothing to save, no undo step)."""
        self._loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._loading = False
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.timestamp_action.setEnabled(not read_only and self._elapsed is not None)

    def insert_timestamp(self, elapsed: timedelta) -> None:
        """Inserts '[12:34] ' at the cursor, with a space before it after a word."""
        if self.edit.isReadOnly():
            return
        self.set_preview(False)
        cursor = self.edit.textCursor()
        cursor.removeSelectedText()
        before = self.edit.document().characterAt(cursor.position() - 1)
        prefix = " " if cursor.positionInBlock() > 0 and not before.isspace() else ""
        cursor.insertText(f"{prefix}[{format_elapsed(elapsed)}] ")
        self.edit.setTextCursor(cursor)

    # -- preview ---------------------------------------------------------------------

    def is_previewing(self) -> bool:
        return self.pages.currentWidget() is self.preview

    def set_preview(self, on: bool) -> None:
        if on:
            self.preview.setMarkdown(self.text())
            self.pages.setCurrentWidget(self.preview)
        else:
            self.pages.setCurrentWidget(self.edit)
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.preview_action.isChecked() != on:
            self.preview_action.setChecked(on)
        self.preview_action.setText("&Edit" if on else "&Preview")
        self.preview_action.setToolTip(
            f"{'Back to editing' if on else 'Show the note rendered'}"
            f" ({PREVIEW_KEYS.toString(QKeySequence.SequenceFormat.NativeText)})"
        )

    # -- banner and save state -----------------------------------------------------------

    def show_banner(self, text: str) -> None:
        self.banner_label.setText(text)
        self.banner.show()

    def hide_banner(self) -> None:
        self.banner.hide()

    def attach_autosaver(self, autosaver: Autosaver) -> None:
        """Edits schedule writes; the indicator follows the autosaver's state."""
        self._autosaver = autosaver
        self.text_changed.connect(autosaver.changed)
        autosaver.state_changed.connect(self.show_save_state)
        self.show_save_state(autosaver.state.value, autosaver.error)

    def show_save_state(self, state: str, message: str = "") -> None:
        if state == SaveState.FAILED:
            self.status_label.setText(f"Not saved: {message} — your text is kept; retrying.")
            self.status_label.setToolTip(message)
        else:
            self.status_label.setText(SAVED_TEXT if state == SaveState.SAVED else SAVING_TEXT)
            self.status_label.setToolTip("")
        self._state = state
        self._apply_theme()

    # -- behaviour -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.highlighter.set_palette(self.palette(), self.font())
            self._apply_theme()

    def _apply_theme(self) -> None:
        palette = self.palette()
        failed = self._state == SaveState.FAILED
        status = self.status_label.palette()
        status.setColor(
            QPalette.ColorRole.WindowText, error_color(palette) if failed else muted_color(palette)
        )
        self.status_label.setPalette(status)
        banner = self.banner.palette()
        banner.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.ToolTipBase))
        banner.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.ToolTipText)
        )
        self.banner.setPalette(banner)

    def _edited(self) -> None:
        if not self._loading:
            self.text_changed.emit()

    def _stamp(self) -> None:
        if self._elapsed is not None:
            self.insert_timestamp(self._elapsed())
