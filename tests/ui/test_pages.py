"""The Mentees, Meetings and Notes pages, driven as the mentor drives them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import (
    Channel,
    Feedback,
    FeedbackDirection,
    Goal,
    Meeting,
    Mentee,
    Milestone,
    MilestoneStatus,
    Note,
    OccurrenceStatus,
    Resource,
    Settings,
    Win,
)
from mentordesk.services import Workspace
from mentordesk.services.changes import Kind
from mentordesk.ui.models import mentees as mentee_columns
from mentordesk.ui.models import notes as note_columns
from mentordesk.ui.models.list_base import KeyedTableModel
from mentordesk.ui.models.notes import BLOCK
from mentordesk.ui.pages.base import Page
from mentordesk.ui.pages.meetings import MeetingsPage
from mentordesk.ui.pages.mentees import MenteesPage
from mentordesk.ui.pages.notes import NotesPage
from mentordesk.ui.widgets.list_pane import ListPane
from tests.ui.conftest import reports

LONDON = ZoneInfo("Europe/London")


def seed_desk(workspace: Workspace, now: datetime) -> dict[str, Mentee]:
    """Four mentees; Priya has a goal, a fortnightly series, notes, feedback, a win, a link."""
    workspace.save_settings(Settings("Sam Rivera", "Europe/London"))
    people = {
        m.name: workspace.save_mentee(m)
        for m in (
            Mentee("Priya Natarajan", "Asia/Kolkata", pronouns="she/her", organisation="Acme",
                   role="Backend engineer",
                   channels=(Channel("email", "priya@example.com"),),
                   background="Eight years of Python.", tags=("career",)),
            Mentee("Lena Fischer", "Europe/Berlin", organisation="Globex", role="Designer"),
            Mentee("Diego Alvarez", "America/Mexico_City", organisation="Initech"),
            Mentee("Aroha Ngata", "Pacific/Auckland", organisation="Acme", role="Analyst"),
        )
    }  # fmt: skip
    priya = people["Priya Natarajan"].id or 0
    workspace.add_goal(
        Goal(priya, "Lead the payments migration"),
        [
            Milestone(0, "Write the design doc", status=MilestoneStatus.DONE),
            Milestone(0, "Run the dry run"),
        ],
    )
    three_weeks_ago = (now - timedelta(days=21)).astimezone(LONDON)
    series = workspace.save_meeting(
        Meeting(
            priya,
            "Fortnightly 1:1",
            three_weeks_ago.replace(hour=9, minute=0, second=0, microsecond=0),
            rrule="FREQ=WEEKLY;INTERVAL=2",
        )
    )
    soon = (now + timedelta(days=2)).astimezone(LONDON).replace(minute=0, second=0, microsecond=0)
    workspace.save_meeting(Meeting(people["Lena Fischer"].id or 0, "Portfolio review", soon))
    workspace.save_note(
        Note(priya, "# Migration plan\n\nMove the **ledger** to kubernetes first.",
             "Payments migration", meeting_id=series.id)
    )  # fmt: skip
    workspace.save_note(Note(people["Lena Fischer"].id or 0, "Typography and kerning.", "Type"))
    workspace.save_note(Note(people["Aroha Ngata"].id or 0, "Dashboards for the board.", "Board"))
    today = now.date()
    workspace.add_feedback(
        Feedback(priya, FeedbackDirection.FROM_MENTEE, "Agendas help a lot.", today)
    )
    workspace.add_win(Win(priya, "Design doc approved", today))
    workspace.add_resource(Resource("Staff Engineer", "https://staffeng.com", mentee_id=priya))
    return people


@pytest.fixture
def desk(workspace: Workspace, now: datetime) -> dict[str, Mentee]:
    return seed_desk(workspace, now)


@pytest.fixture
def show(qtbot: QtBot, workspace: Workspace) -> Callable[[type[Page]], Page]:
    def make(page_class: type[Page]) -> Page:
        page = page_class(workspace)
        qtbot.addWidget(page)
        page.resize(1200, 760)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


def pane_of(page: Page) -> ListPane:
    return page.pane  # type: ignore[attr-defined,no-any-return]


def column(model: KeyedTableModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def type_search(qtbot: QtBot, pane: ListPane, text: str) -> None:
    """Types as the mentor does and waits for the typing pause to apply it."""
    pane.search_edit.clear()
    qtbot.keyClicks(pane.search_edit, text)
    with qtbot.waitSignal(pane.search_changed, timeout=2000):
        pass


def click_header(qtbot: QtBot, pane: ListPane, col: int) -> None:
    header = pane.view.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def answer_next_message_box(qtbot: QtBot, answer: QMessageBox.StandardButton) -> list[str]:
    """Clicks ``answer`` in the next message box that opens; returns the texts it showed."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(answer).click()
        else:
            QTimer.singleShot(10, click)

    QTimer.singleShot(0, click)
    return seen


# -- Mentees -------------------------------------------------------------------------------


def test_mentees_page_lists_everyone(show: Callable, desk: dict[str, Mentee]) -> None:
    page = show(MenteesPage)
    model = page.model
    assert column(model, mentee_columns.NAME) == [
        "Aroha Ngata", "Diego Alvarez", "Lena Fischer", "Priya Natarajan"
    ]  # fmt: skip
    priya = model.row_of(desk["Priya Natarajan"].id)
    assert model.index(priya, mentee_columns.ORGANISATION).data() == "Acme · Backend engineer"
    assert model.index(priya, mentee_columns.ZONE).data() == "Kolkata"
    assert model.index(priya, mentee_columns.CHECK_IN).data() == "due in 14 days"
    assert not pane_of(page).is_showing_empty()


def test_typing_filters_mentees_by_substring(
    qtbot: QtBot, show: Callable, desk: dict[str, Mentee]
) -> None:
    page = show(MenteesPage)
    pane = pane_of(page)
    type_search(qtbot, pane, "acm")
    assert column(page.model, 0) == ["Aroha Ngata", "Priya Natarajan"]
    type_search(qtbot, pane, "fisch")
    assert column(page.model, 0) == ["Lena Fischer"]
    type_search(qtbot, pane, "xyz")
    assert pane.is_showing_empty()
    assert pane.empty_label.text() == "No mentees match “xyz”."


def test_clicking_a_header_sorts_and_keeps_the_selection(
    qtbot: QtBot, show: Callable, workspace: Workspace, desk: dict[str, Mentee]
) -> None:
    page = show(MenteesPage)
    pane = pane_of(page)
    page.select_mentee(desk["Lena Fischer"].id)
    click_header(qtbot, pane, mentee_columns.ZONE)
    assert column(page.model, mentee_columns.ZONE)[0] == "Auckland"
    click_header(qtbot, pane, mentee_columns.ZONE)
    assert column(page.model, mentee_columns.ZONE)[0] == "Mexico City"
    assert pane.current_key() == desk["Lena Fischer"].id
    selected = pane.view.selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["Lena Fischer"]
    # Another page adds a mentee: the list reloads and Lena stays selected.
    workspace.save_mentee(Mentee("Bea Quispe", "America/Lima"))
    page.refresh()
    assert page.model.rowCount() == 5
    assert [i.data() for i in pane.view.selectionModel().selectedRows()] == ["Lena Fischer"]
    assert page.detail.name_label.text() == "Lena Fischer"


def test_selecting_a_mentee_shows_their_dashboard(show: Callable, desk: dict[str, Mentee]) -> None:
    page = show(MenteesPage)
    detail = page.detail
    assert "Select a mentee" in detail.placeholder.text()
    assert page.select_mentee(desk["Priya Natarajan"].id)
    assert detail.name_label.text() == "Priya Natarajan"
    assert detail.subtitle_label.text() == "she/her · Backend engineer @ Acme"
    shown = detail.browser.toPlainText()
    assert "Goals (1)" in shown and "Lead the payments migration" in shown
    assert "50%" in shown and "1/2 milestones" in shown
    # The goal's progress bar is an image the style draws at the goal's percentage.
    assert "bar:50" in detail.html()
    bar = detail.browser.loadResource(2, QUrl("bar:50"))  # 2: QTextDocument.ImageResource
    assert isinstance(bar, QPixmap) and not bar.isNull()
    assert "<s>Write the design doc</s>" not in shown  # rendered, not shown as markup
    # Each channel links to itself; a click opens it (tests/ui/test_channel_editor.py).
    assert "channel:0" in detail.html() and "priya@example.com" in shown
    for text in (
        "Eight years of Python.",
        "Payments migration",
        "From Priya",
        "Design doc approved",
        "Staff Engineer",
        "Fortnightly 1:1",
        "their time",
    ):
        assert text in shown  # fmt: skip
    page.select_mentee(desk["Diego Alvarez"].id)
    assert detail.name_label.text() == "Diego Alvarez"
    assert "No goals yet" in detail.browser.toPlainText()


def test_select_mentee_clears_a_filter_that_hides_them(
    qtbot: QtBot, show: Callable, desk: dict[str, Mentee]
) -> None:
    page = show(MenteesPage)
    type_search(qtbot, pane_of(page), "lena")
    assert page.select_mentee(desk["Diego Alvarez"].id)
    assert pane_of(page).search_edit.text() == ""
    assert page.detail.name_label.text() == "Diego Alvarez"
    assert not page.select_mentee(9999)


def test_delete_asks_first_and_names_what_goes(
    qtbot: QtBot, show: Callable, workspace: Workspace, desk: dict[str, Mentee]
) -> None:
    page = show(MenteesPage)
    priya = desk["Priya Natarajan"].id
    page.select_mentee(priya)

    seen = answer_next_message_box(qtbot, QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.detail.delete_button, Qt.MouseButton.LeftButton)
    assert "1 goal, 1 meeting, 1 note" in seen[0]
    assert page.model.row_of(priya) >= 0  # kept

    seen = answer_next_message_box(qtbot, QMessageBox.StandardButton.Yes)
    with reports(workspace, Kind.MENTEES):
        qtbot.mouseClick(page.detail.delete_button, Qt.MouseButton.LeftButton)
    assert seen[0].startswith("Delete Priya Natarajan and everything recorded about them")
    assert page.model.row_of(priya) == -1
    assert "Priya Natarajan" not in column(page.model, 0)
    assert [m.name for m in workspace.list_mentees()] == [
        "Aroha Ngata", "Diego Alvarez", "Lena Fischer"
    ]  # fmt: skip
    assert workspace.note_ids(mentee_id=priya) == []
    assert "Select a mentee" in page.detail.placeholder.text()


def test_edit_opens_the_mentee_dialog_and_saving_shows_the_change(
    qtbot: QtBot, show: Callable, desk: dict[str, Mentee]
) -> None:
    dialogs = pytest.importorskip(
        "mentordesk.ui.dialogs.mentee_dialog", reason="the mentee dialog is not written yet"
    )
    page = show(MenteesPage)
    page.select_mentee(desk["Lena Fischer"].id)
    qtbot.mouseClick(page.detail.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(dialogs.MenteeDialog)
    assert dialog is not None and dialog.name_edit.text() == "Lena Fischer"
    dialog.name_edit.setText("Lena Fischer-Wolf")
    with reports(page.workspace, Kind.MENTEES):
        dialog.save()
    assert "Lena Fischer-Wolf" in column(page.model, 0)
    assert page.detail.name_label.text() == "Lena Fischer-Wolf"


def test_empty_pages_say_what_to_do(show: Callable) -> None:
    mentees = show(MenteesPage)
    assert pane_of(mentees).is_showing_empty()
    assert pane_of(mentees).empty_label.text() == "No mentees yet — File › New Mentee (Ctrl+N)"
    meetings = show(MeetingsPage)
    assert pane_of(meetings).is_showing_empty()
    assert pane_of(meetings).empty_label.text().startswith("No meetings yet.")
    notes = show(NotesPage)
    assert pane_of(notes).is_showing_empty()
    assert pane_of(notes).empty_label.text().startswith("No notes yet.")


def test_search_box_and_find_shortcut(qtbot: QtBot, show: Callable) -> None:
    page = show(MenteesPage)
    search = pane_of(page).search_edit
    assert search.placeholderText() == "Filter mentees… (Ctrl+F)"
    assert search.isClearButtonEnabled()
    page.activateWindow()
    page.focus_search()
    qtbot.waitUntil(search.hasFocus, timeout=2000)


# -- Meetings ------------------------------------------------------------------------------


def test_meetings_page_lists_filters_and_sorts(
    qtbot: QtBot, show: Callable, desk: dict[str, Mentee]
) -> None:
    page = show(MeetingsPage)
    model = page.model
    assert column(model, 3) == ["Portfolio review", "Fortnightly 1:1"]  # latest start first
    assert column(model, 4) == ["once", "every 2 weeks"]
    click_header(qtbot, pane_of(page), 2)  # Mentee
    assert column(model, 2) == ["Lena Fischer", "Priya Natarajan"]
    click_header(qtbot, pane_of(page), 2)
    assert column(model, 2) == ["Priya Natarajan", "Lena Fischer"]
    type_search(qtbot, pane_of(page), "portfolio")
    assert column(model, 3) == ["Portfolio review"]
    type_search(qtbot, pane_of(page), "nothing like it")
    assert pane_of(page).empty_label.text() == "No meetings match “nothing like it”."


def test_mark_held_records_the_occurrence_as_last_contact(
    qtbot: QtBot, show: Callable, workspace: Workspace, desk: dict[str, Mentee], now: datetime
) -> None:
    page = show(MeetingsPage)
    series = next(r for r in range(page.model.rowCount()) if page.model.listing_at(r).meeting.rrule)
    pane_of(page).select_key(page.model.key_at(series))
    detail = page.detail
    # The title has the pane's width, the buttons a row of their own under it.
    assert detail.title_label.width() > detail.width() * 0.8
    occurrences = detail.occurrences
    statuses = [o.status for o in occurrences.occurrences()]
    assert statuses and set(statuses) == {OccurrenceStatus.SCHEDULED}
    assert "Payments migration" in detail.notes_label.text()
    past = [o for o in occurrences.occurrences() if o.start <= now]
    assert len(past) == 2  # three weeks and one week ago
    assert len(occurrences.occurrences()) - len(past) == 5  # the next five
    # The latest past occurrence is selected for marking.
    assert detail.selected_occurrence() == past[-1]
    assert detail.mark_held_button.isEnabled()
    priya = desk["Priya Natarajan"].id or 0
    assert workspace.mentee_dashboard(priya).check_in.last_contact is None

    with reports(workspace, Kind.CONTACT):
        qtbot.mouseClick(detail.mark_held_button, Qt.MouseButton.LeftButton)
    last = workspace.mentee_dashboard(priya).check_in.last_contact
    assert last == past[-1].start.astimezone(UTC)
    row = occurrences.row_of(past[-1].original_start)
    assert occurrences.index(row, 2).data() == "held ✓"
    # A coming occurrence cannot have been held yet.
    detail.select_occurrence(occurrences.rowCount() - 1)
    assert not detail.mark_held_button.isEnabled()


def test_a_meeting_can_be_edited_and_deleted_keeping_its_notes(
    qtbot: QtBot, show: Callable, workspace: Workspace, desk: dict[str, Mentee]
) -> None:
    page = show(MeetingsPage)
    series = next(r for r in range(page.model.rowCount()) if page.model.listing_at(r).meeting.rrule)
    pane_of(page).select_key(page.model.key_at(series))
    qtbot.mouseClick(page.detail.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form.current_rule() == "FREQ=WEEKLY;INTERVAL=2"  # type: ignore[attr-defined]
    dialog.form.title_edit.setText("Fortnightly mentoring")  # type: ignore[attr-defined]
    with reports(workspace, Kind.MEETINGS):
        dialog.save()  # type: ignore[attr-defined]
    assert "Fortnightly mentoring" in column(page.model, 3)

    row = column(page.model, 3).index("Fortnightly mentoring")
    pane_of(page).select_key(page.model.key_at(row))
    qtbot.mouseClick(page.detail.delete_button, Qt.MouseButton.LeftButton)
    box = page.dialog
    assert isinstance(box, QMessageBox) and "Notes taken in it stay" in box.text()
    keep = next(b for b in box.buttons() if b.text() == "Keep it")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert "Fortnightly mentoring" in column(page.model, 3)
    pane_of(page).select_key(page.model.key_at(row))
    qtbot.mouseClick(page.detail.delete_button, Qt.MouseButton.LeftButton)
    box = page.dialog
    assert isinstance(box, QMessageBox)
    delete = next(b for b in box.buttons() if b.text() == "Delete series")
    with reports(workspace, Kind.MEETINGS):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert column(page.model, 3) == ["Portfolio review"]
    priya = desk["Priya Natarajan"].id or 0
    titles = [n.title for n in workspace.mentee_dashboard(priya).notes]
    assert "Payments migration" in titles


# -- Notes ---------------------------------------------------------------------------------


def test_notes_page_searches_full_text(
    qtbot: QtBot, show: Callable, desk: dict[str, Mentee]
) -> None:
    page = show(NotesPage)
    pane = pane_of(page)
    assert page.model.rowCount() == 3
    type_search(qtbot, pane, "kubernetes")
    assert column(page.model, note_columns.TITLE) == ["Payments migration"]
    type_search(qtbot, pane, "kern")  # a prefix of a word
    assert column(page.model, note_columns.TITLE) == ["Type"]
    type_search(qtbot, pane, "quantum")
    assert pane.is_showing_empty()
    assert pane.empty_label.text() == "No notes match “quantum”."


def test_notes_header_sorts_in_sql(qtbot: QtBot, show: Callable, desk: dict[str, Mentee]) -> None:
    page = show(NotesPage)
    pane = pane_of(page)
    click_header(qtbot, pane, note_columns.TITLE)
    assert column(page.model, note_columns.TITLE) == ["Board", "Payments migration", "Type"]
    click_header(qtbot, pane, note_columns.TITLE)
    assert column(page.model, note_columns.TITLE) == ["Type", "Payments migration", "Board"]
    click_header(qtbot, pane, note_columns.PRIVACY)  # not sortable: the order stays
    assert column(page.model, note_columns.TITLE) == ["Type", "Payments migration", "Board"]
    assert pane.view.horizontalHeader().sortIndicatorSection() == note_columns.TITLE


def test_selecting_a_note_renders_its_markdown(
    qtbot: QtBot, show: Callable, desk: dict[str, Mentee], now: datetime
) -> None:
    page = show(NotesPage)
    type_search(qtbot, pane_of(page), "ledger")
    pane_of(page).select_key(page.model.key_at(0))
    detail = page.detail
    assert detail.title_label.text() == "Payments migration"
    body = detail.body.toPlainText()
    assert body.startswith("Migration plan") and "**" not in body and "#" not in body
    meta = detail.meta_label.text()
    assert "Priya Natarajan" in meta and "Fortnightly 1:1" in meta and "Private" in meta
    # The call the note was written at (a week ago), not the series' first date.
    first = (now - timedelta(days=21)).astimezone(LONDON)
    held = first + timedelta(days=14)
    assert f"{held:%a} {held.day} {held:%b}" in meta
    assert f"{first:%a} {first.day} {first:%b}" not in meta
    with qtbot.waitSignal(page.open_mentee) as signal:
        qtbot.mouseClick(detail.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == [desk["Priya Natarajan"].id]


def test_notes_page_fetches_only_the_rows_it_shows(
    qtbot: QtBot, show: Callable, workspace: Workspace, desk: dict[str, Mentee]
) -> None:
    mentee = desk["Lena Fischer"].id or 0
    base = datetime(2024, 1, 1, tzinfo=UTC)
    with workspace.db.transaction():  # 5,000 notes in one go through the repository
        for i in range(5000):
            workspace.notes.add(Note(mentee, f"Body {i}", f"Note {i}", created_at=base))
    page = show(NotesPage)
    model = page.model
    assert model.rowCount() == 5003
    qtbot.waitUntil(lambda: model.fetched_count() > 0)  # painted
    assert model.fetched_count() == BLOCK  # the visible rows' block only
    pane_of(page).view.scrollToBottom()
    qtbot.waitUntil(lambda: model.fetched_count() > BLOCK)
    # The first block and the blocks under the bottom rows (4,800-4,999 and 5,000-5,002).
    assert model.fetched_count() == 2 * BLOCK + 3
    assert date(2024, 1, 1) == model.summary_at(5002).created_at.date()  # type: ignore[union-attr]
