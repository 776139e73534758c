"""Long random runs (``make test-slow``, not in ``make test``): encrypt, new recovery key and
decrypt of a 20,000-note file with two backups, each killed by SIGKILL or SIGINT at random
moments; after every kill the next start finishes or rolls back and the file, its record,
its keyring entry and its backups agree (issue 14). The seed is in the failure message."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from mentordesk.services import Workspace, encryption
from tests.crypt_checks import (
    CANARY,
    Crypt,
    assert_consistent,
    crypt_fixture,  # noqa: F401 - the fixture
    notes,
    plaintext_hits,
)
from tests.faults import random_delays, run, run_killed_after

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]

NOTES = 20_000
SEED = int(os.environ.get("MENTORDESK_SOAK_SEED", "14"))


def _grow(crypt: Crypt) -> float:
    """About 20,000 notes (tens of MB), and a second backup; how long one encrypt takes."""
    with Workspace.open(crypt.db) as ws:
        (mentee,) = ws.db.conn.execute("SELECT id FROM mentees").fetchone()
        rows = [
            (mentee, f"Call {n}", f"{CANARY} {n} " + "notes of a long call " * 100,
             "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z")
            for n in range(NOTES)
        ]  # fmt: skip
        with ws.db.conn:
            ws.db.conn.execute("BEGIN")
            ws.db.conn.executemany(
                "INSERT INTO notes (mentee_id, title, body, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
        ws.backups.backup_now()
    started = time.monotonic()
    done = run("encrypt", "--db", str(crypt.db), env=crypt.env)
    assert done.returncode == 0, done.stderr
    took = time.monotonic() - started
    assert run("decrypt", "--db", str(crypt.db), env=crypt.env).returncode == 0
    return took


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_random_kills_on_a_large_file_never_lose_it_or_its_key(crypt: Crypt, sig: int) -> None:
    longest = _grow(crypt)
    with Workspace.open(crypt.db) as ws:
        before = notes(ws)
    seed = SEED + int(sig)
    for n, delay in enumerate(random_delays(8, longest, seed=seed)):
        if encryption.is_encrypted(crypt.db):
            command = "new-recovery-key" if n % 3 == 1 else "decrypt"
        else:
            command = "encrypt"
        code = run_killed_after(delay, command, "--db", str(crypt.db), sig=sig, env=crypt.env)
        context = f"seed {seed}: {command} killed after {delay:.2f}s (exit {code})"
        key = assert_consistent(crypt.db, [], before)
        if key is not None and code == 0 and command == "encrypt":
            assert plaintext_hits(crypt.db) == [], context
