"""Running ``mentordesk`` as a user does: a child process, headless Qt, captured output."""

from __future__ import annotations

import os
import subprocess
import sys


def mentordesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mentordesk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )
