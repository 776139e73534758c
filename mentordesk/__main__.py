"""Entry point for ``mentordesk`` and ``python -m mentordesk``."""

from __future__ import annotations

import os
import sys
import time

# Measured from the first line we control, for ``--quit-after-start``.
_STARTED = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    from mentordesk.cli import run

    try:
        return run(argv, started=_STARTED)
    except BrokenPipeError:
        # Output piped into ``head`` or a pager that quit: the reader has what it wanted.
        # Point stdout at nothing so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
