"""The child of the kill -9 test: opens call mode on a real file and types like a person.

``python call_typist.py DB MENTEE_ID SEED TEXT``. Prints ``ready SYNCHRONOUS`` once the window is
up, then, for each character as soon as the editor has it, ``MONOTONIC_SECONDS INDEX``
(flushed), until the text ends or the parent kills the process.
"""

from __future__ import annotations

import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mentordesk.services import Workspace
from mentordesk.ui.call_mode import CallWindow


def main() -> int:
    db, mentee_id, seed, text = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    app = QApplication(sys.argv[:1])
    workspace = Workspace.open(db)
    synchronous = workspace.db.conn.execute("PRAGMA synchronous").fetchone()[0]
    window = CallWindow(workspace, mentee_id)
    window.show()
    editor = window.editor.edit
    editor.setFocus()
    app.processEvents()
    print(f"ready {synchronous}", flush=True)
    for index, char in enumerate(text):
        if char == "\n":
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(editor, char)
        print(f"{time.monotonic():.6f} {index}", flush=True)
        QTest.qWait(rng.randint(20, 40))  # a fast typist, with the event loop running
    window.close()
    workspace.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
