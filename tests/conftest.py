"""Test-session isolation: runs at import time, before any test module imports Qt."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

# The progress summary's database with privacy canaries (ws and world fixtures).
pytest_plugins = ["tests.summary_world"]

# Qt picks its platform plugin when the first QGuiApplication is created; CI and developer
# shells may have no display, so default to offscreen (an explicit setting still wins).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A developer's shell may point the app at their real database: never let tests open it.
os.environ.pop("MENTORDESK_DB", None)

# platformdirs resolves data/config/cache/state paths from these variables; point them at a
# throw-away directory so nothing a test does can land in the real home directory.
_XDG_ROOT = tempfile.mkdtemp(prefix="mentordesk-tests-")
atexit.register(shutil.rmtree, _XDG_ROOT, ignore_errors=True)
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = os.path.join(_XDG_ROOT, _name.removeprefix("XDG_").lower())
# The per-inode locks (store/lock.py) live in XDG_RUNTIME_DIR, else in the machine's shared
# /tmp, keyed by device and inode. Another test run on the machine can hold the lock of an
# inode whose file is gone; a new file here reusing that inode was refused as "already open"
# (seen in full runs while other runs went on). Each run keeps its locks apart.
os.environ["XDG_RUNTIME_DIR"] = os.path.join(_XDG_ROOT, "runtime")
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)


class InMemoryKeyring(KeyringBackend):
    """A headless machine only has keyring's "fail" backend (DESIGN.md, Known traps)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no password for {service!r}/{username!r}") from None


@pytest.fixture(scope="session", autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _fresh_keyring(memory_keyring: InMemoryKeyring):
    # A secret stored by one test must not make another test look like a "second run".
    memory_keyring.store.clear()
    yield
    # Keys unlocked by one test must not open another test's files.
    from mentordesk.store import connection

    connection._KEYS.clear()


@pytest.fixture(autouse=True)
def _operations_ended():
    """Slow work a test started (``ui/operations.py``) has ended before the next test: its
    answer must not reach the next test's windows, nor its registry entry refuse their work."""
    yield
    import sys
    import time

    operations = sys.modules.get("mentordesk.ui.operations")
    if operations is None or not operations.running():
        return
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 30
    while operations.running() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    assert not operations.running(), f"still running after the test: {operations.running()}"
