"""Start-up: the app's time to a painted Today page against a bare PySide6 window, and its
peak memory on the way there.

Absolute start-up times drift on a shared machine, so the figure is the ratio of each app run
to the bare window run just before it (the three kinds of process take turns). Every process
is a fresh interpreter, as a user's launch is.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mentordesk.bench.context import BenchError, Context
from mentordesk.bench.registry import Row, group

BARE_WINDOW = Path(__file__).with_name("bare_window.py")
_TIMEOUT_S = 120
_READY = re.compile(r"ready in (\d+(?:\.\d+)?) ms")


@dataclass(slots=True, frozen=True)
class ChildRun:
    seconds: float
    #: Spawn to the first line on stdout (None if it printed nothing).
    first_line_seconds: float | None
    #: Peak resident memory in MiB (None where the OS does not say).
    peak_rss_mib: float | None
    stdout: str


def child_environment(config_dir: str) -> dict[str, str]:
    """The environment of a user's launch.

    This machine sets PYTHONDONTWRITEBYTECODE, so every process would recompile all of its
    sources (~40 ms); installed apps have their .pyc files, so the children may write them.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("MENTORDESK_DB", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The window restores its last page and geometry: start each run from the same state.
    env["XDG_CONFIG_HOME"] = config_dir
    return env


def app_command() -> list[str]:
    """The installed ``mentordesk`` launcher beside this interpreter, else ``-m mentordesk``."""
    launcher = Path(sys.executable).with_name("mentordesk")
    if launcher.is_file() and os.access(launcher, os.X_OK):
        return [str(launcher)]
    return [sys.executable, "-m", "mentordesk"]


def run_child(command: list[str], env: dict[str, str]) -> ChildRun:
    """Runs ``command`` to its end: wall time from spawn to exit, from spawn to its first line
    of output (both the app and the bare window print one once painted), and its peak RSS."""
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, env=env
        )
        watchdog = threading.Timer(_TIMEOUT_S, process.kill)
        watchdog.start()
        try:
            assert process.stdout is not None
            with process.stdout:
                first = process.stdout.readline()
                first_seconds = time.perf_counter() - began if first else None
                stdout = (first + process.stdout.read()).decode(errors="replace")
            if hasattr(os, "wait4"):
                _pid, status, usage = os.wait4(process.pid, 0)
                seconds = time.perf_counter() - began
                # Reaped here, so tell the Popen object (it would wait again otherwise).
                process.returncode = os.waitstatus_to_exitcode(status)
                # Linux reports KiB, macOS bytes.
                scale = 1024 * 1024 if sys.platform == "darwin" else 1024
                peak: float | None = usage.ru_maxrss / scale
            else:  # pragma: no cover - Windows has no wait4
                process.wait()
                seconds = time.perf_counter() - began
                peak = None
        finally:
            watchdog.cancel()
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if process.returncode != 0:
        raise BenchError(
            f"`{' '.join(command)}` exited with {process.returncode}:\n{stderr.strip()[-2000:]}"
        )
    return ChildRun(seconds, first_seconds, peak, stdout)


@group("startup", "start-up ratio against a bare PySide6 window, and the app's peak RSS")
def startup(ctx: Context) -> list[Row]:
    ctx.close_workspace()  # the app takes the writer lock on the same file
    runs = ctx.runs_or(7)
    kinds = {
        "bare": [sys.executable, str(BARE_WINDOW)],
        "imports": [sys.executable, str(BARE_WINDOW), "--imports"],
        "app": [*app_command(), "--db", str(ctx.db_path), "--quit-after-start"],
    }
    results: dict[str, list[ChildRun]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory(prefix="mentordesk-bench-") as config_dir:
        env = child_environment(config_dir)
        ctx.say(
            "start-up: children run without PYTHONDONTWRITEBYTECODE (as installed apps, with"
            " .pyc files); one untimed warm-up run of each first"
        )
        for command in kinds.values():
            run_child(command, env)
        for _ in range(runs):
            for kind, command in kinds.items():
                results[kind].append(run_child(command, env))

    def ms(kind: str) -> list[float]:
        return [r.seconds * 1000 for r in results[kind]]

    def ratios(kind: str, painted: bool = False) -> list[float]:
        pairs = zip(results[kind], results["bare"], strict=True)
        if painted:
            return [
                a / b
                for x, y in pairs
                if (a := x.first_line_seconds) and (b := y.first_line_seconds)
            ]
        return [x.seconds / y.seconds for x, y in pairs]

    app_runs = results["app"]
    ready = [float(m.group(1)) for r in app_runs if (m := _READY.search(r.stdout))]
    rows = [
        Row(
            "startup_ratio",
            "Start-up: app to painted Today / bare window",
            "x",
            ratios("app"),
            1.5,
            "spawn to exit; each app run over the bare-window run just before it",
        ),
        Row(
            "import_floor_ratio",
            "Start-up: bare window + qasync, sqlite-utils imports / bare",
            "x",
            ratios("imports"),
            None,
            "the floor if those imports came before the paint",
        ),
    ]
    painted = ratios("app", painted=True)
    if painted:
        rows.append(
            Row(
                "startup_paint_ratio",
                "Start-up: spawn to painted only (no exit) / bare window",
                "x",
                painted,
                None,
                "to the line each prints once painted: leaves out what runs after the paint",
            )
        )
    rows += [
        Row("startup_app_ms", "Start-up: app wall time (spawn to exit)", "ms", ms("app")),
        Row("startup_bare_ms", "Start-up: bare window wall time", "ms", ms("bare")),
        Row("startup_imports_ms", "Start-up: bare window + imports wall time", "ms", ms("imports")),
    ]
    if ready:
        rows.append(Row("startup_ready_ms", "Start-up: app's own 'ready in' figure", "ms", ready))
    peaks = [r.peak_rss_mib for r in app_runs if r.peak_rss_mib is not None]
    if peaks:
        rows.append(
            Row(
                "peak_rss_mib",
                "Peak RSS of the app (start-up to painted Today)",
                "MiB",
                peaks,
                150.0,
                f"{ctx.size} database",
            )
        )
    return rows
