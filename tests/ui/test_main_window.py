"""The main window: pages, menus and shortcuts, the status bar, remembered state, ``ready``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from mentordesk import __version__
from mentordesk.domain.models import ActionItem, Mentee
from mentordesk.services import Workspace
from mentordesk.services.changes import Kind
from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog
from mentordesk.ui.main_window import PAGES, MainWindow
from mentordesk.ui.models import notes as note_columns
from mentordesk.ui.pages.base import Page
from mentordesk.ui.pages.mentees import MenteesPage
from mentordesk.ui.pages.notes import NotesPage
from mentordesk.ui.pages.registry import load_page
from mentordesk.ui.pages.today import TodayPage

MakeWindow = Callable[..., MainWindow]


class _ScratchPage(Page):
    """A page that shows only the mentor's settings, and counts its reloads."""

    title = "Scratch"
    watches = frozenset({Kind.SETTINGS})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        self.refreshed = 0
        super().__init__(workspace, parent)

    def refresh(self) -> None:
        self.refreshed += 1

    def focus_search(self) -> None:
        self.setFocus()


@pytest.fixture
def make_window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MakeWindow:
    def make(**kwargs: object) -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(workspace, settings=settings, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window

    return make


@pytest.fixture
def window(qtbot: QtBot, make_window: MakeWindow, practice: dict[str, Mentee]) -> MainWindow:
    main = make_window()
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    return main


def test_opens_on_today_with_data_and_signals_ready_once(
    qtbot: QtBot, make_window: MakeWindow, practice: dict[str, Mentee]
) -> None:
    window = make_window()
    ready: list[bool] = []
    window.ready.connect(lambda: ready.append(True))
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    page = window.current_page()
    assert isinstance(page, TodayPage)
    assert page.sections[0].model().rowCount() == 4
    assert window.windowTitle() == "Today — MentorDesk"
    assert (window.width(), window.height()) == (1200, 780)
    window.hide()
    window.show()
    qtbot.wait(50)
    assert ready == [True]


def test_only_the_start_page_is_built_before_it_is_needed(window: MainWindow) -> None:
    assert [type(p) for p in window.built_pages()] == [TodayPage]


_FIRST_PAINT_IMPORTS = """
import sys
import mentordesk.__main__, mentordesk.app, mentordesk.ui.main_window
from mentordesk.ui.pages.registry import PAGES, load_page
load_page(PAGES[0])
print(" ".join(m for m in ("sqlite_utils", "keyring", "icalendar", "qasync") if m in sys.modules))
"""


def test_what_the_first_paint_imports_loads_no_slow_library() -> None:
    """The entry point, the start-up, the window and its first page: none of sqlite-utils,
    keyring, icalendar or qasync (they come after the first paint), in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_IMPORTS],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.split() == []


def test_every_sidebar_page_opens_with_its_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    assert window.page_classes == PAGES
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        cls.title for cls in PAGES
    ]
    for i, spec in reversed(list(enumerate(PAGES))):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
        page = window.current_page()
        assert isinstance(page, load_page(spec))
        # The sidebar lists the page from its spec; the class must agree.
        assert type(page).title == spec.title and type(page).icon_name == spec.icon_name
        assert window.stack.currentWidget() is page and page.isVisible()
        assert window.sidebar.currentRow() == i
        assert window.windowTitle() == f"{spec.title} — MentorDesk"


def test_clicking_the_sidebar_switches_pages(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(pages=(TodayPage, _ScratchPage))
    window.show()
    rect = window.sidebar.visualItemRect(window.sidebar.item(1))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(window.current_page(), _ScratchPage)


def test_find_focuses_the_search_box_and_typing_filters(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, TodayPage)
    assert QApplication.focusWidget() is page.search_edit
    qtbot.keyClicks(QApplication.focusWidget(), "aroha")
    meetings = page.sections[0].model()
    assert meetings.rowCount() == 1
    assert meetings.index(0, 2).data() == "Aroha Ngata"


def test_size_page_and_splitters_are_restored_in_a_new_window(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    first = make_window(pages=(TodayPage, _ScratchPage))
    first.show()
    first.resize(720, 560)  # the offscreen screen is 800x600
    today = first.page(TodayPage)
    assert isinstance(today, TodayPage)
    today.splitter.setSizes([300, 250])
    kept_sizes = today.splitter.sizes()
    first.show_page(_ScratchPage)
    first.close()

    second = make_window(pages=(TodayPage, _ScratchPage))
    second.show()
    assert (second.width(), second.height()) == (720, 560)
    assert isinstance(second.current_page(), _ScratchPage)
    restored = second.show_page(TodayPage)
    assert isinstance(restored, TodayPage)
    assert restored.splitter.sizes() == kept_sizes


def test_a_write_redraws_the_pages_that_show_it_and_the_counts(
    qtbot: QtBot, make_window: MakeWindow, workspace: Workspace, practice: dict[str, Mentee]
) -> None:
    window = make_window(pages=(TodayPage, _ScratchPage))
    window.show()
    scratch = window.page(_ScratchPage)
    assert isinstance(scratch, _ScratchPage)
    today = window.page(TodayPage)
    assert isinstance(today, TodayPage)
    # The counts come right after the first paint.
    qtbot.waitUntil(lambda: window.counts_label.text() == "4 mentees · 6 meetings · 2 notes")

    # Written through the services, as any page, dialog or note window writes.
    workspace.save_mentee(Mentee("Kenji Sato", "Asia/Tokyo"))
    workspace.add_action(ActionItem(practice["Aroha Ngata"].id or 0, "Book the design review"))
    assert today.sections[2].model().rowCount() == 3
    assert window.counts_label.text() == "5 mentees · 6 meetings · 2 notes"
    assert scratch.refreshed == 0  # hidden, and it shows neither mentees nor actions
    assert not scratch.stale


def test_a_hidden_page_reloads_when_shown_and_not_before(
    qtbot: QtBot, make_window: MakeWindow, workspace: Workspace
) -> None:
    window = make_window(pages=(TodayPage, _ScratchPage))
    window.show()
    scratch = window.page(_ScratchPage)
    assert isinstance(scratch, _ScratchPage)
    assert not scratch.isVisible()
    before = scratch.refreshed

    workspace.save_settings(workspace.settings())
    workspace.save_settings(workspace.settings())
    assert scratch.refreshed == before  # hidden: only marked
    assert scratch.stale

    window.show_page(_ScratchPage)
    assert scratch.refreshed == before + 1  # once, however many changes it missed
    assert not scratch.stale
    workspace.save_settings(workspace.settings())
    assert scratch.refreshed == before + 2  # visible: at once


def test_a_page_summary_does_not_hide_a_confirmation(
    window: MainWindow, workspace: Workspace
) -> None:
    today = window.current_page()
    assert isinstance(today, TodayPage)
    today.status_message.emit("Marked “1:1” on Tue 8 Dec as held.")
    today.refresh()  # its summary ("3 meetings this week …") arrives after the confirmation
    assert window.statusBar().currentMessage() == "Marked “1:1” on Tue 8 Dec as held."


def test_f5_reloads_what_changed_outside_the_window(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, practice: dict[str, Mentee]
) -> None:
    soon = datetime.now(UTC) + timedelta(days=3)
    workspace.add_action(
        ActionItem(practice["Diego Alvarez"].id or 0, "Intro Diego to the platform team",
                   due_date=soon.date())
    )  # fmt: skip
    qtbot.keyClick(window, Qt.Key.Key_F5)
    actions = window.current_page().sections[2].model()  # type: ignore[attr-defined]
    assert actions.rowCount() == 3


def test_status_bar_shows_the_database_file_and_page_messages(window: MainWindow) -> None:
    assert window.path_label.full_text() == str(window.workspace.path)
    assert window.path_label.toolTip() == str(window.workspace.path)
    window.current_page().status_message.emit("Saved")
    assert window.statusBar().currentMessage() == "Saved"


def test_about_names_the_version_database_and_qt(qtbot: QtBot, window: MainWindow) -> None:
    window.about_action.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert __version__ in box.text() and str(window.workspace.path) in box.text()
    assert "Qt" in box.text()
    box.close()


def test_menus_offer_every_action_with_its_shortcut(window: MainWindow) -> None:
    shortcuts = {
        a.text().replace("&", ""): a.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
        for a in menu.actions()
        if a.text()
    }
    assert shortcuts["New Mentee…"] == "Ctrl+N"
    assert shortcuts["Quit"] == "Ctrl+Q"
    assert shortcuts["Find"] == "Ctrl+F"
    assert shortcuts["Refresh"] == "F5"
    assert shortcuts["Today"] == "Ctrl+1"
    assert shortcuts["Preferences…"] != ""


def test_preferences_from_the_menu_update_today(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    from mentordesk.ui.dialogs.preferences import PreferencesDialog

    window.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.zone_edit.setText("Asia/Tokyo")
    dialog.save_button.click()
    assert workspace.settings().time_zone == "Asia/Tokyo"
    today = window.current_page()
    assert isinstance(today, TodayPage)
    assert "Asia/Tokyo" in today.clock_label.text()


def test_new_mentee_is_saved_and_shown_selected_on_the_mentees_page(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(MenteeDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Kenji Sato")
    qtbot.keyClicks(dialog.zone_edit, "Asia/Tokio")
    assert "did you mean Asia/Tokyo" in dialog.zone_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.zone_edit.setText("Asia/Tokyo")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "Kenji Sato" in [m.name for m in workspace.list_mentees()]
    page = window.current_page()
    assert isinstance(page, MenteesPage)
    selected = page.pane.view.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["Kenji Sato"]
    assert window.counts_label.text().startswith("5 mentees")


def test_double_click_on_today_opens_that_mentee(
    qtbot: QtBot, window: MainWindow, practice: dict[str, Mentee]
) -> None:
    today = window.current_page()
    assert isinstance(today, TodayPage)
    check_ins = today.sections[1].view
    model = check_ins.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Lena Fischer")
    rect = check_ins.visualRect(model.index(row, 0))
    qtbot.mouseClick(check_ins.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(check_ins.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.current_page()
    assert isinstance(page, MenteesPage)
    assert page.pane.current_key() == practice["Lena Fischer"].id


def test_typing_in_a_call_reaches_todays_recent_notes_within_a_second(
    qtbot: QtBot, window: MainWindow, practice: dict[str, Mentee]
) -> None:
    today = window.current_page()
    assert isinstance(today, TodayPage)
    recent = today.models[3]
    call = window.open_call(practice["Aroha Ngata"].id or 0)
    qtbot.addWidget(call)
    editor = call.editor.edit  # type: ignore[attr-defined]

    def shows(words: str) -> Callable[[], bool]:
        return lambda: any(words in note.excerpt for note in recent.rows())

    qtbot.keyClicks(editor, "Wants to lead the migration")
    with qtbot.waitSignal(window.hub.changed, timeout=2000):
        pass  # the autosave (debounced while typing) reports the note
    qtbot.waitUntil(shows("Wants to lead the migration"), timeout=1000)

    # Typing on: Today follows within a second of the next save, without a close.
    qtbot.keyClicks(editor, " next quarter")
    qtbot.waitUntil(shows("next quarter"), timeout=2000)
    assert call.isVisible()


def test_while_typing_a_visible_page_reloads_at_most_once_a_second(
    qtbot: QtBot, make_window: MakeWindow, workspace: Workspace, practice: dict[str, Mentee]
) -> None:
    class NotesScratch(_ScratchPage):
        watches = frozenset({Kind.NOTES})

    window = make_window(pages=(NotesScratch,))
    window.show()
    page = window.current_page()
    assert isinstance(page, NotesScratch)
    note = workspace.start_note(practice["Aroha Ngata"].id or 0)
    first = page.refreshed
    for n in range(5):  # five autosaves in quick succession
        workspace.write_note_body(note.id or 0, "typing " * (n + 1))
    assert page.refreshed == first + 1  # the first at once, the rest held back
    qtbot.waitUntil(lambda: page.refreshed == first + 2, timeout=1500)  # one trailing reload
    qtbot.wait(1200)
    assert page.refreshed == first + 2  # quiet: no more


def test_typing_in_a_note_redraws_its_row_in_the_notes_list_without_a_reload(
    qtbot: QtBot, make_window: MakeWindow, workspace: Workspace, practice: dict[str, Mentee]
) -> None:
    window = make_window(pages=(TodayPage, NotesPage))
    window.show()
    page = window.show_page(NotesPage)
    assert isinstance(page, NotesPage)
    note = workspace.start_note(practice["Aroha Ngata"].id or 0, title="Career plan")
    row = page.model.row_of(note.id)
    assert row >= 0
    reloads: list[int] = []
    page.model.modelReset.connect(lambda: reloads.append(1))

    workspace.write_note_body(note.id or 0, "Wants to lead the platform team")
    excerpt = page.model.index(page.model.row_of(note.id), note_columns.EXCERPT).data()
    assert "Wants to lead the platform team" in excerpt
    assert reloads == []
    # A change that is not typing (a new note) reloads the list.
    workspace.start_note(practice["Aroha Ngata"].id or 0, title="Second")
    assert reloads == [1]


def test_typing_about_another_mentee_leaves_the_mentees_page_alone(
    qtbot: QtBot, make_window: MakeWindow, workspace: Workspace, practice: dict[str, Mentee]
) -> None:
    window = make_window()
    window.show()
    page = window.show_page("MenteesPage")
    shown, other = practice["Aroha Ngata"].id or 0, practice["Diego Alvarez"].id or 0
    page.select_mentee(shown)  # type: ignore[attr-defined]
    reloads: list[int] = []
    page.model.modelReset.connect(lambda: reloads.append(1))  # type: ignore[attr-defined]
    note = workspace.start_note(other)
    reloads.clear()
    workspace.write_note_body(note.id or 0, "typing about Diego")
    assert reloads == []  # the shown dashboard is Aroha's
    mine = workspace.start_note(shown)
    reloads.clear()
    workspace.write_note_body(mine.id or 0, "typing about Aroha")
    assert reloads == [1]  # her dashboard lists the note: it follows


def test_typing_held_back_is_drawn_when_a_page_hidden_meanwhile_is_shown(
    qtbot: QtBot, make_window: MakeWindow, workspace: Workspace, practice: dict[str, Mentee]
) -> None:
    class NotesScratch(_ScratchPage):
        watches = frozenset({Kind.NOTES})

    window = make_window(pages=(NotesScratch, TodayPage))
    window.show()
    page = window.current_page()
    assert isinstance(page, NotesScratch)
    note = workspace.start_note(practice["Aroha Ngata"].id or 0)
    workspace.write_note_body(note.id or 0, "first words")  # drawn at once
    workspace.write_note_body(note.id or 0, "second words")  # held back for a second
    drawn = page.refreshed
    window.show_page(TodayPage)  # the mentor looks elsewhere before the second is up
    qtbot.waitUntil(lambda: page.stale, timeout=2000)
    window.show_page(NotesScratch)
    assert page.refreshed == drawn + 1
