"""Automatic backups while the window is open: after the first paint, every 30 minutes of
use, and on quit, each only when the data changed since the last backup; thinning after
each. The copy runs as an operation (``ui/operations.py``) on a worker thread, through a
connection of its own (``Backups.backup_now``); what happened is reported through ``message``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from mentordesk.domain.backup_policy import ThinResult
from mentordesk.services import Workspace
from mentordesk.ui import operations
from mentordesk.ui.formatting import plural
from mentordesk.ui.models.backups import size_text

INTERVAL_MS = 30 * 60 * 1000


def start_backup(
    name: str,
    write: Callable[[], Path],
    on_done: Callable[[Path], object],
    on_error: Callable[[str], object],
    owner: QObject,
) -> operations.Operation:
    """``write()`` as an operation: until the copy is written and checked, nothing may
    move, restore or rewrite the file, start another backup, or quit."""
    return operations.Operation(
        name,
        lambda _progress: write(),
        on_done=on_done,
        on_error=on_error,
        owner=owner,
        blocks=operations.FILE_IN_USE | {operations.QUIT, operations.BACKUP},
        busy_text="A backup is being written",
    ).start()


def thinning_text(result: ThinResult, zone: tzinfo | None = None) -> str:
    """What the mentor is told when the size cap removed backups (empty otherwise); dates in
    ``zone`` (the mentor's) when given, else the system's."""
    dropped = result.dropped_for_size
    if not dropped:
        return ""
    oldest = result.keep[-1].created_at.astimezone(zone) if result.keep else None
    since = f"; the oldest kept is from {oldest:%d %b %Y}" if oldest else ""
    return (
        f"{plural(len(dropped), 'old backup')} removed to stay under the backups size cap{since}."
    )


class AutoBackup(QObject):
    """``message(text, failed)``: a status-bar line, or (failed) a problem to show clearly."""

    message = Signal(str, bool)
    #: The path of each backup written, for whoever waits on one (tests, the dialog).
    written = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        write: Callable[[], Path] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``write``: writes one backup on the worker thread and returns its path
        (default: ``workspace.backups.backup_now``)."""
        super().__init__(parent)
        self.workspace = workspace
        self._write = write
        self._clock = clock
        self._op: operations.Operation | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.back_up_if_changed)

    def start(self) -> None:
        """Call after the first paint: the start-up backup, then one every interval."""
        self.back_up_if_changed()
        self.timer.start()

    @property
    def busy(self) -> bool:
        """Whether its own backup is being written."""
        return self._op is not None and self._op.running

    def back_up_if_changed(self) -> bool:
        """Starts a backup on a worker thread when the data changed; False when none runs
        (nothing changed, or a backup or another job that blocks one is running)."""
        if operations.refusal(operations.BACKUP) or not self.workspace.backups.changed_since_last():
            return False
        # Read now, on this thread: the workspace may be closed by the time the copy ends.
        write = self._write or self.workspace.backups.backup_now
        zone = self.workspace.mentor_zone()
        self._op = start_backup(
            "automatic backup", write, lambda written: self._done(written, zone), self._failed, self
        )
        return True

    def back_up_on_quit(self) -> None:
        """The last backup, as the window closes (nothing is left to keep responsive)."""
        self.timer.stop()
        if self.busy or not self.workspace.backups.changed_since_last():
            return
        try:
            self.workspace.backups.backup_now()
            self.workspace.backups.thin()
        except Exception as exc:  # quitting must not fail for a backup; say so on stderr
            import sys

            print(f"mentordesk: {getattr(exc, 'message', exc)}", file=sys.stderr)

    def _done(self, written: Path, zone: tzinfo | None) -> None:
        # In the mentor's zone, as the Today header and the Backups dialog show time.
        made = self._clock().astimezone(zone)
        text = f"Backed up at {made:%H:%M} ({size_text(written.stat().st_size)}, checked)."
        try:
            # Thinning is a listing and a few unlinks; the size cap is a setting of this file.
            extra = thinning_text(self.workspace.backups.thin(), zone)
        except Exception as exc:  # the next backup thins again; this one was written
            extra = f"Old backups could not be thinned: {getattr(exc, 'strerror', '') or exc}."
        self.written.emit(str(written))
        self.message.emit(f"{text} {extra}".strip(), False)

    def _failed(self, message: str) -> None:
        self.message.emit(f"The automatic backup failed: {message}", True)
