"""One helper turns what a command can fail with into its message and exit code."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from mentordesk.appdata.keystore import KeyringUnavailable
from mentordesk.cli.errors import CommandFailed, exit_on_error
from mentordesk.domain.errors import ValidationError
from mentordesk.services.errors import DatabaseInUse, NotAMentorDeskDatabase


@pytest.mark.parametrize(
    ("error", "message", "code"),
    [
        (DatabaseInUse(Path("m.db"), "m.db is open elsewhere."), "m.db is open elsewhere.", 3),
        (NotAMentorDeskDatabase(Path("cv.pdf"), "not ours."), "not ours.", 1),
        (ValidationError("zone", "Time zone 'X' is not known."), "Time zone 'X' is not known.", 2),
        (KeyringUnavailable("fail", "No keyring."), "No keyring.", 1),
    ],
)
def test_known_errors_become_their_message_and_code(
    error: Exception, message: str, code: int
) -> None:
    with pytest.raises(CommandFailed) as failed, exit_on_error():
        raise error
    assert (failed.value.message, failed.value.code) == (message, code)


def test_a_file_system_error_is_reported_only_for_what_the_command_writes() -> None:
    out = Path("/nowhere/meetings.ics")
    with pytest.raises(CommandFailed) as failed, exit_on_error(writing=out):
        raise PermissionError(errno.EACCES, "Permission denied")
    assert failed.value.message == f"cannot write {out}: Permission denied"
    assert failed.value.code == 1
    with pytest.raises(PermissionError), exit_on_error():
        raise PermissionError(errno.EACCES, "Permission denied")


def test_a_bug_is_not_dressed_up_as_a_known_failure() -> None:
    with pytest.raises(KeyError), exit_on_error(writing=Path("x")):
        raise KeyError("bug")


def test_importing_the_command_line_stays_light() -> None:
    """``mentordesk.cli`` is on the window's start-up path: no store, keyring or calendar."""
    heavy = ("sqlite3", "sqlite_utils", "keyring", "icalendar", "qasync")
    heavy += ("mentordesk.store.connection", "mentordesk.services.workspace")
    probe = f"import sys, mentordesk.cli; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
