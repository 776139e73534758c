"""Entry point for ``mentordesk`` and ``python -m mentordesk``."""

from __future__ import annotations

import time

# Measured from the first line we control, for ``--quit-after-start``.
_STARTED = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    from mentordesk.cli import run

    return run(argv, started=_STARTED)


if __name__ == "__main__":
    raise SystemExit(main())
