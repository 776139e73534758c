"""The window's one change signal: the services' ``ChangeFeed`` re-emitted on the GUI thread.

A write reports its ``Changes`` in the thread that made it. Made on the GUI thread (nearly
every write), ``changed`` is emitted at once, so whatever the mentor did is drawn before
the next event; made on a worker thread, it arrives through a queued signal. Pages and
windows connect to ``changed`` and decide for themselves whether to redraw
(``ui/pages/base.py``: a hidden page only marks itself stale).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from mentordesk.services import Workspace
from mentordesk.services.changes import Changes


class ChangeHub(QObject):
    changed = Signal(object)
    _arrived = Signal(object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Direct on the GUI thread, queued from a worker: the hub lives on the GUI thread.
        self._arrived.connect(self._deliver)
        self._leave = workspace.changes.subscribe(self._arrived.emit)
        self.destroyed.connect(self._leave)

    def close(self) -> None:
        """Stops listening (the window closes, or swaps its workspace)."""
        self._leave()

    @Slot(object)
    def _deliver(self, changes: Changes) -> None:
        self.changed.emit(changes)
