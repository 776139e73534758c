"""The progress summary PDF, read back: what it says, what it never says, how it is made."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentordesk.domain.models import Goal, Milestone
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_pdf import ExportCancelled, preview_images, write_summary_pdf
from mentordesk.services import Workspace
from mentordesk.services.summary_content import ProgressSummary
from tests.reports.pdf_text import decompressed_bytes, fonts, page_texts, pdf_text
from tests.summary_world import CANARIES, World, build_world, november

NAMES = ("Zoë Øster", "Nguyễn Thị Minh", "José Ñúñez", "张伟")


def _summary(summary_ws: Workspace, mentee_id: int) -> ProgressSummary:
    return november(summary_ws, summary_ws.mentee(mentee_id))


def _write(summary_ws: Workspace, mentee_id: int, path: Path, paper: Paper = Paper.A4) -> Path:
    assert write_summary_pdf(_summary(summary_ws, mentee_id), path, paper) == []
    return path


def test_the_pdf_says_who_what_and_when(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    text = pdf_text(_write(summary_ws, world.rich.id or 0, tmp_path / "s.pdf"))
    for expected in (
        "Zoë Øster",
        "1 Nov 2026 – 30 Nov 2026",
        "Lead the design guild",
        "67% · In progress",
        "Ship the onboarding revamp",
        "100% · Done",
        "Run one session done 12 Nov 2026",
        "Gave the keynote at the design summit",
        "Draft the guild charter",
        "Tue 3 Nov 2026 15:00 14:00 50 min",
        "The Staff Engineer's Path",
        "Mentor: Ada Mentor",
    ):
        assert expected in text
    assert "Page 1 of 2" in text and "Page 2 of 2" in text
    meta = PdfReader(tmp_path / "s.pdf").metadata
    assert meta is not None
    assert meta.title == "Progress summary: Zoë Øster, 1 Nov 2026 – 30 Nov 2026"
    assert meta.author == "Ada Mentor"


@pytest.mark.parametrize("name", NAMES)
def test_names_come_back_out_as_written(summary_ws: Workspace, tmp_path: Path, name: str) -> None:
    world = build_world(summary_ws, rich_name=name)
    path = _write(summary_ws, world.rich.id or 0, tmp_path / "s.pdf")
    assert f"{name} · progress summary" in pdf_text(path)
    assert all(fonts(path).values()), fonts(path)


def test_chinese_is_set_in_the_simplified_chinese_font(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    path = _write(summary_ws, world.other.id or 0, tmp_path / "s.pdf")
    assert any("CJKsc" in f for f in fonts(path)), fonts(path)


def test_no_private_word_reaches_the_pdf(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    path = _write(summary_ws, world.rich.id or 0, tmp_path / "s.pdf")
    text, raw = pdf_text(path), decompressed_bytes(path)
    assert "Gave the keynote" in text
    for canary in CANARIES:
        assert canary not in text
        assert canary.encode() not in raw


def test_an_empty_mentee_gets_one_page_and_more_content_more_pages(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    empty = _write(summary_ws, world.empty.id or 0, tmp_path / "empty.pdf")
    assert len(PdfReader(empty).pages) == 1
    assert "Nothing was recorded for this period" in pdf_text(empty)
    assert "Goals" not in pdf_text(empty)  # empty sections are left out
    rich = world.rich.id or 0
    for n in range(12):
        summary_ws.add_goal(
            Goal(rich, f"Extra goal {n}"),
            [Milestone(0, f"Step {n}.{i}", due_date=date(2027, 1, 1)) for i in range(6)],
        )
    pages = page_texts(_write(summary_ws, rich, tmp_path / "long.pdf"))
    assert len(pages) >= 3
    for n in range(12):  # a goal is never split across pages
        holding = [i for i, text in enumerate(pages) if f"Extra goal {n} " in text]
        assert len(holding) == 1 and f"Step {n}.5" in pages[holding[0]]


def test_paper_sizes(summary_ws: Workspace, world: World, tmp_path: Path) -> None:
    a4 = PdfReader(_write(summary_ws, world.empty.id or 0, tmp_path / "a4.pdf")).pages[0].mediabox
    letter = (
        PdfReader(_write(summary_ws, world.empty.id or 0, tmp_path / "l.pdf", Paper.LETTER))
        .pages[0]
        .mediabox
    )
    assert (round(a4.width), round(a4.height)) == (595, 842)
    assert (round(letter.width), round(letter.height)) == (612, 792)


def test_preview_shows_the_pdfs_pages(summary_ws: Workspace, world: World) -> None:
    images = preview_images(_summary(summary_ws, world.rich.id or 0), Paper.A4, 400)
    assert len(images) == 2
    assert (images[0].width(), images[0].height()) == (400, 566)
    # Something is drawn on the white page (the text is dark).
    assert min(images[0].pixelColor(x, y).lightness() for x in range(40, 360, 3)
               for y in range(40, 120, 3)) < 100  # fmt: skip


def test_cancel_and_failure_leave_no_file(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    summary = _summary(summary_ws, world.rich.id or 0)
    target = tmp_path / "out" / "s.pdf"
    target.parent.mkdir()
    with pytest.raises(ExportCancelled):
        write_summary_pdf(summary, target, cancelled=lambda: True)
    assert list(target.parent.iterdir()) == []
    target.write_bytes(b"the old one")
    with pytest.raises(ExportCancelled):
        write_summary_pdf(summary, target, cancelled=lambda: True)
    assert target.read_bytes() == b"the old one"
    with pytest.raises(OSError):
        write_summary_pdf(summary, tmp_path / "missing" / "s.pdf")


def test_a_name_no_font_can_draw_is_warned_about(summary_ws: Workspace, tmp_path: Path) -> None:
    world = build_world(summary_ws, rich_name="Linear B \U00010000")
    warnings = write_summary_pdf(_summary(summary_ws, world.rich.id or 0), tmp_path / "s.pdf")
    assert len(warnings) == 1 and "\U00010000" in warnings[0]
