"""The record of every database MentorDesk has opened, kept outside the databases themselves.

It answers two questions a damaged or locked file cannot answer about itself: "was this file
ours?" (so a truncated MentorDesk file is offered recovery, while a stranger's file is refused
untouched) and "is it encrypted, and where does its key live?" (so a file that cannot be read
because it is encrypted is locked until its key is given, never treated as corrupt and never
given a new key). It holds no secret: a passphrase's salt is not one.

``known-databases.json`` in the platformdirs config folder, written whole (0600 in a 0700
folder) so a crash mid-write leaves the previous record. No Qt here.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from mentordesk.appdata.json_record import config_file, path_key, read_document, section
from mentordesk.appdata.paths import write_private_json

RECORD_FILE = "known-databases.json"
#: Where an encrypted database's key lives: in the OS keyring, or derived from a passphrase
#: typed at each start (no secure keyring on this machine).
KeyStore = Literal["keyring", "passphrase"]


@dataclass(frozen=True, slots=True)
class KnownDatabase:
    path: str
    encrypted: bool = False
    key_store: KeyStore | None = None
    #: The keyring backend that held the key (e.g. ``SecretService Keyring``), so that a
    #: backend that later answers nothing is recognised as "key lost".
    key_backend: str | None = None
    #: Hex salt of the passphrase's KDF (only when ``key_store == "passphrase"``).
    salt: str | None = None
    last_opened: str = ""


def record_path() -> Path:
    return config_file(RECORD_FILE)


def _load(record: Path) -> dict[str, dict[str, Any]]:
    return section(read_document(record), "files")


def _save(target: Path, files: dict[str, Any], moved: dict[str, Any] | None = None) -> None:
    """Writes the record whole; the forwarding addresses of moved files are kept."""
    if moved is None:
        moved = section(read_document(target), "moved")
    moved = {old: forward for old, forward in moved.items() if old not in files}
    write_private_json(target, {"version": 1, "files": files, "moved": moved})


def _from_entry(path: str, entry: dict[str, Any]) -> KnownDatabase:
    store = entry.get("key_store")
    return KnownDatabase(
        path=path,
        encrypted=bool(entry.get("encrypted", False)),
        key_store=store if store in ("keyring", "passphrase") else None,
        key_backend=_text_or_none(entry.get("key_backend")),
        salt=_text_or_none(entry.get("salt")),
        last_opened=str(entry.get("last_opened", "")),
    )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _key_in(files: dict[str, Any], db_path: Path | str) -> str:
    """The entry's key for ``db_path``: its real path, or, for another hard link of a
    recorded file, the recorded name (one file, one entry: its salt, its key's place)."""
    key = path_key(db_path)
    if key in files:
        return key
    try:
        wanted = os.stat(key)
    except OSError:
        return key
    if wanted.st_nlink < 2:
        return key
    for other in files:
        with contextlib.suppress(OSError):
            if os.path.samestat(os.stat(other), wanted):
                return other
    return key


def lookup(db_path: Path | str, *, record: Path | None = None) -> KnownDatabase | None:
    """What is known of this file (under any of its names), or None when MentorDesk has
    never opened it."""
    files = _load(record or record_path())
    key = _key_in(files, db_path)
    entry = files.get(key)
    return _from_entry(key, entry) if isinstance(entry, dict) else None


def remember(
    db_path: Path | str,
    *,
    record: Path | None = None,
    now: datetime | None = None,
    **changes: Any,
) -> KnownDatabase:
    """Records that the file was opened, updating only the fields given in ``changes``
    (``encrypted``, ``key_store``, ``key_backend``, ``salt``)."""
    target = record or record_path()
    files = _load(target)
    key = _key_in(files, db_path)
    return _store(target, files, key, files.get(key), now, **changes)


def move(
    old_path: Path | str,
    new_path: Path | str,
    *,
    record: Path | None = None,
    now: datetime | None = None,
) -> KnownDatabase:
    """Carries what is known of a file (encrypted? where is its key? its salt) to the path
    it was moved to, in one write, and leaves a forwarding address at the old path
    (``moved_to``)."""
    target = record or record_path()
    document = read_document(target)
    files = section(document, "files")
    old = files.pop(path_key(old_path), None)
    moved = section(document, "moved")
    moved[path_key(old_path)] = path_key(new_path)
    return _store(target, files, path_key(new_path), old, now, moved)


def moved_to(db_path: Path | str, *, record: Path | None = None) -> Path | None:
    """Where a file MentorDesk moved now is, when nothing is left at its old path: so that
    a start with the old ``--db`` opens the moved file instead of a new, empty one."""
    moved = section(read_document(record or record_path()), "moved")
    path, seen = Path(path_key(db_path)), set()
    while str(path) in moved and str(path) not in seen and not path.exists():
        seen.add(str(path))
        path = Path(str(moved[str(path)]))
    return path if seen and path.exists() else None


def _store(
    target: Path,
    files: dict[str, dict[str, Any]],
    key: str,
    old: object,
    now: datetime | None,
    moved: dict[str, Any] | None = None,
    **changes: Any,
) -> KnownDatabase:
    known = _from_entry(key, old) if isinstance(old, dict) else KnownDatabase(path=key)
    known = replace(known, **changes, last_opened=(now or datetime.now(UTC)).isoformat())
    entry = asdict(known)
    del entry["path"]
    files[key] = entry
    _save(target, files, moved)
    return known


def forget(db_path: Path | str, *, record: Path | None = None) -> None:
    target = record or record_path()
    files = _load(target)
    if files.pop(path_key(db_path), None) is not None:
        _save(target, files)
