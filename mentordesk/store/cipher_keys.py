"""The keys (and file salts) of the encrypted databases this process has unlocked, in memory.

A key opens every copy of its file (backups, the copy written while converting, a moved
file), so a worker thread's connection and a backup's copy are keyed from here. A new
file keyed with a key whose file salt is known is written with that salt
(``x'<key><salt>'``): SQLCipher puts it in the file's first 16 bytes, so a backup of a
file encrypted with a passphrase opens with the same passphrase anywhere
(``services/encryption_keys.py``). Nothing here is ever written to disk.
"""

from __future__ import annotations

import os
from pathlib import Path

SALT_BYTES = 16
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: realpath -> raw key of each encrypted database unlocked in this process (memory only).
_KEYS: dict[str, bytes] = {}
#: raw key -> the salt its main file carries, for new copies keyed with it.
_SALTS: dict[bytes, bytes] = {}


def _real(path: Path | str) -> str:
    return os.path.realpath(Path(path).expanduser())


def register_key(path: Path | str, key: bytes, salt: bytes | None = None) -> None:
    _KEYS[_real(path)] = key
    if salt is not None and len(salt) == SALT_BYTES:
        _SALTS[key] = salt


def forget_key(path: Path | str) -> None:
    _KEYS.pop(_real(path), None)


def key_for(path: Path | str) -> bytes | None:
    """The key this process unlocked ``path`` with, None for a plain file."""
    return _KEYS.get(_real(path))


def salt_for(key: bytes) -> bytes | None:
    return _SALTS.get(key)


def key_literal(key: bytes, salt: bytes | None = None) -> str:
    """SQLCipher's raw key, with the salt a new file is to carry when one is given."""
    return f"x'{key.hex()}{salt.hex() if salt else ''}'"


def file_salt(path: Path | str) -> bytes | None:
    """An encrypted file's salt (its first 16 bytes); None for a plain, short or absent
    file."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SALT_BYTES)
    except OSError:
        return None
    if len(head) < SALT_BYTES or head == _SQLITE_MAGIC:
        return None
    return head


def is_plain_sqlite(path: Path | str) -> bool:
    """Whether the file starts with SQLite's plain header (False when it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def looks_encrypted(path: Path | str) -> bool:
    """Whether the file is shaped like an SQLCipher database: whole pages, no SQLite
    header, and a first kilobyte as varied as ciphertext (a text or zero-filled file is
    not)."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    if size < 1024 or size % 512 or head.startswith(_SQLITE_MAGIC):
        return False
    # Random bytes show ~250 of 256 values in 1,024 bytes; text shows under 100.
    return len(set(head)) >= 200
