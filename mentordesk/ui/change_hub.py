"""The window's one change signal: the services' ``ChangeFeed`` re-emitted on the GUI thread.

A write reports its ``Changes`` in the thread that made it; the hub carries them to the GUI
thread (a queued signal), gathers what arrives in one turn of the event loop into one value,
and emits ``changed`` once. Pages and windows connect to ``changed`` and decide for
themselves whether to redraw (``ui/pages/base.py``: a hidden page only marks itself stale).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from mentordesk.services import Workspace
from mentordesk.services.changes import Changes


class ChangeHub(QObject):
    #: The ``Changes`` of one turn of the event loop, merged.
    changed = Signal(object)
    _arrived = Signal(object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: Changes | None = None
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._emit)
        # Queued when a worker thread reports: the hub lives on the GUI thread.
        self._arrived.connect(self._gather)
        self._leave = workspace.changes.subscribe(self._arrived.emit)
        self.destroyed.connect(self._leave)

    def close(self) -> None:
        """Stops listening (the window closes, or swaps its workspace)."""
        self._leave()

    @Slot(object)
    def _gather(self, changes: Changes) -> None:
        self._pending = changes if self._pending is None else self._pending | changes
        self._flush.start()

    @Slot()
    def _emit(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.changed.emit(pending)
