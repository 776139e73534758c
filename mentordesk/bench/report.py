"""The results: a table for people, ``results.json`` (with the machine they came from) for tools."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mentordesk import __version__
from mentordesk.bench.registry import Row


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None
    return round(pages * page_size / 1024**3, 1)


def _git_commit(folder: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "describe", "--always", "--dirty", "--abbrev=12"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def machine_info(project: Path) -> dict[str, Any]:
    import PySide6
    from PySide6.QtCore import qVersion

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gib": _ram_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "sqlite": sqlite3.sqlite_version,
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        "mentordesk": __version__,
        "commit": _git_commit(project),
        "executable": sys.executable,
    }


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if value >= 100:
        return f"{value:,.0f} {unit}"
    if value >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def _target(row: Row) -> str:
    return "—" if row.target is None else "<= " + _number(row.target, row.unit)


def _met(row: Row) -> str:
    return {None: "", True: "yes", False: "NO"}[row.met]


def table(rows: Sequence[Row]) -> str:
    """A plain-text table (it reads the same in a terminal and in a Markdown code block)."""
    header = ("Benchmark", "Median", "Min", "Max", "Runs", "Target", "Met")
    lines = [
        (
            r.name,
            _number(r.median, r.unit),
            _number(r.minimum, r.unit),
            _number(r.maximum, r.unit),
            str(len(r.samples)),
            _target(r),
            _met(r),
        )
        for r in rows
    ]
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        name, *figures = cells
        parts = [name.ljust(widths[0])]
        parts += [c.rjust(w) for c, w in zip(figures[:-2], widths[1:-2], strict=True)]
        parts += [figures[-2].ljust(widths[-2]), figures[-1].ljust(widths[-1])]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(cells) for cells in lines)])


def markdown_table(rows: Sequence[Row]) -> str:
    """The same figures as a Markdown table, for the README."""
    out = [
        "| Benchmark | Median | Min | Max | Target | Met |",
        "|---|--:|--:|--:|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r.name} | {_number(r.median, r.unit)} | {_number(r.minimum, r.unit)} "
            f"| {_number(r.maximum, r.unit)} | {_target(r)} | {_met(r) or '—'} |"
        )
    return "\n".join(out)


def details(rows: Sequence[Row]) -> str:
    return "\n".join(f"  {r.name}: {r.detail}" for r in rows if r.detail)


def as_json(
    rows: Sequence[Row], machine: dict[str, Any], dataset: dict[str, Any], notes: list[str]
) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "dataset": dataset,
        "notes": notes,
        "results": [
            {
                "key": r.key,
                "name": r.name,
                "unit": r.unit,
                "median": round(r.median, 4),
                "min": round(r.minimum, 4),
                "max": round(r.maximum, 4),
                "runs": len(r.samples),
                "target": r.target,
                "met": r.met,
                "detail": r.detail,
                "samples": [round(s, 4) for s in r.samples],
            }
            for r in rows
        ],
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)
