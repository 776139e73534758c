"""Many summaries into one folder: one PDF per mentee, each whole or not at all.

Runs on whatever thread calls it, with a ``SummaryService`` of that thread (a worker's is
``on_own_connection()``: it never shares the window's connection); ``progress`` and
``cancelled`` let a caller show progress and stop between files (and between the pages of
a file), leaving no half-written PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mentordesk.domain.models import Mentee
from mentordesk.reports.filenames import summary_file_name
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_pdf import ExportCancelled, write_summary_pdf
from mentordesk.services.summary import SummaryService
from mentordesk.services.summary_content import SummaryPeriod

#: The period of each mentee's summary (e.g. "since start" differs per mentee).
PeriodRule = Callable[[SummaryService, Mentee], SummaryPeriod]


@dataclass(slots=True)
class BatchResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def write_batch(
    summaries: SummaryService,
    mentees: list[Mentee],
    period: PeriodRule,
    folder: Path,
    paper: Paper,
    progress: Callable[[int, int, str], None] = lambda done, total, name: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> BatchResult:
    """Writes each mentee's summary into ``folder``; raises ExportCancelled when told to
    stop (the files already written stay: each is complete)."""
    result = BatchResult()
    used: set[str] = set()
    for done, mentee in enumerate(mentees):
        if cancelled():
            raise ExportCancelled
        progress(done, len(mentees), mentee.name)
        span = period(summaries, mentee)
        name = summary_file_name(mentee.name, span.start, span.end)
        if name in used:  # two mentees of the same name
            name = name.removesuffix(".pdf") + f" (id {mentee.id}).pdf"
        used.add(name)
        summary = summaries.build(mentee.id or 0, span)
        result.warnings += write_summary_pdf(summary, folder / name, paper, cancelled)
        result.written.append(folder / name)
    progress(len(mentees), len(mentees), "")
    return result
