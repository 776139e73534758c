"""``python -m mentordesk.bench``: build or reuse the database, run the groups, report.

Exit codes: 0 when every group ran (missed targets included: they are goals, not tests),
1 when a benchmark could not run, 2 for bad options.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any

from mentordesk.bench.context import BenchError, Context, log
from mentordesk.bench.dataset import SIZES, cached_stamp, ensure_database
from mentordesk.bench.registry import REGISTRY, Row

#: Modules whose ``@group`` functions make up the benchmarks, in running order. A later
#: feature (autosave latency, PDF export, planner, batch export) adds its module here.
GROUP_MODULES: tuple[str, ...] = (
    "mentordesk.bench.startup",
    "mentordesk.bench.data",
    "mentordesk.bench.ui",
    "mentordesk.bench.call_typing",
    "mentordesk.bench.planner",
    "mentordesk.bench.roadmap",
    "mentordesk.bench.hostile",
    "mentordesk.bench.summaries",
    "mentordesk.bench.contacts",
    "mentordesk.bench.timeline",
)

NOTES = [
    "Medians, with min and max, of the runs shown; in-process figures follow one untimed call.",
    "Start-up children run without PYTHONDONTWRITEBYTECODE (installed apps have .pyc files),"
    " after one untimed warm-up run of each kind.",
    "Targets are goals: a missed one is reported, never a failure.",
]


def project_dir() -> Path:
    """The source checkout when run from one (``make bench``), else the current folder."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() else Path.cwd()


def load_groups() -> None:
    for name in GROUP_MODULES:
        importlib.import_module(name)


def build_parser() -> argparse.ArgumentParser:
    bench = project_dir() / "bench"
    parser = argparse.ArgumentParser(
        prog="python -m mentordesk.bench",
        description="MentorDesk's performance benchmarks on a large demo database.",
    )
    parser.add_argument(
        "--size",
        choices=SIZES,
        default="large",
        help="demo database to measure (small: the demo set; default: large)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="N",
        help="runs per figure (default: each benchmark's own, at least 5)",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these groups (see --list)"
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        default=bench / "results.json",
        help="where to write the results (default: bench/results.json)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        default=bench / "cache",
        help="where the demo databases are kept (default: bench/cache)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="write the demo database again even if the cached one is current",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the table as Markdown too (for the README)"
    )
    parser.add_argument("--list", action="store_true", help="list the groups and exit")
    return parser


def _dataset_info(ctx: Context) -> dict[str, Any]:
    stamp = cached_stamp(ctx.db_path)
    return {
        "size": ctx.size,
        "path": str(ctx.db_path),
        "file_mib": round(ctx.db_path.stat().st_size / 1024**2, 1),
        "counts": ctx.counts(),
        "cache_key": stamp.get("key"),
        "written": stamp.get("written"),
        "write_seconds": stamp.get("seconds"),
    }


def run_groups(ctx: Context, names: list[str]) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        entry = REGISTRY.groups[name]
        ctx.say(f"running {name}: {entry.help}…")
        began = time.perf_counter()
        rows.extend(entry.function(ctx))
        ctx.say(f"  {name} done in {time.perf_counter() - began:.1f} s")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    load_groups()
    if args.list:
        for entry in REGISTRY.groups.values():
            print(f"{entry.name:<12} {entry.help}")
        return 0
    names = list(REGISTRY.groups)
    if args.only:
        unknown = [n for n in args.only if n not in REGISTRY.groups]
        if unknown:
            parser.error(f"unknown group(s) {', '.join(unknown)}: choose from {', '.join(names)}")
        names = [n for n in names if n in args.only]
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    # Qt picks its platform when the first application is made: no display needed by default.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from mentordesk.bench.report import (
        as_json,
        details,
        machine_info,
        markdown_table,
        table,
        write_json,
    )

    try:
        db_path = ensure_database(args.cache_dir, args.size, rebuild=args.rebuild, say=log)
        ctx = Context(db_path, args.size, args.runs)
        try:
            rows = run_groups(ctx, names)
            dataset = _dataset_info(ctx)
        finally:
            ctx.close()
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1

    counts = ", ".join(f"{n:,} {t}" for t, n in dataset["counts"].items())
    print(f"MentorDesk benchmarks — {args.size} database ({counts})")
    print(table(rows))
    if extra := details(rows):
        print("\nDetails:\n" + extra)
    if args.markdown:
        print("\n" + markdown_table(rows))
    document = as_json(rows, machine_info(project_dir()), dataset, NOTES)
    document["groups"] = names
    write_json(args.json, document)
    missed = [r.name for r in rows if r.met is False]
    log(
        f"results written to {args.json}; targets missed: {len(missed)} of "
        f"{sum(r.target is not None for r in rows)}"
    )
    return 0
