"""Feedback, wins, resources and action items: their forms' writes, their note lines, and
what of them reaches a summary."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    FeedbackDirection,
    Mentee,
    Owner,
    Resource,
    ResourceKind,
    Win,
)
from mentordesk.services import Workspace
from mentordesk.services.changes import Changes, Kind
from mentordesk.services.summary_content import SummaryPeriod

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
NOVEMBER = SummaryPeriod(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as workspace:
        yield workspace


@pytest.fixture
def ana(ws: Workspace) -> int:
    return ws.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo")).id or 0


def _note(ws: Workspace, mentee: int, body: str, shareable: bool = True) -> int:
    note = ws.note_editing.start_note(mentee, title="Call", shareable=shareable, now=T0)
    ws.write_note_body(note.id or 0, body, T0)
    ws.close_note(note.id or 0, T0)
    return note.id or 0


# -- the forms' writes -----------------------------------------------------------------------


def test_feedback_keeps_why_it_matters_and_the_suggested_action(ws: Workspace, ana: int) -> None:
    seen: list[Changes] = []
    ws.changes.subscribe(seen.append)
    fb = ws.records.add_feedback(
        Feedback(ana, FeedbackDirection.TO_MENTEE, " Clear demo ", date(2026, 11, 3),
                 why_it_matters="The VP was there", suggested_action="Open with the number",
                 shareable=True)
    )  # fmt: skip
    assert seen[-1].touches(Kind.FEEDBACK) and seen[-1].about(ana)
    stored = ws.records.feedback_entry(fb.id or 0)
    assert (stored.body, stored.why_it_matters, stored.suggested_action, stored.shareable) == (
        "Clear demo", "The VP was there", "Open with the number", True
    )  # fmt: skip
    ws.records.update_feedback(
        replace(
            stored, direction=FeedbackDirection.FROM_MENTEE, suggested_action="", shareable=False
        )
    )
    again = ws.records.feedback_entry(fb.id or 0)
    assert (again.direction, again.suggested_action, again.shareable) == (
        FeedbackDirection.FROM_MENTEE, "", False
    )  # fmt: skip
    ws.records.delete_feedback(fb.id or 0)
    assert ws.feedback.for_mentee(ana) == []
    with pytest.raises(KeyError):
        ws.records.feedback_entry(fb.id or 0)


def test_wins_and_resources_are_edited_and_deleted(ws: Workspace, ana: int) -> None:
    win = ws.records.add_win(Win(ana, "Talk accepted", date(2026, 11, 4), shareable=True))
    ws.records.update_win(
        replace(win, title="Talk accepted at PyCon", happened_on=date(2026, 11, 5))
    )
    assert (ws.records.win(win.id or 0).title, ws.records.win(win.id or 0).happened_on) == (
        "Talk accepted at PyCon", date(2026, 11, 5)
    )  # fmt: skip
    res = ws.records.add_resource(
        Resource("Staff Engineer", "https://staffeng.com", ResourceKind.BOOK, ana,
                 shared_on=date(2026, 11, 6), shareable=False)
    )  # fmt: skip
    assert ws.records.resource(res.id or 0).shared_on == date(2026, 11, 6)
    ws.records.update_resource(replace(res, url="mailto:ana@example.org", shareable=True))
    assert ws.records.resource(res.id or 0).url == "mailto:ana@example.org"
    ws.records.delete_win(win.id or 0)
    ws.records.delete_resource(res.id or 0)
    assert ws.wins.for_mentee(ana) == [] and ws.resources.for_mentee(ana) == []


@pytest.mark.parametrize(
    "url", ["https://staffeng.com/book", "http://x.org", "mailto:ana@example.org",
            "file:///home/ana/Reading%20list.pdf"],
)  # fmt: skip
def test_a_resource_link_may_be_web_mail_or_a_file(ws: Workspace, ana: int, url: str) -> None:
    assert ws.records.add_resource(Resource("R", url, mentee_id=ana)).url == url


@pytest.mark.parametrize(
    "url", ["staffeng.com", "ftp://x.org/a", "https://", "mailto:nobody", "file:relative.pdf",
            "javascript:alert(1)", ""],
)  # fmt: skip
def test_a_bad_resource_link_names_the_url_field(ws: Workspace, ana: int, url: str) -> None:
    with pytest.raises(ValidationError) as err:
        ws.records.add_resource(Resource("R", url, mentee_id=ana))
    assert err.value.field == "url"
    assert "https://" in err.value.message and ws.resources.for_mentee(ana) == []


def test_action_items_are_edited_ticked_and_reopened(ws: Workspace, ana: int) -> None:
    item = ws.records.add_action(ActionItem(ana, "Send the CV"))
    ws.records.update_action(
        replace(item, text="Send the CV to Ana", owner=Owner.MENTEE, due_date=date(2026, 12, 1))
    )
    edited = ws.records.action(item.id or 0)
    assert (edited.text, edited.owner, edited.due_date) == (
        "Send the CV to Ana", Owner.MENTEE, date(2026, 12, 1)
    )  # fmt: skip
    ws.records.set_action_done(item.id or 0)
    assert not ws.records.action(item.id or 0).is_open
    assert ws.today().open_actions == []
    ws.records.set_action_done(item.id or 0, False)
    assert [a.item.id for a in ws.today().open_actions] == [item.id]
    with pytest.raises(ValidationError) as err:
        ws.records.update_action(replace(item, text="  "))
    assert err.value.field == "text"


# -- records born from tagged lines ------------------------------------------------------------


def test_editing_a_win_rewrites_its_line_with_a_revision(ws: Workspace, ana: int) -> None:
    note = _note(ws, ana, "Intro\n- [12:03] Shipped the importer #win today\nBye")
    [win] = ws.wins.for_mentee(ana)
    assert win.note_id == note and win.title == "Shipped the importer today"
    ws.records.update_win(replace(win, title="Shipped the CSV importer", shareable=False))
    body = ws.note(note).body
    assert body == "Intro\n- [12:03] Shipped the CSV importer #win\nBye"
    [win] = ws.wins.for_mentee(ana)  # the same win, never a new one
    assert (win.title, win.shareable) == ("Shipped the CSV importer", False)
    revisions = ws.note_revisions(note)
    assert revisions[0].body == body and revisions[0].reason == "record edit"
    # Nothing left open to recover after a restart, and typing in the note again keeps it.
    assert ws.unclosed_notes() == []
    ws.write_note_body(note, "Hello\n" + body, T0 + timedelta(minutes=1))
    assert [w.title for w in ws.wins.for_mentee(ana)] == ["Shipped the CSV importer"]


def test_editing_the_line_edits_the_record(ws: Workspace, ana: int) -> None:
    note = _note(ws, ana, "We talked. #feedback Clear agenda")
    ws.write_note_body(note, "We talked. #feedback Clear agenda, sharp notes", T0 + timedelta(1))
    [fb] = ws.feedback.for_mentee(ana)
    assert (fb.body, fb.note_id) == ("We talked. Clear agenda, sharp notes", note)


def test_feedback_from_a_line_keeps_its_direction_and_its_line_one_line(
    ws: Workspace, ana: int
) -> None:
    _note(ws, ana, "She said the pairing helps #fb-me")
    [fb] = ws.feedback.for_mentee(ana)
    with pytest.raises(ValidationError) as err:
        ws.records.update_feedback(replace(fb, direction=FeedbackDirection.TO_MENTEE))
    assert err.value.field == "direction"
    with pytest.raises(ValidationError) as err:
        ws.records.update_feedback(replace(fb, body="Two\nlines"))
    assert err.value.field == "body"
    with pytest.raises(ValidationError, match="#win"):
        ws.records.update_feedback(replace(fb, body="Pairing helps #win"))
    # What the form adds beside the text is the record's own.
    ws.records.update_feedback(replace(fb, body="Pairing helps", why_it_matters="Unblocks her"))
    assert ws.note(fb.note_id or 0).body == "Pairing helps #fb-me"
    assert ws.records.feedback_entry(fb.id or 0).why_it_matters == "Unblocks her"


def test_ticking_an_item_ticks_its_line_and_the_reverse(ws: Workspace, ana: int) -> None:
    note = _note(ws, ana, "Plan\n  - [ ] Send the CV @them due:2026-12-01\n")
    [item] = ws.mentee_dashboard(ana).actions
    ws.records.set_action_done(item.id or 0)  # ticked on Today
    body = ws.note(note).body
    assert body == "Plan\n  - [x] Send the CV @them due:2026-12-01\n"
    assert ws.note_revisions(note)[0].body == body
    assert not ws.records.action(item.id or 0).is_open
    # Unticking in the note reopens it; ticking there closes it again.
    ws.write_note_body(note, body.replace("[x]", "[ ]"), T0 + timedelta(minutes=2))
    assert ws.records.action(item.id or 0).is_open
    ws.write_note_body(note, body, T0 + timedelta(minutes=3))
    assert not ws.records.action(item.id or 0).is_open
    ws.records.set_action_done(item.id or 0, False)  # reopened on the dashboard
    assert ws.note(note).body == body.replace("[x]", "[ ]")


def test_an_action_s_owner_and_due_date_follow_into_its_line(ws: Workspace, ana: int) -> None:
    note = _note(ws, ana, "- [ ] Book the room due:2026-12-01")
    [item] = ws.mentee_dashboard(ana).actions
    ws.records.update_action(replace(item, owner=Owner.MENTEE, due_date=date(2026, 12, 3)))
    assert ws.note(note).body == "- [ ] Book the room due:2026-12-03 @them"
    ws.records.update_action(replace(ws.records.action(item.id or 0), due_date=None))
    assert ws.note(note).body == "- [ ] Book the room @them"
    again = ws.records.action(item.id or 0)
    assert (again.owner, again.due_date, again.note_id) == (Owner.MENTEE, None, note)


def test_a_record_whose_line_is_gone_is_edited_alone(ws: Workspace, ana: int) -> None:
    note = _note(ws, ana, "Tried it #win")
    [win] = ws.wins.for_mentee(ana)
    ws.db.conn.execute("DELETE FROM note_links WHERE note_id = ?", (note,))
    ws.records.update_win(replace(win, title="Tried it twice"))
    assert ws.note(note).body == "Tried it #win"
    assert ws.records.win(win.id or 0).title == "Tried it twice"


# -- Include in summaries ---------------------------------------------------------------------


def test_the_summary_honours_include_in_summaries(ws: Workspace, ana: int) -> None:
    day = date(2026, 11, 10)
    r = ws.records
    r.add_feedback(Feedback(ana, FeedbackDirection.TO_MENTEE, "SharedFB", day, shareable=True))
    r.add_feedback(Feedback(ana, FeedbackDirection.TO_MENTEE, "HiddenFB", day, shareable=False))
    r.add_win(Win(ana, "SharedWin", day, shareable=True))
    r.add_win(Win(ana, "HiddenWin", day, shareable=False))
    r.add_action(ActionItem(ana, "SharedAction", shareable=True))
    r.add_action(ActionItem(ana, "HiddenAction", shareable=False))
    r.add_resource(Resource("SharedRes", "https://example.org/a", mentee_id=ana))
    hidden = r.add_resource(Resource("HiddenRes", "https://example.org/b", mentee_id=ana,
                                     shareable=False))  # fmt: skip
    s = ws.summaries.build(ana, NOVEMBER, T0)
    assert [f.body for f in s.feedback_given] == ["SharedFB"]
    assert [w.title for w in s.wins] == ["SharedWin"]
    assert [a.text for a in s.mentor_actions] == ["SharedAction"]
    assert [x.title for x in s.resources] == ["SharedRes"]
    r.update_resource(replace(hidden, shareable=True))
    assert len(ws.summaries.build(ana, NOVEMBER, T0).resources) == 2
