"""A keyring backend for child processes in tests: a JSON file named by
``MENTORDESK_TEST_KEYRING`` (``PYTHON_KEYRING_BACKEND=tests.file_keyring.FileKeyring``).

The suite's in-memory keyring lives in one process; a command killed in a child and checked
by the test afterwards needs one both can read. Written whole and renamed, like the OS
keyrings it stands in for (a key stored is stored, whatever happens next).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

VARIABLE = "MENTORDESK_TEST_KEYRING"
BACKEND = "tests.file_keyring.FileKeyring"


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        # keyring builds every backend class it knows when it looks for one: this one is
        # only ever chosen by name, and is not viable otherwise.
        if VARIABLE not in os.environ:
            raise RuntimeError("a test backend, chosen by PYTHON_KEYRING_BACKEND only")
        return 0.1

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ.get(VARIABLE, os.devnull))

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, str]) -> None:
        partial = self.path.with_name(self.path.name + ".partial")
        with partial.open("w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[f"{service}\n{username}"] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._write(data)
