"""Notes search with mentee and date filters, and snippets, on real notes in a real file."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from mentordesk.domain.models import Mentee, MenteeStatus, Note
from mentordesk.domain.search_query import MATCH_END, MATCH_START, name_matcher
from mentordesk.services import Workspace
from mentordesk.store.repositories import note_search


def at(day: int, hour: int = 12, month: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture
def desk(workspace: Workspace) -> dict[str, int]:
    """Two mentees' notes over September 2026; note ids by short name."""
    lena = workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin")).id or 0
    priya = workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata")).id or 0
    rows = [
        ("lena_early", lena, "Career goals and care for the team", at(1, 0)),
        ("priya_early", priya, "Career ladder talk", at(2)),
        ("lena_mid", lena, "Kerning practice, career next", at(15)),
        ("priya_mid", priya, "On-call load and the career ladder", at(16)),
        ("lena_late", lena, "Portfolio review", at(29, 23)),
        ("priya_oct", priya, "Career review", at(1, 0, month=10)),
    ]
    notes = workspace.notes
    return {
        name: notes.add(Note(mentee, body, name.replace("_", " "), created_at=when)).id or 0
        for name, mentee, body, when in rows
    }


# The three ways a filtered search can go: look each note up, keep the filter's notes from
# the index's matches, or check the newest matches one by one. Each must give the same notes.
WAYS = {"lookup": (10_000, 100_000), "keep": (0, 100_000), "check": (0, 0)}


@pytest.fixture(params=list(WAYS))
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    probe, dense = WAYS[request.param]
    monkeypatch.setattr(note_search, "PROBE_LIMIT", probe)
    monkeypatch.setattr(note_search, "DENSE_FILTER", dense)
    return str(request.param)


def names(desk: dict[str, int], ids: list[int]) -> list[str]:
    by_id = {v: k for k, v in desk.items()}
    return [by_id[i] for i in ids]


def test_words_with_a_mentee_filter(workspace: Workspace, desk: dict[str, int], way: str) -> None:
    notes = workspace.notes
    lena = workspace.find_mentee("Lena Fischer").id or 0
    assert names(desk, notes.ids("career ", mentee_ids=[lena])) == ["lena_mid", "lena_early"]
    assert names(desk, notes.ids("car", mentee_ids=[lena])) == ["lena_mid", "lena_early"]
    # Several mentees at once, and the list's own sorts still apply.
    both = [lena, workspace.find_mentee("Priya Natarajan").id or 0]
    titles = notes.ids("ladder", sort="title", descending=False, mentee_ids=both)
    assert names(desk, titles) == ["priya_early", "priya_mid"]
    assert notes.ids("kubernetes", mentee_ids=both) == []


def test_words_with_dates(workspace: Workspace, desk: dict[str, int], way: str) -> None:
    notes = workspace.notes
    september = {"created_from": at(1, 0), "created_before": at(1, 0, month=10)}
    # From the first instant of the range (included) to the last before its end.
    assert names(desk, notes.ids("career ", **september)) == [
        "priya_mid",
        "lena_mid",
        "priya_early",
        "lena_early",
    ]
    assert names(desk, notes.ids("review", created_from=at(29, 23))) == ["priya_oct", "lena_late"]
    assert names(desk, notes.ids("review", created_before=at(29, 23))) == []
    lena = workspace.find_mentee("Lena Fischer").id or 0
    mid_month = notes.ids("career", mentee_ids=[lena], created_from=at(10), created_before=at(20))
    assert names(desk, mid_month) == ["lena_mid"]


def test_a_capped_filtered_search_keeps_the_newest(
    workspace: Workspace, desk: dict[str, int], way: str
) -> None:
    september = {"created_from": at(1, 0), "created_before": at(1, 0, month=10)}
    newest_two = workspace.notes.ids("career ", match_limit=2, **september)
    assert sorted(names(desk, newest_two)) == ["lena_mid", "priya_mid"]
    # For one mentee's own list (mentee_id) every match is listed, whatever the cap.
    lena = workspace.find_mentee("Lena Fischer").id
    assert len(workspace.notes.ids("career", mentee_id=lena, match_limit=1)) == 2


def test_filters_without_words_list_every_note_that_passes(
    workspace: Workspace, desk: dict[str, int]
) -> None:
    notes = workspace.notes
    priya = workspace.find_mentee("Priya Natarajan").id or 0
    assert names(desk, notes.ids(mentee_ids=[priya])) == ["priya_oct", "priya_mid", "priya_early"]
    assert names(desk, notes.ids(created_before=at(2))) == ["lena_early"]
    assert names(desk, notes.search("", 2, mentee_ids=[priya])) == ["priya_oct", "priya_mid"]
    assert notes.ids(mentee_ids=[]) == []


def test_filtered_search_ranks_few_and_lists_many_newest_first(
    workspace: Workspace, desk: dict[str, int], way: str
) -> None:
    notes = workspace.notes
    lena = workspace.find_mentee("Lena Fischer").id or 0
    dense = notes.add(Note(lena, "career career career career", "all career", created_at=at(3)))
    desk["dense"] = dense.id or 0
    ranked = notes.search("career ", mentee_ids=[lena])
    assert names(desk, ranked)[0] == "dense"  # the note most about it first
    newest = notes.search("career ", rank_limit=2, mentee_ids=[lena])
    assert names(desk, newest) == ["dense", "lena_mid", "lena_early"]  # by id, newest first
    assert names(desk, notes.search("career ", limit=1, created_from=at(16))) == ["priya_oct"]


def test_snippets_mark_the_matched_words(workspace: Workspace, desk: dict[str, int]) -> None:
    notes = workspace.notes
    found = notes.snippets([desk["lena_early"], desk["lena_late"]], "care")
    assert list(found) == [desk["lena_early"]]  # a note without a match has no snippet
    snippet = found[desk["lena_early"]]
    marked = f"{MATCH_START}Career{MATCH_END} goals and {MATCH_START}care{MATCH_END} for"
    assert marked in snippet
    phrase = notes.snippets([desk["priya_mid"]], '"career ladder" ')[desk["priya_mid"]]
    assert f"the {MATCH_START}career ladder{MATCH_END}" in phrase
    assert notes.snippets([desk["priya_mid"]], "") == {}
    assert notes.snippets([], "career") == {}


def test_snippets_are_cut_around_the_match(workspace: Workspace, desk: dict[str, int]) -> None:
    lena = workspace.find_mentee("Lena Fischer").id or 0
    body = " ".join(f"word{i}" for i in range(200)) + " rollback " + "tail " * 50
    note = workspace.notes.add(Note(lena, body, "long"))
    snippet = workspace.notes.snippets([note.id or 0], "rollback ")[note.id or 0]
    assert f"{MATCH_START}rollback{MATCH_END}" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet.split()) <= note_search.SNIPPET_TOKENS + 1


def test_mentees_by_name_put_active_ones_apart(workspace: Workspace) -> None:
    ana = workspace.save_mentee(Mentee("Ana Lima", "UTC")).id
    diana = workspace.save_mentee(Mentee("Diana Ross", "UTC", status=MenteeStatus.ALUMNI)).id
    active, named = workspace.notes.mentees_named(name_matcher("ANA"))
    assert (active, sorted(named)) == ([ana], sorted([ana, diana]))
    assert workspace.notes.mentees_named(name_matcher("zed")) == ([], [])


def test_a_long_note_of_one_repeated_word_gets_its_snippet_at_once(
    workspace: Workspace, desk: dict[str, int]
) -> None:
    # A pasted log: FTS5's snippet() took 3.4 s at 100 KB and 228 s at 800 KB of one word.
    lena = workspace.find_mentee("Lena Fischer").id or 0
    flood = workspace.notes.add(Note(lena, "error " * 170_000, "pasted log")).id or 0
    middle = "intro " * 5_000 + "the Rollback plan " + "tail " * 5_000
    found = workspace.notes.add(Note(lena, middle, "long")).id or 0
    began = time.perf_counter()
    snippets = workspace.notes.snippets([flood, found, desk["lena_early"]], "error rollback")
    assert time.perf_counter() - began < 0.5
    assert flood not in snippets  # AND: the log has no 'rollback'
    began = time.perf_counter()
    (log_snippet,) = workspace.notes.snippets([flood], "error").values()
    assert time.perf_counter() - began < 0.5
    assert log_snippet.startswith(f"{MATCH_START}error{MATCH_END} error")
    assert len(log_snippet.split()) <= note_search.SNIPPET_TOKENS + 1
    (plan,) = workspace.notes.snippets([found], "rollbac").values()
    assert f"the {MATCH_START}Rollback{MATCH_END} plan" in plan
    assert plan.startswith("…") and plan.endswith("…")
