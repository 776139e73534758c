"""Whether the database lives where SQLite's write-ahead log is not safe, and what the mentor
chose about it.

SQLite in WAL mode writes beside the database (``-wal``, ``-shm``) and shares the ``-shm``
through memory mapping and POSIX locks. A sync tool copies these files one at a time, out of
step with each other, and network or FUSE filesystems implement the locks and the shared memory
partly or not at all, so the file can be damaged or recent writes lost.

Sync folders are found by their usual names and by the marker files the tools leave in the
folder they manage; network filesystems from the mount table (``/proc/self/mounts``) on Linux
(elsewhere only path rules: a Windows UNC path). No Qt here.

The mentor's answer ("keep it here", "remind me later") is kept per database file in
``locations.json`` in the platformdirs config folder, outside the database.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PureWindowsPath
from typing import Any, Literal

from mentordesk.appdata.json_record import config_file, path_key, read_document, section
from mentordesk.appdata.paths import write_private_json

RiskKind = Literal["sync", "network"]
Choice = Literal["keep", "later"]

#: "Remind me later" asks again at the first start after this long.
REMIND_AFTER = timedelta(days=1)
RECORD_FILE = "locations.json"

_NETWORK_TYPES = {
    "nfs": "NFS",
    "nfs4": "NFS",
    "cifs": "SMB (a Windows or Samba share)",
    "smb3": "SMB (a Windows or Samba share)",
    "smbfs": "SMB (a Windows or Samba share)",
    "9p": "9P (a folder shared by a virtual machine or WSL)",
    "drvfs": "a Windows drive seen from WSL",
    "virtiofs": "virtiofs (a folder shared by a virtual machine)",
    "vboxsf": "a VirtualBox shared folder",
    "afs": "AFS",
    "openafs": "AFS",
    "ceph": "CephFS",
    "glusterfs": "GlusterFS",
    "lustre": "Lustre",
    "gpfs": "GPFS",
    "beegfs": "BeeGFS",
    "ocfs2": "OCFS2",
    "gfs2": "GFS2",
    "davfs": "WebDAV",
    "coda": "Coda",
    "ncpfs": "NetWare",
}
_FUSE_NAMES = {
    "sshfs": "SSHFS",
    "rclone": "rclone",
    "gvfsd-fuse": "GVFS (a share opened in the file manager)",
    "s3fs": "s3fs",
    "gcsfuse": "Cloud Storage FUSE",
    "davfs": "WebDAV",
    "portal": "the desktop's document portal",
}
# FUSE filesystems over local disks only (rootless containers, pooled disks).
_LOCAL_FUSE = frozenset({"fuse-overlayfs", "mergerfs"})
# ~/Library/CloudStorage/<Provider>-<account> on macOS: the provider's name as people know it.
_CLOUD_STORAGE = {
    "googledrive": "Google Drive",
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "box": "Box",
    "pcloud": "pCloud",
}
_NEXTCLOUD_JOURNAL = re.compile(r"^\._?sync_[0-9a-f]+\.db$", re.IGNORECASE)
_MOUNT_ESCAPE = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True, slots=True)
class Risk:
    """Why the database's place is unsafe: who manages the folder, and which folder."""

    kind: RiskKind
    service: str
    folder: Path

    @property
    def summary(self) -> str:
        """Where the file is, to follow "It is" (the folder named apart)."""
        if self.kind == "sync":
            return f"in a folder that {self.service} keeps in sync"
        return f"on a network drive ({self.service})"

    @property
    def message(self) -> str:
        return f"It is {self.summary} ({self.folder})."


@dataclass(frozen=True, slots=True)
class Mount:
    mount_point: Path
    fstype: str
    source: str


# -- detection ------------------------------------------------------------------------------


def risky_location(
    path: Path,
    *,
    mounts: str | None = None,
    platform: str = sys.platform,
) -> Risk | None:
    """Why ``path`` (a database file, existing or not) is in an unsafe place, or None.

    ``mounts`` is the text of ``/proc/self/mounts`` (read when None, on Linux only).
    """
    given = Path(os.path.abspath(Path(path).expanduser()))
    real = Path(os.path.realpath(given))
    # A symlink into Dropbox is as unsafe as the real path; the given one names it as the user
    # knows it.
    for candidate in dict.fromkeys((given, real)):
        risk = sync_folder(candidate)
        if risk is not None:
            return risk
    if platform.startswith("linux"):
        if mounts is None:
            mounts = _read_mounts()
        mount = mount_for(real, parse_mounts(mounts))
        service = network_filesystem(mount.fstype) if mount is not None else None
        if mount is not None and service is not None:
            return Risk("network", service, mount.mount_point)
    elif platform == "win32":
        unc = next((str(p) for p in (given, real) if _is_unc(str(p))), None)
        if unc is not None:
            return Risk("network", "a Windows network share", Path(_unc_share(unc)))
    return None


def sync_folder(path: Path) -> Risk | None:
    """The sync tool that manages a folder above ``path``: by name first, then by marker."""
    folders = list(reversed(path.parents))  # from the root down
    by_name = _sync_by_name(folders)
    if by_name is not None:
        return by_name
    for folder in reversed(folders):  # the nearest marker wins
        service = _sync_marker(folder)
        if service is not None:
            return Risk("sync", service, folder)
    return None


def _sync_by_name(folders: Sequence[Path]) -> Risk | None:
    for i, folder in enumerate(folders):
        name = folder.name.casefold()
        parent = folders[i - 1].name.casefold() if i else ""
        service = _service_named(name, parent)
        if service == "CloudStorage" and i + 1 < len(folders):
            provider = folders[i + 1].name
            key = provider.casefold().split("-", 1)[0]
            return Risk("sync", _CLOUD_STORAGE.get(key, provider), folders[i + 1])
        if service is not None and service != "CloudStorage":
            return Risk("sync", service, folder)
    return None


def _service_named(name: str, parent: str) -> str | None:
    if name == "dropbox" or name.startswith("dropbox ("):  # "Dropbox (Company)"
        return "Dropbox"
    if name == "onedrive" or name.startswith(("onedrive - ", "onedrive-")):
        return "OneDrive"
    if name in ("google drive", "googledrive", "my drive", "shared drives"):
        return "Google Drive"
    if name.startswith("googledrive-"):
        return "Google Drive"
    if name in ("icloud drive", "iclouddrive") or (
        name == "mobile documents" and parent == "library"
    ):
        return "iCloud Drive"
    if name == "cloudstorage" and parent == "library":
        return "CloudStorage"
    if name.startswith("pcloud"):  # pCloudDrive, "pCloud Drive", "pCloud Sync"
        return "pCloud"
    if name == "nextcloud":
        return "Nextcloud"
    if name == "owncloud":
        return "ownCloud"
    if name == "box sync":
        return "Box"
    return None


def _sync_marker(folder: Path) -> str | None:
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return None
    found = set(names)
    if ".stfolder" in found:
        return "Syncthing"
    if ".dropbox" in found or ".dropbox.cache" in found:
        return "Dropbox"
    if any(_NEXTCLOUD_JOURNAL.match(n) for n in names) or found & {
        ".owncloudsync.log",
        ".nextcloudsync.log",
    }:
        return "Nextcloud or ownCloud"
    return None


def _is_unc(text: str) -> bool:
    return text.startswith(("\\\\", "//"))


def _unc_share(text: str) -> str:
    return PureWindowsPath(text).anchor or text


# -- mounts ---------------------------------------------------------------------------------


def _read_mounts() -> str:
    try:
        return Path("/proc/self/mounts").read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return ""


def parse_mounts(text: str) -> list[Mount]:
    """The mounts listed in ``/proc/self/mounts`` (fstab format), in order: later on top.

    A line: ``source /mount/point fstype options dump pass``; a space, tab, newline or
    backslash in a field is an octal escape (``\\040``). Lines without three fields are skipped.
    """
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        source, point, fstype = (_unescape(field) for field in fields[:3])
        mounts.append(Mount(Path(point), fstype, source))
    return mounts


def _unescape(field: str) -> str:
    return _MOUNT_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), field)


def mount_for(path: Path, mounts: Iterable[Mount]) -> Mount | None:
    """The mount ``path`` lives on: the deepest mount point above it, the last one mounted."""
    best: Mount | None = None
    for mount in mounts:
        above = mount.mount_point == path or mount.mount_point in path.parents
        if above and (best is None or len(mount.mount_point.parts) >= len(best.mount_point.parts)):
            best = mount
    return best


def network_filesystem(fstype: str) -> str | None:
    """A readable name when ``fstype`` is a network or FUSE filesystem, else None.

    A FUSE filesystem counts unless it is known to be local: most of them (sshfs, rclone,
    gvfs) are remote, and an unknown one promises neither the shared memory nor the locks
    SQLite's WAL needs. ``fuseblk`` is a local disk (NTFS, exFAT) and is fine.
    """
    kind = fstype.casefold()
    if kind in _NETWORK_TYPES:
        return _NETWORK_TYPES[kind]
    if kind == "fuse":
        return "FUSE"
    if kind.startswith("fuse."):
        sub = kind.removeprefix("fuse.")
        if sub in _LOCAL_FUSE:
            return None
        return _FUSE_NAMES.get(sub, f"FUSE ({sub})")
    return None


# -- the mentor's answer ----------------------------------------------------------------------


def record_path() -> Path:
    return config_file(RECORD_FILE)


def _load(record: Path) -> dict[str, Any]:
    return section(read_document(record), "files")


def should_warn(
    db_path: Path, risk: Risk, *, now: datetime | None = None, record: Path | None = None
) -> bool:
    """False when the mentor chose to keep this file here (for this same risk), or asked to
    be reminded later and it is not later yet."""
    entry = _load(record or record_path()).get(path_key(db_path))
    if not isinstance(entry, dict) or entry.get("service") != risk.service:
        return True  # a new place (or new kind of trouble) deserves a new question
    if entry.get("choice") == "keep":
        return False
    try:
        asked = datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        return True
    if asked.tzinfo is None:
        asked = asked.replace(tzinfo=UTC)
    return (now or datetime.now(UTC)) - asked >= REMIND_AFTER


def remember_choice(
    db_path: Path,
    risk: Risk,
    choice: Choice,
    *,
    now: datetime | None = None,
    record: Path | None = None,
) -> None:
    """Keeps the answer for this file; written whole, 0600, in a 0700 folder."""
    target = record or record_path()
    files = _load(target)
    files[path_key(db_path)] = {
        "choice": choice,
        "service": risk.service,
        "at": (now or datetime.now(UTC)).isoformat(),
    }
    write_private_json(target, {"version": 1, "files": files})


def forget(db_path: Path, *, record: Path | None = None) -> None:
    """Drops the answer for a file (e.g. after it was moved away)."""
    target = record or record_path()
    files = _load(target)
    if files.pop(path_key(db_path), None) is not None:
        write_private_json(target, {"version": 1, "files": files})
