"""Key material of an encrypted database: the file's own salt, passphrases, recovery keys.

An encrypted file carries what it needs to be opened, wherever it is copied: SQLCipher,
given a raw key with an explicit salt (``x'<key><salt>'``), writes that salt as the file's
first 16 bytes (checked on the SQLCipher build the project uses). The salt is made here:

- ``P`` then scrypt's cost (log2 N, r, p) then 12 random bytes: the key is
  ``scrypt(passphrase, salt)``, so the passphrase opens the file from the file alone;
- ``K`` then three zero bytes then 12 random bytes: the key is random and kept in the keyring.

Either way the key itself, as a *recovery key* (base32 in groups of four with a check
group), opens the file anywhere. Files encrypted before the salt moved into the file have
a salt SQLCipher chose; their passphrase's scrypt salt lives in the record of known
databases (``legacy_kdf``) until the file is rewritten with it (``encryption.py``).
No Qt, no SQL.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from mentordesk.domain.errors import ValidationError

KEY_BYTES = 32
SALT_BYTES = 16
_CHECK_BYTES = 3
MIN_PASSPHRASE = 10
#: scrypt's cost as log2(N), r and p: 64 MiB and about a third of a second here.
SCRYPT = (16, 8, 1)
PASSPHRASE_SALT = b"P"
KEYRING_SALT = b"K"
#: Costs a salt may ask for: a file cannot make us allocate gigabytes.
_LOG_N, _R, _P = range(14, 21), range(1, 17), range(1, 5)


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_salt(passphrase: bool) -> bytes:
    """A fresh file salt: with today's scrypt cost for a passphrase, marked keyring-only
    otherwise."""
    head = PASSPHRASE_SALT + bytes(SCRYPT) if passphrase else KEYRING_SALT + bytes(3)
    return head + secrets.token_bytes(SALT_BYTES - len(head))


def salt_kind(salt: bytes | None) -> str:
    """ "passphrase", "keyring" or "unknown" (a salt SQLCipher chose, or no salt)."""
    if salt is None or len(salt) != SALT_BYTES:
        return "unknown"
    if salt[:1] == PASSPHRASE_SALT and _cost(salt) is not None:
        return "passphrase"
    if salt[:4] == KEYRING_SALT + bytes(3):
        return "keyring"
    return "unknown"


def _cost(salt: bytes) -> tuple[int, int, int] | None:
    log_n, r, p = salt[1], salt[2], salt[3]
    if log_n in _LOG_N and r in _R and p in _P:
        return log_n, r, p
    return None


def _scrypt(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    n = 1 << log_n
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r + (1 << 20),
        dklen=KEY_BYTES,
    )


def key_from_salt(passphrase: str, salt: bytes) -> bytes:
    """The key a passphrase gives with a file's own salt (and the cost the salt names; a
    salt that names none was a record's, made with the cost of its time)."""
    cost = _cost(salt) if salt[:1] == PASSPHRASE_SALT else None
    return _scrypt(passphrase, salt, *(cost or SCRYPT))


def legacy_salt(kdf: str) -> bytes:
    """The scrypt salt of a record written before the salt moved into the file
    (``scrypt:16:8:1:<hex>``); its cost was always ``SCRYPT``."""
    try:
        name, log_n, r, p, salt = kdf.split(":")
        raw = bytes.fromhex(salt)
        if name != "scrypt" or (int(log_n), int(r), int(p)) != SCRYPT or len(raw) != SALT_BYTES:
            raise ValueError(name)
    except ValueError:
        raise ValidationError(
            "salt", "The record of this database's passphrase is damaged — use the recovery key."
        ) from None
    return raw


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            "passphrase",
            f"Use at least {MIN_PASSPHRASE} characters — a few words are easiest to remember.",
        )


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


def shaped_like_recovery_key(text: str) -> bool:
    groups = text.replace("-", " ").split()
    return len(groups) == 14 and all(len(g) == 4 and g.isalnum() for g in groups)
