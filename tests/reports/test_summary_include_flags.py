"""Issue 21 with the record forms: the PDF prints the wins, feedback, open action items and
resources whose "Include in summaries" is on, and nothing of those whose flag is off —
whether the form set it, or the call review's share tick for a record born in a call."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from mentordesk.domain.models import ActionItem, Feedback, FeedbackDirection, Resource, Win
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_pdf import write_summary_pdf
from mentordesk.services import Workspace
from tests.reports.pdf_text import decompressed_bytes, pdf_text
from tests.summary_world import World, november

DAY = date(2026, 11, 9)
LEFT_OUT = (
    "CANARYFORMFEEDBACK",
    "CANARYFORMWIN",
    "CANARYFORMACTION",
    "CANARYFORMRESOURCE",
    "CANARYFROMMENTEEDEFAULT",
    "CANARYUNTICKEDINFORM",
)


def test_the_pdf_follows_each_record_s_include_in_summaries(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    r, rid = summary_ws.records, world.rich.id or 0
    r.add_feedback(
        Feedback(
            rid,
            FeedbackDirection.TO_MENTEE,
            "Sharp framing of the problem",
            DAY,
            why_it_matters="The VP bought in at once",
            suggested_action="Lead with the number",
            shareable=True,
        )
    )
    r.add_feedback(Feedback(rid, FeedbackDirection.TO_MENTEE, "CANARYFORMFEEDBACK", DAY))
    r.add_feedback(Feedback(rid, FeedbackDirection.FROM_MENTEE, "CANARYFROMMENTEEDEFAULT", DAY))
    r.add_win(Win(rid, "Led the guild session alone", DAY, shareable=True))
    r.add_win(Win(rid, "CANARYFORMWIN", DAY, shareable=False))
    r.add_action(ActionItem(rid, "Book the retro room", shareable=True))
    r.add_action(ActionItem(rid, "CANARYFORMACTION", shareable=False))
    r.add_resource(Resource("Shared reading", "https://example.org/read", mentee_id=rid))
    r.add_resource(Resource("CANARYFORMRESOURCE", "https://example.org/no", mentee_id=rid,
                            shareable=False))  # fmt: skip
    # A win born in the shared call note, shared by its note; the mentor unticks it in the form.
    [born] = [w for w in summary_ws.wins.for_mentee(rid) if w.title.startswith("Gave the keynote")]
    assert born.shareable
    note = summary_ws.note(born.note_id or 0)
    summary_ws.note_editing.write_note_body(
        note.id or 0, note.body + "CANARYUNTICKEDINFORM shipped #win\n"
    )
    [new] = [w for w in summary_ws.wins.for_mentee(rid) if w.title.startswith("CANARYUNTICKED")]
    r.update_win(replace(new, shareable=False))

    path = tmp_path / "s.pdf"
    assert write_summary_pdf(november(summary_ws, world.rich), path, Paper.A4) == []
    text = pdf_text(path)
    for shown in (
        "Sharp framing of the problem",
        "Why it matters: The VP bought in at once",
        "Suggested: Lead with the number",
        "Led the guild session alone",
        "Gave the keynote at the design summit",  # born in the call, shared by its note
        "Book the retro room",
        "Shared reading",
    ):
        assert shown in text
    raw = decompressed_bytes(path)
    for canary in LEFT_OUT:
        assert canary not in text
        assert canary.encode() not in raw


def test_the_summary_counts_what_it_leaves_out(summary_ws: Workspace, world: World) -> None:
    summary = november(summary_ws, world.rich)
    # The unshared win and feedback; the private note's win and action; the item under the
    # shared note's "## Private" heading.
    assert summary.left_out == 5
    assert summary.left_out_text.startswith("5 records are left out: “Include in summaries”")
    rid = world.rich.id or 0
    summary_ws.records.add_resource(
        Resource("Kept back", "https://example.org/k", mentee_id=rid, shareable=False)
    )
    assert november(summary_ws, world.rich).left_out == 6
    assert november(summary_ws, world.empty).left_out_text == ""
