"""What every page in the main window offers the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from mentordesk.services import Workspace


class Page(QWidget):
    """A page of the main window: a list (Qt item model) and a detail view of the selected row.

    The window calls ``refresh()`` after any change and ``focus_search()`` on Ctrl+F.
    """

    #: Short text shown in the sidebar and the window title.
    title: str = ""
    #: A theme icon name (freedesktop naming), with a fallback drawn by the sidebar.
    icon_name: str = ""

    #: A short message for the status bar.
    status_message = Signal(str)
    #: Ask the window to show a mentee's dashboard (Mentees page) by id.
    open_mentee = Signal(int)
    #: Emitted after the page changed data other pages show (they refresh).
    data_changed = Signal()
    #: Ask the window for call mode: mentee id, meeting id (0: none), original start or None.
    call_requested = Signal(int, int, object)
    #: Ask the window for the note editor: mentee id, note id (0: a new note).
    note_requested = Signal(int, int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    def refresh(self) -> None:
        """Reload from the services (keep the selection where possible)."""
        raise NotImplementedError

    def focus_search(self) -> None:
        """Focus and select the page's search box (Find, Ctrl+F)."""
        raise NotImplementedError

    def saved_choices(self) -> dict[str, object]:
        """View choices (not data) the window keeps between runs, e.g. the slot size."""
        return {}

    def restore_choices(self, read: Callable[[str], object]) -> None:
        """Apply what ``saved_choices`` gave last time; ``read(key)`` is None when unknown."""
