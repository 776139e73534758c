"""Named crash points: the tests kill a file-rewriting command at a chosen step.

A command that rewrites the database file (encrypt, decrypt, restore, import, move, demo
data, migrations) calls ``reach("encrypt.renamed")`` between its steps. Nothing happens
unless the environment asks for it, so the calls cost one dictionary lookup in use:

- ``MENTORDESK_FAULT_AT=NAME`` (or ``NAME@N`` for the N-th time it is reached) kills the
  process there at once, as a power cut or ``kill -9`` would: no ``finally`` block, no
  ``atexit`` handler, no buffered write runs afterwards.
- ``MENTORDESK_FAULT_TRACE=FILE`` appends every point reached to FILE, one per line, so a
  test can learn a command's points from one clean run and then kill it at each.
"""

from __future__ import annotations

import os
import signal

FAULT_AT = "MENTORDESK_FAULT_AT"
FAULT_TRACE = "MENTORDESK_FAULT_TRACE"

_reached: dict[str, int] = {}


def reach(point: str) -> None:
    """Mark that the running command has reached ``point``; die here if the tests asked."""
    wanted = os.environ.get(FAULT_AT)
    trace = os.environ.get(FAULT_TRACE)
    if not wanted and not trace:
        return
    count = _reached[point] = _reached.get(point, 0) + 1
    if trace:
        with open(trace, "a", encoding="utf-8") as out:
            out.write(f"{point}\n")
    if wanted and wanted in (point, f"{point}@{count}"):
        _die()


def _die() -> None:
    kill = getattr(signal, "SIGKILL", None)
    if kill is not None:
        os.kill(os.getpid(), kill)
    os._exit(137)  # Windows has no SIGKILL: leave without cleaning up, all the same
