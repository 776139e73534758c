"""The list of benchmark groups, and the shape of what each one reports.

A group is a function ``(Context) -> list[Row]``, registered under a short name with
``@group("name")``. Later features add their rows here: write a module with a registered
function and add the module's name to ``GROUP_MODULES`` in ``mentordesk/bench/runner.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentordesk.bench.context import Context


@dataclass(slots=True)
class Row:
    """One line of the results table: a figure measured ``len(samples)`` times.

    ``target`` is an upper bound (every figure here is better when smaller); ``None`` marks a
    figure shown for context only.
    """

    key: str
    name: str
    unit: str
    samples: list[float]
    target: float | None = None
    detail: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def minimum(self) -> float:
        return min(self.samples)

    @property
    def maximum(self) -> float:
        return max(self.samples)

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.median <= self.target


GroupFunction = Callable[["Context"], list[Row]]


@dataclass(slots=True)
class Group:
    name: str
    function: GroupFunction
    help: str = ""


@dataclass(slots=True)
class Registry:
    groups: dict[str, Group] = field(default_factory=dict)

    def add(self, entry: Group) -> None:
        if entry.name in self.groups:
            raise ValueError(f"benchmark group {entry.name!r} is registered twice")
        self.groups[entry.name] = entry


#: Every registered group, in the order they run (registration order).
REGISTRY = Registry()


def group(name: str, help: str = "") -> Callable[[GroupFunction], GroupFunction]:
    """Registers a benchmark group; ``--only NAME`` runs just the named groups."""

    def register(function: GroupFunction) -> GroupFunction:
        REGISTRY.add(Group(name, function, help))
        return function

    return register


def time_ms(action: Callable[[], object], runs: int, *, warm_up: int = 1) -> list[float]:
    """Wall times of ``runs`` calls of ``action`` in ms, after ``warm_up`` untimed calls
    (the first call fills SQLite's page cache and Python's lazy imports)."""
    for _ in range(warm_up):
        action()
    samples: list[float] = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    return samples
