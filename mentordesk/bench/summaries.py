"""Progress summaries: one mentee's PDF, and a batch of 100 written on a worker thread while
the event loop keeps running (its longest stall is measured with a 1 ms timer)."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from mentordesk.bench.context import Context
from mentordesk.bench.registry import Row, group, time_ms
from mentordesk.domain.models import Mentee
from mentordesk.reports.batch import write_batch
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_pdf import write_summary_pdf
from mentordesk.services.summary import SummaryService

BATCH = 100


def _batch_with_stalls(
    service: SummaryService, mentees: list[Mentee], folder: Path
) -> tuple[float, float]:
    """(seconds, longest event-loop gap in ms) of one batch on a worker thread, which opens
    its own connection as the window's operation does."""
    gaps: list[float] = []
    last = time.perf_counter()

    def tick() -> None:
        nonlocal last
        now = time.perf_counter()
        gaps.append((now - last) * 1000)
        last = now

    def work() -> None:
        with service.on_own_connection() as own:
            write_batch(own, mentees, SummaryService.since_start, folder, Paper.A4)

    timer = QTimer(interval=1)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    worker = threading.Thread(target=work)
    began = time.perf_counter()
    timer.start()
    worker.start()
    while worker.is_alive():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    timer.stop()
    worker.join()
    return time.perf_counter() - began, max(gaps, default=0.0)


@group("summaries", "progress summary PDFs: one mentee, and a batch on a worker thread")
def summaries(ctx: Context) -> list[Row]:
    ctx.qt_app()
    ws = ctx.workspace()
    mentees = ws.summaries.active_mentees()[:BATCH]
    richest = max(mentees[:20], key=lambda m: len(ws.goal_progress(m.id or 0)))
    runs = ctx.runs_or(5)
    with tempfile.TemporaryDirectory(prefix="mentordesk-bench-") as tmp:
        folder = Path(tmp)

        def one() -> None:
            summary = ws.summaries.build(richest.id or 0, ws.summaries.since_start(richest))
            write_summary_pdf(summary, folder / "one.pdf", Paper.A4)

        single = time_ms(one, runs)
        batches = [_batch_with_stalls(ws.summaries, mentees, folder) for _ in range(ctx.runs_or(2))]
    detail = f"{len(mentees)} active mentees, since start, A4"
    return [
        Row("summary_pdf_ms", "Summary: one mentee's PDF (build, lay out, write)", "ms",
            single, 250.0, f"{richest.name}, since start, A4"),
        Row("summary_batch_s", f"Summary: batch of {len(mentees)} PDFs on a worker thread", "s",
            [b[0] for b in batches], 15.0, detail),
        Row("summary_batch_stall_ms", "Summary: longest event-loop stall during the batch", "ms",
            [b[1] for b in batches], 50.0, detail),
    ]  # fmt: skip
