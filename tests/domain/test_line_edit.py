"""Writing a record's new state back into its tagged note line (domain/line_edit.py)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.line_edit import LineChange, rewrite_line
from mentordesk.domain.models import Owner
from mentordesk.domain.note_tags import parse_line
from mentordesk.domain.record_rules import validate_resource_link


@pytest.mark.parametrize(
    ("line", "change", "expected"),
    [
        ("- [ ] Send the CV", LineChange(done=True), "- [x] Send the CV"),
        ("  * [X] Send the CV", LineChange(done=False), "  * [ ] Send the CV"),
        ("- [ ] Send the CV @me", LineChange(owner=Owner.MENTEE), "- [ ] Send the CV @them"),
        ("- [ ] Send it due:2027-01-15 soon", LineChange(due=date(2027, 2, 1)),
         "- [ ] Send it due:2027-02-01 soon"),
        ("- [ ] Send it due:2027-01-15 soon", LineChange(clear_due=True), "- [ ] Send it soon"),
        ("- [ ] Send it", LineChange(due=date(2027, 2, 1)), "- [ ] Send it due:2027-02-01"),
        ("#win Gave the talk", LineChange(text="Gave the keynote"), "#win Gave the keynote"),
        ("1. Gave the talk #win", LineChange(text="Gave it"), "1. Gave it #win"),
        ("- [ ] [10:02] Send @them the CV", LineChange(text="Send the deck"),
         "- [ ] [10:02] Send the deck @them"),
    ],
)  # fmt: skip
def test_the_smallest_edit_that_says_it(line: str, change: LineChange, expected: str) -> None:
    assert rewrite_line(line, change) == expected


def test_a_text_that_would_not_read_back_is_refused() -> None:
    for line, text in (
        ("Ship it #win", "Ship it #feedback"),
        ("Ship it #win", "Ship [10:00] it"),
        ("- [ ] Ship it", "Ship it due:2027-01-01"),
        ("- [ ] Ship it", "Ship it @them"),
    ):
        with pytest.raises(ValidationError) as err:
            rewrite_line(line, LineChange(text=text))
        assert err.value.field == "text"
    with pytest.raises(ValidationError, match="no longer tagged"):
        rewrite_line("Just words", LineChange(text="Other words"))


_WORD = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)


@given(
    prefix=st.sampled_from(["", "- ", "  * ", "- [10:01] "]),
    tag=st.sampled_from(["#win", "#feedback", "#fb-me"]),
    old=st.lists(_WORD, min_size=1, max_size=4),
    new=st.lists(_WORD, min_size=1, max_size=4),
    tag_first=st.booleans(),
)
def test_any_new_text_reads_back_from_the_rewritten_line(
    prefix: str, tag: str, old: list[str], new: list[str], tag_first: bool
) -> None:
    words = " ".join(old)
    line = f"{prefix}{tag} {words}" if tag_first else f"{prefix}{words} {tag}"
    before = parse_line(line)
    assert before is not None
    rewritten = rewrite_line(line, LineChange(text=" ".join(new)))
    after = parse_line(rewritten)
    assert after is not None and (after.kind, after.text) == (before.kind, " ".join(new))


@given(
    done=st.booleans(),
    owner=st.sampled_from(list(Owner)),
    due=st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)),
    text=st.lists(_WORD, min_size=1, max_size=4),
)
def test_any_action_state_reads_back(
    done: bool, owner: Owner, due: date | None, text: list[str]
) -> None:
    change = LineChange(" ".join(text), owner, due, due is None, done)
    after = parse_line(rewrite_line("- [ ] Book the room @me due:2027-01-15", change))
    assert after is not None
    assert (after.text, after.owner, after.due, after.done) == (" ".join(text), owner, due, done)


@given(st.text(max_size=60))
def test_a_resource_link_is_accepted_only_with_a_known_scheme(text: str) -> None:
    try:
        link = validate_resource_link(text)
    except ValidationError as exc:
        assert exc.field == "url" and exc.message
    else:
        assert link == text.strip()
        assert link.lower().startswith(("http://", "https://", "mailto:", "file:/"))
