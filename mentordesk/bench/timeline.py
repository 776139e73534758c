"""A mentee's dashboard with its Timeline tab shown, on the large practice: selecting a
mentee until the dashboard and the first timeline page are painted (the issue's 50 ms), the
same for the mentees with the longest history, and "Show more…" deep into one.

The timeline reads one keyset page (``store/repositories/history.py``), so its cost does not
grow with the years of history behind the page; these rows keep that true.
"""

from __future__ import annotations

import time

from mentordesk.bench.context import BenchError, Context
from mentordesk.bench.data import mentee_ids
from mentordesk.bench.registry import Row, group, time_ms
from mentordesk.bench.ui import PaintedStep, shown

#: The issue's target: a dashboard with its first timeline page, to painted.
TIMELINE_TARGET = 50.0
#: The mentees with the most notes that the "longest history" row switches between.
HEAVIEST = 5


@group("timeline", "Mentee dashboard with the Timeline tab: select until painted, Show more…")
def timeline(ctx: Context) -> list[Row]:
    from mentordesk.ui.pages.mentees import MenteesPage

    ws = ctx.workspace()
    ids = mentee_ids(ws)
    began = time.perf_counter()
    history = {i: len(ws.note_ids(mentee_id=i)) for i in ids}
    heaviest = sorted(ids, key=lambda i: history[i], reverse=True)[:HEAVIEST]
    ranked_ms = (time.perf_counter() - began) * 1000
    runs = ctx.runs_or(20)
    with shown(ctx, MenteesPage) as (app, page):
        detail = getattr(page, "detail", None)
        if detail is None or not hasattr(detail, "timeline"):
            raise BenchError("MenteesPage's dashboard has no Timeline tab")
        detail.tabs.setCurrentWidget(detail.timeline)
        previous = [-1]

        def pick(choices: list[int]) -> int:
            choice = ctx.rng.choice(choices)
            while len(choices) > 1 and choice == previous[0]:
                choice = ctx.rng.choice(choices)
            previous[0] = choice
            return choice

        anyone = PaintedStep(app, detail, lambda: page.select_mentee(pick(ids)))
        any_samples = anyone.measure(runs)
        longest = PaintedStep(app, detail, lambda: page.select_mentee(pick(heaviest)))
        long_samples = longest.measure(runs)
        entries = len(detail.timeline.entries)

        def back_to_first_page() -> None:
            page.select_mentee(heaviest[1])
            page.select_mentee(heaviest[0])
            for _ in range(4):  # four pages in, as a mentor reading back a few months
                detail.timeline.show_more()

        more = PaintedStep(app, detail.timeline, detail.timeline.show_more)
        more_samples = more.measure(ctx.runs_or(10), before=back_to_first_page)
        shown_after = len(detail.timeline.entries)
    service = time_ms(lambda: ws.history.page(heaviest[0]), ctx.runs_or(50))
    notes = history[heaviest[0]]
    return [
        Row(
            "timeline_switch_ms",
            "Dashboard with its first timeline page: select a mentee until painted",
            "ms",
            any_samples,
            TIMELINE_TARGET,
            f"{anyone.split()}; {len(ids):,} mentees",
        ),
        Row(
            "timeline_longest_ms",
            "The same for the mentees with the longest history",
            "ms",
            long_samples,
            TIMELINE_TARGET,
            f"{longest.split()}; {notes} notes for the first of them, {entries} entries shown"
            f" (ranking them took {ranked_ms:.0f} ms, untimed)",
        ),
        Row(
            "timeline_more_ms",
            "Timeline: Show more… five pages in, until painted",
            "ms",
            more_samples,
            TIMELINE_TARGET,
            f"{more.split()}; {shown_after} entries shown after it",
        ),
        Row(
            "timeline_page_ms",
            "Timeline: the service's first page for the longest history (data only)",
            "ms",
            service,
            5.0,
            "one keyset query over eight sources",
        ),
    ]
