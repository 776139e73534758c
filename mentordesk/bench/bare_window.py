"""The start-up baseline: a bare PySide6 process that shows one empty window, prints a line
once it is painted and quits. Run as a script (never imported by the app). With ``--imports``
it first imports what MentorDesk depends on (qasync, sqlite-utils), to show the import floor.

It imports nothing from MentorDesk, so it costs only Python, Qt and the window system.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

if "--imports" in sys.argv[1:]:
    # After PySide6, so qasync picks the binding already loaded.
    import qasync  # noqa: F401
    import sqlite_utils  # noqa: F401

# The app's default window size, so both paint the same area.
SIZE = (1200, 780)


def _painted() -> None:
    print("painted", flush=True)
    QApplication.quit()


class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After the paint event has been handled, as the app's "ready in N ms" line.
            QTimer.singleShot(0, _painted)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(*SIZE)
    watcher = QuitOnFirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
