"""Notes search through the services: mentee:, before: and after: as the mentor types them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentordesk.domain.models import Mentee, MenteeStatus, Note, Settings
from mentordesk.domain.search_query import MATCH_END, MATCH_START
from mentordesk.services import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as ws:
        # New York: 4 hours behind UTC in September, so UTC dates and the mentor's differ.
        ws.save_settings(Settings("Sam Rivera", "America/New_York"))
        yield ws


@pytest.fixture
def titles(workspace: Workspace) -> dict[int, str]:
    lena = workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin")).id or 0
    priya = workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata")).id or 0
    old_lena = (
        workspace.save_mentee(Mentee("Lena Okafor", "Africa/Lagos", status=MenteeStatus.ALUMNI)).id
        or 0
    )
    notes = [
        # 23:30 on 31 August in New York, though already 1 September in UTC.
        (lena, "Late August career chat", datetime(2026, 9, 1, 3, 30, tzinfo=UTC)),
        # 00:30 on 1 September in New York.
        (lena, "First of September career plan", datetime(2026, 9, 1, 4, 30, tzinfo=UTC)),
        (priya, "Career ladder with Priya", datetime(2026, 9, 20, 15, tzinfo=UTC)),
        (old_lena, "Alumni career story", datetime(2025, 5, 5, 12, tzinfo=UTC)),
    ]
    return {
        workspace.notes.add(Note(m, body, body, created_at=when)).id or 0: body
        for m, body, when in notes
    }


def found(workspace: Workspace, titles: dict[int, str], search: str) -> list[str]:
    return [titles[i] for i in workspace.note_ids(search)]


def test_mentee_filter_by_part_of_a_name(workspace: Workspace, titles: dict[int, str]) -> None:
    # Active mentees first: Lena Okafor (alumni) is left out while Lena Fischer matches.
    assert found(workspace, titles, "mentee:LENA career") == [
        "First of September career plan",
        "Late August career chat",
    ]
    assert found(workspace, titles, 'mentee:"lena o"') == ["Alumni career story"]
    assert found(workspace, titles, "career mentee:natarajan") == ["Career ladder with Priya"]


def test_a_mentee_nobody_is_called_lists_nothing_and_says_so(
    workspace: Workspace, titles: dict[int, str]
) -> None:
    result = workspace.find_notes("mentee:zed career")
    assert result.ids == []
    assert result.messages == ("No mentee's name contains “zed” — check the spelling.",)
    assert workspace.search_notes("mentee:zed career") == []


def test_dates_are_days_in_the_mentors_zone(workspace: Workspace, titles: dict[int, str]) -> None:
    assert found(workspace, titles, "career after:2026-09-01") == [
        "Career ladder with Priya",
        "First of September career plan",
    ]
    assert found(workspace, titles, "before:2026-09-01 career") == [
        "Late August career chat",
        "Alumni career story",
    ]
    september = "after:2026-09-01 before:2026-09-02"
    assert found(workspace, titles, september) == ["First of September career plan"]
    assert [n.title for n in workspace.search_notes(f"mentee:priya {september}")] == []


def test_a_bad_date_is_explained_and_left_out(workspace: Workspace, titles: dict[int, str]) -> None:
    result = workspace.find_notes("ladder before:2026-13-01")
    assert [titles[i] for i in result.ids] == ["Career ladder with Priya"]
    assert result.messages == (
        "“before:2026-13-01” is not a date (there is no month 13) — write it as "
        "before:YYYY-MM-DD, e.g. before:2026-10-01.",
    )


def test_search_notes_and_snippets_read_the_same_syntax(
    workspace: Workspace, titles: dict[int, str]
) -> None:
    best = workspace.search_notes('mentee:lena "career plan"')
    assert [n.title for n in best] == ["First of September career plan"]
    snippets = workspace.note_search.snippets(list(titles), "mentee:lena care")
    assert len(snippets) == len(titles)  # every note has a word starting with "care"
    first = next(i for i, t in titles.items() if t.startswith("First"))
    assert f"{MATCH_START}career{MATCH_END}" in snippets[first]
    assert workspace.note_search.snippets(list(titles), "mentee:lena") == {}
