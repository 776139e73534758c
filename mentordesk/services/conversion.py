"""Converting a database between plain and encrypted, or to a new key, so that a kill at
any instant leaves one complete, openable copy and what is needed to open it.

The steps, each a named crash point (``fault_points.reach("<op>.<step>")``):

1. ``journal_written``: ``NAME.encryption-journal`` beside the file says what is converted
   into what (the salts, where the keys live; never a key), synced;
2. ``key_stored``: a new keyring key is kept in the keyring's *pending* slot (a
   passphrase's key needs nothing kept: its salt will be the new file's first bytes);
3. ``backed_up``: a checked backup of the file as it is; MentorDesk's own half-written
   copies (killed backups) are deleted;
4. ``copy_checked``: the converted copy is written, checked and synced
   (``store/encryption.py``), then renamed over the file: ``switched``;
5. ``recorded``: the record of known databases says what the file now is;
6. ``backup`` (once per backup): the backups are converted, one checked rename each;
7. ``keys_settled``: the new keyring key moves to the main slot, an old one is forgotten;
8. ``done``: the journal is deleted.

The next start (``resume``, from the CLI and the window) reads the journal: when the file
is not yet switched (its first bytes are not the new salt, or not plain for decrypt) the
conversion is rolled back; otherwise steps 5-8 are finished. Either way it says which.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from mentordesk.appdata import keystore, known_databases
from mentordesk.appdata.paths import write_private_file
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.fault_points import reach
from mentordesk.services.open_file import OpenDatabase
from mentordesk.store.cipher_keys import file_salt, is_plain_sqlite
from mentordesk.store.errors import StoreError

log = logging.getLogger(__name__)

Op = Literal["encrypt", "decrypt", "change-passphrase", "new-recovery-key", "migrate"]
JOURNAL_SUFFIX = ".encryption-journal"

_DONE = {
    "encrypt": "encrypted",
    "decrypt": "decrypted",
    "change-passphrase": "given its new passphrase",
    "new-recovery-key": "given its new recovery key",
    "migrate": "made to carry its passphrase's salt",
}


@dataclass(frozen=True, slots=True)
class Target:
    """What the file becomes: plain (``key`` None), or keyed with ``key`` and ``salt``."""

    key: bytes | None
    salt: bytes | None
    key_store: known_databases.KeyStore | None
    backend: str | None = None


@dataclass(frozen=True, slots=True)
class Finished:
    #: Backups that could not be converted (damaged ones): they stay as they were.
    skipped_backups: tuple[Path, ...] = ()
    #: Backups left with an earlier key: it was not at hand (a resumed conversion), or they
    #: were left so by one. They open with the passphrase or recovery key of their time.
    old_key_backups: tuple[Path, ...] = ()


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def read_journal(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(journal_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        # Unreadable: its conversion cannot be told apart; the file itself still opens
        # with what its first bytes say, so it is treated as not switched.
        return {"op": "encrypt", "to_salt": "?", "to_store": None}
    return data if isinstance(data, dict) else None


def _write_journal(path: Path, data: dict[str, Any]) -> None:
    write_private_file(journal_path(path), json.dumps(data, indent=1).encode("utf-8"))


def refuse_links(path: Path) -> None:
    """A file with several hard links cannot be converted by a rename: the other names
    would keep the old, plain content."""
    try:
        links = path.stat().st_nlink
    except OSError:
        return
    if links > 1:
        raise ValidationError(
            "database",
            f"{path.name} has {links} hard links (other names for the same file): converting"
            " it would leave the other names with the old, unencrypted content. Remove the"
            " other links, or copy the file to a name of its own, and try again.",
        )


def convert(
    ws: OpenDatabase, op: Op, target: Target, *, before_switch: Callable[[], None] | None = None
) -> Finished:
    """Converts the open workspace's file, then its backups, into ``target``.
    ``before_switch`` runs once the new key is kept and before the file is rewritten (the
    command line prints the recovery key then, so a kill never leaves a file encrypted
    with a key the mentor never saw)."""
    from mentordesk.services.backups import backup_through
    from mentordesk.services.plaintext import remove_own_leftovers
    from mentordesk.store.encryption import convert_closed

    path = ws.path
    refuse_links(path)
    if journal_path(path).exists():
        raise ValidationError(
            "encryption",
            f"An earlier conversion of {path.name} is unfinished — open it again to finish it.",
        )
    old_key = ws.db.key
    known = known_databases.lookup(path)
    old_salt = file_salt(path) if old_key is not None else None
    journal = {
        "version": 1,
        "op": op,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "from_salt": old_salt.hex() if old_salt else None,
        "from_store": known.key_store if known and old_key is not None else None,
        "to_salt": target.salt.hex() if target.salt else None,
        "to_store": target.key_store,
        "to_backend": target.backend,
    }
    _write_journal(path, journal)
    reach(f"{op}.journal_written")

    def rewrite() -> bytes | None:
        convert_closed(path, old_key, target.key, target.salt, point=op)
        return target.key

    try:
        if target.key_store == "keyring" and target.key is not None:
            keystore.store_key(path, target.key, keystore.PENDING)
        reach(f"{op}.key_stored")
        backup_through(ws.db)
        remove_own_leftovers(path)
        reach(f"{op}.backed_up")
        if before_switch is not None:
            before_switch()
        ws.db.rewrite_closed(rewrite)
    except BaseException:
        # Only what no file was ever switched to is undone: never a key a file needs.
        if not switched(path, journal):
            _roll_back(path, journal)
        raise
    reach(f"{op}.switched")
    return _finish(path, journal, old_key, target.key)


def switched(path: Path, journal: dict[str, Any]) -> bool:
    """Whether the file already is what the journal converts it into."""
    if journal.get("to_salt") is None:
        return is_plain_sqlite(path)
    salt = file_salt(path)
    return salt is not None and salt.hex() == journal.get("to_salt")


def _finish(
    path: Path, journal: dict[str, Any], old_key: bytes | None, new_key: bytes | None
) -> Finished:
    from mentordesk.services.backups import default_folder
    from mentordesk.store.backup import list_backups
    from mentordesk.store.encryption import convert_closed, converting_path, key_opens

    op = str(journal.get("op"))
    store = journal.get("to_store")
    known_databases.remember(
        path,
        encrypted=new_key is not None,
        key_store=store if new_key is not None else None,
        key_backend=journal.get("to_backend") if store == "keyring" else None,
        salt=None,  # the file carries it
    )
    reach(f"{op}.recorded")
    new_salt = bytes.fromhex(journal["to_salt"]) if journal.get("to_salt") else None
    folder = default_folder(path)
    # Copies kept of a damaged state cannot be rewritten: they are named, not hidden.
    skipped = sorted(folder.glob(f"{path.stem}-*.damaged.db")) if folder.is_dir() else []
    old_missing: list[Path] = []
    from_encrypted = journal.get("from_salt") is not None or journal.get("from_store")
    for backup in list_backups(folder, path.stem):
        converting_path(backup.path).unlink(missing_ok=True)  # a killed conversion's
        if switched(backup.path, journal):  # already in the new state
            continue
        source_key = old_key if file_salt(backup.path) is not None else None
        if source_key is None and from_encrypted and file_salt(backup.path) is not None:
            old_missing.append(backup.path)
            continue
        if source_key is not None and not key_opens(backup.path, source_key):
            old_missing.append(backup.path)  # left with an earlier key: not damage
            continue
        try:
            convert_closed(backup.path, source_key, new_key, new_salt)
        except StoreError:
            skipped.append(backup.path)
        reach(f"{op}.backup")
    _settle_keys(path, journal, new_key)
    reach(f"{op}.keys_settled")
    journal_path(path).unlink(missing_ok=True)
    reach(f"{op}.done")
    log.info("%s of %s finished; %d backups skipped, %d left with the old key",
             op, path.name, len(skipped), len(old_missing))  # fmt: skip
    return Finished(tuple(skipped), tuple(old_missing))


def _settle_keys(path: Path, journal: dict[str, Any], new_key: bytes | None) -> None:
    if journal.get("to_store") == "keyring" and new_key is not None:
        keystore.store_key(path, new_key)
        keystore.delete_key(path, keystore.PENDING)
    elif journal.get("from_store") == "keyring":
        keystore.delete_key(path)


def _roll_back(path: Path, journal: dict[str, Any]) -> None:
    from mentordesk.store.encryption import converting_path

    converting_path(path).unlink(missing_ok=True)
    Path(f"{converting_path(path)}-journal").unlink(missing_ok=True)
    if journal.get("to_store") == "keyring":
        keystore.delete_key(path, keystore.PENDING)  # no file was ever keyed with it
    journal_path(path).unlink(missing_ok=True)


def pending_keyring_key(path: Path) -> bytes | None:
    """The key to open a file whose conversion to a keyring key was switched before the
    key reached its main slot (None otherwise)."""
    journal = read_journal(path)
    if journal is None or journal.get("to_store") != "keyring" or not switched(path, journal):
        return None
    return keystore.load_key(path, keystore.PENDING) or keystore.load_key(path)


def resume(path: Path, key: bytes | None) -> str:
    """Finishes or rolls back an interrupted conversion of ``path`` (opened with ``key``,
    None when plain); what to tell the mentor, "" when there was none."""

    journal = read_journal(path)
    if journal is None:
        return ""
    op = str(journal.get("op", "encrypt"))
    if not switched(path, journal):
        _roll_back(path, journal)
        log.info("interrupted %s of %s rolled back", op, path.name)
        return (
            f"The {op} of {path.name} was interrupted before the file was switched; it was"
            " rolled back: the file is as it was before."
        )
    old_key = None
    if journal.get("from_store") == "keyring":
        old_key = keystore.load_key(path)
        if old_key == key:  # already moved on: every backup was converted
            old_key = None
    finished = _finish(path, journal, old_key, key)
    message = f"The interrupted {op} of {path.name} was finished: the file was {_DONE[op]}."
    if op in ("encrypt", "change-passphrase", "new-recovery-key"):
        message += (
            " If you did not see its new recovery key, make one now"
            " (Preferences ▸ New Recovery Key…, or 'mentordesk new-recovery-key')."
        )
    if finished.old_key_backups:
        names = ", ".join(p.name for p in finished.old_key_backups)
        message += (
            f" These backups still open only with the passphrase or recovery key the file"
            f" had before: {names}."
        )
    if finished.skipped_backups:
        names = ", ".join(p.name for p in finished.skipped_backups)
        message += f" Damaged backups could not be converted: {names}."
    return message
