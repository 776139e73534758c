"""Running a ``mentordesk`` command in a child and interrupting it the ways users' machines do.

Killed at a named crash point (``mentordesk.domain.fault_points.reach``), killed after a
random delay by a signal, or run on a full disk (a file size limit in the child: writes past
it fail with EFBIG as they would with ENOSPC, and the test run itself is untouched). After
each, the test checks the file: it opens, ``quick_check`` is ok and its content equals the
state before or after the command.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from mentordesk.domain.fault_points import FAULT_AT, FAULT_TRACE

KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 137


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    # A fault asked for by the outer run must not leak into an unrelated child.
    clean = {k: v for k, v in os.environ.items() if k not in (FAULT_AT, FAULT_TRACE)}
    return {**clean, "QT_QPA_PLATFORM": "offscreen", **(extra or {})}


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None, **kw: object):
    """The command run to its end in a child process (``subprocess.CompletedProcess``)."""
    return subprocess.run(
        [sys.executable, "-m", "mentordesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
        env=_env(env),
        **kw,  # type: ignore[arg-type]
    )


def points_reached(tmp: Path, *args: str, env: dict[str, str] | None = None) -> list[str]:
    """The crash points one clean run of the command passes, in order (repeats as ``NAME@N``)."""
    trace = tmp / f"trace-{time.monotonic_ns()}.txt"
    result = run(*args, env={**(env or {}), FAULT_TRACE: str(trace)})
    assert result.returncode == 0, result.stderr
    seen: dict[str, int] = {}
    points = []
    for line in trace.read_text(encoding="utf-8").splitlines():
        seen[line] = seen.get(line, 0) + 1
        points.append(line if seen[line] == 1 else f"{line}@{seen[line]}")
    trace.unlink()
    return points


def run_killed_at(point: str, *args: str, env: dict[str, str] | None = None):
    """The command killed (SIGKILL) when it reaches ``point``; asserts that it did."""
    result = run(*args, env={**(env or {}), FAULT_AT: point})
    assert result.returncode == KILLED, f"{point} was not reached: {result.stderr}"
    return result


def run_killed_after(
    delay: float, *args: str, sig: int = signal.SIGKILL, env: dict[str, str] | None = None
) -> int:
    """The command sent ``sig`` after ``delay`` seconds (if still running); its exit code."""
    child = subprocess.Popen(
        [sys.executable, "-m", "mentordesk", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(env),
    )
    try:
        child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(sig)
    return child.wait(timeout=120)


def random_delays(count: int, longest: float, seed: int = 0) -> list[float]:
    """Repeatable random kill moments (the seed is printed by the test on failure)."""
    rng = random.Random(seed)
    return sorted(rng.uniform(0.05, longest) for _ in range(count))


def _file_size_limit(limit: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def run_on_full_disk(limit: int, *args: str, env: dict[str, str] | None = None):
    """The command with every file it writes capped at ``limit`` bytes, as on a full disk."""
    return run(*args, env=env, preexec_fn=lambda: _file_size_limit(limit))
