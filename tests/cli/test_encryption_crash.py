"""Encrypt and decrypt killed at every named crash point (``fault_points.reach``), in a child
process on a small file: the next start finishes or rolls back, and the file opens with
the secret of the state it is in, passes its check, holds the same notes, agrees with the
record, and its backups follow it (issue 14)."""

from __future__ import annotations

import sys

import pytest

from mentordesk.services import Workspace, encryption
from tests.crypt_checks import (
    PASSPHRASE,
    Crypt,
    assert_consistent,
    crypt_fixture,  # noqa: F401 - the fixture
    notes,
    plaintext_hits,
)
from tests.faults import points_reached, run, run_killed_at

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

#: The steps of every conversion (conversion.py); "backup" repeats once per backup.
STEPS = [
    "journal_written",
    "key_stored",
    "backed_up",
    "copy_checked",
    "switched",
    "recorded",
    "backup",
    "keys_settled",
    "done",
]


def _before(crypt: Crypt) -> list[tuple[int, str]]:
    with Workspace.open(crypt.db, key=encryption.key_for_opening(crypt.db)) as ws:
        return notes(ws)


def test_a_clean_encrypt_passes_every_named_point_in_order(crypt: Crypt) -> None:
    secret = crypt.secret(PASSPHRASE, "pass.txt")
    points = points_reached(
        crypt.db.parent, "encrypt", "--db", str(crypt.db), "--passphrase-file", str(secret),
        env=crypt.env,
    )  # fmt: skip
    # One backup of the file existed; encrypt writes one more first: two to convert. (The
    # backup it writes passes the backup command's own points too.)
    own = [p for p in points if p.startswith("encrypt.")]
    assert own == [f"encrypt.{s}" for s in STEPS[:7]] + [
        "encrypt.backup@2",
        "encrypt.keys_settled",
        "encrypt.done",
    ]


@pytest.mark.parametrize("step", STEPS)
def test_encrypt_with_a_passphrase_killed_at_each_step(crypt: Crypt, step: str) -> None:
    before = _before(crypt)
    secret = crypt.secret(PASSPHRASE, "pass.txt")
    killed = run_killed_at(
        f"encrypt.{step}", "encrypt", "--db", str(crypt.db), "--passphrase-file", str(secret),
        env=crypt.env,
    )  # fmt: skip
    key = assert_consistent(crypt.db, [PASSPHRASE], before)
    switched = STEPS.index(step) >= STEPS.index("switched")
    assert (key is not None) == switched
    if switched:
        assert plaintext_hits(crypt.db) == []  # the backups were finished too
        # The recovery key was shown before the file was rewritten with it.
        lines = killed.stdout.splitlines()
        shown = lines[
            lines.index("Recovery key — store it somewhere safe, it is shown only now:") + 1
        ]
        assert encryption.parse_recovery_key(shown) == key


@pytest.mark.parametrize("step", ["key_stored", "copy_checked", "switched", "keys_settled"])
def test_encrypt_with_the_keyring_killed_at_its_key_steps(crypt: Crypt, step: str) -> None:
    before = _before(crypt)
    run_killed_at(f"encrypt.{step}", "encrypt", "--db", str(crypt.db), env=crypt.env)
    key = assert_consistent(crypt.db, [], before)
    assert (key is not None) == (STEPS.index(step) >= STEPS.index("switched"))
    if key is None:  # rolled back: no key is left behind in the keyring either
        assert crypt.keyring._read() == {}


@pytest.mark.parametrize("step", STEPS)
def test_decrypt_killed_at_each_step(crypt: Crypt, step: str) -> None:
    done = run("encrypt", "--db", str(crypt.db), env=crypt.env)
    assert done.returncode == 0, done.stderr
    before = _before(crypt)
    run_killed_at(f"decrypt.{step}", "decrypt", "--db", str(crypt.db), env=crypt.env)
    key = assert_consistent(crypt.db, [], before)
    assert (key is None) == (STEPS.index(step) >= STEPS.index("switched"))
    if key is not None:  # not decrypted: its key is still kept
        assert encryption.key_for_opening(crypt.db) == key
