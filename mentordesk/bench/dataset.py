"""The benchmark database: written once by ``mentordesk demo-data``, kept in the cache folder.

Writing the large set takes a while, so it is rebuilt only when what it is made of changes:
the demo generator's sources or the schema's migrations (or on ``--rebuild``).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path

from mentordesk.bench.context import BenchError

SIZES = ("small", "large")
_SIDECARS = ("-wal", "-shm", "-journal", ".lock")


def _demo_package() -> Path:
    spec = find_spec("mentordesk.demo")
    if spec is None or not spec.submodule_search_locations:
        raise BenchError("mentordesk.demo (the demo data generator) is not there yet")
    return Path(next(iter(spec.submodule_search_locations)))


def cache_key(size: str) -> str:
    """Changes whenever a rebuilt database could differ from the cached one."""
    from mentordesk.store.schema import MIGRATION_NAMES

    digest = hashlib.sha256(f"size={size}\n".encode())
    for name in MIGRATION_NAMES:
        digest.update(f"migration={name}\n".encode())
    package = _demo_package()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\n")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _remove(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDECARS)):
        candidate.unlink(missing_ok=True)


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def cached_stamp(path: Path) -> dict[str, object]:
    """What is known of the cached file (its key, when and how fast it was written)."""
    try:
        stamp = json.loads(_stamp_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def ensure_database(
    cache_dir: Path, size: str, *, rebuild: bool, say: Callable[[str], None]
) -> Path:
    """The path of an up-to-date ``size`` demo database in ``cache_dir``, written if needed."""
    if size not in SIZES:
        raise BenchError(f"unknown size {size!r}: choose one of {', '.join(SIZES)}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"{size}.db"
    key = cache_key(size)
    if not rebuild and path.is_file() and cached_stamp(path).get("key") == key:
        return path
    reason = "--rebuild" if rebuild else "the demo generator or schema changed"
    if not path.is_file():
        reason = "first run"
    say(f"writing the {size} demo database to {path} ({reason}; cached for later runs)…")
    # No stamp until the file is complete: an interrupted build is redone next time.
    _stamp_path(path).unlink(missing_ok=True)
    _remove(path)
    began = time.perf_counter()
    _write(path, size, say)
    seconds = time.perf_counter() - began
    stamp = {
        "key": key,
        "size": size,
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
    }
    _stamp_path(path).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    say(f"wrote {path.name} in {seconds:.1f} s")
    return path


def _write(path: Path, size: str, say: Callable[[str], None]) -> None:
    """Through the CLI, as a user would: ``mentordesk demo-data PATH --size SIZE``."""
    command = [sys.executable, "-m", "mentordesk", "demo-data", str(path), "--size", size]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    ) as process:
        assert process.stdout is not None
        lines: list[str] = []
        for line in process.stdout:
            lines.append(line.rstrip())
            say(f"  {line.rstrip()}")
        code = process.wait()
    if code != 0 or not path.is_file():
        _remove(path)
        tail = "\n".join(lines[-10:])
        raise BenchError(f"`{' '.join(command)}` failed with exit code {code}:\n{tail}")
