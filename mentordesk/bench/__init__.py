"""Performance benchmarks on a large demo database: ``make bench`` / ``python -m mentordesk.bench``.

Each figure is the median (with min and max) of several runs, beside its target. Groups live in
small modules (``startup``, ``data``, ``ui``) and register themselves with ``@group``; a later
feature adds its own module to ``runner.GROUP_MODULES``.
"""

from __future__ import annotations

from mentordesk.bench.runner import main

__all__ = ["main"]
