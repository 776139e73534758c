"""A -wal found beside a file is never folded into it silently (issue 15, item 3): before
the first writable open the pair is kept exactly, the -wal is tried on a copy, a -wal that
does not fit is refused with nothing changed, and one that fits leaves the file recoverable
from the kept pair — which ``check``, ``backup`` and recovery name."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.services.recovery import DatabaseNeedsRecovery, kept_aside_text
from mentordesk.store.wal_guard import kept_pairs, thin_kept
from tests.seeded import left_wal, mentee_names, seeded


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_wal_that_does_not_fit_is_refused_and_the_pair_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = seeded(tmp_path / "a.db", "Ana", "Bea", "Cy")
    b = seeded(tmp_path / "b.db", "Bo")
    left_wal(b, a, "UPDATE mentees SET name = name || '!'")
    before, wal_before = _hash(a), _hash(Path(f"{a}-wal"))

    with pytest.raises(DatabaseNeedsRecovery) as refused:
        Workspace.open(a)
    assert cli.run(["backup", "--db", str(a)]) == 1  # refused again, once kept
    err = capsys.readouterr().err

    assert _hash(a) == before and _hash(Path(f"{a}-wal")) == wal_before
    [pair] = kept_pairs(a)
    assert _hash(pair.path) == before and _hash(Path(f"{pair.path}.wal")) == wal_before
    assert os.stat(pair.path).st_mode & 0o777 == 0o600
    assert pair.path.name in refused.value.problem and "does not fit" in err
    assert "Traceback" not in err and not list(tmp_path.glob(".*trial*"))
    # Without the -wal the file opens as it was.
    Path(f"{a}-wal").unlink()
    assert mentee_names(a) == {"Ana", "Bea", "Cy"}


def test_a_foreign_wal_that_fits_leaves_the_file_recoverable_from_the_kept_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = seeded(tmp_path / "a.db", "Ana", "Bea", "Cy")
    b = seeded(tmp_path / "b.db", "Bo")
    left_wal(b, a, "VACUUM")  # every page of b: a whole, healthy database once replayed
    before = _hash(a)

    assert cli.run(["backup", "--db", str(a)]) == 0
    out = capsys.readouterr().out
    [pair] = kept_pairs(a)
    assert "replayed into it" in out and pair.path.name in out
    assert mentee_names(a) == {"Bo"}  # SQLite cannot tell: what it folded in is b
    assert _hash(pair.path) == before

    assert cli.run(["check", "--db", str(a)]) == 0
    assert pair.path.name in capsys.readouterr().out  # check names the kept pair
    assert cli.run(["restore", "--db", str(a), str(pair.path)]) == 0
    assert mentee_names(a) == {"Ana", "Bea", "Cy"}
    # A file set aside after the replay is never called untouched.
    assert "untouched" not in kept_aside_text(a, a)


def test_a_wal_left_by_a_crash_of_the_file_itself_is_replayed(tmp_path: Path) -> None:
    a = seeded(tmp_path / "a.db", "Ana")
    copy = tmp_path / "copy.db"
    conn = sqlite3.connect(a, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE mentees SET name = 'Ana Lee'")
    shutil.copy(a, copy)  # the pair as a crash leaves it: the change only in the -wal
    shutil.copy(f"{a}-wal", f"{copy}-wal")
    conn.close()
    with Workspace.open(copy) as ws:
        assert {m.name for m in ws.list_mentees()} == {"Ana Lee"}
        assert ws.wal_kept is not None and ws.wal_kept.is_file()
    with Workspace.open(copy) as ws:
        assert ws.wal_kept is None  # no -wal waiting any more: nothing kept


def test_kept_pairs_are_thinned_like_backups(tmp_path: Path) -> None:
    a = tmp_path / "a.db"
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    for days in range(0, 400, 10):
        kept = tmp_path / f"a.db.kept-{now - timedelta(days=days):%Y%m%dT%H%M%SZ}"
        kept.write_bytes(b"x")
        Path(f"{kept}.wal").write_bytes(b"y")
    thin_kept(a, now)
    left = kept_pairs(a)
    assert 0 < len(left) < 40 and all(Path(f"{p.path}.wal").exists() for p in left)
    assert len(list(tmp_path.glob("*.wal"))) == len(left)


def test_check_with_a_stale_wal_says_so_on_its_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = seeded(tmp_path / "a.db", "Ana", "Bea", "Cy")
    b = seeded(tmp_path / "b.db", "Bo")
    left_wal(b, a, "UPDATE mentees SET name = name || '!'")
    before = _hash(a)
    assert cli.run(["check", "--db", str(a)]) == 1  # read with it: damaged
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "-wal file left beside it" in out
    assert _hash(a) == before and not kept_pairs(a)  # check only reads
    with Workspace.open(b) as ws:  # a -wal of a file in use is its own: nothing said
        ws.save_mentee(Mentee(name="Cy", time_zone="Europe/London"))
        assert cli.run(["check", "--db", str(b)]) == 0
        assert "-wal" not in capsys.readouterr().out


def test_a_file_a_wal_went_into_is_never_called_untouched_or_left_as_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = seeded(tmp_path / "a.db", "Ana")
    left_wal(seeded(tmp_path / "b.db", "Bo"), a, "VACUUM")
    Workspace.open(a).close()  # fits: replayed
    backup = seeded(tmp_path / "c.db", "Cy")
    with a.open("r+b") as fh:  # then damaged: cut short
        fh.truncate(4096 * 3)
    with pytest.raises(DatabaseNeedsRecovery) as raised:
        Workspace.open(a)
    assert "was replayed into it" in raised.value.message
    assert "left as is" not in raised.value.message
    assert cli.run(["restore", "--db", str(a), str(backup)]) == 0
    out = capsys.readouterr().out
    assert "replayed into it" in out and "untouched" not in out
    assert mentee_names(a) == {"Cy"}


def test_an_encrypted_files_pair_is_kept_encrypted(tmp_path: Path) -> None:
    from mentordesk.store.connection import _raw_connect

    key = bytes(range(32))
    source, copy = tmp_path / "e.db", tmp_path / "copy.db"
    with Workspace.open(source, key=key) as ws:
        ws.save_mentee(Mentee(name="Ana", time_zone="UTC"))
    conn = _raw_connect(source, key)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE mentees SET name = 'Ana Lee'")
    shutil.copy(source, copy)  # as a crash leaves it
    shutil.copy(f"{source}-wal", f"{copy}-wal")
    conn.close()
    with Workspace.open(copy, key=key) as ws:
        assert {m.name for m in ws.list_mentees()} == {"Ana Lee"}
        kept = ws.wal_kept
    assert kept is not None and not kept.read_bytes().startswith(b"SQLite format 3")
