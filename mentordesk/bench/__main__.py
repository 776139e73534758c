"""``python -m mentordesk.bench``."""

from __future__ import annotations

from mentordesk.bench.runner import main

if __name__ == "__main__":
    raise SystemExit(main())
