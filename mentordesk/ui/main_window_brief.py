"""The pre-session briefs (one non-modal window per mentee) and the meeting reminders that
open them. A mixin of ``MainWindow`` (``ui/main_window.py``); the brief and the reminders
are imported when first used: neither is needed for the first paint.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from mentordesk.domain.models import Occurrence
    from mentordesk.services import Workspace
    from mentordesk.services.changes import Changes
    from mentordesk.ui.dialogs.brief import BriefDialog
    from mentordesk.ui.reminders import ReminderNotifier

NO_MEETING = (
    "No meeting planned in the next two months — select a mentee or a meeting for their brief."
)


class BriefWindows:
    """``open_brief`` (Today, a meeting's detail, the call window, a reminder) and the
    reminders' timer (``start_reminders``, once the start-up check is done)."""

    workspace: Workspace
    brief_windows: dict[int, BriefDialog]
    reminders: ReminderNotifier | None

    if TYPE_CHECKING:  # provided by MainWindow and its other parts

        def _show_status(self, message: str) -> None: ...

    def open_brief(
        self, mentee_id: int = 0, occurrence: Occurrence | None = None
    ) -> BriefDialog | None:
        """The brief for ``mentee_id``'s ``occurrence`` (default: their next meeting); with
        no mentee, for the next meeting with anyone. A brief already open is raised."""
        from mentordesk.ui.dialogs.brief import BriefDialog

        if occurrence is not None and occurrence.end <= datetime.now(UTC):
            occurrence = None  # a past occurrence: prepare for the next one instead
        if not mentee_id:
            occurrence = self.workspace.brief.next_occurrence()
            if occurrence is None:
                self._show_status(NO_MEETING)
                return None
            mentee_id = occurrence.meeting.mentee_id
        dialog = self.brief_windows.get(mentee_id)
        if dialog is None:
            dialog = BriefDialog(self.workspace, mentee_id, self, occurrence=occurrence)  # type: ignore[arg-type]
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(self._brief_closed)
            self.brief_windows[mentee_id] = dialog
        else:
            dialog.occurrence = occurrence
            dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _brief_closed(self) -> None:
        # The window is deleted once closed: forget it now, while it still exists.
        self.brief_windows = {
            mentee: window for mentee, window in self.brief_windows.items() if window.isVisible()
        }

    def briefs_follow(self, changes: Changes) -> None:
        for dialog in list(self.brief_windows.values()):
            dialog.refresh_for(changes)

    def start_reminders(self) -> ReminderNotifier:
        """Checks for meetings about to start (and tells those missed while closed)."""
        from mentordesk.ui.reminders import ReminderNotifier

        if self.reminders is None:
            self.reminders = ReminderNotifier(self.workspace, self)  # type: ignore[arg-type]
            self.reminders.brief_requested.connect(self.open_brief)
            self.reminders.start()
        return self.reminders
