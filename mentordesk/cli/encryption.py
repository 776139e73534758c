"""The command line's side of encryption: unlocking a file for any command, and the
``encrypt`` / ``decrypt`` commands.

A passphrase (or recovery key) is only ever read from a file (``--passphrase-file``), never
from the command line, where other users could see it in the process list. A file that
cannot be unlocked exits 3, like a locked one.
"""

from __future__ import annotations

import argparse
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from mentordesk.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CommandFailed,
    database_path,
    exit_on_error,
    refuse_if_damaged,
)
from mentordesk.domain.errors import ValidationError
from mentordesk.services import Workspace, conversion, encryption
from mentordesk.services.errors import KeyRejected, StoreError


class PassphraseFileError(StoreError):
    """The passphrase file cannot be read, or what it holds does not unlock the file."""

    exit_code = 3


MAX_PASSPHRASE_FILE = 4096


def read_passphrase_file(name: str) -> str:
    path = Path(name).expanduser()
    try:
        info = path.stat()
        with path.open("rb") as handle:
            # A bounded read: a 300 MB file took 41 s and 2.9 GB to be refused as a key.
            raw = handle.read(MAX_PASSPHRASE_FILE + 1)
        if len(raw) > MAX_PASSPHRASE_FILE:
            raise CommandFailed(
                f"{path} is over {MAX_PASSPHRASE_FILE} bytes: a passphrase file holds one"
                " line (the passphrase or the recovery key) — check the file name.",
                EXIT_BAD_INPUT,
            )
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise PassphraseFileError(
            path, f"Cannot read the passphrase file {path}: {reason}."
        ) from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        print(
            f"mentordesk: warning: {path} can be read by other users — chmod 600 it.",
            file=sys.stderr,
        )
    # One line: the newline an editor adds is not part of the passphrase.
    return text.rstrip("\r\n")


def key_for_command(path: Path, passphrase_file: str | None) -> bytes | None:
    """The key for ``path``: None when it is plain; from the keyring; or from the
    passphrase file (a passphrase or the recovery key)."""
    if not encryption.is_encrypted(path):
        return None
    if passphrase_file is None:
        try:
            return encryption.key_for_opening(path)
        except encryption.KeyNeeded as exc:
            raise encryption.KeyNeeded(
                path,
                exc.need,
                f"{path.name} is locked. {exc.message} Give it with --passphrase-file FILE"
                f" ({'the passphrase' if exc.need == 'passphrase' else 'the recovery key'}"
                " on one line).",
            ) from None
    text = read_passphrase_file(passphrase_file)
    try:
        return encryption.key_from_typed(path, text)
    except ValidationError as exc:
        raise PassphraseFileError(path, f"{passphrase_file}: {exc.message}") from None


def open_workspace(
    args: argparse.Namespace,
    *,
    readonly: bool = False,
    empty_ok: bool = False,
    new_key: bytes | None = None,
    damaged_ok: bool = False,
) -> Workspace:
    """The command's database, unlocked with the keyring's key or ``--passphrase-file``
    when it is encrypted (``new_key``: the key a new or empty file is created with); raises
    StoreError (exit 3 when it cannot be unlocked). An interrupted conversion is finished
    or rolled back first, and said on stderr. A command that writes is refused a damaged
    file (exit 1, nothing written) unless it is the remedy (``damaged_ok``: restore)."""
    path = database_path(args.db, empty_ok=empty_ok)
    secret_file = getattr(args, "passphrase_file", None)
    fresh = not path.exists() or path.stat().st_size == 0
    # (A -wal beside the file is checked by the open itself, on a copy: opening it here
    # first would fold it into the file before that.)
    if not (readonly or fresh or damaged_ok or path.with_name(f"{path.name}-wal").exists()):
        refuse_if_damaged(path)
    if new_key is not None and fresh:
        workspace = Workspace.open(path, key=new_key)
        encryption.adopt(workspace)
        return workspace
    key = key_for_command(path, secret_file)
    try:
        workspace = Workspace.open(path, readonly=readonly, key=key)
    except KeyRejected:
        if secret_file is None:
            raise
        raise KeyRejected(
            path,
            f"The passphrase or recovery key in {secret_file} does not open {path.name}"
            " — check the file holds it on one line.",
        ) from None
    if readonly:
        # Finishing needs the writer lock: a read-only command only says it is pending.
        if conversion.read_journal(workspace.path) is not None:
            print(
                f"mentordesk: an interrupted encryption change of {path.name} is pending; the"
                " next command that writes (or the window) finishes it or rolls it back.",
                file=sys.stderr,
            )
    else:
        try:
            said = encryption.after_opening(workspace)
        except BaseException:
            workspace.close()
            raise
        if said:
            print(f"mentordesk: {said}", file=sys.stderr)
    return workspace


def unlock_backup(args: argparse.Namespace, backup: Path, path: Path) -> bytes | None:
    """The key of an encrypted ``backup`` (None for a plain one): from --passphrase-file
    (its passphrase or recovery key, read with the backup's own salt), else the key of the
    database it belongs to. Raises KeyNeeded (exit 3) when neither is at hand."""
    if not encryption.is_encrypted(backup):
        return None
    secret_file = getattr(args, "passphrase_file", None)
    if secret_file is not None:
        text = read_passphrase_file(secret_file)
        try:
            key = encryption.key_from_typed(backup, text)
        except ValidationError as exc:
            raise PassphraseFileError(backup, f"{secret_file}: {exc.message}") from None
    else:
        try:
            key = encryption.key_for_opening(path) if path.exists() else None
        except encryption.KeyNeeded:
            key = None
        if key is None:
            raise encryption.KeyNeeded(
                backup,
                "recovery",
                f"{backup.name} is encrypted — give its passphrase or recovery key with"
                " --passphrase-file FILE.",
            )
    encryption.unlock_copy(backup, key)
    return key


def _read_new_passphrase(args: argparse.Namespace, option: str) -> str | None:
    name = getattr(args, option, None)
    return None if name is None else read_passphrase_file(name)


def _show_key(recovery_key: str) -> None:
    """Printed before the file is rewritten with the key: a kill afterwards never leaves a
    file whose recovery key was never shown."""
    print("Recovery key — store it somewhere safe, it is shown only now:")
    print(f"  {recovery_key}", flush=True)


def _warn_skipped(enabled: encryption.Enabled) -> None:
    for earlier in enabled.old_key_backups:
        print(f"note: {earlier} was left as it was: it opens with an earlier passphrase or"
              " recovery key")  # fmt: skip
    for skipped in enabled.skipped_backups:
        print(f"warning: {skipped} could not be converted (it is damaged) — delete it")


def cmd_encrypt(args: argparse.Namespace) -> int:
    path = database_path(args.db)
    if not path.is_file():
        raise CommandFailed(f"{path} does not exist — nothing to encrypt.", EXIT_BAD_INPUT)
    if encryption.is_encrypted(path):
        raise CommandFailed(f"{path.name} is already encrypted.", EXIT_BAD_INPUT)
    passphrase = None
    with exit_on_error():
        if args.passphrase_file is not None:
            passphrase = read_passphrase_file(args.passphrase_file)
        else:
            backend = encryption.secure_keyring()
            if not backend.secure:
                raise CommandFailed(
                    f"Cannot keep the key safely: {backend.reason}. Give a new passphrase"
                    " with --passphrase-file FILE (it is asked at each start instead).",
                    EXIT_BAD_INPUT,
                )
        with open_workspace(args) as workspace:
            if workspace.encrypted:  # an interrupted encrypt was just finished
                return EXIT_OK
            enabled = encryption.enable(workspace, passphrase=passphrase, show=_show_key)
    where = (
        f"the key is kept in the keyring ({enabled.backend})"
        if enabled.key_store == "keyring"
        else "it opens with your passphrase"
    )
    print(f"encrypted {path} and its backups; {where}")
    _warn_skipped(enabled)
    _list_plain_copies(path)
    return EXIT_OK


def _list_plain_copies(path: Path) -> None:
    from mentordesk.services.plaintext import plain_copies

    copies = plain_copies(path)
    if copies:
        print("These may still hold your notes unencrypted (left as they are — delete them")
        print("yourself when you no longer need them):")
        for copy in copies:
            print(f"  {copy}")


def cmd_decrypt(args: argparse.Namespace) -> int:
    path = database_path(args.db)
    if not encryption.is_encrypted(path):
        raise CommandFailed(f"{path.name} is not encrypted.", EXIT_BAD_INPUT)
    with exit_on_error(), open_workspace(args) as workspace:
        if not workspace.encrypted:  # an interrupted decrypt was just finished
            return EXIT_OK
        skipped = encryption.disable(workspace)
    print(f"decrypted {path} and its backups: they are plain SQLite files again")
    for backup in skipped:
        print(f"warning: {backup} could not be decrypted (it is damaged)")
    return EXIT_OK


def _encrypted_path(args: argparse.Namespace) -> Path:
    path = database_path(args.db)
    if not encryption.is_encrypted(path):
        raise CommandFailed(f"{path.name} is not encrypted — encrypt it first.", EXIT_BAD_INPUT)
    return path


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    path = _encrypted_path(args)
    with exit_on_error():
        new = _read_new_passphrase(args, "new_passphrase_file")
        assert new is not None  # required by the parser
        with open_workspace(args) as workspace:
            enabled = encryption.change_passphrase(workspace, new, show=_show_key)
    print(f"{path.name} now opens with the new passphrase; the old one no longer does")
    _warn_skipped(enabled)
    return EXIT_OK


def cmd_new_recovery_key(args: argparse.Namespace) -> int:
    path = _encrypted_path(args)
    with exit_on_error():
        typed = _read_new_passphrase(args, "passphrase_file")
        with open_workspace(args) as workspace:
            passphrase = None
            if encryption.key_store_of(workspace) != "keyring":
                if typed is None or encryption.looks_like_recovery_key(typed):
                    raise CommandFailed(
                        f"{path.name} opens with a passphrase: give the passphrase itself"
                        " with --passphrase-file FILE (the new key is made from it).",
                        EXIT_BAD_INPUT,
                    )
                passphrase = typed
            enabled = encryption.new_recovery_key(workspace, passphrase=passphrase, show=_show_key)
    print(f"{path.name} has a new recovery key; the old one no longer opens it")
    _warn_skipped(enabled)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "encrypt": cmd_encrypt,
    "decrypt": cmd_decrypt,
    "change-passphrase": cmd_change_passphrase,
    "new-recovery-key": cmd_new_recovery_key,
}
