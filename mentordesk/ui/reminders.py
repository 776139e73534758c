"""Meeting reminders while the window is open: a check every few seconds (and at once on
start, which tells the reminders missed while the app was closed), a desktop notification
— the system tray's message where there is a tray, a small non-modal window otherwise —
whose click opens the pre-session brief.

The rule of what is due or missed is ``domain/reminders.py`` (through
``services/reminders.py``); this is only the timer and the showing, with the clock and the
tray's availability injectable for tests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QSystemTrayIcon, QWidget

from mentordesk.domain.reminders import Reminder, ReminderCheck
from mentordesk.services import Workspace
from mentordesk.services.errors import StoreError, database_errors
from mentordesk.services.reminders import ReminderService
from mentordesk.ui.formatting import plural
from mentordesk.ui.resources import app_icon

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 15_000
_TRAY_SHOWN_MS = 20_000


def _utc_now() -> datetime:
    return datetime.now(UTC)


def reminder_service(workspace: Workspace) -> ReminderService:
    """Built from the workspace's current parts (they change when the file is restored or
    moved), so it is built where it is used rather than kept."""
    return ReminderService(
        workspace.schedule, workspace.mentees, workspace.mentor, workspace.changes
    )


def describe(reminders: list[Reminder], now: datetime, zone_name: str) -> tuple[str, str]:
    """The notification's title and text."""
    zone = ZoneInfo(zone_name)
    first = reminders[0]
    minutes = max(0, round((first.start - now).total_seconds() / 60))
    title = (
        f"{first.title} with {first.mentee_name} in {plural(minutes, 'minute')}"
        if minutes
        else f"{first.title} with {first.mentee_name} starts now"
    )
    lines = [f"{r.start.astimezone(zone):%H:%M} {r.title} with {r.mentee_name}" for r in reminders]
    return title, "\n".join(lines) + "\nClick to read the pre-session brief."


def describe_missed(reminders: list[Reminder], zone_name: str) -> tuple[str, str]:
    zone = ZoneInfo(zone_name)
    title = f"{plural(len(reminders), 'meeting reminder')} missed while MentorDesk was closed"
    lines = [
        f"{r.start.astimezone(zone):%a %H:%M} {r.title} with {r.mentee_name}" for r in reminders
    ]
    return title, "\n".join(lines)


class ReminderNotifier(QObject):
    """``brief_requested(mentee_id)`` when the mentor clicks a reminder."""

    brief_requested = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        window: QWidget,
        *,
        clock: Callable[[], datetime] | None = None,
        tray: bool | None = None,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.window = window
        self._clock = clock or _utc_now
        self._use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self._tray: QSystemTrayIcon | None = None
        #: The mentee the last tray message was about: a click on it opens their brief.
        self._mentee_id = 0
        #: The window message shown where there is no tray (the last one; tests read it).
        self.message_box: QMessageBox | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def check(self) -> ReminderCheck:
        now = self._clock()
        service = reminder_service(self.workspace)
        try:
            found = service.check(now)
        except (StoreError, *database_errors()) as exc:  # locked a moment: the next one tries
            log.warning("reminder check skipped: %s", exc)
            return ReminderCheck([], [])
        zone = self.workspace.mentor_zone().key
        if found.missed:
            self._notify(*describe_missed(found.missed, zone), found.missed[-1].mentee_id)
        if found.due:
            self._notify(*describe(found.due, now, zone), found.due[0].mentee_id)
        if found:
            service.mark_shown(found.due + found.missed, now)
        return found

    def _notify(self, title: str, text: str, mentee_id: int) -> None:
        self._mentee_id = mentee_id
        if self._use_tray:
            tray = self._tray_icon()
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, _TRAY_SHOWN_MS)
            return
        box = QMessageBox(QMessageBox.Icon.Information, "Meeting reminder", title,
                          QMessageBox.StandardButton.Close, self.window)  # fmt: skip
        box.setInformativeText(text.replace("\nClick to read the pre-session brief.", ""))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_button = box.addButton("Open &Brief", QMessageBox.ButtonRole.AcceptRole)
        open_button.setProperty("brief_for", mentee_id)
        box.setDefaultButton(open_button)
        box.buttonClicked.connect(self._box_clicked)
        box.show()
        self.message_box = box

    def _box_clicked(self, button: QAbstractButton) -> None:
        mentee_id = button.property("brief_for")
        if isinstance(mentee_id, int) and mentee_id:
            self.brief_requested.emit(mentee_id)

    def _tray_icon(self) -> QSystemTrayIcon:
        if self._tray is None:
            self._tray = QSystemTrayIcon(app_icon(), self)
            self._tray.setToolTip("MentorDesk")
            self._tray.messageClicked.connect(self._open_brief)
            self._tray.show()
        return self._tray

    def _open_brief(self) -> None:
        if self._mentee_id:
            self.brief_requested.emit(self._mentee_id)
