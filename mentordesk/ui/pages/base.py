"""What every page in the main window offers the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from mentordesk.services import Workspace


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Page(QWidget):
    """A page of the main window: a list (Qt item model) and a detail view of the selected row.

    The window calls ``refresh()`` after any change and ``focus_search()`` on Ctrl+F. A page
    builds itself in ``setup()``, which the constructor calls once; ``clock`` gives "now"
    (tests pin it), and ``refresh()`` reads the mentor's zone into ``_zone``.
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

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._clock = clock or _utc_now
        self._zone = ZoneInfo("UTC")
        self.setup()

    def setup(self) -> None:
        """Builds the page's widgets and loads it (the constructor calls it once)."""

    def tick_every(self, milliseconds: int) -> QTimer:
        """Calls ``_tick`` every so often, for texts that follow the clock."""
        timer = QTimer(self)
        timer.setInterval(milliseconds)
        timer.timeout.connect(self._tick)
        timer.start()
        return timer

    def _tick(self) -> None:
        """The clock moved on (see ``tick_every``)."""

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
