"""The one module that talks to the OS keyring (through ``keyring``): a database's key.

A key is stored under the service ``MentorDesk`` with the database's real path as the user
name, as hex. keyring's "fail" and "null" backends (a headless machine, or keyring switched
off) and plain-text file backends are not secure places for it: ``current_backend`` says so,
and the caller asks for a passphrase instead (``encryption.py``). Nothing here ever writes a
key anywhere but the keyring.

``keyring`` is imported on first use only: a plain database never loads it, and an encrypted
one loads it just before it is opened.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SERVICE = "MentorDesk"
#: Backends that keep nothing, refuse everything, or keep secrets in a readable file.
_INSECURE_CLASSES = {
    "keyring.backends.fail.Keyring",
    "keyring.backends.null.Keyring",
    "keyrings.alt.file.PlaintextKeyring",
}


class KeyringUnavailable(Exception):
    """The keyring could not store or read a key (no secure backend, locked, refused)."""

    def __init__(self, backend: str, message: str) -> None:
        super().__init__(message)
        self.backend = backend
        self.message = message


@dataclass(frozen=True, slots=True)
class Backend:
    #: The backend's class, e.g. ``keyring.backends.SecretService.Keyring``.
    name: str
    secure: bool
    #: Why it is not secure, said to the mentor; "" when it is.
    reason: str = ""


def _keyring() -> Any:
    import keyring

    return keyring


def _class_name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def current_backend() -> Backend:
    backend = _keyring().get_keyring()
    name = _class_name(backend)
    children = getattr(backend, "backends", None)
    if name.endswith("chainer.ChainerBackend") and not children:
        return Backend(name, False, "no keyring service is running on this computer")
    if name in _INSECURE_CLASSES:
        if name.endswith("PlaintextKeyring"):
            reason = "the only keyring here keeps secrets in a plain-text file"
        elif name.startswith("keyring.backends.null"):
            reason = "the keyring is switched off on this computer"
        else:
            reason = "no keyring service is running on this computer"
        return Backend(name, False, reason)
    return Backend(name, True)


#: The slot a new key waits in while its file is converted: the old key stays where it
#: was until the new one opens the file and its backups.
PENDING = "pending"


def _user(db_path: Path | str, slot: str = "") -> str:
    real = os.path.realpath(Path(db_path).expanduser())
    return f"{real}#{slot}" if slot else real


def store_key(db_path: Path | str, key: bytes, slot: str = "") -> Backend:
    """Stores ``key`` for the database; the backend that holds it. Raises
    KeyringUnavailable when the backend is not secure or refuses."""
    backend = current_backend()
    if not backend.secure:
        raise KeyringUnavailable(backend.name, f"Cannot keep the key safely: {backend.reason}.")
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, _user(db_path, slot), key.hex())
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            backend.name, f"The keyring refused to store the key ({exc})."
        ) from None
    return backend


def load_key(db_path: Path | str, slot: str = "") -> bytes | None:
    """The stored key, or None when the keyring holds none for this database."""
    keyring = _keyring()
    backend = current_backend()
    try:
        text = keyring.get_password(SERVICE, _user(db_path, slot))
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(backend.name, f"The keyring could not be read ({exc}).") from None
    if not text:
        return None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        return None  # not ours, or damaged: as good as lost
    return key if len(key) == 32 else None


def delete_key(db_path: Path | str, slot: str = "") -> None:
    """Forgets the database's key (nothing happens when there is none)."""
    keyring = _keyring()
    # PasswordDeleteError: none stored; other errors leave only a secret nothing uses.
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, _user(db_path, slot))
