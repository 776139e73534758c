"""The item models of the Mentees, Meetings and Notes lists, checked on real workspaces."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester

from mentordesk.domain.models import Meeting, Mentee, MenteeStatus, Note
from mentordesk.planner.recurrence import expand
from mentordesk.services import Workspace
from mentordesk.ui.models import meetings as meeting_columns
from mentordesk.ui.models import mentees as mentee_columns
from mentordesk.ui.models import notes as note_columns
from mentordesk.ui.models.list_base import KEY_ROLE, MENTEE_ID_ROLE, KeyedTableModel
from mentordesk.ui.models.meetings import MeetingsModel, OccurrencesModel
from mentordesk.ui.models.mentees import MenteesModel
from mentordesk.ui.models.notes import BLOCK, MAX_BLOCKS, NotesModel, plain_excerpt

LONDON = ZoneInfo("Europe/London")
# After the test data is created (check-ins count from then), so the texts are fixed.
NOW = datetime(2030, 3, 12, 12, 0, tzinfo=UTC)
WEEKDAY_TIME = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d$")


@pytest.fixture
def people(workspace: Workspace) -> dict[str, Mentee]:
    mentees = (
        Mentee("Priya Natarajan", "Asia/Kolkata", organisation="Acme", role="Engineer",
               cadence_days=14, tags=("career",)),
        Mentee("Lena Fischer", "Europe/Berlin", organisation="Globex", role="Designer",
               cadence_days=7),
        Mentee("Diego Alvarez", "America/Mexico_City", organisation="Acme", cadence_days=21),
        Mentee("Mei Tanaka", "Asia/Tokyo", status=MenteeStatus.PAUSED),
    )  # fmt: skip
    return {m.name: workspace.save_mentee(m) for m in mentees}


def texts(model: KeyedTableModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def mentees_model(workspace: Workspace, now: datetime = NOW) -> MenteesModel:
    model = MenteesModel()
    mentees = workspace.list_mentees()
    model.set_mentees(mentees, workspace.overview.check_ins_for(mentees, now.date()), now, LONDON)
    return model


# -- Mentees ---------------------------------------------------------------------------------


def test_mentees_model_passes_the_model_tester(
    qtmodeltester: ModelTester, workspace: Workspace, people: dict[str, Mentee]
) -> None:
    qtmodeltester.check(mentees_model(workspace), force_py=True)
    qtmodeltester.check(MenteesModel(), force_py=True)


def test_mentee_rows_show_local_time_zone_work_status_and_due(
    workspace: Workspace, people: dict[str, Mentee]
) -> None:
    model = mentees_model(workspace)
    assert texts(model, mentee_columns.NAME) == [
        "Diego Alvarez", "Lena Fischer", "Mei Tanaka", "Priya Natarajan"
    ]  # fmt: skip
    assert all(WEEKDAY_TIME.match(t) for t in texts(model, mentee_columns.LOCAL_TIME))
    priya = model.row_of(people["Priya Natarajan"].id)
    kolkata = NOW.astimezone(ZoneInfo("Asia/Kolkata"))
    assert model.index(priya, mentee_columns.LOCAL_TIME).data() == f"{kolkata:%a %H:%M}"
    assert model.index(priya, mentee_columns.ZONE).data() == "Kolkata"  # whole in the tooltip
    assert "Asia/Kolkata" in model.index(priya, mentee_columns.ZONE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.index(priya, mentee_columns.ORGANISATION).data() == "Acme · Engineer"
    assert model.index(priya, mentee_columns.STATUS).data() == "Active"
    due = model.index(priya, mentee_columns.CHECK_IN)
    assert due.data().endswith("days overdue")
    assert isinstance(due.data(Qt.ItemDataRole.FontRole), QFont)
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    assert "every 14 days" in due.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(priya, 0).data(MENTEE_ID_ROLE) == people["Priya Natarajan"].id
    mei = model.row_of(people["Mei Tanaka"].id)
    assert model.index(mei, mentee_columns.CHECK_IN).data() == "— (paused)"
    assert model.index(mei, mentee_columns.CHECK_IN).data(Qt.ItemDataRole.FontRole) is None


def test_mentee_filter_matches_any_part_and_sort_orders_by_the_column(
    workspace: Workspace, people: dict[str, Mentee]
) -> None:
    model = mentees_model(workspace)
    model.set_search("ACM")
    assert texts(model, 0) == ["Diego Alvarez", "Priya Natarajan"]
    model.set_search("career")  # a tag
    assert texts(model, 0) == ["Priya Natarajan"]
    model.set_search("")
    model.sort(mentee_columns.ZONE, Qt.SortOrder.DescendingOrder)
    assert texts(model, mentee_columns.ZONE) == ["Tokyo", "Mexico City", "Kolkata", "Berlin"]
    model.sort(mentee_columns.LOCAL_TIME, Qt.SortOrder.AscendingOrder)
    assert texts(model, 0)[0] == "Diego Alvarez"  # Mexico City's clock is the furthest behind
    assert texts(model, 0)[-1] == "Mei Tanaka"  # Tokyo's is the furthest ahead
    model.sort(mentee_columns.CHECK_IN, Qt.SortOrder.AscendingOrder)
    assert texts(model, 0)[-1] == "Mei Tanaka"  # paused: no check-in due, listed last
    assert texts(model, 0)[0] == "Lena Fischer"  # every 7 days: due first


def test_moving_the_clock_updates_local_times(
    workspace: Workspace, people: dict[str, Mentee]
) -> None:
    model = mentees_model(workspace)
    row = model.row_of(people["Lena Fischer"].id)
    before = model.index(row, mentee_columns.LOCAL_TIME).data()
    model.set_clock(NOW + timedelta(hours=3), LONDON)
    after = model.index(row, mentee_columns.LOCAL_TIME).data()
    assert (before, after) == ("Tue 13:00", "Tue 16:00")


# -- Meetings --------------------------------------------------------------------------------


@pytest.fixture
def meetings(workspace: Workspace, people: dict[str, Mentee]) -> dict[str, Meeting]:
    priya, lena = people["Priya Natarajan"].id or 0, people["Lena Fischer"].id or 0
    start = datetime(2030, 1, 7, 9, 0, tzinfo=LONDON)
    return {
        "series": workspace.save_meeting(
            Meeting(priya, "Fortnightly 1:1", start, rrule="FREQ=WEEKLY;INTERVAL=2")
        ),
        "single": workspace.save_meeting(
            Meeting(
                lena,
                "Portfolio review",
                datetime(2030, 2, 4, 15, 30, tzinfo=LONDON),
                duration=timedelta(minutes=90),
            )
        ),
        "ended": workspace.save_meeting(
            Meeting(lena, "Onboarding", start - timedelta(days=7), rrule="FREQ=WEEKLY;COUNT=3")
        ),
    }


def meetings_model(workspace: Workspace) -> MeetingsModel:
    model = MeetingsModel()
    model.set_meetings(workspace.list_meetings(), NOW, LONDON)
    return model


def test_meetings_models_pass_the_model_tester(
    qtmodeltester: ModelTester, workspace: Workspace, meetings: dict[str, Meeting]
) -> None:
    qtmodeltester.check(meetings_model(workspace), force_py=True)
    occurrences = OccurrencesModel()
    window = workspace.occurrences_between(NOW - timedelta(days=60), NOW + timedelta(days=30))
    occurrences.set_occurrences(window, "Asia/Kolkata", NOW, LONDON)
    assert occurrences.rowCount() > 3
    qtmodeltester.check(occurrences, force_py=True)


def test_meeting_rows_say_when_for_whom_how_often_and_next(
    workspace: Workspace, meetings: dict[str, Meeting]
) -> None:
    model = meetings_model(workspace)
    assert texts(model, meeting_columns.TITLE) == [
        "Portfolio review",
        "Fortnightly 1:1",
        "Onboarding",
    ]  # fmt: skip  (newest start first)
    series = model.row_of(meetings["series"].id)
    cells = [model.index(series, c).data() for c in range(model.columnCount())]
    assert cells[:6] == [
        "Mon 7 Jan, 09:00", "Mon 14:30", "Priya Natarajan", "Fortnightly 1:1",
        "every 2 weeks", "45 min",
    ]  # fmt: skip
    expected = next(expand(meetings["series"].start, "FREQ=WEEKLY;INTERVAL=2", NOW,
                           NOW + timedelta(days=30)))  # fmt: skip
    assert cells[meeting_columns.NEXT] == f"{expected:%a} {expected.day} {expected:%b}, 09:00"
    single = model.row_of(meetings["single"].id)
    assert model.index(single, meeting_columns.REPEATS).data() == "once"
    assert model.index(single, meeting_columns.DURATION).data() == "1 h 30 min"
    assert model.index(single, meeting_columns.NEXT).data() == "—"  # over, a month ago
    alignment = model.index(single, meeting_columns.DURATION).data(
        Qt.ItemDataRole.TextAlignmentRole
    )
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
    ended = model.row_of(meetings["ended"].id)
    assert model.index(ended, meeting_columns.NEXT).data() == "ended 14 Jan"


def test_meetings_filter_and_sort_in_python(
    workspace: Workspace, meetings: dict[str, Meeting]
) -> None:
    model = meetings_model(workspace)
    model.set_search("lena")
    assert sorted(texts(model, meeting_columns.TITLE)) == ["Onboarding", "Portfolio review"]
    model.set_search("every 2")
    assert texts(model, meeting_columns.TITLE) == ["Fortnightly 1:1"]
    model.set_search("")
    model.sort(meeting_columns.MENTEE, Qt.SortOrder.AscendingOrder)
    assert texts(model, meeting_columns.MENTEE)[0] == "Lena Fischer"
    model.sort(meeting_columns.DURATION, Qt.SortOrder.DescendingOrder)
    assert texts(model, meeting_columns.TITLE)[0] == "Portfolio review"


# -- Notes -------------------------------------------------------------------------------------


def add_notes(workspace: Workspace, mentee: Mentee, count: int) -> None:
    """Many notes quickly: one transaction around the repository's inserts."""
    with workspace.db.transaction():
        for i in range(count):
            workspace.notes.add(
                Note(
                    mentee.id or 0,
                    f"Note body number {i} about **growth**",
                    f"Session {i:05d}",
                    shareable=i % 2 == 0,
                    created_at=NOW - timedelta(minutes=i),
                )
            )


def notes_model(workspace: Workspace) -> NotesModel:
    model = NotesModel(workspace.note_ids, workspace.note_search.summaries)
    model.load("", NOW, LONDON)
    return model


def test_notes_model_passes_the_model_tester(
    qtmodeltester: ModelTester, workspace: Workspace, people: dict[str, Mentee]
) -> None:
    add_notes(workspace, people["Priya Natarajan"], 30)
    qtmodeltester.check(notes_model(workspace), force_py=True)
    empty = NotesModel(workspace.note_ids, workspace.note_search.summaries)
    qtmodeltester.check(empty, force_py=True)


def test_notes_model_holds_ids_and_fetches_rows_in_blocks(
    workspace: Workspace, people: dict[str, Mentee]
) -> None:
    add_notes(workspace, people["Priya Natarajan"], 5000)
    model = notes_model(workspace)
    assert model.rowCount() == 5000
    assert model.fetched_count() == 0  # ids only until a row is shown
    assert model.index(4999, note_columns.TITLE).data(KEY_ROLE) == model.ids()[-1]
    assert model.fetched_count() == 0  # the key needs no row
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert model.fetched_count() == BLOCK
    assert first == [
        "12 Mar, 12:00", "Priya Natarajan", "Session 00000",
        "Note body number 0 about growth", "Shareable",
    ]  # fmt: skip
    assert model.index(4321, note_columns.TITLE).data() == "Session 04321"
    assert model.fetched_count() == 2 * BLOCK
    for row in range(0, 5000, BLOCK):
        model.index(row, 0).data()
    assert model.fetched_count() <= MAX_BLOCKS * BLOCK


def test_notes_model_searches_and_sorts_in_sql(
    workspace: Workspace, people: dict[str, Mentee]
) -> None:
    add_notes(workspace, people["Priya Natarajan"], 20)
    workspace.save_note(Note(people["Lena Fischer"].id or 0, "Kerning and typography", "Type"))
    model = notes_model(workspace)
    model.set_search("typograph")
    assert texts(model, note_columns.TITLE) == ["Type"]
    model.set_search("")
    model.sort(note_columns.TITLE, Qt.SortOrder.DescendingOrder)
    assert texts(model, note_columns.TITLE)[0] == "Type"
    model.sort(note_columns.MENTEE, Qt.SortOrder.AscendingOrder)
    assert texts(model, note_columns.MENTEE)[0] == "Lena Fischer"
    model.sort(note_columns.EXCERPT, Qt.SortOrder.AscendingOrder)  # not a sortable column
    assert model.sort_column == note_columns.MENTEE


def test_excerpts_drop_markdown_marks() -> None:
    text = "# Plan\n- **Ship** the `api`\n> quote [link](https://x.org) 3. step"
    assert plain_excerpt(text) == "Plan Ship the api quote link step"


def test_keys_survive_for_selection(workspace: Workspace, people: dict[str, Mentee]) -> None:
    model = mentees_model(workspace)
    key = people["Lena Fischer"].id
    model.sort(mentee_columns.NAME, Qt.SortOrder.DescendingOrder)
    assert model.index(model.row_of(key), 0).data() == "Lena Fischer"
    assert model.row_of(-5) == -1
    assert model.data(QModelIndex()) is None


def test_a_moved_occurrence_says_why_it_moved(
    workspace: Workspace, people: dict[str, Mentee]
) -> None:
    lena = people["Lena Fischer"]
    start = datetime(2030, 3, 20, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    meeting = workspace.save_meeting(Meeting(lena.id or 0, "Weekly", start, rrule="FREQ=WEEKLY"))
    workspace.meeting_changes.reschedule_occurrence(
        meeting.id or 0, start, start + timedelta(days=1), "Lena is travelling"
    )
    model = OccurrencesModel()
    found = workspace.occurrences_between(NOW, NOW + timedelta(days=10), lena.id)
    model.set_occurrences(found, lena.time_zone, NOW, LONDON)
    assert texts(model, meeting_columns.OCC_STATUS)[0] == (
        "upcoming (moved from Wed 20 Mar, 09:00) — Lena is travelling"
    )


def test_an_untitled_note_reads_the_same_everywhere(
    workspace: Workspace, people: dict[str, Mentee]
) -> None:
    from PySide6.QtGui import QPalette

    from mentordesk.ui.models.today import RecentNotesModel
    from mentordesk.ui.widgets.detail_mentee import notes as dashboard_notes

    priya = people["Priya Natarajan"]
    workspace.save_note(Note(priya.id or 0, "# Plan\n\nShip the **ledger** first, then the API."))
    expected = "Plan Ship the ledger first, then the API."
    assert texts(notes_model(workspace), note_columns.TITLE) == [expected]
    recent = RecentNotesModel()
    recent.set_rows(workspace.note_search.summaries(workspace.note_ids("", None, "created", True)))
    assert texts(recent, 0) == [expected]
    dashboard = workspace.mentee_dashboard(priya.id or 0, NOW)
    # On the dashboard the title is the link that opens the note.
    assert f">{expected}</a> — " in dashboard_notes(dashboard, NOW, LONDON, QPalette())
