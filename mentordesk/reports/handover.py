"""A hand-over pack: one folder per mentee with what the mentor hands over after a period —
the progress summary (PDF), the next sessions as a calendar file (.ics) and the resources
shared, as a Markdown list.

The folder is written under a hidden temporary name beside its final place and renamed
when every file in it is complete, so a failure or a cancel leaves no half pack; an
existing pack of the same name is never overwritten (the new one is numbered).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mentordesk.reports.filenames import safe_stem, summary_file_name
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_pdf import write_summary_pdf
from mentordesk.services.summary_content import ProgressSummary

#: Writes the mentee's upcoming meetings to the path given; returns how many it wrote.
WriteSessions = Callable[[Path], int]

SESSIONS_FILE = "next sessions.ics"
RESOURCES_FILE = "resources.md"


@dataclass(slots=True)
class HandoverPack:
    folder: Path
    files: list[Path] = field(default_factory=list)
    #: One sentence per file left out (nothing to put in it) or font warning.
    notes: list[str] = field(default_factory=list)


def pack_folder_name(summary: ProgressSummary) -> str:
    """E.g. "Zoë Øster - hand-over 2026-11-01 to 2026-11-30", beside the summaries' names."""
    period = summary.header.period
    name = safe_stem(summary.header.mentee_name)
    return f"{name} - hand-over {period.start.isoformat()} to {period.end.isoformat()}"


def resources_markdown(summary: ProgressSummary) -> str:
    """The shared resources as a Markdown list (the summary holds only what is shared)."""
    lines = [f"# Resources for {summary.header.mentee_name}", ""]
    for res in summary.resources:
        title = res.title.replace("]", "\\]")
        line = f"- [{title}]({res.url}) — {res.kind.value}"
        if res.shared_on is not None:
            line += f", shared {res.shared_on:%d %b %Y}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _free(parent: Path, name: str) -> Path:
    target, number = parent / name, 2
    while target.exists():
        target, number = parent / f"{name} ({number})", number + 1
    return target


def write_handover_pack(
    summary: ProgressSummary, parent: Path, paper: Paper, write_sessions: WriteSessions
) -> HandoverPack:
    """The pack in a new folder inside ``parent``; raises OSError when it cannot be written
    (nothing of it is left behind then)."""
    target = _free(parent, pack_folder_name(summary))
    partial = parent / f".{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    partial.chmod(0o700)  # the pack holds what the mentor chose to share, still theirs
    notes: list[str] = []
    try:
        period = summary.header.period
        pdf = summary_file_name(summary.header.mentee_name, period.start, period.end)
        notes += write_summary_pdf(summary, partial / pdf, paper)
        names = [pdf]
        if write_sessions(partial / SESSIONS_FILE) > 0:
            names.append(SESSIONS_FILE)
        else:
            (partial / SESSIONS_FILE).unlink(missing_ok=True)
            notes.append("No upcoming session to put in a calendar file.")
        if summary.resources:
            listing = partial / RESOURCES_FILE
            listing.write_text(resources_markdown(summary), encoding="utf-8")
            listing.chmod(0o600)
            names.append(RESOURCES_FILE)
        else:
            notes.append("No shared resource to list.")
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return HandoverPack(target, [target / name for name in names], notes)
