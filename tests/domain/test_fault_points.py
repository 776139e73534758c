"""The crash-point hook kills only where asked and otherwise does nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mentordesk.domain.fault_points import FAULT_AT, FAULT_TRACE
from tests.faults import KILLED

SCRIPT = """
from mentordesk.domain.fault_points import reach
print("start", flush=True)
for _ in range(2):
    reach("step.one")
reach("step.two")
print("end", flush=True)
"""


def _child(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in (FAULT_AT, FAULT_TRACE)}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env={**clean, **env}
    )


def test_nothing_happens_unless_asked() -> None:
    result = _child({})
    assert (result.returncode, result.stdout.split()) == (0, ["start", "end"])


def test_killed_at_the_named_point_and_its_nth_arrival() -> None:
    for point in ("step.two", "step.one@2", "step.one"):
        result = _child({FAULT_AT: point})
        assert (result.returncode, result.stdout.split()) == (KILLED, ["start"]), point
    # A point never reached (or not that often) lets the command finish.
    assert _child({FAULT_AT: "step.one@3"}).returncode == 0


def test_the_trace_lists_every_point_reached_in_order(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    assert _child({FAULT_TRACE: str(trace)}).returncode == 0
    assert trace.read_text().split() == ["step.one", "step.one", "step.two"]
