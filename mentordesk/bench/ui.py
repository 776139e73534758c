"""Figures through the real pages (offscreen): a mentee's dashboard after a click, and the
Mentees and Notes lists filtered and sorted as the mentor does it.

Each timing runs from the action to the end of the paint it causes: the page's own method
(service call and model reset), then event-loop rounds until the watched widget has been
painted and no events are left (layouts, the view's relayout, update requests).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mentordesk.bench.context import BenchError, Context
from mentordesk.bench.data import mentee_ids, search_cases
from mentordesk.bench.registry import Row, group, time_ms

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication, QWidget

    from mentordesk.ui.pages.base import Page
    from mentordesk.ui.widgets.list_pane import ListPane

#: The app's default window size, so pages lay out as they do at first start.
WINDOW_SIZE = (1200, 780)
_LIST_RUNS = 10
_EVENT_ROUNDS = 50
#: The issue's targets: 2,000 mentees and 200,000 notes.
SMALL_LIST_TARGET = 50.0
BIG_LIST_TARGET = 150.0


class _PaintWatch:
    """Counts paint events of a widget and of the widgets inside it.

    Its children count too: Qt skips painting a parent wherever an opaque child covers it.
    """

    def __init__(self, widget: QWidget) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QWidget

        paint = QEvent.Type.Paint
        watch = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == paint:
                    watch.paints += 1
                return False

        self.paints = 0
        self._filter = Filter()
        for each in (widget, *widget.findChildren(QWidget)):
            each.installEventFilter(self._filter)


def _round(app: QApplication) -> bool:
    """One pass of the event loop; True if it handled anything."""
    from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop

    dispatcher = QAbstractEventDispatcher.instance(app.thread())
    if dispatcher is None:
        app.processEvents()
        return False
    return dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def settle(app: QApplication) -> None:
    """Handles events until none are left (or a bound, should something keep posting)."""
    for _ in range(_EVENT_ROUNDS):
        if not _round(app):
            return


class PaintedStep:
    """``action``, then event rounds until ``widget`` is painted and no events are left.

    One round is rarely enough: events posted while events are handled wait for the next
    round, so a layout, the update request it causes, and a relayout once word-wrapped
    labels know their height each take one. Also notes how long the action itself took
    and how many times the widget was painted, to tell data from layout and paint.
    """

    def __init__(self, app: QApplication, widget: QWidget, action: Callable[[], object]) -> None:
        self.app = app
        self.widget = widget
        self.action = action
        self.watch = _PaintWatch(widget)
        self.action_ms: list[float] = []
        #: Event rounds that painted the widget, per run.
        self.paint_counts: list[int] = []

    def __call__(self) -> None:
        self.watch.paints = 0
        began = time.perf_counter()
        self.action()
        self.action_ms.append((time.perf_counter() - began) * 1000)
        passes = 0
        for _ in range(_EVENT_ROUNDS):
            before = self.watch.paints
            busy = _round(self.app)
            passes += self.watch.paints > before
            if passes and not busy:
                break
        if not passes:
            self.widget.repaint()
            passes = 1
        self.paint_counts.append(passes)

    def measure(self, runs: int, before: Callable[[], object] | None = None) -> list[float]:
        """``runs`` timings after one untimed run; ``before`` runs untimed ahead of each."""
        samples: list[float] = []
        for _ in range(runs + 1):
            if before is not None:
                before()
                settle(self.app)
            samples += time_ms(self, 1, warm_up=0)
            settle(self.app)
        del self.action_ms[0], self.paint_counts[0]
        return samples[1:]

    def split(self) -> str:
        passes = round(statistics.median(self.paint_counts))
        return (
            f"{statistics.median(self.action_ms):.1f} ms in the page's own call, the rest layout"
            f" and paint ({passes} paint pass{'' if passes == 1 else 'es'})"
        )


@contextmanager
def shown(ctx: Context, page_class: Callable[..., Page]) -> Iterator[tuple[QApplication, Page]]:
    """A page on the benchmark workspace, shown at the window's size, deleted afterwards."""
    from PySide6.QtCore import QCoreApplication, QEvent

    app = ctx.qt_app()
    page = page_class(ctx.workspace())
    page.resize(*WINDOW_SIZE)
    page.show()
    page.repaint()
    settle(app)
    try:
        yield app, page
    finally:
        page.close()
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def list_pane(page: Page) -> ListPane:
    from mentordesk.ui.widgets.list_pane import ListPane

    pane = getattr(page, "pane", None)
    if isinstance(pane, ListPane):
        return pane
    panes = page.findChildren(ListPane)
    if not panes:
        raise BenchError(f"{type(page).__name__} has no ListPane to filter or sort")
    return panes[0]


@group("page-switch", "Mentees page: select another mentee until the dashboard is painted")
def page_switch(ctx: Context) -> list[Row]:
    from mentordesk.ui.pages.mentees import MenteesPage

    ids = mentee_ids(ctx.workspace())
    with shown(ctx, MenteesPage) as (app, page):
        select = getattr(page, "select_mentee", None)
        if select is None:
            raise BenchError("MenteesPage has no select_mentee(mentee_id)")
        previous = [-1]

        def another() -> int:
            choice = ctx.rng.choice(ids)
            while len(ids) > 1 and choice == previous[0]:
                choice = ctx.rng.choice(ids)
            previous[0] = choice
            return choice

        step = PaintedStep(app, getattr(page, "detail", page), lambda: select(another()))
        samples = step.measure(ctx.runs_or(20))
    return [
        Row(
            "page_switch_ms",
            "Page switch: select a mentee until the dashboard is painted",
            "ms",
            samples,
            50.0,
            f"{step.split()}; {len(ids):,} mentees in the list",
        )
    ]


def _filter_row(
    ctx: Context, app: QApplication, pane: ListPane, text: str, name: str, key: str, target: float
) -> Row:
    """Typing ``text`` in the filter box (applied at once, as after the typing pause)."""

    def apply(value: str) -> None:
        pane.search_edit.setText(value)
        pane.search_now()

    step = PaintedStep(app, pane.view.viewport(), lambda: apply(text))
    samples = step.measure(ctx.runs_or(_LIST_RUNS), before=lambda: apply(""))
    matching = pane.model.rowCount()
    apply("")
    settle(app)
    return Row(key, name, "ms", samples, target, f"{step.split()}; {matching:,} rows match")


def _sort_row(
    ctx: Context, app: QApplication, pane: ListPane, column: int, name: str, key: str, target: float
) -> Row:
    """Clicking a column header, alternately ascending and descending."""
    from PySide6.QtCore import Qt

    header = pane.view.horizontalHeader()
    orders = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
    if column not in pane.model.sortable:
        raise BenchError(f"column {column} of {type(pane.model).__name__} does not sort")
    initial = (pane.model.sort_column, pane.model.sort_order)
    turn = [0]

    def click() -> None:
        turn[0] += 1
        header.setSortIndicator(column, orders[turn[0] % 2])

    step = PaintedStep(app, pane.view.viewport(), click)
    samples = step.measure(ctx.runs_or(_LIST_RUNS))
    header.setSortIndicator(*initial)
    settle(app)
    rows = pane.model.rowCount()
    return Row(key, name, "ms", samples, target, f"{step.split()}; {rows:,} rows")


def _mentee_filter_text(ctx: Context) -> tuple[str, int]:
    """Three letters of names that about one mentee in ten has: a typical narrowing."""
    names = [m.name.casefold() for m in ctx.workspace().list_mentees()]
    found: dict[str, int] = {}
    for name in names:
        for part in {name[i : i + 3] for i in range(len(name) - 2)}:
            if part.isalpha():
                found[part] = found.get(part, 0) + 1
    if not found:
        raise BenchError("no mentee names to filter by")
    goal = max(1, len(names) // 10)
    text = min(found, key=lambda p: (abs(found[p] - goal), p))
    return text, found[text]


@group("lists", "Mentees and Notes lists: filter by a substring, sort by a column")
def lists(ctx: Context) -> list[Row]:
    from mentordesk.ui.models import mentees as mentee_columns
    from mentordesk.ui.models import notes as note_columns
    from mentordesk.ui.pages.mentees import MenteesPage
    from mentordesk.ui.pages.notes import NotesPage

    counts = ctx.counts()
    rows: list[Row] = []

    text, _ = _mentee_filter_text(ctx)
    title = f"Mentees list ({counts.get('mentees', 0):,})"
    with shown(ctx, MenteesPage) as (app, page):
        pane = list_pane(page)
        rows.append(
            _filter_row(
                ctx,
                app,
                pane,
                text,
                f"{title}: filter '{text}'",
                "mentees_filter_ms",
                SMALL_LIST_TARGET,
            )
        )
        for column, label in (
            (mentee_columns.ORGANISATION, "organisation"),
            (mentee_columns.CHECK_IN, "check_in"),
        ):
            name = f"{title}: sort by {label.replace('_', '-')}"
            key = f"mentees_sort_{label}_ms"
            rows.append(_sort_row(ctx, app, pane, column, name, key, SMALL_LIST_TARGET))

    cases = search_cases(ctx.workspace(), ctx)
    word = next(c for c in cases if c.key == "common_word_typed")
    title = f"Notes list ({counts.get('notes', 0):,})"
    with shown(ctx, NotesPage) as (app, page):
        pane = list_pane(page)
        rows.append(
            _filter_row(
                ctx,
                app,
                pane,
                word.query,
                f"{title}: filter '{word.query}'",
                "notes_filter_ms",
                BIG_LIST_TARGET,
            )
        )
        for column, label in ((note_columns.TITLE, "title"), (note_columns.MENTEE, "mentee")):
            name = f"{title}: sort by {label}"
            rows.append(
                _sort_row(ctx, app, pane, column, name, f"notes_sort_{label}_ms", BIG_LIST_TARGET)
            )
    return rows
