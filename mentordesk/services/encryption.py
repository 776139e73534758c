"""Encryption at rest: where a database's key comes from, and turning encryption on or off.

A key is 256 random bits kept in the OS keyring (``keystore.py``), or, where no secure
keyring exists, derived from a passphrase typed at each start (scrypt; its salt and cost
are the file's own first 16 bytes, ``encryption_keys.py``). Either way the key itself,
written as a *recovery key*, is shown to the mentor once: it opens the file anywhere — a
copy, a restored backup, another computer — when the keyring loses the key or the
passphrase is forgotten. The record of known databases only says where the key lives.

Rules: the file says whether it is encrypted (its first bytes), the record only helps; a
file recorded as encrypted is never given a new key by opening it; a keyring that held the
key and now answers nothing is "key lost" (ask for the recovery key), never "first run";
nothing is written until the file is unlocked. Every rewrite (encrypt, decrypt, a new
passphrase, a new recovery key) goes through ``conversion.py``, which survives a kill.

No Qt here: the dialogs are ``ui/dialogs/unlock.py`` and ``ui/dialogs/recovery_key.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mentordesk.appdata import keystore, known_databases
from mentordesk.appdata.keystore import KeyringUnavailable
from mentordesk.domain.errors import ValidationError
from mentordesk.services import conversion
from mentordesk.services.encryption_keys import (
    KEY_BYTES,
    MIN_PASSPHRASE,
    check_passphrase,
    key_from_salt,
    legacy_salt,
    new_key,
    new_salt,
    parse_recovery_key,
    recovery_key_text,
    salt_kind,
    shaped_like_recovery_key,
)
from mentordesk.services.open_file import OpenDatabase
from mentordesk.store.cipher_keys import (
    file_salt,
    is_plain_sqlite,
    looks_encrypted,
    register_key,
)
from mentordesk.store.errors import StoreError

__all__ = [
    "KEY_BYTES",
    "MIN_PASSPHRASE",
    "check_passphrase",
    "new_key",
    "parse_recovery_key",
    "recovery_key_text",
]

#: Never a key, passphrase or recovery key: which file, and where its key lives.
log = logging.getLogger(__name__)

Need = Literal["passphrase", "recovery"]


class KeyNeeded(StoreError):
    """The file is encrypted and its key must be typed: a passphrase, or the recovery key."""

    exit_code = 3

    def __init__(self, path: Path, need: Need, message: str) -> None:
        super().__init__(path, message)
        self.need = need


@dataclass(frozen=True, slots=True)
class Enabled:
    """What turning encryption on (or a new key) gave: show ``recovery_key`` once."""

    recovery_key: str
    key_store: known_databases.KeyStore
    #: The keyring backend holding the key ("" with a passphrase).
    backend: str
    #: Backups that could not be rewritten (damaged ones): they stay as they were.
    skipped_backups: tuple[Path, ...] = ()
    #: Backups left with an earlier key (an earlier passphrase or recovery key opens them).
    old_key_backups: tuple[Path, ...] = ()


# -- opening ------------------------------------------------------------------------------


def _record(path: Path) -> known_databases.KnownDatabase | None:
    try:
        return known_databases.lookup(path)
    except OSError:
        return None


def is_encrypted(path: Path) -> bool:
    """The file says so: no SQLite header and ciphertext's shape, or (a file too damaged or
    short to tell) the record says it was encrypted. A plain file is plain whatever the
    record says."""
    if is_plain_sqlite(path):
        return False
    known = _record(path)
    return (known is not None and known.encrypted) or looks_encrypted(path)


def _unknown(path: Path) -> KeyNeeded:
    need: Need = "passphrase" if salt_kind(file_salt(path)) == "passphrase" else "recovery"
    return KeyNeeded(
        path,
        need,
        f"{path.name} is encrypted and this computer keeps no key for it — give its"
        " passphrase or recovery key.",
    )


def key_for_opening(path: Path) -> bytes | None:
    """The key to open ``path`` with: None for a plain file, the keyring's for an encrypted
    one; raises KeyNeeded when it must be typed (a passphrase, or the recovery key when the
    keyring lost it, or for a file this computer has no key for)."""
    if not is_encrypted(path):
        return None
    pending = _pending_key(path)
    if pending is not None:
        return pending
    known = _record(path)
    if known is None or not known.encrypted or known.key_store is None:
        raise _unknown(path)
    if known.key_store == "passphrase":
        raise KeyNeeded(
            path,
            "passphrase",
            f"{path.name} is encrypted with your passphrase: this computer has no secure"
            " keyring to keep its key in, so it is asked for at each start.",
        )
    try:
        key = keystore.load_key(path)
    except KeyringUnavailable as exc:
        raise KeyNeeded(
            path,
            "recovery",
            f"The keyring that holds the key of {path.name} cannot be read ({exc.message})."
            " Type the recovery key you saved when you turned encryption on.",
        ) from None
    if key is None:
        raise KeyNeeded(
            path,
            "recovery",
            f"The keyring no longer has the key of {path.name} (it was kept by"
            f" {known.key_backend or 'another keyring'}). Type the recovery key you saved"
            " when you turned encryption on; nothing is written until it opens.",
        )
    return key


def _pending_key(path: Path) -> bytes | None:
    try:
        return conversion.pending_keyring_key(path)
    except KeyringUnavailable:
        return None


def key_from_passphrase(path: Path, passphrase: str) -> bytes:
    """The key ``passphrase`` gives for ``path``: with the file's own salt, or for a file
    encrypted before the salt moved into the file, with the salt its record holds."""
    salt = file_salt(path)
    kind = salt_kind(salt)
    if kind == "passphrase" and salt is not None:
        return key_from_salt(passphrase, salt)
    known = _record(path)
    if known is not None and known.salt:
        return key_from_salt(passphrase, legacy_salt(known.salt))
    if kind == "keyring" or salt is None:
        raise ValidationError(
            "passphrase",
            f"{path.name} has no passphrase: its key was kept in a keyring — use the recovery key.",
        )
    # A file given its record's salt before salts named their cost (see _migrate).
    return key_from_salt(passphrase, salt)


def looks_like_recovery_key(text: str) -> bool:
    try:
        parse_recovery_key(text)
    except ValidationError:
        return shaped_like_recovery_key(text)
    return True


def key_from_typed(path: Path, text: str) -> bytes:
    """A passphrase or a recovery key, whichever ``text`` is (for --passphrase-file). Text
    shaped like a recovery key whose check digits fail is a mistyped recovery key (the
    ValidationError says so), not a passphrase."""
    try:
        return parse_recovery_key(text)
    except ValidationError:
        if shaped_like_recovery_key(text):
            raise
    return key_from_passphrase(path, text)


def unlocked_with_recovery_key(path: Path, key: bytes) -> str:
    """After the recovery key opened the file: keep the key in the keyring again when the
    file's key lives there; returns what to tell the mentor."""
    known = _record(path)
    # A keyring file new to this computer (a copy, a restored backup): kept here from now on.
    adopt = (known is None or known.key_store is None) and salt_kind(file_salt(path)) == "keyring"
    if not adopt and (known is None or known.key_store != "keyring"):
        return "Opened with the recovery key."
    try:
        backend = keystore.store_key(path, key)
    except KeyringUnavailable as exc:
        return f"Opened with the recovery key; the keyring could not keep it ({exc.message})."
    known_databases.remember(path, encrypted=True, key_store="keyring", key_backend=backend.name)
    return "Opened with the recovery key; the keyring holds the key again."


def unlock_copy(copy: Path, key: bytes) -> None:
    """Lets this process open ``copy`` (a backup) with ``key``; a file created with the key
    afterwards carries the copy's salt, so its passphrase opens that file too."""
    register_key(copy, key, file_salt(copy))


def adopt(ws: OpenDatabase) -> None:
    """A file just created encrypted with another file's key (a backup restored on a new
    computer): recorded as opening with its passphrase, or with the keyring when the salt
    says its key was kept in one and this keyring can keep it (else the recovery key)."""
    key = ws.db.key
    if key is None:
        return
    if salt_kind(file_salt(ws.path)) == "passphrase":
        known_databases.remember(ws.path, encrypted=True, key_store="passphrase")
        return
    try:
        backend = keystore.store_key(ws.path, key).name
    except KeyringUnavailable:
        known_databases.remember(ws.path, encrypted=True, key_store=None)
        return
    known_databases.remember(ws.path, encrypted=True, key_store="keyring", key_backend=backend)


def after_opening(ws: OpenDatabase) -> str:
    """Run once a file is open (CLI and window): finishes or rolls back an interrupted
    conversion, records a file opened at a new path with its passphrase, and moves a
    passphrase's salt from the record into a file encrypted before it lived there. What
    to tell the mentor, "" for nothing."""
    path = ws.path
    message = conversion.resume(path, ws.db.key)
    if ws.db.key is None or conversion.read_journal(path) is not None:
        return message
    known = _record(path)
    kind = salt_kind(file_salt(path))
    legacy = known is not None and known.salt and known.key_store == "passphrase"
    if legacy and known is not None and known.salt and kind != "passphrase":
        return " ".join(filter(None, [message, _migrate(ws, known.salt)]))
    if (known is None or not known.encrypted) and kind == "passphrase":
        known_databases.remember(path, encrypted=True, key_store="passphrase", key_backend=None)
    return message


def _migrate(ws: OpenDatabase, kdf: str) -> str:
    """A file encrypted with a passphrase before its salt moved into the file: rewritten
    with the same key, carrying the record's salt (its passphrase and recovery key stay)."""
    try:
        salt = legacy_salt(kdf)
        conversion.convert(ws, "migrate", conversion.Target(ws.db.key, salt, "passphrase"))
    except (ValidationError, StoreError, OSError) as exc:
        log.warning("salt of %s not moved into the file: %s", ws.path.name, exc)
        return ""
    return f"{ws.path.name} now carries its passphrase's salt: it opens on any computer."


# -- turning it on and off, new keys --------------------------------------------------------


def secure_keyring() -> keystore.Backend:
    return keystore.current_backend()


def _target(passphrase: str | None) -> conversion.Target:
    """A new key: from ``passphrase`` with a new file salt, or random for the keyring
    (which must be secure: KeyringUnavailable says why not)."""
    if passphrase is not None:
        check_passphrase(passphrase)
        salt = new_salt(passphrase=True)
        return conversion.Target(key_from_salt(passphrase, salt), salt, "passphrase")
    backend = keystore.current_backend()
    if not backend.secure:
        raise KeyringUnavailable(backend.name, f"Cannot keep the key safely: {backend.reason}.")
    return conversion.Target(new_key(), new_salt(passphrase=False), "keyring", backend.name)


#: Called with the new recovery key before the file is rewritten with it.
ShowKey = Callable[[str], None]


def _shown(target: conversion.Target, show: ShowKey | None) -> Callable[[], None] | None:
    key = target.key
    if show is None or key is None:
        return None
    return lambda: show(recovery_key_text(key))


def _enabled(target: conversion.Target, done: conversion.Finished) -> Enabled:
    assert target.key is not None and target.key_store is not None
    return Enabled(
        recovery_key_text(target.key), target.key_store, target.backend or "",
        done.skipped_backups, done.old_key_backups,
    )  # fmt: skip


def enable(
    ws: OpenDatabase, *, passphrase: str | None = None, show: ShowKey | None = None
) -> Enabled:
    """Encrypts the open workspace's file (and its backups) in place. With ``passphrase``
    the key is derived from it; otherwise a random key goes to the keyring, which must be
    secure (KeyringUnavailable says why not: ask for a passphrase then)."""
    if ws.db.key is not None:
        raise ValidationError("encryption", f"{ws.path.name} is already encrypted.")
    target = _target(passphrase)
    done = conversion.convert(ws, "encrypt", target, before_switch=_shown(target, show))
    where = target.backend or target.key_store
    log.info("encryption turned on for %s (key from %s); %d backups skipped",
             ws.path.name, where, len(done.skipped_backups))  # fmt: skip
    return _enabled(target, done)


def disable(ws: OpenDatabase) -> tuple[Path, ...]:
    """Decrypts the open workspace's file and its backups; forgets the key. Returns the
    backups that could not be rewritten."""
    if ws.db.key is None:
        raise ValidationError("encryption", f"{ws.path.name} is not encrypted.")
    done = conversion.convert(ws, "decrypt", conversion.Target(None, None, None))
    log.info("encryption turned off for %s; %d backups skipped",
             ws.path.name, len(done.skipped_backups))  # fmt: skip
    return done.skipped_backups


def key_store_of(ws: OpenDatabase) -> known_databases.KeyStore | None:
    """Where the open file's key lives; None for a plain file or one this computer only
    opened with its recovery key."""
    if ws.db.key is None:
        return None
    known = _record(ws.path)
    return known.key_store if known is not None and known.encrypted else None


def change_passphrase(ws: OpenDatabase, passphrase: str, *, show: ShowKey | None = None) -> Enabled:
    """A new passphrase (and so a new key and recovery key) for an encrypted file; the old
    passphrase and recovery key open it until the new ones are on disk."""
    if ws.db.key is None:
        raise ValidationError("encryption", f"{ws.path.name} is not encrypted — encrypt it.")
    target = _target(passphrase)
    done = conversion.convert(ws, "change-passphrase", target, before_switch=_shown(target, show))
    log.info("passphrase of %s changed", ws.path.name)
    return _enabled(target, done)


def new_recovery_key(
    ws: OpenDatabase, *, passphrase: str | None = None, show: ShowKey | None = None
) -> Enabled:
    """A new key, so a new recovery key, for an encrypted file: random and kept in the
    keyring when that is where its key lives, otherwise from ``passphrase`` (which must
    be the file's passphrase) with a new salt."""
    store = key_store_of(ws)
    if ws.db.key is None:
        raise ValidationError("encryption", f"{ws.path.name} is not encrypted — encrypt it.")
    if store != "keyring":
        if passphrase is None:
            raise ValidationError("passphrase", "Give the passphrase: the new key is made from it.")
        if key_from_passphrase(ws.path, passphrase) != ws.db.key:
            raise ValidationError(
                "passphrase", f"That is not the passphrase of {ws.path.name} — check it."
            )
    target = _target(passphrase if store != "keyring" else None)
    done = conversion.convert(ws, "new-recovery-key", target, before_switch=_shown(target, show))
    log.info("new recovery key for %s", ws.path.name)
    return _enabled(target, done)
