"""Converting a live database between plain and encrypted (or to another key), no Qt.

SQLCipher's ``sqlcipher_export`` copies every table, index, trigger and virtual table into
an attached database keyed as wanted; it does not copy the header fields, so
``application_id`` and ``user_version`` are set on the copy here. The copy is written
beside the file under a ``.converting`` name, checked (``integrity_check`` and the row
count of every table the schema has), and only then renamed over the live file, while the
caller's writer lock is held and no connection of this process is open. On any failure
the live file is untouched and the copy is deleted.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from mentordesk.domain import fault_points
from mentordesk.store.backup import fsync_path
from mentordesk.store.cipher_keys import forget_key, key_literal, register_key
from mentordesk.store.connection import _raw_connect, connect_copy
from mentordesk.store.errors import StoreError, database_errors

_SUFFIX = ".converting"


class ConversionFailed(StoreError):
    """The file could not be converted; it was left as it was."""


def _cipher_connect(path: Path, key: bytes | None) -> Any:
    """``sqlcipher_export`` exists only on a sqlcipher3 connection, also for a plain file."""
    if key is not None:
        return _raw_connect(path, key)
    import sqlcipher3

    return sqlcipher3.connect(str(path), isolation_level=None)


def converting_path(path: Path) -> Path:
    """Where the converted copy of ``path`` is written before it is renamed over it."""
    return path.with_name(path.name + _SUFFIX)


def key_opens(path: Path, key: bytes | None) -> bool:
    """Whether ``key`` (None: no key) reads ``path``: a backup left with an earlier key is
    told apart from a damaged one."""
    try:
        conn = _cipher_connect(path, key)
    except database_errors():
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except database_errors():
        return False
    finally:
        conn.close()
    return True


def table_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    """Rows per table (virtual tables included, their shadow tables too)."""
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    # Names come from the schema itself, never from input.
    return {
        n: int(conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0]) for n in names
    }


def _export(path: Path, target: Path, old_key: bytes | None, new_literal: str) -> None:
    source = _cipher_connect(path, old_key)
    try:
        header = source.execute("PRAGMA application_id").fetchone()[0]
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), new_literal))
        try:
            source.execute("SELECT sqlcipher_export('converted')")
            source.execute(f"PRAGMA converted.application_id = {int(header)}")
            source.execute(f"PRAGMA converted.user_version = {int(version)}")
        finally:
            source.execute("DETACH DATABASE converted")
    finally:
        source.close()


def _verify(target: Path, new_key: bytes | None, expected: dict[str, int]) -> None:
    check = connect_copy(target, key=new_key)
    try:
        rows = [str(r[0]) for r in check.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise ConversionFailed(target, f"the converted copy failed its check ({rows[0]})")
        got = table_counts(check)
        if got != expected:
            lost = sorted(t for t in expected if got.get(t) != expected[t])
            raise ConversionFailed(
                target, f"the converted copy differs in {', '.join(lost) or 'its tables'}"
            )
    finally:
        check.close()


def convert_closed(
    path: Path,
    old_key: bytes | None,
    new_key: bytes | None,
    new_salt: bytes | None = None,
    *,
    point: str = "",
) -> None:
    """Rewrites ``path`` keyed with ``new_key`` (None: plain), carrying ``new_salt`` as its
    first 16 bytes when given. The caller holds the writer lock and has closed its
    connection (after a ``wal_checkpoint(TRUNCATE)``). ``point`` names the crash point
    reached once the copy is checked and on disk, before the rename (tests)."""
    path = Path(path)
    target = converting_path(path)
    for stale in (target, Path(f"{target}-journal")):
        stale.unlink(missing_ok=True)
    try:
        counter = _cipher_connect(path, old_key)
        try:
            expected = table_counts(counter)
        finally:
            counter.close()
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        literal = "" if new_key is None else key_literal(new_key, new_salt)
        _export(path, target, old_key, literal)
        _verify(target, new_key, expected)
        fsync_path(target)
        if point:
            fault_points.reach(f"{point}.copy_checked")
        # The old file's -wal/-shm must never be read beside the new content.
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
        os.replace(target, path)
        if os.name == "posix":  # the rename itself survives a power cut
            fsync_path(path.parent)
    except database_errors() as exc:
        target.unlink(missing_ok=True)
        raise ConversionFailed(
            path, f"Could not convert {path.name}: {exc}. It was left as it was."
        ) from None
    except ConversionFailed as exc:
        target.unlink(missing_ok=True)
        raise ConversionFailed(
            path, f"Could not convert {path.name}: {exc.message}. It was left as it was."
        ) from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(f"{target}-journal").unlink()
    if new_key is None:
        forget_key(path)
    else:
        register_key(path, new_key, new_salt)
