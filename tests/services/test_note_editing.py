"""Notes written while typing: durable autosave, tagged lines' items, history, privacy."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.models import ActionItem, FeedbackDirection, Meeting, Mentee, Owner
from mentordesk.services import Workspace

T0 = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
SEC = timedelta(seconds=1)
MIN = timedelta(minutes=1)
CV_LINE = "- [ ] Send the CV @them due:2027-01-15"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "mentor.db"


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    with Workspace.open(db_path) as workspace:
        yield workspace


@pytest.fixture
def maya(ws: Workspace) -> int:
    return ws.save_mentee(Mentee("Maya", "Europe/Berlin")).id or 0


@pytest.fixture
def note_id(ws: Workspace, maya: int) -> int:
    return ws.start_note(maya, title="Weekly call").id or 0


def _count(db_path: Path, table: str, where: str = "1") -> int:
    """Read through a fresh connection: what another process would find on disk."""
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])


# -- durability --------------------------------------------------------------------------


def test_an_autosave_is_durable_and_seen_by_a_fresh_connection(
    ws: Workspace, db_path: Path, note_id: int
) -> None:
    assert ws.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert ws.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    ws.write_note_body(note_id, "She wants to lead the guild", T0)
    with sqlite3.connect(db_path) as other:
        body, editing = other.execute(
            "SELECT body, editing_since FROM notes WHERE id = ?", (note_id,)
        ).fetchone()
    assert body == "She wants to lead the guild"
    assert editing == "2027-01-04T09:00:00Z"
    assert not ws.db.conn.in_transaction


def test_a_write_to_an_unknown_note_writes_nothing(ws: Workspace, db_path: Path) -> None:
    with pytest.raises(KeyError):
        ws.write_note_body(999, CV_LINE, T0)
    assert _count(db_path, "action_items") == 0
    assert _count(db_path, "note_links") == 0


def test_a_write_that_fails_halfway_leaves_the_stored_note_as_it_was(
    ws: Workspace, db_path: Path, note_id: int
) -> None:
    ws.write_note_body(note_id, "Before", T0)
    # A real failure inside the transaction: the win's insert is refused by SQLite,
    # after the body and the action item were written.
    with sqlite3.connect(db_path) as other:
        other.execute(
            "CREATE TRIGGER refuse_wins BEFORE INSERT ON wins"
            " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    ws.db.conn.execute("SELECT 1")  # the schema change is read on the next statement
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        ws.write_note_body(note_id, f"After\n{CV_LINE}\nPromoted #win", T0 + SEC)
    assert ws.note(note_id).body == "Before"
    assert _count(db_path, "action_items") == 0
    assert _count(db_path, "note_links") == 0
    assert not ws.db.conn.in_transaction


# -- tagged lines ----------------------------------------------------------------------------


def test_a_checkbox_line_becomes_one_action_item_for_the_mentee(
    ws: Workspace, maya: int, note_id: int
) -> None:
    sync = ws.write_note_body(note_id, f"Talked about jobs.\n{CV_LINE}", T0)
    [item] = sync.items
    assert (item.kind, item.text, item.owner, item.due) == (
        "action", "Send the CV", Owner.MENTEE, date(2027, 1, 15),
    )  # fmt: skip
    [action] = ws.mentee_dashboard(maya).actions
    assert (action.text, action.owner, action.due_date, action.note_id) == (
        "Send the CV", Owner.MENTEE, date(2027, 1, 15), note_id,
    )  # fmt: skip
    # Saving the same text again, or more text around it, makes no duplicate.
    ws.write_note_body(note_id, f"Talked about jobs.\n{CV_LINE}", T0 + SEC)
    ws.write_note_body(note_id, f"Talked about jobs.\n{CV_LINE}\nAnd more.", T0 + 2 * SEC)
    assert [a.id for a in ws.mentee_dashboard(maya).actions] == [action.id]


def test_editing_deleting_and_moving_lines_follow_the_item(
    ws: Workspace, maya: int, note_id: int
) -> None:
    ws.write_note_body(note_id, CV_LINE, T0)
    [first] = ws.linked_items(note_id)
    ws.write_note_body(note_id, "Intro\n\nAgenda\n" + CV_LINE, T0 + SEC)
    [moved] = ws.linked_items(note_id)
    assert (moved.item_id, moved.position) == (first.item_id, 3)
    ws.write_note_body(note_id, "Intro\n\nAgenda\n- [x] Send the CV and cover letter", T0 + 2 * SEC)
    [action] = ws.mentee_dashboard(maya).actions
    assert action.id == first.item_id
    assert (action.text, action.owner, action.due_date) == (
        "Send the CV and cover letter", Owner.MENTOR, None,
    )  # fmt: skip
    assert action.done_at == T0 + 2 * SEC
    ws.write_note_body(note_id, "Intro\n\nAgenda\n", T0 + 3 * SEC)
    assert ws.mentee_dashboard(maya).actions == []
    assert ws.linked_items(note_id) == []


def test_done_elsewhere_ticks_the_line_so_typing_in_the_note_keeps_it_done(
    ws: Workspace, maya: int, note_id: int
) -> None:
    ws.write_note_body(note_id, CV_LINE, T0)
    [item] = ws.linked_items(note_id)
    ws.set_action_done(item.item_id)  # ticked on the Today page: the line is ticked too
    ticked = ws.note(note_id).body
    assert ticked == "- [x] Send the CV @them due:2027-01-15"
    ws.write_note_body(note_id, "More notes\n" + ticked, T0 + SEC)
    assert ws.linked_items(note_id)[0].done


def test_tags_make_wins_and_feedback_dated_in_the_mentors_zone(
    ws: Workspace, maya: int, note_id: int
) -> None:
    settings = ws.settings()
    settings.time_zone = "Pacific/Kiritimati"  # UTC+14: already tomorrow at 20:00 UTC
    ws.save_settings(settings)
    evening = datetime(2027, 1, 4, 20, 0, tzinfo=UTC)
    body = "Led the incident review #win\nSummaries too long #feedback\nCalls rushed #fb-me"
    sync = ws.write_note_body(note_id, body, evening)
    assert [i.kind for i in sync.items] == ["win", "feedback_to", "feedback_from"]
    board = ws.mentee_dashboard(maya)
    [win] = board.wins
    assert (win.title, win.happened_on) == ("Led the incident review", date(2027, 1, 5))
    assert sorted((f.direction, f.body, f.given_on) for f in board.feedback) == [
        (FeedbackDirection.FROM_MENTEE, "Calls rushed", date(2027, 1, 5)),
        (FeedbackDirection.TO_MENTEE, "Summaries too long", date(2027, 1, 5)),
    ]
    # Changing the tag replaces the item; removing the line removes it.
    ws.write_note_body(note_id, body.replace("review #win", "review #feedback"), evening + SEC)
    board = ws.mentee_dashboard(maya)
    assert board.wins == [] and len(board.feedback) == 3
    ws.write_note_body(note_id, "", evening + 2 * SEC)
    assert ws.mentee_dashboard(maya).feedback == []


def test_items_of_a_private_note_are_not_shareable(ws: Workspace, maya: int) -> None:
    private = ws.start_note(maya, body="Promoted #win\n" + CV_LINE)
    assert [i.shareable for i in ws.linked_items(private.id or 0)] == [False, False]
    shared = ws.start_note(maya, shareable=True)
    body = "Promoted #win\n## Private\nBurnt out #feedback\n## Next\n" + CV_LINE
    items = ws.write_note_body(shared.id or 0, body, T0).items
    assert [(i.text, i.shareable) for i in items] == [
        ("Promoted", True), ("Burnt out", False), ("Send the CV", True),
    ]  # fmt: skip
    # The review shares one; a line moved under "## Private" turns private again.
    ws.set_item_shareable("feedback_to", items[1].item_id, True)
    assert ws.linked_items(shared.id or 0)[1].shareable
    moved = "## Private\nPromoted #win\nBurnt out #feedback\n## Next\n" + CV_LINE
    after = ws.write_note_body(shared.id or 0, moved, T0 + SEC).items
    assert [(i.item_id, i.shareable) for i in after] == [
        (items[0].item_id, False), (items[1].item_id, True), (items[2].item_id, True),
    ]  # fmt: skip


def test_sharing_an_unknown_kind_or_item_is_refused(ws: Workspace) -> None:
    from mentordesk.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        ws.set_item_shareable("note", 1, True)
    with pytest.raises(KeyError):
        ws.set_item_shareable("win", 12345, True)


# -- crash recovery and history --------------------------------------------------------------


def test_unclosed_notes_are_those_written_but_not_closed(
    ws: Workspace, db_path: Path, maya: int
) -> None:
    open_one = ws.start_note(maya, title="Left open").id or 0
    closed = ws.start_note(maya, title="Closed").id or 0
    untouched = ws.start_note(maya, title="Never typed in").id or 0
    ws.write_note_body(open_one, "typing when the power went", T0)
    ws.write_note_body(closed, "done", T0)
    ws.close_note(closed, T0 + SEC)
    ws.close()
    with Workspace.open(db_path) as restarted:
        found = restarted.unclosed_notes()
        assert [n.id for n in found] == [open_one]
        assert found[0].body == "typing when the power went"
        assert untouched not in [n.id for n in found]


def test_revisions_come_after_ten_minutes_of_typing_and_ten_idle_minutes(
    ws: Workspace, note_id: int
) -> None:
    text = ""
    taken: list[datetime] = []
    for step in range(25):  # a word every 30 s for twelve minutes
        text += f"word{step} "
        now = T0 + step * 30 * SEC
        if ws.write_note_body(note_id, text, now).revision_taken:
            taken.append(now)
    assert taken == [T0 + 10 * MIN]
    assert ws.take_revision(note_id, "idle", T0 + 12 * MIN + SEC) is not None
    assert ws.take_revision(note_id, "idle", T0 + 13 * MIN) is None  # unchanged since
    # The next edit after ten idle minutes keeps the text as it was left first.
    ws.write_note_body(note_id, text + "more", T0 + 14 * MIN)
    back = T0 + 25 * MIN
    sync = ws.write_note_body(note_id, text + "more again", back)
    assert sync.revision_taken
    latest = ws.note_revisions(note_id)[0]
    assert (latest.created_at, latest.reason, latest.body) == (back, "idle", text + "more")
    assert [r.reason for r in ws.note_revisions(note_id)] == ["idle", "idle", "editing"]
    assert latest.size == len(text + "more")


def test_closing_takes_a_last_revision_and_thins_old_ones_over_weeks(
    ws: Workspace, note_id: int
) -> None:
    for day in range(21):  # a note reworked every day for three weeks, three times a day
        for hour in (9, 13, 17):
            now = T0 + timedelta(days=day, hours=hour - 9)
            ws.write_note_body(note_id, f"day {day} hour {hour}", now)
            ws.close_note(note_id, now + MIN)
    revisions = ws.note_revisions(note_id)
    assert all(r.reason == "close" for r in revisions)
    per_day: dict[int, list[str]] = {}
    for r in revisions:
        per_day.setdefault((r.created_at - T0).days, []).append(r.body)
    # The last close was on day 20 at 17:01: days 14 to 20 are whole, and every day before
    # keeps its newest revision (day 13's 17:01 is within the week, its morning is not).
    assert sorted(per_day) == list(range(21))
    for day, bodies in per_day.items():
        expected = [17, 13, 9] if day >= 14 else [17]
        assert bodies == [f"day {day} hour {h}" for h in expected], day
    assert ws.unclosed_notes() == []
    # Closing an unchanged note adds nothing.
    ws.close_note(note_id, T0 + timedelta(days=21))
    assert len(ws.note_revisions(note_id)) == len(revisions)


def test_ending_a_call_closes_the_note_and_marks_the_meeting_held(ws: Workspace, maya: int) -> None:
    start = datetime(2027, 1, 4, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    meeting = ws.save_meeting(Meeting(maya, "Weekly 1:1", start))
    note = ws.start_note(maya, meeting_id=meeting.id, title="Weekly 1:1")
    ws.write_note_body(note.id or 0, f"{CV_LINE}\nShipped the API #win", T0)
    items = ws.end_call(note.id or 0, meeting.id, start, T0 + 45 * MIN)
    assert [(i.kind, i.text) for i in items] == [
        ("action", "Send the CV"),
        ("win", "Shipped the API"),
    ]
    assert ws.mentee(maya).last_contact == start.astimezone(UTC)
    [revision] = ws.note_revisions(note.id or 0)
    assert revision.reason == "call end"
    assert ws.unclosed_notes() == []


# -- deleting ---------------------------------------------------------------------------------


def test_deleting_a_note_removes_its_revisions_and_items_but_not_hand_made_ones(
    ws: Workspace, db_path: Path, maya: int, note_id: int
) -> None:
    ws.write_note_body(note_id, f"{CV_LINE}\nPromoted #win\nToo quiet #feedback", T0)
    ws.close_note(note_id, T0 + MIN)
    by_hand = ws.add_action(ActionItem(maya, "Follow up on the guild", note_id=note_id))
    other = ws.start_note(maya, body="- [ ] Another note's action").id or 0
    ws.delete_note(note_id)
    assert _count(db_path, "note_revisions") == 0
    assert _count(db_path, "note_links", f"note_id = {note_id}") == 0
    assert _count(db_path, "wins") == 0 and _count(db_path, "feedback") == 0
    actions = ws.mentee_dashboard(maya).actions
    assert [(a.id, a.note_id) for a in actions] == [(by_hand.id, None), (actions[1].id, other)]
    assert ws.check() == []


def test_deleting_a_mentee_removes_notes_revisions_and_items(
    ws: Workspace, db_path: Path, maya: int, note_id: int
) -> None:
    ws.write_note_body(note_id, f"{CV_LINE}\nPromoted #win\nToo quiet #fb-me", T0)
    ws.close_note(note_id, T0 + MIN)
    ws.delete_mentee(maya)
    for table in ("notes", "note_revisions", "note_links", "action_items", "wins", "feedback"):
        assert _count(db_path, table) == 0, table
    assert ws.check() == []
