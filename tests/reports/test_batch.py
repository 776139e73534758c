"""Summaries of several mentees into a folder: progress, Cancel, names that do not clash."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentordesk.domain.models import Mentee
from mentordesk.reports.batch import write_batch
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_pdf import ExportCancelled
from mentordesk.services import Workspace
from tests.reports.pdf_text import pdf_text
from tests.summary_world import NOVEMBER, World


def test_every_mentee_gets_a_file_and_progress_is_told(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    twin = summary_ws.save_mentee(Mentee(name=world.rich.name, time_zone="UTC"))
    mentees = [world.rich, world.other, twin]
    steps: list[tuple[int, int, str]] = []
    result = write_batch(summary_ws.summaries, mentees, lambda ws, m: NOVEMBER, tmp_path, Paper.A4,
                         progress=lambda *step: steps.append(step))  # fmt: skip
    assert [p.name for p in result.written] == [
        "Zoë Øster - progress 2026-11-01 to 2026-11-30.pdf",
        "张伟 - progress 2026-11-01 to 2026-11-30.pdf",
        f"Zoë Øster - progress 2026-11-01 to 2026-11-30 (id {twin.id}).pdf",
    ]
    assert steps[0] == (0, 3, "Zoë Øster") and steps[-1] == (3, 3, "")
    assert "Lead the design guild" not in pdf_text(result.written[1])  # 张伟's holds only his


def test_cancel_stops_between_files_and_leaves_no_half_file(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    calls = 0

    def cancelled() -> bool:  # says stop while the second file's pages are painted
        nonlocal calls
        calls += 1
        return calls > 4

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportCancelled):
        mentees = [world.rich, world.other, world.empty]
        write_batch(summary_ws.summaries, mentees, lambda s, m: NOVEMBER, out, Paper.A4,
                    cancelled=cancelled)  # fmt: skip
    files = sorted(p.name for p in out.iterdir())
    assert files == ["Zoë Øster - progress 2026-11-01 to 2026-11-30.pdf"]
    assert "Zoë Øster" in pdf_text(out / files[0])
