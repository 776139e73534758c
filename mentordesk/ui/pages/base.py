"""What every page in the main window offers the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from mentordesk.services import Workspace
from mentordesk.services.changes import Changes, Kind

#: While the mentor types (autosaves), a visible page reloads at most this often.
TYPING_RELOAD_MS = 1000


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Page(QWidget):
    """A page of the main window: a list (Qt item model) and a detail view of the selected row.

    The window passes every ``Changes`` the services report to ``on_changes``: a page that
    shows one of the changed kinds (``watches``) reloads if it is visible, or marks itself
    stale and reloads when next shown; while the mentor types, at most once a second.
    ``focus_search()`` answers Ctrl+F. A page builds itself in ``setup()``, which the
    constructor calls once; ``clock`` gives "now" (tests pin it), and ``refresh()`` reads
    the mentor's zone into ``_zone``.
    """

    #: Short text shown in the sidebar and the window title.
    title: str = ""
    #: A theme icon name (freedesktop naming), with a fallback drawn by the sidebar.
    icon_name: str = ""

    #: The kinds of record the page shows: changes to others leave it alone.
    watches: frozenset[Kind] = frozenset(Kind) - {Kind.BACKUPS}
    #: Of those, the kinds an autosave can change in what the page shows (a note's text and
    #: the items its tagged lines make); None: all of ``watches``.
    typing_watches: frozenset[Kind] | None = None

    #: A short message for the status bar (a confirmation, or an answer to the mentor).
    status_message = Signal(str)
    #: What the page sums up when it loads; shown only when no message is showing.
    summary_message = Signal(str)
    #: Ask the window to show a mentee's dashboard (Mentees page) by id.
    open_mentee = Signal(int)
    #: Ask the window for a mentee's roadmap: mentee id, goal id to select (0: none).
    roadmap_requested = Signal(int, int)
    #: Ask the window for call mode: mentee id, meeting id (0: none), original start or None.
    call_requested = Signal(int, int, object)
    #: Ask the window for the note editor: mentee id, note id (0: a new note).
    note_requested = Signal(int, int)
    #: Ask the window to show a meeting's detail (Meetings page) by id.
    open_meeting = Signal(int)
    #: Ask the window to plan a meeting with this mentee id (the Planner with them ticked,
    #: New Meeting for them on top).
    plan_requested = Signal(int)
    #: Ask the window for File ▸ Export Progress Summary… for this mentee id.
    summary_requested = Signal(int)
    #: Ask the window for the pre-session brief: mentee id (0: the next meeting with
    #: anyone), and the Occurrence to prepare or None (their next meeting).
    brief_requested = Signal(int, object)

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
        self.stale = False
        self._typed_since_reload = False
        self._typing_hold = QTimer(self)
        self._typing_hold.setSingleShot(True)
        self._typing_hold.setInterval(TYPING_RELOAD_MS)
        self._typing_hold.timeout.connect(self._typing_hold_over)
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

    # -- changes -----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """A write was committed somewhere: reload now, later, or not at all."""
        if not self.shows(changes):
            return
        if not self.isVisible():
            self.stale = True
            return
        if changes.typing and self.follow_typing(changes):
            return
        if changes.typing:
            if self._typing_hold.isActive():
                self._typed_since_reload = True
                return
            self._typing_hold.start()
        self._reload()

    def shows(self, changes: Changes) -> bool:
        """Whether the page shows something ``changes`` changed."""
        if changes.typing and self.typing_watches is not None:
            return changes.touches(*self.typing_watches)
        return changes.touches(*self.watches)

    def follow_typing(self, changes: Changes) -> bool:
        """A cheaper answer to an autosave than a reload (e.g. redraw one row); True if
        done. By default there is none."""
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self._reload()

    def _typing_hold_over(self) -> None:
        if not self._typed_since_reload:
            return
        if self.isVisible():
            self._typing_hold.start()
            self._reload()
        else:  # hidden meanwhile: what was held back is drawn when it is shown again
            self.stale = True

    def _reload(self) -> None:
        self.stale = False
        self._typed_since_reload = False
        self.refresh()

    def focus_search(self) -> None:
        """Focus and select the page's search box (Find, Ctrl+F)."""
        raise NotImplementedError

    def saved_choices(self) -> dict[str, object]:
        """View choices (not data) the window keeps between runs, e.g. the slot size."""
        return {}

    def restore_choices(self, read: Callable[[str], object]) -> None:
        """Apply what ``saved_choices`` gave last time; ``read(key)`` is None when unknown."""
