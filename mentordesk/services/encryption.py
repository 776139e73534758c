"""Encryption at rest: where a database's key comes from, and turning encryption on or off.

A key is 256 random bits kept in the OS keyring (``keystore.py``), or, where no secure
keyring exists, derived from a passphrase typed at each start (scrypt from hashlib; its
salt and cost live in the record of known databases, never the key). Either way the key
itself, written as a *recovery key* (base32 in groups of four, with a check group), is
shown to the mentor once: it opens the file when the keyring loses the key or the
passphrase is forgotten.

Rules: a file recorded as encrypted is never given a new key by opening it; a keyring that
held the key and now answers nothing is "key lost" (ask for the recovery key), never "first
run"; nothing is written until the file is unlocked. Turning encryption on or off takes a
backup first, rewrites the file with ``sqlcipher_export`` (``store/encryption.py``) and
rewrites its backups the same way, so no plain copy of the notes is left behind.

No Qt here: the dialogs are ``ui/dialogs/unlock.py`` and ``ui/dialogs/recovery_key.py``.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mentordesk.appdata import keystore, known_databases
from mentordesk.appdata.keystore import KeyringUnavailable
from mentordesk.domain.errors import ValidationError
from mentordesk.services.open_file import OpenDatabase
from mentordesk.store.errors import StoreError

#: Never a key, passphrase or recovery key: which file, and where its key lives.
log = logging.getLogger(__name__)

KEY_BYTES = 32
_CHECK_BYTES = 3
MIN_PASSPHRASE = 10
#: scrypt's cost as log2(N), r and p: 64 MiB and about a third of a second here.
_SCRYPT = (16, 8, 1)

Need = Literal["passphrase", "recovery"]


class KeyNeeded(StoreError):
    """The file is encrypted and its key must be typed: a passphrase, or the recovery key."""

    exit_code = 3

    def __init__(self, path: Path, need: Need, message: str) -> None:
        super().__init__(path, message)
        self.need = need


@dataclass(frozen=True, slots=True)
class Enabled:
    """What turning encryption on gave: show ``recovery_key`` once."""

    recovery_key: str
    key_store: known_databases.KeyStore
    #: The keyring backend holding the key ("" with a passphrase).
    backend: str
    #: Backups that could not be rewritten (damaged ones): they stay as they were.
    skipped_backups: tuple[Path, ...] = ()


# -- keys, recovery keys and passphrases --------------------------------------------------


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _check(key: bytes) -> bytes:
    return hashlib.sha256(b"MentorDesk recovery key" + key).digest()[:_CHECK_BYTES]


def recovery_key_text(key: bytes) -> str:
    """The key as 14 groups of four letters and digits, e.g. ``K3VQ-...``, the last ones
    holding a check so a typo is caught before a wrong key is tried."""
    text = base64.b32encode(key + _check(key)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The key from a typed recovery key (case, spaces and dashes do not matter)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Base32 has no 0, 1 or 8: read them as the letters they are mistaken for.
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raw = b""
    if len(raw) != KEY_BYTES + _CHECK_BYTES:
        raise ValidationError(
            "recovery key",
            "A recovery key is 14 groups of four letters and digits — check that it is complete.",
        )
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if not secrets.compare_digest(check, _check(key)):
        raise ValidationError(
            "recovery key", "That recovery key has a typo — compare each group of four."
        )
    return key


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            "passphrase",
            f"Use at least {MIN_PASSPHRASE} characters — a few words are easiest to remember.",
        )


def new_kdf() -> str:
    """A fresh salt with today's cost, as stored in the record: ``scrypt:16:8:1:<hex>``."""
    log_n, r, p = _SCRYPT
    return f"scrypt:{log_n}:{r}:{p}:{secrets.token_hex(16)}"


def derive_key(passphrase: str, kdf: str) -> bytes:
    """The key a passphrase gives with the stored salt and cost."""
    try:
        name, log_n, r, p, salt = kdf.split(":")
        if name != "scrypt":
            raise ValueError(name)
        n, r_, p_ = 1 << int(log_n), int(r), int(p)
        salt_bytes = bytes.fromhex(salt)
    except ValueError:
        raise ValidationError(
            "salt", "The record of this database's passphrase is damaged — use the recovery key."
        ) from None
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt_bytes,
        n=n,
        r=r_,
        p=p_,
        maxmem=256 * n * r_ + (1 << 20),
        dklen=KEY_BYTES,
    )


# -- opening ------------------------------------------------------------------------------


def _record(path: Path) -> known_databases.KnownDatabase | None:
    try:
        return known_databases.lookup(path)
    except OSError:
        return None


def is_encrypted(path: Path) -> bool:
    known = _record(path)
    return known is not None and known.encrypted


def key_for_opening(path: Path) -> bytes | None:
    """The key to open ``path`` with: None for a plain file, the keyring's for an encrypted
    one; raises KeyNeeded when it must be typed (a passphrase, or the recovery key when the
    keyring lost it)."""
    known = _record(path)
    if known is None or not known.encrypted:
        return None
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


def key_from_passphrase(path: Path, passphrase: str) -> bytes:
    known = _record(path)
    if known is None or not known.salt:
        raise ValidationError(
            "passphrase",
            f"{path.name} has no passphrase recorded on this computer — use the recovery key.",
        )
    return derive_key(passphrase, known.salt)


def key_from_typed(path: Path, text: str) -> bytes:
    """A passphrase or a recovery key, whichever ``text`` is (for --passphrase-file). Text
    shaped like a recovery key whose check digits fail is a mistyped recovery key (the
    ValidationError says so), not a passphrase."""
    try:
        return parse_recovery_key(text)
    except ValidationError:
        if _shaped_like_recovery_key(text):
            raise
    return key_from_passphrase(path, text)


def _shaped_like_recovery_key(text: str) -> bool:
    groups = text.replace("-", " ").split()
    return len(groups) == 14 and all(len(g) == 4 and g.isalnum() for g in groups)


def unlocked_with_recovery_key(path: Path, key: bytes) -> str:
    """After the recovery key opened the file: keep the key in the keyring again when the
    file's key lives there; returns what to tell the mentor."""
    known = _record(path)
    if known is None or known.key_store != "keyring":
        return "Opened with the recovery key."
    try:
        backend = keystore.store_key(path, key)
    except KeyringUnavailable as exc:
        return f"Opened with the recovery key; the keyring could not keep it ({exc.message})."
    known_databases.remember(path, key_backend=backend.name)
    return "Opened with the recovery key; the keyring holds the key again."


# -- turning it on and off ------------------------------------------------------------------


def secure_keyring() -> keystore.Backend:
    return keystore.current_backend()


def enable(ws: OpenDatabase, *, passphrase: str | None = None) -> Enabled:
    """Encrypts the open workspace's file (and its backups) in place. With ``passphrase``
    the key is derived from it; otherwise a random key goes to the keyring, which must be
    secure (KeyringUnavailable says why not: ask for a passphrase then)."""
    path = ws.path
    if ws.db.key is not None:
        raise ValidationError("encryption", f"{path.name} is already encrypted.")
    kdf: str | None = None
    if passphrase is not None:
        check_passphrase(passphrase)
        kdf = new_kdf()
        key = derive_key(passphrase, kdf)
        store: known_databases.KeyStore = "passphrase"
        backend = ""
    else:
        key = new_key()
        store = "keyring"
        backend = keystore.store_key(path, key).name
    try:
        skipped = _rewrite(ws, key)
    except BaseException:
        if store == "keyring":
            keystore.delete_key(path)
        raise
    known_databases.remember(
        path, encrypted=True, key_store=store, key_backend=backend or None, salt=kdf
    )
    log.info("encryption turned on for %s (key from %s); %d backups skipped",
             path.name, backend or store, len(skipped))  # fmt: skip
    return Enabled(recovery_key_text(key), store, backend, skipped)


def disable(ws: OpenDatabase) -> tuple[Path, ...]:
    """Decrypts the open workspace's file and its backups; forgets the key. Returns the
    backups that could not be rewritten."""
    if ws.db.key is None:
        raise ValidationError("encryption", f"{ws.path.name} is not encrypted.")
    skipped = _rewrite(ws, None)
    keystore.delete_key(ws.path)
    known_databases.remember(ws.path, encrypted=False, key_store=None, key_backend=None, salt=None)
    log.info("encryption turned off for %s; %d backups skipped", ws.path.name, len(skipped))
    return skipped


def _rewrite(ws: OpenDatabase, new_key: bytes | None) -> tuple[Path, ...]:
    """A backup first, then the file and every backup of it rewritten with ``new_key``."""
    from mentordesk.services.backups import backup_through, default_folder
    from mentordesk.store.backup import list_backups
    from mentordesk.store.encryption import convert_closed

    old_key = ws.db.key
    backup_through(ws.db)
    path = ws.path

    def rewrite() -> bytes | None:
        convert_closed(path, old_key, new_key)
        return new_key

    ws.db.rewrite_closed(rewrite)
    folder = default_folder(path)
    # Copies kept of a damaged state cannot be rewritten: they are named, not hidden.
    skipped = sorted(folder.glob(f"{path.stem}-*.damaged.db")) if folder.is_dir() else []
    for backup in list_backups(folder, path.stem):
        try:
            convert_closed(backup.path, old_key, new_key)
        except StoreError:
            skipped.append(backup.path)
    return tuple(skipped)
