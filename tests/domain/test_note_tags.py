"""Lines a mentor types during a call become action items, wins and feedback."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.models import Owner
from mentordesk.domain.note_tags import parse_line, parse_tagged_lines


def test_an_open_checkbox_line_is_an_action_for_the_mentee_with_a_due_date() -> None:
    [item] = parse_tagged_lines("Intro\n- [ ] Send the CV @them due:2027-01-15\n")
    assert item.kind == "action"
    assert item.text == "Send the CV"
    assert item.owner is Owner.MENTEE
    assert item.due == date(2027, 1, 15)
    assert item.done is False
    assert item.line_no == 1
    assert item.raw == "- [ ] Send the CV @them due:2027-01-15"


@pytest.mark.parametrize(
    ("line", "owner", "done"),
    [
        ("- [ ] Book the room", Owner.MENTOR, False),
        ("- [ ] @me Book the room", Owner.MENTOR, False),
        ("- [x] Book the room @them", Owner.MENTEE, True),
        ("  * [X] Book the room", Owner.MENTOR, True),
        ("+ [ ] Book the room", Owner.MENTOR, False),
    ],
)
def test_owner_defaults_to_the_mentor_and_x_marks_done(line: str, owner: Owner, done: bool) -> None:
    item = parse_line(line)
    assert item is not None
    assert (item.kind, item.text, item.owner, item.done) == ("action", "Book the room", owner, done)


def test_a_date_that_does_not_exist_stays_in_the_text_without_a_due_date() -> None:
    item = parse_line("- [ ] Renew the visa due:2027-02-30")
    assert item is not None
    assert item.kind == "action"
    assert item.due is None
    assert item.text == "Renew the visa due:2027-02-30"


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("Maya led the incident review #win", "win", "Maya led the incident review"),
        ("- #feedback Summaries could be shorter", "feedback_to", "Summaries could be shorter"),
        ("[12:34] Calls feel rushed #fb-me", "feedback_from", "Calls feel rushed"),
        ("Great live critique [00:01] #feedback", "feedback_to", "Great live critique"),
        ("Shipped it #win [1:02:03]", "win", "Shipped it"),
        ("- [ ] Send slides [12:30] @them", "action", "Send slides"),
        ("Loved the pairing #fb-me #win", "feedback_from", "Loved the pairing"),
        ("Promoted! #win.", "win", "Promoted! ."),
    ],
)
def test_tags_make_wins_and_feedback(line: str, kind: str, text: str) -> None:
    item = parse_line(line)
    assert item is not None
    assert (item.kind, item.text) == (kind, text)


@pytest.mark.parametrize(
    "line",
    [
        "#winter is coming",
        "Her #winning streak",
        "Talked about #feedbacks",
        "email#win",
        "A plain line",
        "- [ ]",  # still being typed: no text yet
        "#win",
        "- [] not a checkbox",
    ],
)
def test_words_that_only_look_like_tags_make_nothing(line: str) -> None:
    assert parse_line(line) is None


def test_the_item_text_is_whitespace_normalised_and_tokens_removed() -> None:
    item = parse_line("-  [ ]   Draft\tthe   plan  @them  due:2027-03-01   #win  ")
    assert item is not None
    assert item.text == "Draft the plan"
    assert item.kind == "action"


def test_lines_under_a_private_heading_are_items_marked_private() -> None:
    body = (
        "## Agenda\n- [ ] Shared action\n## Private\n- [ ] Talk to her manager\n"
        "### Details\nShe is burnt out #feedback\n## Next steps\n- [ ] Public again\n"
    )
    items = parse_tagged_lines(body)
    assert [(i.text, i.private) for i in items] == [
        ("Shared action", False),
        ("Talk to her manager", True),
        ("She is burnt out", True),
        ("Public again", False),
    ]


def test_line_numbers_follow_newlines_only_as_the_editor_counts_blocks() -> None:
    items = parse_tagged_lines("a\r\nb\u2028c\n- [ ] Third block\r\n")
    assert [(i.line_no, i.text, i.raw) for i in items] == [(2, "Third block", "- [ ] Third block")]


@given(st.text())
def test_any_text_parses_and_parsing_is_deterministic(body: str) -> None:
    first = parse_tagged_lines(body)
    assert first == parse_tagged_lines(body)
    lines = body.split("\n")
    for item in first:
        assert item.text and item.text == " ".join(item.text.split())
        assert item.raw == lines[item.line_no].rstrip("\r")


_WORDS = st.text(alphabet="abcdefgh #@:-[]x0123456789", min_size=0, max_size=30)


@given(st.lists(_WORDS, max_size=12))
def test_each_item_comes_from_its_own_line(lines: list[str]) -> None:
    body = "\n".join(lines)
    items = parse_tagged_lines(body)
    assert [i.line_no for i in items] == sorted({i.line_no for i in items})
    for item in items:
        assert parse_line(lines[item.line_no], item.line_no, item.private) == item
