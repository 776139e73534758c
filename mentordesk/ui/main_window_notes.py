"""The main window's note and call windows: opening them (for the selected mentee, or after a
chooser), raising the one already open on a note, reopening those a crash left unclosed, and
closing them all before the main window closes.

A mixin of ``MainWindow`` (``ui/main_window.py``), which holds the lists and the workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoCommand
    from PySide6.QtWidgets import QWidget

    from mentordesk.services import Workspace
    from mentordesk.ui.call_mode import CallWindow
    from mentordesk.ui.note_window import NoteWindow
    from mentordesk.ui.note_window_base import NoteWindowBase
    from mentordesk.ui.pages.base import Page


class NoteWindows:
    """Call mode and the note editor, opened from the main window."""

    workspace: Workspace
    settings: QSettings
    call_windows: list[CallWindow]
    note_windows: list[NoteWindow]

    if TYPE_CHECKING:  # provided by MainWindow

        def current_page(self) -> Page: ...
        def _show_status(self, message: str) -> None: ...
        def open_brief(self, mentee_id: int = 0, occurrence: object = None) -> object: ...
        def sender(self) -> object: ...
        def page(self, page_class: str) -> Page: ...

    def _selected_mentee_id(self) -> int | None:
        page = self.current_page()
        pane = getattr(page, "pane", None) if type(page).__name__ == "MenteesPage" else None
        key = pane.current_key() if pane is not None else None
        return key if isinstance(key, int) else None

    def _for_selected_mentee(
        self, open_for: Callable[[int], QWidget], what: str, **chooser: str
    ) -> QWidget | None:
        """``open_for`` the selected mentee, or a chooser first when none is selected."""
        from mentordesk.ui.dialogs.call_prompts import choose_mentee

        key = self._selected_mentee_id()
        if key is not None:
            return open_for(key)
        shown = choose_mentee(self, self.workspace, open_for, **chooser)
        if shown is None:
            self._show_status(f"Add a mentee first (File ▸ New Mentee…), then {what}.")
        return shown

    def new_call(self) -> QWidget | None:
        """A call with the selected mentee, or a chooser first when none is selected."""
        return self._for_selected_mentee(self.open_call, "start a call")

    def new_note(self) -> QWidget | None:
        """A note about the selected mentee, or a chooser first when none is selected."""
        return self._for_selected_mentee(
            self.open_note, "write a note", title="New Note", label="Note about:",
            ok_text="Write Note",
        )  # fmt: skip

    def open_call(
        self,
        mentee_id: int,
        meeting_id: int | None = None,
        original_start: datetime | None = None,
        note_id: int | None = None,
        *,
        recovered: bool = False,
    ) -> NoteWindowBase:
        """Opens call mode (or raises the window already open on that note)."""
        from mentordesk.ui.call_mode import CallWindow

        shown = self._raise_window_of(note_id)
        if shown is not None:
            return shown
        window = CallWindow(
            self.workspace,
            mentee_id,
            meeting_id,
            original_start,
            note_id,
            recovered=recovered,
            settings=self.settings,
        )
        self.call_windows.append(window)
        window.brief_requested.connect(self.open_brief)
        return self._show_tracked(window)

    def open_note(
        self, mentee_id: int, note_id: int | None = None, *, recovered: bool = False
    ) -> NoteWindowBase:
        """The note editor on ``note_id`` (a new note when None); a window already open on
        that note, for a call or not, is raised instead. ``recovered``: reopened after a crash
        (the window says so)."""
        from mentordesk.ui.note_window import NoteWindow

        shown = self._raise_window_of(note_id)
        if shown is not None:
            return shown
        window = NoteWindow(
            self.workspace, mentee_id, note_id, settings=self.settings, recovered=recovered
        )
        self.note_windows.append(window)
        return self._show_tracked(window)

    def push_to_roadmap(self, command: QUndoCommand) -> None:
        """An intro session's copy, as one step of the Roadmap's undo stack (on that mentee's
        roadmap, so Edit ▸ Undo there takes it back)."""
        mentee_id = int(getattr(command, "mentee_id", 0))
        try:
            roadmap = self.page("RoadmapPage")
        except ValueError:  # a window without the Roadmap (tests build such)
            command.redo()
            return
        roadmap.show_mentee(mentee_id)  # type: ignore[attr-defined]
        if getattr(roadmap, "mentee_id", None) == mentee_id:
            roadmap.push(command)  # type: ignore[attr-defined]
            self._show_status(
                "Copied to the profile and roadmap — Roadmap ▸ Edit ▸ Undo takes it back."
            )
        else:
            command.redo()

    def _show_tracked(self, window: NoteWindowBase) -> NoteWindowBase:
        """Shows a window kept in ``call_windows`` or ``note_windows`` (what it writes
        reaches the pages through the change hub, as it is saved)."""
        window.push_undo = self.push_to_roadmap
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.finished.connect(self._note_window_finished)
        window.show()
        return window

    def _raise_window_of(self, note_id: int | None) -> NoteWindowBase | None:
        for window in [*self.call_windows, *self.note_windows]:
            if note_id is not None and window.note_id == note_id:
                window.raise_()
                window.activateWindow()
                return window
        return None

    # -- OpenNotes (services/records.py): a record's form edits its line through the window

    def _window_on(self, note_id: int) -> NoteWindowBase | None:
        return next((w for w in [*self.call_windows, *self.note_windows]
                     if w.note_id == note_id), None)  # fmt: skip

    def flush_note(self, note_id: int) -> None:
        window = self._window_on(note_id)
        if window is not None:
            window.autosaver.flush()

    def replace_note_line(self, note_id: int, position: int, old: str, new: str) -> bool:
        window = self._window_on(note_id)
        return window is not None and window.replace_line(position, old, new)

    def _note_window_finished(self) -> None:
        # The window is deleted once closed: forget it now, while it still exists.
        closed = self.sender()
        self.call_windows = [w for w in self.call_windows if w is not closed]
        self.note_windows = [w for w in self.note_windows if w is not closed]

    def recover_notes(self) -> None:
        """Reopens notes an unexpected exit left unclosed, each with a banner saying so."""
        for note in self.workspace.unclosed_notes(in_call=True):
            self.open_call(note.mentee_id, note.meeting_id, note_id=note.id, recovered=True)
        for note in self.workspace.unclosed_notes(in_call=False):
            self.open_note(note.mentee_id, note.id, recovered=True)

    def close_note_windows(self) -> bool:
        """Closes every call and note window; False when one keeps its note (and stays)."""
        # A note that cannot be saved yet keeps its window (and the main window) open.
        return all(window.close() for window in [*self.call_windows, *self.note_windows])
