"""The record of opened databases: what a damaged or locked file cannot say about itself."""

from __future__ import annotations

import stat
from pathlib import Path

from mentordesk.appdata import known_databases as known


def test_an_unknown_file_has_no_record(tmp_path: Path) -> None:
    assert known.lookup(tmp_path / "never.db", record=tmp_path / "rec.json") is None


def test_remember_keeps_earlier_fields_and_updates_given_ones(tmp_path: Path) -> None:
    record = tmp_path / "cfg" / "rec.json"
    db = tmp_path / "m.db"
    known.remember(db, record=record, encrypted=True, key_store="passphrase", salt="ab12")
    known.remember(db, record=record)  # a later open changes nothing it was not told
    entry = known.lookup(db, record=record)
    assert entry is not None
    assert (entry.encrypted, entry.key_store, entry.salt) == (True, "passphrase", "ab12")
    known.remember(db, record=record, encrypted=False, key_store=None, salt=None)
    entry = known.lookup(db, record=record)
    assert entry is not None and not entry.encrypted and entry.salt is None


def test_the_same_file_by_another_name_is_one_record(tmp_path: Path) -> None:
    record = tmp_path / "rec.json"
    (tmp_path / "sub").mkdir()
    known.remember(tmp_path / "sub" / "m.db", record=record, encrypted=True)
    entry = known.lookup(tmp_path / "sub" / ".." / "sub" / "m.db", record=record)
    assert entry is not None and entry.encrypted


def test_record_is_private_and_a_damaged_record_reads_as_empty(tmp_path: Path) -> None:
    record = tmp_path / "cfg" / "rec.json"
    known.remember(tmp_path / "m.db", record=record)
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700
    record.write_text("{not json")
    assert known.lookup(tmp_path / "m.db", record=record) is None


def test_forget(tmp_path: Path) -> None:
    record = tmp_path / "rec.json"
    known.remember(tmp_path / "m.db", record=record)
    known.forget(tmp_path / "m.db", record=record)
    assert known.lookup(tmp_path / "m.db", record=record) is None


def test_a_moved_file_is_found_from_its_old_path_until_that_path_is_used_again(
    tmp_path: Path,
) -> None:
    record = tmp_path / "rec.json"
    first, second, third = (tmp_path / n for n in ("Dropbox.db", "local.db", "final.db"))
    known.remember(first, record=record, encrypted=True, key_store="keyring")
    known.move(first, second, record=record)
    known.move(second, third, record=record)
    assert known.moved_to(first, record=record) is None  # the moved file is not there yet
    third.write_bytes(b"moved")
    assert known.moved_to(first, record=record) == third  # moved twice: followed twice
    assert known.moved_to(second, record=record) == third
    moved = known.lookup(third, record=record)
    assert moved is not None and moved.encrypted and moved.key_store == "keyring"
    assert known.lookup(first, record=record) is None

    known.remember(tmp_path / "other.db", record=record)  # other writes keep the forwards
    assert known.moved_to(first, record=record) == third
    known.remember(first, record=record)  # a new file opened at the old path ends it
    assert known.moved_to(first, record=record) is None
    assert known.moved_to(second, record=record) == third


def test_a_damaged_record_is_kept_aside_and_rebuilt_with_what_it_still_says(
    tmp_path: Path,
) -> None:
    record = tmp_path / "cfg" / "known-databases.json"
    files = [tmp_path / f"m{n}.db" for n in range(4)]
    known.remember(files[0], record=record, encrypted=True, key_store="passphrase", salt="5a17")
    for path in files[1:3]:
        known.remember(path, record=record)
    damaged = record.read_bytes()[:-5]  # cut off, as a crash of another program might
    record.write_bytes(damaged)

    known.remember(files[3], record=record)  # any command on another file

    (aside,) = record.parent.glob("known-databases.json.damaged-*")
    assert aside.read_bytes() == damaged  # nothing of it is lost
    entry = known.lookup(files[0], record=record)
    assert entry is not None and (entry.encrypted, entry.salt) == (True, "5a17")
    assert all(known.lookup(path, record=record) is not None for path in files)


def test_garbage_in_the_record_is_kept_aside_too(tmp_path: Path) -> None:
    record = tmp_path / "rec.json"
    record.write_bytes(b"\xff\xfe not a record")
    known.remember(tmp_path / "m.db", record=record)
    assert len(list(tmp_path.glob("rec.json.damaged-*"))) == 1
    assert known.lookup(tmp_path / "m.db", record=record) is not None


def test_folders_mentordesk_creates_are_private_whatever_the_umask(tmp_path: Path) -> None:
    import os

    previous = os.umask(0)
    try:
        known.remember(tmp_path / "m.db", record=tmp_path / "config" / "MentorDesk" / "rec.json")
    finally:
        os.umask(previous)
    for folder in (tmp_path / "config", tmp_path / "config" / "MentorDesk"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    record = tmp_path / "config" / "MentorDesk" / "rec.json"
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
