"""The intro session's sections read for the profile and the roadmap (``domain/intro_session``):
answered prompts only, goals one per line with their "how we will know" as criteria."""

from __future__ import annotations

from importlib.resources import files

from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.intro_session import IntroGoal, merged, parse_intro

TEMPLATE = files("mentordesk.resources.templates").joinpath("intro-session.md").read_text("utf-8")


def answered_template() -> str:
    """The shipped template with some prompts answered, as the mentor leaves it."""
    answers = {
        "- Current role, team and how long they have been there:": (
            " Backend engineer, payments, 2 years"
        ),
        "- What they are proud of so far:": " The ledger rewrite",
        "- Topics they want to grow in:": " System design; leading people",
        "- What they hope to get from our sessions:": " A plan for staff engineer",
        "1. Goal:": " Lead the payments migration",
        "   - How we will know it is done:": " Migration shipped, no incidents",
        "2. Goal:": " Give a conference talk",
    }
    lines = []
    used: set[str] = set()
    for line in TEMPLATE.splitlines():
        key = line.rstrip()
        if key in answers and key not in used:
            used.add(key)
            line = key + answers[key]
        lines.append(line)
    return "\n".join(lines)


def test_the_untouched_template_has_nothing_to_copy() -> None:
    assert parse_intro(TEMPLATE).empty


def test_answered_prompts_go_to_their_fields_and_goals_one_per_line() -> None:
    notes = parse_intro(answered_template())
    assert notes.background == (
        "Current role, team and how long they have been there: Backend engineer, payments,"
        " 2 years\nWhat they are proud of so far: The ledger rewrite"
    )
    assert notes.interests == "Topics they want to grow in: System design; leading people"
    assert notes.expectations == (
        "What they hope to get from our sessions: A plan for staff engineer"
    )
    assert notes.goals == (
        IntroGoal("Lead the payments migration", "Migration shipped, no incidents"),
        IntroGoal("Give a conference talk"),
    )
    # Next steps and Private never reach the profile.
    assert "summary" not in notes.background + notes.interests + notes.expectations
    assert "impressions" not in notes.background


def test_free_lines_stamps_and_plain_goal_lists() -> None:
    body = (
        "# Intro with Ana\n\n## Background\nGrew up in Porto.\n[10:05] - Studied maths\n\n"
        "## Goals\n- Learn Rust\n- [ ] Ship a side project\n* \n## Next steps\n- Book next call\n"
    )
    notes = parse_intro(body)
    assert notes.background == "Grew up in Porto.\nStudied maths"
    assert [g.title for g in notes.goals] == ["Learn Rust", "Ship a side project"]
    assert notes.profile() == {"background": "Grew up in Porto.\nStudied maths"}


def test_a_copy_goes_below_what_the_profile_held_and_only_once() -> None:
    assert merged("", "New") == "New"
    assert merged("Old text\n", "New") == "Old text\n\nNew"
    assert merged("Old text\n\nNew", "New") == "Old text\n\nNew"
    assert merged("Old", "") == "Old"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_parses_to_answered_lines_and_titled_goals(body: str) -> None:
    notes = parse_intro(body)
    for goal in notes.goals:
        assert goal.title.strip() and not goal.title.endswith(":")
        assert len(goal.title) <= 200
    for text in notes.profile().values():
        assert all(line and not line.endswith(":") for line in text.split("\n"))


@given(st.lists(st.text(alphabet="abc :-#[]1.\t", max_size=30), max_size=12))
def test_heading_soup_never_breaks_the_parser(lines: list[str]) -> None:
    parse_intro("## Background\n" + "\n".join(lines) + "\n## Goals\n" + "\n".join(lines))
