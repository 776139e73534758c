"""What every benchmark group shares: the database, the run count, one workspace, one Qt app."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from mentordesk.services import Workspace


class BenchError(Exception):
    """A benchmark could not run (not a missed target: those are reported, never raised)."""


def log(message: str) -> None:
    """Progress goes to stderr so stdout holds only the results table."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class Context:
    db_path: Path
    size: str
    #: ``--runs N`` overrides every group's own count when given.
    runs: int | None = None
    seed: int = 20240601
    say: Callable[[str], None] = log
    rng: random.Random = field(init=False)
    _workspace: Workspace | None = field(default=None, init=False)
    _counts: dict[str, int] | None = field(default=None, init=False)
    _app: QApplication | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def runs_or(self, default: int) -> int:
        return self.runs if self.runs is not None else default

    def workspace(self) -> Workspace:
        """The database opened as the app opens it (with the writer lock, so one at a time)."""
        if self._workspace is None:
            from mentordesk.services import Workspace

            self._workspace = Workspace.open(self.db_path)
        return self._workspace

    def close_workspace(self) -> None:
        """Releases the writer lock, e.g. before starting the app on the same file."""
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None

    def counts(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = self.workspace().counts()
        return self._counts

    def qt_app(self) -> QApplication:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):
            return app
        # Held here: PySide6 destroys an application object nothing refers to.
        self._app = QApplication(sys.argv[:1])
        return self._app

    def close(self) -> None:
        self.close_workspace()
