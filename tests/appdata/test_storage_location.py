"""Which places are unsafe for a WAL database, and the once-per-file record of the answer."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from platformdirs import user_config_dir

from mentordesk.appdata.storage_location import (
    REMIND_AFTER,
    Risk,
    parse_mounts,
    record_path,
    remember_choice,
    risky_location,
    should_warn,
)

# A Linux mount table as /proc/self/mounts prints it: source, mount point, type, options.
MOUNTS = r"""/dev/nvme0n1p2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
nas:/export/home /home nfs4 rw,vers=4.2,addr=10.0.0.2 0 0
/dev/nvme0n1p3 /home/ana/local btrfs rw,relatime,subvol=/local 0 0
nas:/archive /srv/archive nfs rw,vers=3 0 0
//nas/team /mnt/team cifs rw,vers=3.1.1 0 0
//nas/music /mnt/music smb3 rw 0 0
ana@build:/srv /mnt/build fuse.sshfs rw,nosuid,nodev,user_id=1000 0 0
gdrive: /mnt/gdrive fuse.rclone rw,nosuid,nodev 0 0
/dev/sdb1 /mnt/usb fuseblk rw,user_id=0 0 0
/dev/sdc1 /mnt/My\040Disk ext4 rw 0 0
tmpfs /mnt/stack tmpfs rw 0 0
nas:/stacked /mnt/stack nfs rw 0 0
nas:/under /mnt/hidden nfs rw 0 0
/dev/sdd1 /mnt/hidden ext4 rw 0 0
"""


def _linux(path: str, mounts: str = MOUNTS) -> Risk | None:
    return risky_location(Path(path), mounts=mounts, platform="linux")


@pytest.mark.parametrize(
    ("path", "service", "folder"),
    [
        ("/home/ana/Dropbox/mentoring/m.db", "Dropbox", "/home/ana/Dropbox"),
        ("/home/ana/Dropbox (Acme)/m.db", "Dropbox", "/home/ana/Dropbox (Acme)"),
        ("/Users/ana/OneDrive/m.db", "OneDrive", "/Users/ana/OneDrive"),
        ("/Users/ana/OneDrive - Contoso/Docs/m.db", "OneDrive", "/Users/ana/OneDrive - Contoso"),
        (
            "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/m.db",
            "iCloud Drive",
            "/Users/ana/Library/Mobile Documents",
        ),
        ("/Users/ana/Google Drive/m.db", "Google Drive", "/Users/ana/Google Drive"),
        ("/Volumes/GoogleDrive/My Drive/m.db", "Google Drive", "/Volumes/GoogleDrive"),
        ("/mnt/g/My Drive/mentoring/m.db", "Google Drive", "/mnt/g/My Drive"),  # G: in WSL
        (
            "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive/m.db",
            "Google Drive",
            "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com",
        ),
        (
            "/Users/ana/Library/CloudStorage/OneDrive-Personal/m.db",
            "OneDrive",
            "/Users/ana/Library/CloudStorage/OneDrive-Personal",
        ),
        (
            "/Users/ana/Library/CloudStorage/Dropbox/m.db",
            "Dropbox",
            "/Users/ana/Library/CloudStorage/Dropbox",
        ),
    ],
)
def test_sync_folders_are_found_by_their_names(path: str, service: str, folder: str) -> None:
    # The mount table says "local disk": the folder's name alone is enough.
    risk = _linux(path, mounts="/dev/sda1 / ext4 rw 0 0\n")
    assert risk == Risk("sync", service, Path(folder))
    assert service in risk.message and folder in risk.message


@pytest.mark.parametrize(
    "path",
    [
        "/home/ana/local/notes/m.db",  # btrfs mounted inside the NFS home
        "/home/ana/local/Dropbox-notes/m.db",  # only named like a sync folder
        "/home/ana/local/Mobile Documents/m.db",  # iCloud's folder name, but not in Library
        "/tmp/m.db",
        "/var/lib/m.db",
        "/mnt/usb/m.db",  # fuseblk: NTFS or exFAT on a local disk
        "/mnt/My Disk/m.db",
        "/mnt/hidden/m.db",  # a local disk mounted over an NFS mount
    ],
)
def test_local_disks_and_look_alike_names_give_no_warning(path: str) -> None:
    assert _linux(path) is None


@pytest.mark.parametrize(
    ("path", "service", "mount_point"),
    [
        ("/home/ana/m.db", "NFS", "/home"),
        ("/srv/archive/2026/m.db", "NFS", "/srv/archive"),
        ("/mnt/team/m.db", "SMB (a Windows or Samba share)", "/mnt/team"),
        ("/mnt/music/m.db", "SMB (a Windows or Samba share)", "/mnt/music"),
        ("/mnt/build/m.db", "SSHFS", "/mnt/build"),
        ("/mnt/gdrive/m.db", "rclone", "/mnt/gdrive"),
        ("/mnt/stack/m.db", "NFS", "/mnt/stack"),  # NFS mounted over a tmpfs: on top wins
    ],
)
def test_network_and_fuse_mounts_warn(path: str, service: str, mount_point: str) -> None:
    assert _linux(path) == Risk("network", service, Path(mount_point))


def test_the_deepest_mount_point_wins_whatever_the_order() -> None:
    deep_first = "/dev/sdb1 /home/ana/local ext4 rw 0 0\nnas:/home /home nfs4 rw 0 0\n"
    assert _linux("/home/ana/local/m.db", deep_first) is None
    assert _linux("/home/ana/other/m.db", deep_first) == Risk("network", "NFS", Path("/home"))


def test_mount_table_escapes_and_short_lines() -> None:
    mounts = parse_mounts("/dev/sdc1 /mnt/My\\040Disk\\011x ext4 rw 0 0\ngarbage\n\n")
    assert [(str(m.mount_point), m.fstype) for m in mounts] == [("/mnt/My Disk\tx", "ext4")]


def test_this_machines_own_mount_table_is_read_when_none_is_given(tmp_path: Path) -> None:
    # Real /proc/self/mounts: tmp_path's own filesystem decides, whatever it is.
    expected = _linux(str(tmp_path / "m.db"), Path("/proc/self/mounts").read_text())
    assert risky_location(tmp_path / "m.db", platform="linux") == expected


def test_a_symlink_into_a_sync_folder_warns(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "mentoring"
    synced.mkdir(parents=True)
    (tmp_path / "desk").symlink_to(synced)
    risk = risky_location(tmp_path / "desk" / "m.db", mounts="", platform="linux")
    assert risk == Risk("sync", "Dropbox", tmp_path / "Dropbox")


@pytest.mark.parametrize(
    ("marker", "service"),
    [(".dropbox", "Dropbox"), (".stfolder", "Syncthing"), ("._sync_4f2a9c.db", "Nextcloud")],
)
def test_sync_folders_are_found_by_the_marker_their_tool_leaves(
    tmp_path: Path, marker: str, service: str
) -> None:
    root = tmp_path / "Work files"
    (root / "mentoring").mkdir(parents=True)
    (root / marker).write_text("")
    risk = risky_location(root / "mentoring" / "m.db", mounts="", platform="linux")
    assert risk is not None and risk.kind == "sync" and risk.folder == root
    assert service in risk.service


def test_a_windows_network_share_warns_by_its_unc_path() -> None:
    risk = risky_location(Path("//nas/team/m.db"), platform="win32")
    assert risk is not None and risk.kind == "network"
    assert "network drive" in risk.message


# -- once per file -----------------------------------------------------------------------------

DROPBOX = Risk("sync", "Dropbox", Path("/home/ana/Dropbox"))
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def test_keep_it_here_silences_that_file_only(tmp_path: Path) -> None:
    record = tmp_path / "config" / "locations.json"
    db = tmp_path / "Dropbox" / "m.db"
    db.parent.mkdir()
    assert should_warn(db, DROPBOX, record=record)
    remember_choice(db, DROPBOX, "keep", record=record)
    assert not should_warn(db, DROPBOX, record=record)
    assert not should_warn(tmp_path / "Dropbox" / ".." / "Dropbox" / "m.db", DROPBOX, record=record)
    assert should_warn(tmp_path / "Dropbox" / "other.db", DROPBOX, record=record)
    # The same file now in trouble of another kind is asked about again.
    assert should_warn(db, Risk("network", "NFS", Path("/home")), record=record)


def test_remind_me_later_asks_again_a_day_later(tmp_path: Path) -> None:
    record = tmp_path / "locations.json"
    db = tmp_path / "m.db"
    remember_choice(db, DROPBOX, "later", now=NOW, record=record)
    assert not should_warn(db, DROPBOX, now=NOW + REMIND_AFTER / 2, record=record)
    assert should_warn(db, DROPBOX, now=NOW + REMIND_AFTER, record=record)


def test_the_record_is_private_in_the_config_folder_and_survives_damage(tmp_path: Path) -> None:
    assert record_path() == Path(user_config_dir("MentorDesk", appauthor=False), "locations.json")
    record = tmp_path / "config" / "locations.json"
    remember_choice(tmp_path / "a.db", DROPBOX, "keep", record=record)
    remember_choice(tmp_path / "b.db", DROPBOX, "keep", record=record)
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700
    files = json.loads(record.read_text())["files"]
    assert set(files) == {os.path.realpath(tmp_path / n) for n in ("a.db", "b.db")}
    record.write_text("{not json")
    assert should_warn(tmp_path / "a.db", DROPBOX, record=record)  # asked again, no crash
