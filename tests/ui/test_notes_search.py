"""The Notes page's search as the mentor types it: snippets in bold, filters, messages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee, Note, Settings
from mentordesk.domain.search_query import MATCH_START, marked_runs
from mentordesk.services import Workspace
from mentordesk.ui.models.notes import (
    EXCERPT,
    MENTEE,
    SNIPPET_ROLE,
    SNIPPET_WINDOW,
    TITLE,
    NotesModel,
)
from mentordesk.ui.pages.notes import NotesPage
from mentordesk.ui.widgets.match_delegate import MatchDelegate, fit_runs


@pytest.fixture
def people(workspace: Workspace) -> dict[str, int]:
    workspace.save_settings(Settings("Sam Rivera", "Europe/London"))
    lena = workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin")).id or 0
    priya = workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata")).id or 0
    for mentee, title, body in (
        (lena, "Portfolio", "We talked about her career path and the <b>case study</b>."),
        (lena, "Kerning", "Typography practice."),
        (priya, "Payments", "A careful rollout of the migration."),
        (priya, "On-call", "Load is heavy; she wants it shared."),
    ):
        workspace.save_note(Note(mentee, body, title))
    return {"lena": lena, "priya": priya}


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, people: dict[str, int]) -> NotesPage:
    notes = NotesPage(workspace)
    qtbot.addWidget(notes)
    notes.resize(1200, 700)
    notes.show()
    qtbot.waitExposed(notes)
    return notes


def type_search(qtbot: QtBot, page: NotesPage, text: str) -> None:
    """Types as the mentor does and waits for the pause in typing to apply it."""
    page.pane.search_edit.clear()
    page.pane.search_now()
    qtbot.keyClicks(page.pane.search_edit, text)
    with qtbot.waitSignal(page.pane.search_changed, timeout=2000):
        pass


def cells(page: NotesPage, column: int) -> list[str]:
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_typing_shows_the_matches_with_the_words_in_bold(qtbot: QtBot, page: NotesPage) -> None:
    assert "mentee:name" in page.pane.search_edit.placeholderText()
    type_search(qtbot, page, "care")
    assert sorted(cells(page, TITLE)) == ["Payments", "Portfolio"]
    assert isinstance(page.pane.view.itemDelegateForColumn(EXCERPT), MatchDelegate)
    for row in range(page.model.rowCount()):
        runs = marked_runs(page.model.index(row, EXCERPT).data(SNIPPET_ROLE))
        bold = [text.casefold() for text, is_bold in runs if is_bold]
        assert bold and all(word.startswith("care") for word in bold)
    # The cell's plain text has no markers, and a note's own "<b>" is text, not markup.
    portfolio = cells(page, TITLE).index("Portfolio")
    plain = page.model.index(portfolio, EXCERPT).data()
    assert MATCH_START not in plain and "career path and the <b>case study</b>" in plain
    page.pane.view.viewport().grab()  # the delegate paints without complaint
    assert not page.search_error.isVisible() and not page.search_hint.isVisible()


def test_a_mentee_filter_restricts_the_list(qtbot: QtBot, page: NotesPage) -> None:
    type_search(qtbot, page, "mentee:lena")
    assert cells(page, MENTEE) == ["Lena Fischer", "Lena Fischer"]
    # Without words there is nothing to highlight: the excerpt shows.
    assert page.model.index(0, EXCERPT).data(SNIPPET_ROLE) == ""
    type_search(qtbot, page, "mentee:lena care")
    assert cells(page, TITLE) == ["Portfolio"]
    type_search(qtbot, page, "mentee:zed")
    assert page.pane.is_showing_empty()
    assert page.search_error.text() == "No mentee's name contains “zed” — check the spelling."


def test_a_bad_date_is_explained_under_the_search_box(qtbot: QtBot, page: NotesPage) -> None:
    type_search(qtbot, page, "before:2026-13-01 care")
    assert page.search_error.isVisible()
    assert page.search_error.text() == (
        "“before:2026-13-01” is not a date (there is no month 13) — write it as "
        "before:YYYY-MM-DD, e.g. before:2026-10-01."
    )
    assert sorted(cells(page, TITLE)) == ["Payments", "Portfolio"]  # the words still count
    type_search(qtbot, page, "before:2026-10-01 care")
    assert not page.search_error.isVisible()


def test_one_character_asks_for_another(qtbot: QtBot, page: NotesPage) -> None:
    type_search(qtbot, page, "k")
    assert page.search_hint.isVisible() and page.search_hint.text() == (
        "Type one more character to search."
    )
    assert page.model.rowCount() == 4 and page.model.search == ""
    qtbot.keyClicks(page.pane.search_edit, "e")
    with qtbot.waitSignal(page.pane.search_changed, timeout=2000):
        pass
    assert not page.search_hint.isVisible()
    assert cells(page, TITLE) == ["Kerning"]


def test_only_the_rows_in_view_fetch_their_snippet(
    qtbot: QtBot, workspace: Workspace, people: dict[str, int], page: NotesPage
) -> None:
    base = datetime(2024, 1, 1, tzinfo=UTC)
    with workspace.db.transaction():
        for i in range(400):
            workspace.notes.add(
                Note(people["priya"], f"Retro {i}: careers", f"R{i}", created_at=base)
            )
    type_search(qtbot, page, "career")
    assert page.model.rowCount() == 401
    qtbot.waitUntil(lambda: page.model.snippet_count() > 0)  # painted
    first_screen = page.model.snippet_count()
    view = page.pane.view
    in_view = view.viewport().height() // view.verticalHeader().defaultSectionSize() + 1
    assert first_screen < in_view + SNIPPET_WINDOW
    page.pane.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.snippet_count() > first_screen)
    assert page.model.snippet_count() < 2 * (in_view + SNIPPET_WINDOW)  # not the 401 matches


def test_the_model_with_snippets_passes_the_model_tester(
    qtmodeltester: ModelTester, workspace: Workspace, people: dict[str, int]
) -> None:
    model = NotesModel(
        workspace.note_ids, workspace.note_search.summaries, snippets=workspace.note_search.snippets
    )
    model.load("care")
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    assert MATCH_START in model.index(0, EXCERPT).data(SNIPPET_ROLE)
    assert model.index(0, TITLE).data(SNIPPET_ROLE) == ""


def test_a_long_snippet_keeps_its_match_in_a_narrow_cell() -> None:
    regular = QFontMetrics(QFont())
    bold_font = QFont()
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    runs = [("…a long lead-in before the word that matters, " * 3, False), ("career", True)]
    width = regular.horizontalAdvance("x" * 40)
    placed = fit_runs(runs, regular, bold, width)
    assert placed[0][0].startswith("…") and ("career", True) in [(t, b) for t, b, _ in placed]
    # Too little room for the match: the cell ends in "…", never overflows.
    tight = fit_runs([("ab ", False), ("career" * 10, True)], regular, bold, width)
    assert tight[-1][0].endswith("…")
    right_edge = max(x + (bold if b else regular).horizontalAdvance(t) for t, b, x in tight)
    assert right_edge <= width
    assert fit_runs([("plain text", False)], regular, bold, width) == [("plain text", False, 0)]
