"""Starting the window: first paint first, then the qasync event loop.

Start-up is on the critical path of every use, so only what the first paint
needs is imported before it (Qt widgets, the services over the standard
sqlite3 module). qasync takes over the Qt loop right after the window is
painted.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from mentordesk import __version__
from mentordesk.appdata.paths import demo_db_path, ensure_private_dir, resolve_db_path
from mentordesk.services.errors import DatabaseInUse, StoreError

if TYPE_CHECKING:
    from mentordesk.services import Workspace
    from mentordesk.services.encryption import Need
    from mentordesk.services.recovery import DatabaseNeedsRecovery
    from mentordesk.ui.main_window import MainWindow
    from mentordesk.ui.startup_check import WindowSession

_PAINT_TIMEOUT_MS = 10_000


def _no_display() -> bool:
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _application(*, headless_ok: bool = False) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if headless_ok and _no_display() and "QT_QPA_PLATFORM" not in os.environ:
        # A smoke test or benchmark on a machine without a screen still paints, offscreen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication(sys.argv[:1])
    app.setApplicationName("MentorDesk")
    app.setOrganizationName("MentorDesk")
    app.setApplicationVersion(__version__)
    from mentordesk.ui.resources import APP_ID, app_icon

    app.setDesktopFileName(APP_ID)

    icon: QIcon = app_icon()
    app.setWindowIcon(icon)
    if app.platformName() == "offscreen":
        _quiet_offscreen_noise()
    return app


_OFFSCREEN_NOISE = "This plugin does not support"


def _quiet_offscreen_noise() -> None:
    """Offscreen Qt has no window manager and says so on every show; keep stderr for news."""
    previous = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message.startswith(_OFFSCREEN_NOISE):
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def _tell(title: str, message: str, *, quiet: bool, critical: bool = True) -> None:
    """Errors go to a dialog for people and to stderr for scripts (--quit-after-start)."""
    print(f"mentordesk: {message}", file=sys.stderr)
    if not quiet:
        show = QMessageBox.critical if critical else QMessageBox.information
        show(None, title, message)


def open_demo() -> Workspace:
    """A freshly seeded demo database, kept apart from the user's own file."""
    from mentordesk.demo.files import write_demo_file
    from mentordesk.services import Workspace
    from mentordesk.services.errors import refuse_if_in_use

    path = demo_db_path()
    ensure_private_dir(path.parent)
    # Another window on the demo must not have its file replaced under it.
    refuse_if_in_use(path)
    write_demo_file(path, size="small", overwrite=True)
    return Workspace.open(path)


def _open(db: str | None, demo: bool, *, ask: bool = False) -> tuple[Workspace, str] | None:
    """The workspace and what to tell the mentor; None when they quit at the unlock
    dialog. An encrypted file opens with its keyring key, else (``ask``) its passphrase
    or recovery key is asked for; without ``ask`` that raises ``KeyNeeded`` (exit 3).
    Opening it replayed a -wal found beside it: the mentor is told, with the kept pair."""
    opened = _open_file(db, demo, ask=ask)
    if opened is None or opened[0].wal_kept is None or opened[1]:
        return opened
    from mentordesk.services.recovery import kept_pairs_note

    workspace = opened[0]
    return workspace, f"{workspace.path.name}: {kept_pairs_note(workspace.path)}."


def _open_file(db: str | None, demo: bool, *, ask: bool) -> tuple[Workspace, str] | None:
    if demo:
        return open_demo(), ""
    path = resolve_db_path(db)
    if db is None:
        ensure_private_dir(path.parent)
    from mentordesk.services import Workspace, encryption
    from mentordesk.services.errors import KeyRejected
    from mentordesk.services.recovery import DatabaseLocked

    if not encryption.is_encrypted(path):
        return Workspace.open(path), ""
    try:
        key = encryption.key_for_opening(path)
    except encryption.KeyNeeded as exc:
        if not ask:
            raise
        return _unlock(path, exc.need, exc.message)
    try:
        return Workspace.open(path, key=key), ""
    except (KeyRejected, DatabaseLocked):
        if not ask:
            raise
        return _unlock(
            path,
            "recovery",
            f"The key this computer's keyring holds for {path.name} does not open it. Type"
            " the recovery key you saved when you turned encryption on.",
        )


def _after_opening(workspace: Workspace) -> str:
    """An interrupted encrypt, decrypt or key change is finished or rolled back before the
    window shows the file; what to tell the mentor."""
    from mentordesk.appdata.keystore import KeyringUnavailable
    from mentordesk.domain.errors import ValidationError
    from mentordesk.services import encryption

    try:
        return encryption.after_opening(workspace)
    except (StoreError, ValidationError, KeyringUnavailable, OSError) as exc:
        return f"An interrupted encryption change could not be finished: {exc}"


def _unlock(path: Path, need: Need, why: str) -> tuple[Workspace, str] | None:
    from mentordesk.ui.dialogs.unlock import unlock_at_open

    return unlock_at_open(path, need, why)


def _welcome(workspace: Workspace) -> tuple[Workspace, bool, bool]:
    """First run on an empty database: explore the demo, or start one's own (encrypted
    or not). The workspace to use, whether to ask for preferences, whether to encrypt."""
    from mentordesk.ui.dialogs.welcome import WelcomeDialog

    offer = not workspace.encrypted
    problem = ""
    if offer:
        from mentordesk.services import encryption

        backend = encryption.secure_keyring()
        problem = "" if backend.secure else backend.reason
    dialog = WelcomeDialog(keyring_problem=problem, offer_encryption=offer)
    dialog.exec()
    if dialog.choice == "demo":
        workspace.close()
        return open_demo(), False, False
    return workspace, dialog.choice == "own", dialog.encrypt


def _encrypt_first_run(window: MainWindow) -> None:
    """Encryption chosen at the welcome: done before any background work starts (the
    start-up check and backups read the file that is being rewritten)."""
    from mentordesk.ui.encryption_flow import EncryptionFlow

    flow = EncryptionFlow(window.workspace, window)
    done = QEventLoop()
    flow.finished.connect(lambda message: window.statusBar().showMessage(message))
    flow.finished.connect(done.quit)
    flow.turn_on()
    if flow.dialog is not None:  # nothing to wait for when it was refused at once
        done.exec()


def run_gui(
    db: str | Path | None = None,
    *,
    demo: bool = False,
    quit_after_start: bool = False,
    started: float | None = None,
) -> int:
    from mentordesk.services.recovery import DatabaseNeedsRecovery

    started = time.perf_counter() if started is None else started
    app = _application(headless_ok=quit_after_start)
    recovered = ""
    try:
        opened = _open(str(db) if db else None, demo, ask=not quit_after_start)
        if opened is None:
            return 3  # quit at the unlock dialog: the file stays locked and untouched
        workspace, recovered = opened
    except DatabaseNeedsRecovery as exc:
        if quit_after_start:
            _tell("Cannot open the database", exc.message, quiet=True)
            return exc.exit_code
        outcome = _recover_at_open(exc)
        if isinstance(outcome, int):
            return outcome
        workspace, recovered = outcome
    except DatabaseInUse as exc:
        _tell("MentorDesk is already open", exc.message, quiet=quit_after_start, critical=False)
        return exc.exit_code
    except StoreError as exc:
        _tell("Cannot open the database", exc.message, quiet=quit_after_start)
        return exc.exit_code

    recovered = " ".join(filter(None, [recovered, _after_opening(workspace)]))
    ask_preferences = encrypt = False
    if not demo and not quit_after_start and workspace.is_empty():
        workspace, ask_preferences, encrypt = _welcome(workspace)

    from mentordesk.ui.main_window import MainWindow

    window = MainWindow(workspace)
    ready: list[float] = []
    window.ready.connect(lambda: ready.append(time.perf_counter()))
    window.show()

    # First paint before anything else is imported: pump events until Today is painted.
    wait = QEventLoop()
    window.ready.connect(wait.quit)
    QTimer.singleShot(_PAINT_TIMEOUT_MS, wait.quit)
    if not ready:
        wait.exec()
    if quit_after_start:
        if not ready:
            print("mentordesk: the Today page was not painted in time", file=sys.stderr)
            workspace.close()
            return 1
        print(f"ready in {(ready[0] - started) * 1000:.0f} ms", flush=True)
    if encrypt:
        _encrypt_first_run(window)
    if ask_preferences:
        QTimer.singleShot(0, window.show_preferences)
    if recovered:
        window.statusBar().showMessage(recovered)
    from mentordesk.ui.startup_check import WindowSession

    session = WindowSession(window)
    if not quit_after_start:
        # After the first paint: the log and the crash dialog, the quick_check, then
        # automatic backups (or recovery).
        QTimer.singleShot(0, lambda: _start_logging_and_crash_reports(app))
        QTimer.singleShot(0, session.after_first_paint)
    session.quit_requested.connect(app.quit)
    return _run_event_loop(app, session, quit_now=quit_after_start)


def _start_logging_and_crash_reports(app: QApplication) -> None:
    """The private log, and known store errors or bugs shown as a dialog, not a traceback."""
    from mentordesk.logs import setup_logging
    from mentordesk.ui.dialogs.crash_dialog import install_crash_handler

    setup_logging()
    install_crash_handler(app)  # parented to the application, which keeps it


def _recover_at_open(exc: DatabaseNeedsRecovery) -> tuple[Workspace, str] | int:
    """The recovery dialog for a damaged file; the workspace it opened, or an exit code."""
    from mentordesk.ui.startup_check import recover_at_open

    try:
        outcome = recover_at_open(exc.path, exc.problem)
    except StoreError as failed:
        _tell("Cannot recover the database", failed.message, quiet=False)
        return failed.exit_code
    return 1 if outcome is None else outcome


def _run_event_loop(app: QApplication, session: WindowSession, *, quit_now: bool) -> int:
    import asyncio

    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    app.aboutToQuit.connect(session.close)  # the workspace in use, after any recovery
    if quit_now:
        QTimer.singleShot(0, app.quit)
    with loop:
        loop.run_forever()
    return 0
